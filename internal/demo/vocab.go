package demo

import "fmt"

// This file holds the fictional vocabularies the events are built from:
// towns, countries, people, companies and the like. Every name is invented.

// tr is one phrase in the three languages of the demo.
type tr struct{ en, de, fr string }

// in returns the phrase in language l.
func (t tr) in(l string) string {
	switch l {
	case "de":
		return t.de
	case "fr":
		return t.fr
	}
	return t.en
}

// role is a job title in the three languages, gendered where the language
// needs it. French forms carry their article.
type role struct{ en, deM, deF, frM, frF string }

// in returns the title for a person of the given gender in language l.
func (r role) in(l string, female bool) string {
	switch {
	case l == "de" && female:
		return r.deF
	case l == "de":
		return r.deM
	case l == "fr" && female:
		return r.frF
	case l == "fr":
		return r.frM
	}
	return r.en
}

// person is a fictional person.
type person struct {
	first, last string
	female      bool
}

func (p person) full() string { return p.first + " " + p.last }

// Towns of the demo world. None of them exists.
var towns = []string{
	"Haverleigh", "Port Ansel", "Marrowby", "Kestrel Bay", "Brackenford",
	"Eastmere", "Tollwick", "Saltmarsh Green", "Windlecombe", "Corrigan Falls",
	"Ashby Cross", "Fenwold", "Larchmont Ridge", "Oxlade", "Pennick",
	"Lindenhain", "Kesselbrunn", "Wendelstedt", "Obermarkt am See", "Rabenfurt",
	"Valmorin", "Saint-Aubrac", "Bellerive-sur-Lorne", "Montclaire", "Quimbrey",
	"Dunholm", "Gorsebridge", "Ravensholt", "Millbeck", "Stonyhurst Vale",
	"Catterline", "Wraybourne", "Elmsford Quay", "Northcote Mill", "Sedgeley",
	"Abbotsreach", "Hollinsgate", "Brinmoor", "Tregarrow", "Ulverby",
	"Fallowmere", "Cresswater", "Langstrand", "Morrowdene", "Pendlecott",
	"Greifenau", "Tannwiesen", "Altbrückhof", "Schollingen", "Mirbach am Wald",
	"Roquevaire-les-Pins", "Château-Aulnay", "Varennes-sur-Clair", "Lusignac", "Pontorlay",
	"Kilbrannan", "Aberwen", "Skarsholm", "Vellinge Strand", "Oakhollow",
}

// Countries of the demo world; all end in -a so French can say "en X".
var countries = []string{
	"Valdoria", "Karesia", "Ostrelia", "Norvania", "Belarca", "Tessaria", "Marvenia", "Colduria",
}

var firstNamesF = []string{
	"Amara", "Helena", "Ines", "Margit", "Clara", "Nadia", "Sofie", "Elodie",
	"Rosalind", "Tamsin", "Greta", "Odile", "Priya", "Maren", "Josefine", "Carys",
	"Beatrix", "Yasmin", "Lorna", "Solveig", "Anouk", "Fenella", "Marisol", "Wilhelmina",
	"Zofia", "Harriet", "Leonie", "Ottilie", "Kezia", "Bronwen", "Aurélie", "Imogen",
	"Thandiwe", "Mireille", "Ingrid", "Rhiannon", "Esme", "Delphine", "Noor", "Verity",
	"Annelise", "Constance", "Ylva", "Philippa", "Sunniva", "Giulia", "Hedda", "Morwenna",
	"Adaeze", "Liesel", "Catriona", "Séverine", "Ottoline", "Marguerite", "Saoirse", "Dagny",
}

var firstNamesM = []string{
	"Tobias", "Callum", "Henrik", "Julien", "Rafael", "Emeric", "Owen", "Lukas",
	"Declan", "Anselm", "Bastien", "Idris", "Konrad", "Fergus", "Matthis", "Arlo",
	"Casimir", "Gideon", "Torben", "Lucien", "Emrys", "Jonah", "Leopold", "Ruairi",
	"Benedikt", "Thaddeus", "Aurelio", "Caspar", "Ewan", "Florian", "Hamish", "Ignatius",
	"Jarrah", "Killian", "Lorcan", "Marius", "Nikolai", "Olufemi", "Pascal", "Quentin",
	"Rupert", "Silas", "Tancrède", "Ulrich", "Valentin", "Wystan", "Yannick", "Zebedee",
	"Alistair", "Barnaby", "Cosmo", "Dorian", "Evander", "Fabrice", "Gunnar", "Hugo",
}

// Surnames are built from a stem and an ending, which gives several hundred
// distinct names, so that each event can have its own people.
var surnameStems = []string{
	"Ash", "Brad", "Cal", "Dun", "Elling", "Fair", "Gold", "Hal", "Ing", "Kirk",
	"Lang", "Mar", "Nor", "Pen", "Rad", "Stan", "Thorn", "Wes", "Whit", "Black",
	"Brook", "Cran", "Hart", "Mel", "Rom", "Stock", "Wen", "Bur", "Cor", "Fen",
	"Gar", "Hol", "Lind", "Mor", "Ock", "Sel", "Tal", "Ul", "Vin", "Yar",
	"Ald", "Bex", "Coll", "Dray", "Eld", "Frith", "Grim", "Hask", "Kell", "Lox",
}

var surnameEndings = []string{
	"ford", "ley", "wood", "ton", "by", "croft", "well", "more", "stead", "wick",
	"field", "ham", "holt", "dale", "mere", "bury",
}

// pool names a table that events draw from without repeats.
type pool int

const (
	poolSurname pool = iota
	poolTown
	poolCompany
	poolStreet
	poolDistrict
	poolRiver
	poolVenue
	poolCount
)

// surname returns surname number i of the stem and ending table.
func surname(i int) string {
	return surnameStems[i%len(surnameStems)] + surnameEndings[i/len(surnameStems)%len(surnameEndings)]
}

// company is an invented firm; makers list what they produce.
type company struct {
	name     string
	products []tr
	tag      string // orgConsumer or orgMobility for firms without products
}

// Tags of companies, matched against a kind's orgTag.
const (
	orgMaker    = "maker"    // has products
	orgConsumer = "consumer" // holds customer accounts
	orgMobility = "mobility" // builds or runs vehicles
)

var companies = []company{
	{"Brightwater Energy", []tr{{"wind turbine blades", "Rotorblätter für Windräder", "pales d'éoliennes"}}, ""},
	{"Brisa Solar", []tr{{"solar panels", "Solarmodule", "panneaux solaires"}}, ""},
	{"Kestrel Robotics", []tr{{"warehouse robots", "Lagerroboter", "robots d'entrepôt"}}, ""},
	{"Fennick Motors", []tr{{"electric delivery vans", "elektrische Lieferwagen", "fourgons électriques"}}, ""},
	{"Halden Foods", []tr{{"frozen meals", "Tiefkühlgerichte", "plats surgelés"}}, ""},
	{"Voltmark Cells", []tr{{"lithium batteries", "Lithiumbatterien", "batteries au lithium"}}, ""},
	{"Pellow Cycles", []tr{{"electric bicycles", "E-Bikes", "vélos électriques"}}, ""},
	{"Greyfield Steel", []tr{{"steel rails", "Stahlschienen", "rails en acier"}}, ""},
	{"Sablewood Paper", []tr{{"recycled packaging", "Recyclingverpackungen", "emballages recyclés"}}, ""},
	{"Luma Systems", []tr{{"LED street lights", "LED-Straßenleuchten", "lampadaires LED"}}, ""},
	{"Orvel Pharma", []tr{{"vaccines", "Impfstoffe", "vaccins"}}, ""},
	{"Marlow Dairy", []tr{{"cheese", "Käse", "fromages"}}, ""},
	{"Tidewell Glass", []tr{{"glass bottles", "Glasflaschen", "bouteilles en verre"}}, ""},
	{"Copperline Rail", []tr{{"tram carriages", "Straßenbahnwagen", "rames de tramway"}}, ""},
	{"Quarrydown Cement", []tr{{"low-carbon cement", "klimafreundlichen Zement", "ciment bas carbone"}}, ""},
	{"Hearthstone Ovens", []tr{{"heat pumps", "Wärmepumpen", "pompes à chaleur"}}, ""},
	{"Norrow Logistics", nil, orgMobility},
	{"Pathwise Mobility", nil, orgMobility},
	{"Skyloft Drones", nil, orgMobility},
	{"Roamwell Transit", nil, orgMobility},
	{"Cartwheel Autonomy", nil, orgMobility},
	{"Tamsin Mobile", nil, orgConsumer},
	{"Aldergate Insurance", nil, orgConsumer},
	{"Vireo Networks", nil, orgConsumer},
	{"Pinecrest Pharmacies", nil, orgConsumer},
	{"Saltire Travel", nil, orgConsumer},
	{"Gallowmere Water", nil, orgConsumer},
	{"Cobblestone Grocers", nil, orgConsumer},
	{"Northlight Broadband", nil, orgConsumer},
	{"Emberline Games", nil, orgConsumer},
	{"Oakvale Clinics", nil, orgConsumer},
	{"Swiftpost Parcels", nil, orgMobility},
	{"Redkite Airlines", nil, orgConsumer},
	{"Meadowgate Homes", nil, orgConsumer},
	{"Quillon Software", nil, orgConsumer},
}

// Stems of invented street, district, river and venue names.
var placeStems = []string{
	"Alder", "Beacon", "Chapel", "Drover", "Eel", "Foundry", "Gannet", "Heron",
	"Ivy", "Juniper", "Kiln", "Linnet", "Malt", "Nettle", "Osier", "Plover",
	"Quay", "Rook", "Sorrel", "Tanner", "Umber", "Vetch", "Weaver", "Yew",
	"Barley", "Cinder", "Dovecote", "Ferry", "Gorse", "Hazel", "Iron", "Jetty",
	"Kittiwake", "Lime", "Mill", "Orchard", "Pilgrim", "Rope", "Saddler", "Thistle",
	"Wharf", "Bramble", "Cooper", "Fuller", "Glover", "Hayward", "Lark", "Marten",
}

var streetKinds = []string{"Street", "Road", "Lane", "Avenue", "Way", "Row", "Terrace", "Hill"}
var districtKinds = []string{"Park", "Green", "Quarter", "Heights", "End", "Fields", "Common", "Gate"}
var venueKinds = []string{"Community Hall", "Corn Exchange", "Assembly Rooms", "Guildhall", "Civic Centre", "Drill Hall"}

// placeStemsDE are the German stems, entry for entry with placeStems; they
// start compounds such as "Erlengasse" or "Erlenfeld".
var placeStemsDE = []string{
	"Erlen", "Leuchtturm", "Kapellen", "Viehtrieb", "Aal", "Gießerei", "Möwen", "Reiher",
	"Efeu", "Wacholder", "Ziegel", "Hänflings", "Malz", "Nessel", "Weiden", "Regenpfeifer",
	"Kai", "Raben", "Ampfer", "Gerber", "Ocker", "Wicken", "Weber", "Eiben",
	"Gersten", "Schlacken", "Tauben", "Fähr", "Ginster", "Hasel", "Eisen", "Anleger",
	"Dreizehen", "Linden", "Mühlen", "Obstgarten", "Pilger", "Seiler", "Sattler", "Distel",
	"Hafen", "Brombeer", "Böttcher", "Walker", "Handschuhmacher", "Flurhüter", "Lerchen", "Marder",
}

// placeStemsFR are the French stems, entry for entry with placeStems, with
// the article that follows "rue" or "quartier".
var placeStemsFR = []string{
	"des Aulnes", "du Phare", "de la Chapelle", "des Bouviers", "des Anguilles", "de la Fonderie", "des Goélands", "du Héron",
	"du Lierre", "des Genévriers", "du Four à chaux", "des Linottes", "de la Malterie", "des Orties", "des Osiers", "du Pluvier",
	"du Quai", "des Corbeaux", "de l'Oseille", "des Tanneurs", "de l'Ocre", "des Vesces", "des Tisserands", "des Ifs",
	"de l'Orge", "des Cendres", "du Pigeonnier", "du Bac", "des Ajoncs", "des Noisetiers", "des Forges", "de la Jetée",
	"des Mouettes", "des Tilleuls", "du Moulin", "des Vergers", "des Pèlerins", "des Cordiers", "des Selliers", "des Chardons",
	"du Port", "des Ronces", "des Tonneliers", "des Foulons", "des Gantiers", "des Faucheurs", "de l'Alouette", "des Martres",
}

// German street, district and venue endings. Streets and venues are
// feminine ("in der Erlengasse", "in der Erlenhalle"); districts are
// names without an article ("in Erlenfeld").
var streetKindsDE = []string{"straße", "gasse", "allee", "zeile", "straße", "gasse", "promenade", "straße"}
var districtKindsDE = []string{"feld", "au", "bach", "hausen", "heide", "rode", "dorf", "stedt"}
var venueKindsDE = []string{"halle", "festhalle", "halle", "festhalle", "halle", "festhalle"}

// French street, district and venue words. Streets and venues are
// feminine ("dans la rue des Aulnes"), districts masculine ("du quartier
// des Aulnes").
var streetKindsFR = []string{"rue", "avenue", "allée", "rue", "route", "rue", "promenade", "montée"}
var districtKindsFR = []string{"quartier", "faubourg", "lotissement", "quartier", "hameau", "quartier", "faubourg", "quartier"}
var venueKindsFR = []string{"salle des fêtes", "halle", "salle polyvalente", "maison des associations", "salle municipale", "salle des fêtes"}

// localPlace builds a street, district or venue name from stem i and
// ending j in the three languages.
func localPlace(i, j int, en, de, fr []string, enFmt string) tr {
	return tr{
		en: fmt.Sprintf(enFmt, placeStems[i], en[j%len(en)]),
		de: placeStemsDE[i] + de[j%len(de)],
		fr: fr[j%len(fr)] + " " + placeStemsFR[i],
	}
}

var riverNames = []string{
	"Sallow", "Wendle", "Orrin", "Brevel", "Morle", "Tamber", "Cassel", "Lurran",
	"Ebbing", "Fenner", "Askel", "Rothwen", "Silvet", "Ulla", "Greave", "Hollin",
}

var banks = []string{"Tamsin Bank", "Corvell Securities", "Haldane & Price", "Northmoor Capital"}

var parties = []tr{
	{"Civic Alliance", "Bürgerallianz", "l'Alliance civique"},
	{"Green Future party", "Grüne Zukunft", "le parti Avenir vert"},
	{"Rural League", "Ländliche Liga", "la Ligue rurale"},
	{"Labour Forum", "Arbeitsforum", "le Forum du travail"},
}

var teamSuffixes = []string{"Rovers", "United", "Athletic", "Wanderers", "City"}

var cups = []tr{
	{"the Alder Cup", "im Alder-Pokal", "coupe Alder"},
	{"the Coastal League", "in der Küstenliga", "ligue côtière"},
	{"the Northern Shield", "im Nordschild", "coupe du Nord"},
}

var novelWords = []string{
	"Salt", "Orchard", "Lantern", "Winter", "Harbour", "Glass", "Tide", "Sparrow",
	"Quiet", "River", "Ember", "Meadow", "Ledger", "Cartographer", "Lighthouse", "Hours",
}

// wireAgency is the invented news agency whose copy several outlets run.
const wireAgency = "Meridian Press Agency"

// wireShort is the agency's short name used in datelines.
const wireShort = "MPA"

// wireReporters are the agency's correspondents.
var wireReporters = []string{"Ilse Varga", "Tomas Reyhill", "Nkem Adebayo-Lund", "Paulo Ferreira-Kent"}

// weekday names per language, Sunday first.
var weekdays = map[string][7]string{
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	"de": {"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
	"fr": {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
}

// sectionNames are the display names of the sections per language.
var sectionNames = map[string]map[string]string{
	"en": {"world": "World", "politics": "Politics", "business": "Business", "technology": "Technology", "science": "Science", "health": "Health", "sport": "Sport", "culture": "Culture"},
	"de": {"world": "Welt", "politics": "Politik", "business": "Wirtschaft", "technology": "Technik", "science": "Wissenschaft", "health": "Gesundheit", "sport": "Sport", "culture": "Kultur"},
	"fr": {"world": "Monde", "politics": "Politique", "business": "Economie", "technology": "Technologies", "science": "Sciences", "health": "Santé", "sport": "Sport", "culture": "Culture"},
}

// sectionOrder is the order sections appear in navigation.
var sectionOrder = []string{"world", "politics", "business", "technology", "science", "health", "sport", "culture"}
