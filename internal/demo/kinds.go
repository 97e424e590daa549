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
		},
		{
			name: "mayoral-election", section: "politics", imageHue: 0,
			r1:     role{"candidate", "Kandidat", "Kandidatin", "le candidat", "la candidate"},
			r2:     role{"incumbent", "Amtsinhaber", "Amtsinhaberin", "le sortant", "la sortante"},
			things: parties,
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 51, 63), between(r, 38, 71), between(r, 3, 6), float64(between(r, 510, 639)) / 10
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
		},
		{
			name: "acquisition", section: "business", imageHue: 120,
			r1: role{"chief executive", "Vorstandschef", "Vorstandschefin", "le PDG", "la PDG"},
			r2: role{"analyst", "Analyst", "Analystin", "l'analyste", "l'analyste"},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 8, 34), between(r, 900, 6500), between(r, 2, 4), float64(between(r, 120, 2400))
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
		},
		{
			name: "data-breach", section: "technology", imageHue: 280, orgTag: orgConsumer,
			r1: role{"chief technology officer", "Technikvorstand", "Technikvorständin", "le directeur technique", "la directrice technique"},
			r2: role{"security researcher", "Sicherheitsforscher", "Sicherheitsforscherin", "le chercheur en sécurité", "la chercheuse en sécurité"},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 40, 2400) * 1000, between(r, 2, 21), between(r, 2, 6), 0
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
		},
		{
			name: "outbreak", section: "health", imageHue: 340,
			r1: role{"director of public health", "Amtsarzt", "Amtsärztin", "le directeur de la santé publique", "la directrice de la santé publique"},
			r2: role{"family doctor", "Hausarzt", "Hausärztin", "le médecin généraliste", "la médecin généraliste"},
			things: []tr{
				{"norovirus", "Norovirus", "norovirus"},
				{"measles", "Masern", "rougeole"},
				{"whooping cough", "Keuchhusten", "coqueluche"},
				{"salmonella", "Salmonellen", "salmonellose"},
			},
			numbers: func(r *rand.Rand) (int, int, int, float64) {
				return between(r, 18, 160), between(r, 2, 14), between(r, 2, 5), 0
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
		},
	}
	en, de, fr := englishTexts(), germanTexts(), frenchTexts()
	for i := range ks {
		ks[i].en = en[ks[i].name]
		ks[i].de = de[ks[i].name]
		ks[i].fr = fr[ks[i].name]
	}
	return ks
}
