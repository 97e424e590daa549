// Package summary explains an article offline: extractive summaries, key
// points and answers to readers' questions that quote the article's own
// sentences. It is pure: no I/O and no state between calls.
package summary

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"newsdesk/internal/analysis/text"
)

// sentence is one sentence of a document with what scoring needs.
type sentence struct {
	text  string
	index int
	words []string           // stemmed content words
	vec   map[string]float64 // term frequencies of words
	score float64
}

// split cuts a document into scored-ready sentences, dropping fragments
// without content words.
func split(body, lang string) []sentence {
	var out []sentence
	for _, s := range text.Sentences(body) {
		w := text.ContentWords(s, lang)
		vec := make(map[string]float64, len(w))
		for _, t := range w {
			vec[t]++
		}
		out = append(out, sentence{text: s, index: len(out), words: w, vec: vec})
	}
	return out
}

// docFreq counts in how many sentences each term appears.
func docFreq(ss []sentence) map[string]int {
	df := make(map[string]int)
	for _, s := range ss {
		for t := range s.vec {
			df[t]++
		}
	}
	return df
}

// weights scores a document's sentences: a lead-position prior, centrality
// (cosine similarity to the whole document's tf-idf vector) and overlap with
// the title.
func weights(title string, ss []sentence, lang string, positionWeight float64) {
	if len(ss) == 0 {
		return
	}
	df := docFreq(ss)
	n := float64(len(ss))
	idf := func(t string) float64 { return math.Log(1 + n/float64(df[t])) }
	centroid := make(map[string]float64)
	for _, s := range ss {
		for t, f := range s.vec {
			centroid[t] += f
		}
	}
	for t, f := range centroid {
		centroid[t] = f * idf(t)
	}
	titleSet := make(map[string]bool)
	for _, t := range text.ContentWords(title, lang) {
		titleSet[t] = true
	}
	for i := range ss {
		s := &ss[i]
		v := make(map[string]float64, len(s.vec))
		for t, f := range s.vec {
			v[t] = f * idf(t)
		}
		central := text.Cosine(v, centroid)
		var overlap float64
		if len(titleSet) > 0 {
			hit := 0
			for t := range titleSet {
				if s.vec[t] > 0 {
					hit++
				}
			}
			overlap = float64(hit) / float64(len(titleSet))
		}
		position := 1 / math.Sqrt(float64(i+1))
		length := math.Min(float64(len(s.words))/12, 1)
		s.score = (positionWeight*position + centralWeight*central + titleWeight*overlap) * length
		if isQuoteOnly(s.text) {
			s.score *= 0.8
		}
	}
}

// Scoring weights: Summarize leans on position (news leads carry the
// story), KeyPoints leans on centrality so that points spread over the text.
const (
	summaryPosition  = 1.0
	keyPointPosition = 0.25
	centralWeight    = 0.6
	titleWeight      = 0.3
)

// isQuoteOnly reports whether a sentence is wholly a quotation, which reads
// badly out of context.
func isQuoteOnly(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“")
}

// Summarize picks up to n sentences of text that best sum it up and returns
// them verbatim, in the order they appear in the text. It favours early,
// central sentences that share words with the title and skips a sentence
// that mostly repeats one already chosen.
func Summarize(title, body, lang string, n int) []string {
	ss := split(body, lang)
	weights(title, ss, lang, summaryPosition)
	chosen := pick(ss, n, 0.6, false)
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].index < chosen[j].index })
	out := make([]string, len(chosen))
	for i, s := range chosen {
		out[i] = s.text
	}
	return out
}

// pick chooses up to n sentences in score order, skipping any whose word
// overlap with a chosen one exceeds maxOverlap. With short set, sentences
// over 40 words are skipped too.
func pick(ss []sentence, n int, maxOverlap float64, short bool) []sentence {
	if n <= 0 {
		return nil
	}
	order := make([]sentence, len(ss))
	copy(order, ss)
	sort.SliceStable(order, func(i, j int) bool { return order[i].score > order[j].score })
	var chosen []sentence
	for _, s := range order {
		if len(chosen) == n {
			break
		}
		if len(s.words) == 0 {
			continue
		}
		if short && len(strings.Fields(s.text)) > 40 {
			continue
		}
		dup := false
		for _, c := range chosen {
			if overlap(s.vec, c.vec) > maxOverlap {
				dup = true
				break
			}
		}
		if !dup {
			chosen = append(chosen, s)
		}
	}
	return chosen
}

// overlap is the share of the smaller sentence's terms found in the other.
func overlap(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	hit := 0
	for t := range a {
		if b[t] > 0 {
			hit++
		}
	}
	return float64(hit) / float64(len(a))
}

// KeyPoints returns up to n short, distinct points of the text: its most
// representative sentences of at most 40 words that share little with each
// other, in text order, each copied from the text with a trailing full
// stop added when it has no end punctuation.
func KeyPoints(title, body, lang string, n int) []string {
	ss := split(body, lang)
	weights(title, ss, lang, keyPointPosition)
	chosen := pick(ss, n, 0.4, true)
	if len(chosen) < n {
		chosen = pick(ss, n, 0.4, false)
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].index < chosen[j].index })
	out := make([]string, len(chosen))
	for i, s := range chosen {
		out[i] = s.text
		if r := lastRune(s.text); unicode.IsLetter(r) || unicode.IsDigit(r) {
			out[i] += "."
		}
	}
	return out
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}
