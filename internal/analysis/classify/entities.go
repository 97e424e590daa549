package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsdesk/internal/analysis/text"
)

// Entity types, as in the CoNLL convention.
const (
	Person       = "PER"
	Place        = "LOC"
	Organisation = "ORG"
	Misc         = "MISC"
)

// Entity is a name found in a text.
type Entity struct {
	Text string // copied from the text
	Type string // Person, Place, Organisation or Misc
}

// personTitles precede a person's name.
var personTitles = wordList(`mr mrs ms miss dr prof president minister chancellor senator sen rep governor
	gov mayor judge king queen prince princess pope sir lord lady general gen captain capt coach chairman
	chairwoman ceo director secretary premier ambassador bishop archbishop rev colonel col lieutenant
	sergeant officer spokesman spokeswoman leader striker midfielder defender goalkeeper manager champion
	herr frau monsieur madame señor señora presidente ministro ministre kanzler kanzlerin bürgermeister`)

// placePrepositions often precede a place.
var placePrepositions = wordList(`in at from to near across throughout outside inside into toward towards
	im in der aus nach à de en au aux dans desde hacia`)

// orgSuffixes end organisation names.
var orgSuffixes = wordList(`inc inc. ltd ltd. plc corp corp. co co. llc ag gmbh sa s.a. group party
	ministry university college bank council committee commission association union federation agency
	institute company corporation club fc united city rovers athletic news times post press airlines
	airways motors bureau department office court parliament assembly senate congress league board fund
	foundation organisation organization network police army navy`)

// orgWords anywhere in a name make it an organisation.
var orgWords = wordList(`ministry university bank council committee commission association union
	federation agency institute corporation parliament congress senate party`)

// placeSuffixes end place names.
var placeSuffixes = wordList(`river mountains mountain island islands sea ocean bay lake valley street
	road avenue square county province state republic kingdom strait gulf coast peninsula`)

// connectors may join capitalised words inside a name.
var connectors = wordList(`of de del della di da van von der den la le du y & for`)

func wordList(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// token is a word of the text with its byte span.
type token struct {
	word       string // without surrounding punctuation
	start, end int    // span of word in the text
	sentStart  bool   // first word of a sentence or line
	endsClause bool   // punctuation after the word ends a phrase
}

// tokenize splits text into words with spans, noting sentence starts.
func tokenize(s string) []token {
	var toks []token
	sentStart := true
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			if r == '\n' {
				sentStart = true
			}
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) {
				break
			}
			j += s2
		}
		field := s[i:j]
		// Trim punctuation around the word, keeping inner dots and
		// apostrophes ("U.S.", "O'Neill").
		ws, we := 0, len(field)
		for ws < we {
			r2, s2 := utf8.DecodeRuneInString(field[ws:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				break
			}
			ws += s2
		}
		for we > ws {
			r2, s2 := utf8.DecodeLastRuneInString(field[:we])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) || (r2 == '.' && isAbbrev(field[ws:we])) {
				break
			}
			we -= s2
		}
		if we > ws {
			trail := field[we:]
			toks = append(toks, token{
				word: field[ws:we], start: i + ws, end: i + we, sentStart: sentStart,
				endsClause: strings.ContainsAny(trail, ",;:()\"”“'.!?") || strings.ContainsAny(field[:ws], "(\"“"),
			})
			sentStart = strings.ContainsAny(trail, ".!?") && !isAbbrev(field[ws:])
		} else {
			// A punctuation-only field, as in tokenised text: " . ", " , ".
			if strings.ContainsAny(field, ".!?") {
				sentStart = true
			}
			if len(toks) > 0 {
				toks[len(toks)-1].endsClause = true
			}
		}
		i = j
	}
	return toks
}

// isAbbrev reports whether w is a dotted abbreviation such as "U.S.".
func isAbbrev(w string) bool {
	w = strings.TrimRight(w, ".")
	return strings.Contains(w, ".") && len(w) <= 8
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isShouting reports whether a line is mostly upper case (a headline or a
// dateline), where capitals say nothing about names.
func isShouting(line string) bool {
	up, low := 0, 0
	for _, r := range line {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up > 3 && up > 2*low
}

// Entities finds the names of people, places and organisations in s with
// gazetteer-free cues: runs of capitalised words (a lone capitalised word
// at the start of a sentence only when it is not a common word), typed by
// the words around them (titles such as "Mr" or "President" before a
// person, "in"/"at" before a place, "Inc", "Party", "Ministry" or "Bank"
// ending an organisation, nationality endings for Misc). Lines written
// all in capitals are skipped.
func Entities(s string) []Entity {
	var out []Entity
	offset := 0
	for _, line := range strings.SplitAfter(s, "\n") {
		if !isShouting(line) {
			out = append(out, lineEntities(line)...)
		}
		offset += len(line)
	}
	return out
}

func lineEntities(line string) []Entity {
	toks := tokenize(line)
	var out []Entity
	for i := 0; i < len(toks); {
		t := toks[i]
		if !isCapitalised(t.word) || personTitles[strings.ToLower(strings.TrimSuffix(t.word, "."))] {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j-1].endsClause {
			w := toks[j].word
			if personTitles[strings.ToLower(strings.TrimSuffix(w, "."))] {
				break
			}
			if isCapitalised(w) {
				j++
				continue
			}
			if connectors[strings.ToLower(w)] && j+1 < len(toks) && isCapitalised(toks[j+1].word) && !toks[j].endsClause {
				j += 2
				continue
			}
			break
		}
		// A sentence-initial common word is not part of a name.
		start := i
		if t.sentStart && (isCommonWord(t.word) || (j-i == 1 && !isAllCaps(t.word) && !nameFollows(toks, j))) {
			start++
		}
		if start >= j {
			i = j
			continue
		}
		name := line[toks[start].start:toks[j-1].end]
		out = append(out, Entity{Text: name, Type: entityType(toks, start, j)})
		i = j
	}
	return out
}

// nameFollows reports whether the word after a lone sentence-initial
// capitalised word suggests it is a name ("Smith said", "Acme's").
func nameFollows(toks []token, j int) bool {
	if j >= len(toks) {
		return false
	}
	switch strings.ToLower(toks[j].word) {
	case "said", "says", "told", "added", "'s", "s", "has", "had", "is", "was", "will", "would":
		return true
	}
	return false
}

// isCommonWord reports whether a capitalised word is probably just a word
// that starts a sentence.
func isCommonWord(w string) bool {
	lw := strings.ToLower(w)
	for _, lang := range []string{"en", "de", "fr", "es"} {
		if text.IsStopword(lw, lang) {
			return true
		}
	}
	return commonStarts[lw]
}

// commonStarts are frequent sentence openers that are not stop words.
var commonStarts = wordList(`after before but however meanwhile while although police officials
	earlier later last next yesterday today tomorrow now then also still some many most several both
	all no one two three four five six seven eight nine ten first second third according despite
	during following under since asked speaking it's there's`)

// entityType guesses the type of the name toks[i:j].
func entityType(toks []token, i, j int) string {
	words := make([]string, 0, j-i)
	for _, t := range toks[i:j] {
		words = append(words, strings.ToLower(t.word))
	}
	last := words[len(words)-1]
	for _, w := range words {
		if orgWords[w] {
			return Organisation
		}
	}
	if orgSuffixes[last] || (isAllCaps(toks[i].word) && j-i == 1 && len([]rune(toks[i].word)) >= 2 && len([]rune(toks[i].word)) <= 5 && !strings.Contains(toks[i].word, ".")) {
		return Organisation
	}
	if placeSuffixes[last] {
		return Place
	}
	if i > 0 {
		prev := strings.ToLower(strings.TrimSuffix(toks[i-1].word, "."))
		if personTitles[prev] {
			return Person
		}
		if placePrepositions[prev] && j-i <= 2 {
			return Place
		}
	}
	if j-i == 1 && isNationality(last) {
		return Misc
	}
	if j-i >= 2 && j-i <= 3 {
		return Person
	}
	if j < len(toks) {
		next := strings.ToLower(toks[j].word)
		if next == "said" || next == "says" || next == "told" || next == "added" {
			return Person
		}
	}
	return Place
}

func isAllCaps(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// isNationality guesses adjectives of nationality or language by ending.
func isNationality(w string) bool {
	for _, suf := range []string{"ian", "ish", "ese", "ean", "ic", "ch", "an", "i"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return suf != "i" || strings.HasSuffix(w, "ani") || strings.HasSuffix(w, "eli") || strings.HasSuffix(w, "aqi")
		}
	}
	return false
}
