package demo

import "math/rand/v2"

// text is the wording of one kind of event in one language. Placeholders in
// braces are filled from the event's facts (see event.replacer).
type text struct {
	heads    []string   // headline variants
	leads    []string   // first-paragraph variants
	slots    [][]string // later paragraphs; each slot has one or more variants
	captions []string   // photo caption variants
	// details are paragraphs about the event's own circumstances; each
	// event uses a few of them, and every outlet covering it uses the same.
	details []string
}

// kind is one type of news event with its wording in every language.
type kind struct {
	name     string
	section  string
	r1, r2   role
	things   []tr
	makers   bool   // the event's thing is the product of its company
	orgTag   string // the kind of company involved, "" for any
	numbers  func(r *rand.Rand) (n1, n2, n3 int, amt float64)
	en       text
	de       text
	fr       text
	imageHue int
}

func (k *kind) text(l string) *text {
	switch l {
	case "de":
		return &k.de
	case "fr":
		return &k.fr
	}
	return &k.en
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// kinds returns the table of event kinds. It is built fresh for each Demo so
// no package state is shared.
func kinds() []kind {
	ks := []kind{
		{
			name: "council-budget", section: "politics", imageHue: 210,
			r1: role{"Mayor", "Bürgermeister", "Bürgermeisterin", "le maire", "la maire"},
			r2: role{"Councillor", "Stadtrat", "Stadträtin", "le conseiller municipal", "la conseillère municipale"},
			things: []tr{
				{"flood defences", "den Hochwasserschutz", "la protection contre les crues"},
				{"a new tram line", "eine neue Straßenbahnlinie", "une nouvelle ligne de tramway"},
				{"school repairs", "die Sanierung der Schulen", "la rénovation des écoles"},
				{"a harbour upgrade", "den Ausbau des Hafens", "la modernisation du port"},
				{"new cycle lanes", "neue Radwege", "de nouvelles pistes cyclables"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 14, 22), between(r, 4, 11), between(r, 2, 5), float64(between(r, 18, 240)) / 10
			},
			fr: text{
				heads: []string{
					"{place} : le conseil municipal vote {amt} pour {thing}",
					"Après un long débat, {place} finance {thing}",
				},
				leads: []string{
					"Le conseil municipal de {place} a approuvé {day} une enveloppe de {amt} pour {thing}, par {n1} voix contre {n2}.",
					"C'est fait : après des mois de discussions, {place} consacrera {amt} à {thing}, a décidé le conseil municipal {day}.",
				},
				slots: [][]string{
					{"Le financement reposera en partie sur les réserves de la commune et en partie sur un emprunt. Les premiers marchés devraient être attribués d'ici {n3} mois."},
					{"« C'est la décision la plus importante de ce conseil depuis dix ans », a déclaré {r1} {p1} devant les élus."},
					{"Opposé{e2} au projet, {r2} {p2} redoute une hausse des coûts. « Nous avons déjà vu ce genre d'estimations », a rappelé {p2l}."},
					{"Le projet avait été reporté à deux reprises depuis l'an dernier, après des objections des commerçants."},
					{"Une concertation publique sur le détail des travaux doit s'ouvrir le mois prochain, selon la mairie."},
				},
				captions: []string{"La salle du conseil municipal de {place}, le soir du vote."},
			},
		},
		{
			name: "mayoral-election", section: "politics", imageHue: 0,
			r1:     role{"candidate", "Kandidat", "Kandidatin", "le candidat", "la candidate"},
			r2:     role{"incumbent", "Amtsinhaber", "Amtsinhaberin", "le sortant", "la sortante"},
			things: parties,
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 51, 63), between(r, 38, 71), between(r, 3, 6), float64(between(r, 510, 639)) / 10
			},
			fr: text{
				heads: []string{
					"{p1} élu{e1} à la mairie de {place}",
					"Municipales à {place} : victoire de {p1l}",
				},
				leads: []string{
					"Candidat{e1} de {thing}, {p1} a remporté {day} le second tour de l'élection municipale à {place} avec {pct} % des voix.",
					"Les électeurs de {place} ont tranché : {p1} succède à {p2} à la tête de la ville.",
				},
				slots: [][]string{
					{"La participation s'est établie à {n2} %, selon le service des élections."},
					{"« Ce soir, {place} a choisi le changement », a lancé {p1l} devant ses soutiens."},
					{"En poste depuis {n3} mandats, {p2} a reconnu sa défaite et promis une passation « sereine »."},
					{"Le logement et l'avenir du réseau de bus ont dominé la campagne."},
					{"L'installation du nouveau conseil est prévue le mois prochain."},
				},
				captions: []string{"{p1} entouré{e1} de ses soutiens à {place} après l'annonce des résultats."},
			},
		},
		{
			name: "disaster", section: "world", imageHue: 190,
			r1: role{"civil protection chief", "Katastrophenschutzchef", "Katastrophenschutzchefin", "le chef de la protection civile", "la cheffe de la protection civile"},
			r2: role{"resident", "Anwohner", "Anwohnerin", "un habitant", "une habitante"},
			things: []tr{
				{"heavy flooding", "durch schwere Überschwemmungen", "de graves inondations"},
				{"a powerful storm", "durch einen heftigen Sturm", "une violente tempête"},
				{"a landslide", "durch einen Erdrutsch", "un glissement de terrain"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 12, 95) * 100, between(r, 3, 40) * 1000, between(r, 2, 9), 0
			},
			fr: text{
				heads: []string{
					"{country} : des milliers d'habitants évacués autour de {place}",
					"État d'urgence dans la région de {place}",
				},
				leads: []string{
					"Les autorités ont évacué {day} {n1} personnes de la région de {place}, en {country}, après {thing}.",
					"L'état d'urgence a été déclaré {day} dans la région de {place}, en {country}, où {n2} foyers sont privés d'électricité.",
				},
				slots: [][]string{
					{"Quelque {n2} foyers étaient privés de courant, selon le gestionnaire du réseau, et plusieurs ponts ont été fermés par précaution."},
					{"« Notre priorité est de mettre tout le monde à l'abri avant la nuit », a déclaré {r1}, {p1}, lors d'un point presse."},
					{"Aucun décès n'a été signalé, mais {n3} personnes ont été hospitalisées pour des blessures légères."},
					{"De nouvelles pluies sont attendues dans les deux prochains jours et les écoles de la région resteront fermées."},
				},
				captions: []string{"Des rues inondées en périphérie de {place}."},
			},
		},
		{
			name: "treaty", section: "world", imageHue: 40,
			r1: role{"foreign minister", "Außenminister", "Außenministerin", "le ministre des Affaires étrangères", "la ministre des Affaires étrangères"},
			r2: role{"foreign minister", "Außenminister", "Außenministerin", "le ministre des Affaires étrangères", "la ministre des Affaires étrangères"},
			things: []tr{
				{"fisheries", "über die Fischerei", "sur la pêche"},
				{"water-sharing", "über die gemeinsame Nutzung von Wasser", "sur le partage de l'eau"},
				{"customs", "über Zollfragen", "sur les douanes"},
				{"energy", "über Energielieferungen", "sur l'énergie"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 5, 25), between(r, 2, 9), between(r, 2, 4), 0
			},
			fr: text{
				heads: []string{
					"{country} et {country2} signent un accord {thing}",
					"Après {n2} ans de tensions, {country} et {country2} s'entendent",
				},
				leads: []string{
					"{country} et {country2} ont signé {day} à {place} un accord {thing}, mettant fin à un différend de {n2} ans.",
					"Après {n2} années de négociations, {country} et {country2} sont parvenues à un traité {thing}.",
				},
				slots: [][]string{
					{"Conclu pour {n1} ans, l'accord doit encore être ratifié par les deux parlements."},
					{"« La diplomatie patiente fonctionne encore », s'est félicité{e1} {p1}, {r1} de {country}."},
					{"Une commission mixte se réunira {n3} fois par an, a précisé {p2}."},
					{"L'opposition des deux pays juge que le texte a été négocié sans débat public suffisant."},
				},
				captions: []string{"{p1} et {p2} après la signature à {place}."},
			},
		},
		{
			name: "acquisition", section: "business", imageHue: 120,
			r1: role{"chief executive", "Vorstandschef", "Vorstandschefin", "le PDG", "la PDG"},
			r2: role{"analyst", "Analyst", "Analystin", "l'analyste", "l'analyste"},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 8, 34), between(r, 900, 6500), between(r, 2, 4), float64(between(r, 120, 2400))
			},
			fr: text{
				heads: []string{
					"{org} rachète {org2} pour {amt}",
					"{org2} passe sous le contrôle de {org}",
				},
				leads: []string{
					"{org} va racheter son concurrent {org2} pour {amt}, ont annoncé {day} les deux entreprises.",
					"L'action {org2} a bondi de {n1} % {day} après l'annonce d'une offre de rachat de {org} d'un montant de {amt}.",
				},
				slots: [][]string{
					{"Le prix représente une prime de {n1} % sur le dernier cours avant l'annonce."},
					{"« Ensemble, nous serons plus rapides et plus forts », a affirmé {r1} de {org}, {p1}."},
					{"Le nouveau groupe comptera environ {n2} salariés. Les syndicats réclament des garanties sur l'emploi."},
					{"L'opération doit encore être validée par les autorités de la concurrence."},
				},
				captions: []string{"Le siège de {org2}."},
			},
		},
		{
			name: "new-plant", section: "business", imageHue: 30, makers: true,
			r1: role{"operations director", "Produktionsvorstand", "Produktionsvorständin", "le directeur des opérations", "la directrice des opérations"},
			r2: role{"union representative", "Betriebsrat", "Betriebsrätin", "le représentant syndical", "la représentante syndicale"},
			things: []tr{
				{"batteries", "Batterien", "batteries"},
				{"bicycles", "Fahrräder", "vélos"},
				{"solar panels", "Solarmodule", "panneaux solaires"},
				{"frozen meals", "Tiefkühlgerichte", "plats surgelés"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 3, 18) * 50, between(r, 2, 4), between(r, 2, 5), float64(between(r, 40, 900))
			},
			fr: text{
				heads: []string{
					"{org} va implanter une usine à {place}",
					"{place} : {n1} emplois avec la future usine de {org}",
				},
				leads: []string{
					"{org} va investir {amt} dans une usine de {thing} à {place}, qui doit créer {n1} emplois.",
					"Bonne nouvelle pour {place} : {org} y fabriquera des {thing} et emploiera {n1} personnes.",
				},
				slots: [][]string{
					{"Les travaux doivent commencer l'an prochain, pour une mise en service d'ici {n2} ans."},
					{"« {place} a les compétences, le foncier et les infrastructures dont nous avons besoin », a expliqué {p1}."},
					{"{R2}, {p2}, salue l'annonce mais réclame des emplois durables."},
					{"Le permis de construire doit encore être accordé."},
				},
				captions: []string{"Le terrain de {place} où sera construite l'usine."},
			},
		},
		{
			name: "data-breach", section: "technology", imageHue: 280, orgTag: orgConsumer,
			r1: role{"chief technology officer", "Technikvorstand", "Technikvorständin", "le directeur technique", "la directrice technique"},
			r2: role{"security researcher", "Sicherheitsforscher", "Sicherheitsforscherin", "le chercheur en sécurité", "la chercheuse en sécurité"},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 40, 2400) * 1000, between(r, 2, 21), between(r, 2, 6), 0
			},
			fr: text{
				heads: []string{
					"Fuite de données chez {org} : {n1} clients concernés",
					"{org} victime d'une cyberattaque",
				},
				leads: []string{
					"{org} a reconnu {day} que des pirates avaient eu accès aux données personnelles d'environ {n1} clients.",
					"Noms, adresses électroniques et numéros de téléphone de {n1} clients de {org} ont été dérobés, a annoncé l'entreprise {day}.",
				},
				slots: [][]string{
					{"Les données bancaires, stockées séparément, n'ont pas été touchées, selon l'entreprise."},
					{"« Nous sommes profondément désolés », a déclaré {r1}, {p1}."},
					{"{R2} {p2} regrette qu'il ait fallu {n2} jours pour prévenir les clients."},
					{"L'autorité de protection des données a ouvert une enquête."},
				},
				captions: []string{"Les bureaux de {org}."},
			},
		},
		{
			name: "autonomy-trial", section: "technology", imageHue: 160, orgTag: orgMobility,
			r1: role{"transport councillor", "Verkehrsdezernent", "Verkehrsdezernentin", "l'adjoint aux transports", "l'adjointe aux transports"},
			r2: role{"project lead", "Projektleiter", "Projektleiterin", "le chef de projet", "la cheffe de projet"},
			things: []tr{
				{"driverless shuttle buses", "fahrerlose Shuttlebusse", "des navettes sans chauffeur"},
				{"delivery robots", "Lieferroboter", "des robots de livraison"},
				{"drone deliveries", "Drohnenlieferungen", "des livraisons par drone"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 4, 16), between(r, 8, 26), between(r, 2, 6), 0
			},
			fr: text{
				heads: []string{
					"{place} expérimente {thing}",
					"À {place}, {thing} à l'essai pendant {n2} semaines",
				},
				leads: []string{
					"{place} a lancé {day} une expérimentation de {n2} semaines avec {thing} fournis par {org}.",
					"Depuis {day}, {thing} circulent à {place}, dans le cadre d'un test mené avec {org}.",
				},
				slots: [][]string{
					{"Un opérateur de sécurité supervisera chaque trajet pendant toute la durée de l'essai."},
					{"« Nous voulons apprendre avec les habitants », a expliqué {r1}, {p1}."},
					{"Selon {p2}, de {org}, les véhicules ont été testés pendant {n3} mois sur circuit fermé."},
					{"L'expérimentation est financée par un programme national d'innovation."},
				},
				captions: []string{"Un des véhicules lors de son premier jour à {place}."},
			},
		},
		{
			name: "new-species", section: "science", imageHue: 95,
			r1: role{"biologist", "Biologe", "Biologin", "le biologiste", "la biologiste"},
			r2: role{"entomologist", "Zoologe", "Zoologin", "le zoologiste", "la zoologiste"},
			things: []tr{
				{"beetle", "Käferart", "scarabée"},
				{"orchid", "Orchideenart", "orchidée"},
				{"freshwater snail", "Süßwasserschneckenart", "escargot d'eau douce"},
				{"tree frog", "Laubfroschart", "rainette"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 3, 40), between(r, 2, 9), between(r, 60, 900), 0
			},
			fr: text{
				heads: []string{
					"Une nouvelle espèce de {thing} découverte près de {place}",
					"Des chercheurs de {univ} décrivent une espèce inconnue",
				},
				leads: []string{
					"Des chercheurs de {univ} ont décrit une nouvelle espèce de {thing} découverte dans une forêt proche de {place}.",
					"Une espèce de {thing} jusqu'ici inconnue a été identifiée près de {place} par une équipe dirigée par {p1}.",
				},
				slots: [][]string{
					{"L'équipe n'a trouvé que {n1} spécimens en {n2} ans de terrain."},
					{"« Trouver une espèce nouvelle si près d'une ville montre l'étendue de notre ignorance », souligne {p1}."},
					{"Des analyses génétiques ont confirmé qu'il s'agit d'une espèce distincte."},
					{"Les auteurs demandent la protection du site."},
				},
				captions: []string{"La forêt près de {place} où l'espèce a été découverte."},
			},
		},
		{
			name: "outbreak", section: "health", imageHue: 340,
			r1: role{"director of public health", "Amtsarzt", "Amtsärztin", "le directeur de la santé publique", "la directrice de la santé publique"},
			r2: role{"family doctor", "Hausarzt", "Hausärztin", "le médecin généraliste", "la médecin généraliste"},
			things: []tr{
				{"norovirus", "Norovirus", "norovirus"},
				{"measles", "Masern", "rougeole"},
				{"whooping cough", "Keuchhusten", "coqueluche"},
				{"salmonella", "Salmonellen", "salmonelle"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 18, 160), between(r, 2, 14), between(r, 2, 5), 0
			},
			fr: text{
				heads: []string{
					"{place} : {n1} cas de {thing} confirmés",
					"Épidémie de {thing} à {place}, les autorités appellent à la vigilance",
				},
				leads: []string{
					"{n1} cas de {thing} ont été confirmés à {place} ces deux dernières semaines, a annoncé {day} {hosp}.",
					"{hosp} enquête sur un foyer de {thing} : {n1} personnes sont tombées malades.",
				},
				slots: [][]string{
					{"{n2} patients ont été hospitalisés ; la plupart des cas sont bénins."},
					{"« Les chiffres sont plus élevés que d'habitude », a indiqué {r1}, {p1}."},
					{"L'origine de la contamination n'est pas encore connue."},
					{"Les écoles et les maisons de retraite ont reçu des consignes d'hygiène."},
				},
				captions: []string{"Les locaux de {hosp}."},
			},
		},
		{
			name: "match", section: "sport", imageHue: 60,
			r1:     role{"striker", "Stürmer", "Stürmerin", "l'attaquant", "l'attaquante"},
			r2:     role{"head coach", "Trainer", "Trainerin", "l'entraîneur", "l'entraîneuse"},
			things: cups,
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 2, 5), between(r, 0, 1), between(r, 60, 89), float64(between(r, 4, 28) * 1000)
			},
			fr: text{
				heads: []string{
					"{thing} : {team1} s'impose {n1}-{n2} face à {team2}",
					"Doublé de {p1l}, {team1} qualifié",
				},
				leads: []string{
					"{team1} a battu {team2} {n1}-{n2} {day} en {thing}, grâce à un doublé de {p1}.",
					"Auteur de deux buts, {p1} a offert à {team1} la victoire ({n1}-{n2}) contre {team2} en {thing}.",
				},
				slots: [][]string{
					{"{p1l} a ouvert le score après un quart d'heure avant de transformer un penalty à la {n3}e minute."},
					{"« Nous avons été patients », a résumé {r2} {p2}."},
					{"{team2} a dominé la première période sans vraiment inquiéter le gardien."},
					{"{amtn} spectateurs ont assisté à la rencontre."},
				},
				captions: []string{"{p1} célèbre un but pour {team1}."},
			},
		},
		{
			name: "book-prize", section: "culture", imageHue: 300,
			r1: role{"novelist", "Schriftsteller", "Schriftstellerin", "le romancier", "la romancière"},
			r2: role{"chair of the judges", "Jury-Vorsitzender", "Jury-Vorsitzende", "le président du jury", "la présidente du jury"},
			things: []tr{
				{"the Harrow Prize for fiction", "den Harrow-Literaturpreis", "le prix Harrow"},
				{"the Fenwold Book Award", "den Fenwold-Buchpreis", "le prix du livre de Fenwold"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 90, 260), between(r, 10, 50), between(r, 2, 6), 0
			},
			fr: text{
				heads: []string{
					"{p1} remporte {thing}",
					"« {work} » couronné",
				},
				leads: []string{
					"{p1} a reçu {day} {thing} pour « {work} », a annoncé le jury réuni à {place}.",
					"Premier roman de {p1}, « {work} » a remporté {thing}.",
				},
				slots: [][]string{
					{"Doté de {n2} 000 euros, le prix a reçu {n1} candidatures cette année."},
					{"« C'est un livre sur la mémoire des lieux », a expliqué {r2}, {p2}."},
					{"{p1l} a confié avoir mis {n3} ans à écrire ce roman."},
					{"L'éditeur a annoncé un nouveau tirage."},
				},
				captions: []string{"{p1} lors de la remise du prix à {place}."},
			},
		},
	}
	en, de := englishTexts(), germanTexts()
	for i := range ks {
		ks[i].en = en[ks[i].name]
		ks[i].de = de[ks[i].name]
	}
	return ks
}
