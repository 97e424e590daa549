package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are words that end with a full stop without ending a
// sentence, lower-cased and without the stop.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"sr": true, "jr": true, "gen": true, "sen": true, "rep": true, "gov": true,
	"lt": true, "col": true, "capt": true, "sgt": true, "cpl": true, "maj": true,
	"rev": true, "hon": true, "pres": true, "supt": true, "insp": true, "det": true,
	"no": true, "nos": true, "vs": true, "etc": true, "approx": true, "est": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "plc": true, "bros": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mt": true, "ft": true, "fig": true, "vol": true, "ed": true, "al": true,
	"dept": true, "univ": true, "ave": true, "blvd": true, "rd": true,
	"e.g": true, "i.e": true, "cf": true, "ca": true,
	"hr": true, "fr": true, "mme": true, "mlle": true, "sra": true, "sr.a": true,
	"nr": true, "bzw": true, "usw": true, "z.b": true, "d.h": true, "u.a": true,
}

// Sentences splits s into sentences. A sentence ends at '.', '!', '?' or
// '…' (with any closing quotes or brackets after it) followed by white space
// and a word that can start a sentence, and always at a blank line or a line
// break. Abbreviations such as "Mr." and "U.S.", initials and decimal
// numbers do not end a sentence. Each sentence is a trimmed substring of s.
func Sentences(s string) []string {
	var out []string
	emit := func(part string) {
		part = strings.TrimSpace(part)
		if part != "" && hasWord(part) {
			out = append(out, part)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		start := 0
		i := 0
		for i < len(line) {
			r, size := utf8.DecodeRuneInString(line[i:])
			if r != '.' && r != '!' && r != '?' && r != '…' {
				i += size
				continue
			}
			end := i + size
			// Take in repeated terminators and closing quotes or brackets.
			for end < len(line) {
				r2, s2 := utf8.DecodeRuneInString(line[end:])
				if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '…' || isCloser(r2) {
					end += s2
					continue
				}
				break
			}
			if end >= len(line) {
				break
			}
			r2, _ := utf8.DecodeRuneInString(line[end:])
			if !unicode.IsSpace(r2) {
				i = end
				continue
			}
			next := strings.TrimLeftFunc(line[end:], unicode.IsSpace)
			if r == '.' && !endsSentence(line[start:i], next) {
				i = end
				continue
			}
			if !startsSentence(next) {
				i = end
				continue
			}
			emit(line[start:end])
			start = end
			i = end
		}
		emit(line[start:])
	}
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '›':
		return true
	}
	return false
}

func hasWord(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// startsSentence reports whether next (the text after the space) can begin
// a sentence: an upper-case letter, a digit or an opening quote or bracket.
func startsSentence(next string) bool {
	if next == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '¿', '¡', '‹', '-', '–', '—':
		return true
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.Is(unicode.Lo, r)
}

// endsSentence decides whether a full stop after before ends the sentence.
func endsSentence(before, next string) bool {
	// The word the stop is attached to.
	j := strings.LastIndexFunc(before, unicode.IsSpace)
	word := before[j+1:]
	word = strings.TrimLeft(word, "\"'“‘«([")
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	if abbreviations[lw] {
		return false
	}
	// Initials and dotted abbreviations: "J.", "U.S", "a.m".
	letters, dots := 0, 0
	for _, r := range word {
		switch {
		case r == '.':
			dots++
		case unicode.IsLetter(r):
			letters++
		default:
			letters += 10
		}
	}
	if letters == 1 && dots == 0 {
		r, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(r) {
			return false // an initial such as "J. Smith"
		}
	}
	if dots > 0 && letters <= dots+1 {
		// "U.S." ends a sentence only when a common sentence opener follows.
		return opensSentence(next)
	}
	return true
}

// sentenceOpeners are words that often begin a sentence after a dotted
// abbreviation such as "U.S.".
var sentenceOpeners = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "but": true, "and": true, "in": true,
	"this": true, "that": true, "there": true, "his": true, "her": true,
	"their": true, "its": true, "on": true, "at": true, "as": true, "for": true,
	"officials": true, "however": true, "meanwhile": true,
}

func opensSentence(next string) bool {
	if next == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if r == '"' || r == '“' {
		return true
	}
	end := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) })
	w := next
	if end >= 0 {
		w = next[:end]
	}
	return sentenceOpeners[strings.ToLower(w)]
}
