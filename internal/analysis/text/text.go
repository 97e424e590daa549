// Package text holds the language tools every analysis step shares: word
// tokens, sentence splitting, stemming, stop words, language detection and
// term weighting. It is pure: no I/O and no state between calls.
package text

import (
	"math"
	"strings"
	"unicode"
)

// Tokens splits s into lower-cased words. A word is a run of letters, digits
// and combining marks; an apostrophe or hyphen inside a word splits it.
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// Shingles returns the word n-grams of tokens joined by single spaces. A
// text shorter than n words gives one shingle of all its words.
func Shingles(tokens []string, n int) []string {
	if len(tokens) == 0 || n <= 0 {
		return nil
	}
	if len(tokens) <= n {
		return []string{strings.Join(tokens, " ")}
	}
	out := make([]string, 0, len(tokens)-n+1)
	for i := 0; i+n <= len(tokens); i++ {
		out = append(out, strings.Join(tokens[i:i+n], " "))
	}
	return out
}

// TitleBoost is how many times a title word counts against a body word in
// Terms.
const TitleBoost = 3

// Terms returns the content terms of a document, stemmed and without stop
// words, with a sublinear weight 1+ln(tf) where a title occurrence counts
// TitleBoost times. Numbers of fewer than four digits and one-letter words
// are left out. The weights are not normalised.
func Terms(title, body, lang string) map[string]float64 {
	tf := make(map[string]float64)
	add := func(s string, w float64) {
		for _, t := range Tokens(s) {
			if !keepTerm(t, lang) {
				continue
			}
			tf[Stem(t, lang)] += w
		}
	}
	add(title, TitleBoost)
	add(body, 1)
	for k, v := range tf {
		tf[k] = 1 + math.Log(v)
	}
	return tf
}

// ContentWords returns the stemmed non-stop-word tokens of s in order.
func ContentWords(s, lang string) []string {
	var out []string
	for _, t := range Tokens(s) {
		if keepTerm(t, lang) {
			out = append(out, Stem(t, lang))
		}
	}
	return out
}

func keepTerm(t, lang string) bool {
	n := 0
	digits := true
	for _, r := range t {
		n++
		if !unicode.IsDigit(r) {
			digits = false
		}
	}
	if n < 2 || (digits && n < 4) {
		return false
	}
	return !IsStopword(t, lang)
}

// Cosine returns the cosine similarity of two sparse vectors.
func Cosine(a, b map[string]float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot float64
	for k, v := range a {
		dot += v * b[k]
	}
	if dot == 0 {
		return 0
	}
	return dot / (Norm(a) * Norm(b))
}

// Norm returns the Euclidean length of a sparse vector.
func Norm(v map[string]float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
