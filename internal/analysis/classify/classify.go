// Package classify sorts articles into front-page sections and finds the
// people, places, organisations and topics they are about. It is pure: no
// I/O and no state between calls.
package classify

import (
	"sort"
	"strings"
	"unicode"

	"newsdesk/internal/analysis/text"
	"newsdesk/internal/news"
)

// Sections are the section slugs Section chooses from.
var Sections = []string{"world", "politics", "business", "technology", "science", "health", "sport", "culture"}

// lexicons hold cue words per language and section; they are stemmed when
// compared.
var lexicons = map[string]map[string]string{
	"en": {
		"politics":   "election elections vote voters parliament government minister ministers party parties labour tory conservative democrat republican senate congress campaign policy mp mps chancellor president prime opposition referendum bill law lawmakers legislation coalition cabinet",
		"business":   "market markets shares share stock stocks economy economic company companies firm firms profit profits sales bank banks investors inflation interest rates price prices growth trade deal revenue euro dollar oil jobs unemployment chief executive bid merger billion",
		"technology": "technology tech software computer computers internet online digital mobile phone phones apple google microsoft app apps data network users broadband video games gaming console device devices web website chip chips cyber ai",
		"science":    "science scientists research researchers study space nasa planet species climate physics biology experiment universe telescope discovery fossil laboratory",
		"health":     "health hospital hospitals doctors doctor patients patient disease virus vaccine cancer medical drug drugs nhs treatment infection pandemic covid nurses care",
		"sport":      "match game games team teams player players coach season cup league football soccer cricket rugby tennis champion championship win won victory defeat goal goals olympic athletics club injury squad tournament final striker race",
		"culture":    "film films music album band singer actor actress award awards festival show star stars movie box office theatre book novel art artist oscar grammy concert chart tv series",
	},
	"de": {
		"politics":   "wahl wahlen regierung minister partei parteien bundestag kanzler kanzlerin koalition opposition gesetz abgeordnete präsident politik",
		"business":   "wirtschaft markt unternehmen aktie aktien börse bank banken gewinn umsatz preise inflation euro konzern handel",
		"technology": "technologie software computer internet digital handy smartphone app daten netz nutzer",
		"science":    "wissenschaft forscher forschung studie weltraum klima physik",
		"health":     "gesundheit krankenhaus ärzte arzt patienten krankheit virus impfstoff krebs medizin",
		"sport":      "spiel mannschaft spieler trainer saison liga fußball tor tore sieg niederlage meister pokal",
		"culture":    "film musik album band sänger schauspieler preis festival kino theater buch kunst",
	},
	"fr": {
		"politics":   "élection élections gouvernement ministre parti partis assemblée président politique opposition loi députés",
		"business":   "économie marché entreprise entreprises bourse banque bénéfice prix inflation euro croissance commerce",
		"technology": "technologie logiciel ordinateur internet numérique téléphone application données réseau",
		"science":    "science chercheurs recherche étude espace climat physique",
		"health":     "santé hôpital médecins médecin patients maladie virus vaccin cancer",
		"sport":      "match équipe joueur joueurs entraîneur saison ligue football but buts victoire défaite champion coupe",
		"culture":    "film musique album chanteur acteur prix festival cinéma théâtre livre art",
	},
	"es": {
		"politics":   "elecciones gobierno ministro partido partidos congreso presidente política oposición ley diputados",
		"business":   "economía mercado empresa empresas bolsa banco beneficios precios inflación euro crecimiento comercio",
		"technology": "tecnología software ordenador internet digital teléfono aplicación datos red usuarios",
		"science":    "ciencia científicos investigación estudio espacio clima física",
		"health":     "salud hospital médicos médico pacientes enfermedad virus vacuna cáncer",
		"sport":      "partido equipo jugador jugadores entrenador temporada liga fútbol gol goles victoria derrota campeón copa",
		"culture":    "película música álbum cantante actor premio festival cine teatro libro arte",
	},
}

// Section returns the front-page section of an article: the section whose
// cue words (stemmed, in the article's language) weigh most, title words
// counting TitleBoost times, or "world" when no section has at least two.
func Section(title, body, lang string) string {
	lex, ok := lexicons[lang]
	if !ok {
		lex, lang = lexicons["en"], "en"
	}
	cue := make(map[string][]string)
	for sec, words := range lex {
		for _, w := range strings.Fields(words) {
			st := text.Stem(w, lang)
			cue[st] = append(cue[st], sec)
		}
	}
	score := make(map[string]float64)
	count := func(s string, w float64) {
		for _, t := range text.Tokens(s) {
			for _, sec := range cue[text.Stem(t, lang)] {
				score[sec] += w
			}
		}
	}
	count(title, text.TitleBoost)
	count(body, 1)
	best, bestScore := "world", 1.99
	for _, sec := range Sections {
		if score[sec] > bestScore {
			best, bestScore = sec, score[sec]
		}
	}
	return best
}

// Hashtags returns up to max hashtags for an article: its most mentioned
// people, places and organisations (title mentions count more), then its
// section as a topic when that is not "world".
func Hashtags(title, body, lang string, max int) []news.Hashtag {
	if max <= 0 {
		return nil
	}
	type cand struct {
		tag   news.Hashtag
		score float64
		first int
	}
	seen := make(map[string]*cand)
	var order []*cand
	add := func(es []Entity, w float64) {
		for _, e := range es {
			kind := kindOf(e.Type)
			if kind == "" {
				continue
			}
			slug := Slug(e.Text)
			if slug == "" || len(slug) < 3 {
				continue
			}
			c, ok := seen[slug]
			if !ok {
				c = &cand{tag: news.Hashtag{Slug: slug, Name: e.Text, Kind: kind}, first: len(order)}
				seen[slug] = c
				order = append(order, c)
			}
			c.score += w
		}
	}
	add(Entities(title), 2)
	add(Entities(body), 1)
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].score != order[j].score {
			return order[i].score > order[j].score
		}
		return order[i].first < order[j].first
	})
	var out []news.Hashtag
	for _, c := range order {
		if len(out) == max-1 {
			break
		}
		out = append(out, c.tag)
	}
	if sec := Section(title, body, lang); sec != "world" {
		out = append(out, news.Hashtag{Slug: sec, Name: strings.ToUpper(sec[:1]) + sec[1:], Kind: news.KindTopic})
	} else if len(order) > len(out) && len(out) < max {
		out = append(out, order[len(out)].tag)
	}
	return out
}

func kindOf(t string) news.HashtagKind {
	switch t {
	case Person:
		return news.KindPerson
	case Place:
		return news.KindPlace
	case Organisation:
		return news.KindOrg
	}
	return ""
}

// foldTable maps accented Latin letters to ASCII.
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ą': "a", 'æ': "ae",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// Slug turns a name into a URL key: lower case, accents folded to ASCII,
// words joined by hyphens, other characters dropped ("Angela Merkel" →
// "angela-merkel", "Zürich" → "zurich").
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case foldTable[r] != "":
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(foldTable[r])
		case r == '\'' || r == '’' || r == '.':
			// "O'Neill" → "oneill", "U.S." → "us"
		default:
			dash = true
		}
	}
	return b.String()
}
