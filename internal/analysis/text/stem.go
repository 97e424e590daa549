package text

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// Stem reduces a lower-case word to its stem in the language lang (ISO
// 639-1). English, French, Spanish, Russian, Swedish, Norwegian and
// Hungarian use the Snowball stemmers; German uses a light suffix stripper;
// other languages get the word back unchanged.
func Stem(word, lang string) string {
	switch lang {
	case "en", "":
		return english.Stem(word, true)
	case "fr":
		return french.Stem(word, true)
	case "es":
		return spanish.Stem(word, true)
	case "ru":
		return russian.Stem(word, true)
	case "sv":
		return swedish.Stem(word, true)
	case "no", "nb", "nn":
		return norwegian.Stem(word, true)
	case "hu":
		return hungarian.Stem(word, true)
	case "de":
		return stemGerman(word)
	}
	return word
}

// stemGerman folds umlauts and strips common inflectional suffixes, keeping
// at least three letters of the stem.
func stemGerman(w string) string {
	w = strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss").Replace(w)
	r := []rune(w)
	strip := func(suffixes ...string) bool {
		for _, s := range suffixes {
			n := len([]rune(s))
			if len(r)-n >= 3 && strings.HasSuffix(string(r), s) {
				r = r[:len(r)-n]
				return true
			}
		}
		return false
	}
	if !strip("ern", "em", "er", "en", "es", "e") {
		if len(r) > 4 && r[len(r)-1] == 's' && strings.ContainsRune("bdfghklmnrt", r[len(r)-2]) {
			r = r[:len(r)-1]
		}
	}
	strip("est", "en", "er")
	if len(r) > 4 && r[len(r)-1] == 't' && r[len(r)-2] == 's' {
		r = r[:len(r)-2]
	}
	strip("ung", "heit", "keit", "lich", "isch", "ig")
	return string(r)
}
