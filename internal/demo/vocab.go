package demo

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
}

// Countries of the demo world; all end in -a so French can say "en X".
var countries = []string{
	"Valdoria", "Karesia", "Ostrelia", "Norvania", "Belarca", "Tessaria", "Marvenia", "Colduria",
}

var firstNamesF = []string{
	"Amara", "Helena", "Ines", "Margit", "Clara", "Nadia", "Sofie", "Elodie",
	"Rosalind", "Tamsin", "Greta", "Odile", "Priya", "Maren", "Josefine", "Carys",
}

var firstNamesM = []string{
	"Tobias", "Callum", "Henrik", "Julien", "Rafael", "Emeric", "Owen", "Lukas",
	"Declan", "Anselm", "Bastien", "Idris", "Konrad", "Fergus", "Matthis", "Arlo",
}

var lastNames = []string{
	"Holloway", "Brennick", "Castellane", "Vashti", "Okonkwo-Reyes", "Lindqvist",
	"Marchetti", "Thornbury", "Kessler", "Duvernoy", "Achterberg", "Pemberton",
	"Szalai", "Rourke", "Valcourt", "Ferrante", "Hallgrim", "Oyelaran", "Brandvold",
	"Ellery", "Quenneville", "Stroud", "Weidinger", "Mallory", "Dunmore", "Tiberi",
}

var companies = []string{
	"Brightwater Energy", "Kestrel Robotics", "Halden Foods", "Norrow Logistics",
	"Orvel Pharma", "Tamsin Mobile", "Greyfield Steel", "Luma Systems",
	"Aldergate Insurance", "Copperline Rail", "Vireo Networks", "Sablewood Paper",
	"Quarrydown Cement", "Fennick Motors", "Brisa Solar", "Ironmere Mining",
}

var banks = []string{"Tamsin Bank", "Corvell Securities", "Haldane & Price", "Northmoor Capital"}

var parties = []tr{
	{"Civic Alliance", "Bürgerallianz", "l'Alliance civique"},
	{"Green Future party", "Partei Grüne Zukunft", "le parti Avenir vert"},
	{"Rural League", "Ländlichen Liga", "la Ligue rurale"},
	{"Labour Forum", "Arbeitsforum", "le Forum du travail"},
}

var teamSuffixes = []string{"Rovers", "United", "Athletic", "Wanderers", "City"}

var cups = []tr{
	{"the Alder Cup", "Alder-Pokal", "coupe Alder"},
	{"the Coastal League", "Küstenliga", "ligue côtière"},
	{"the Northern Shield", "Nordschild", "coupe du Nord"},
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
