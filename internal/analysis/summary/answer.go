package summary

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsdesk/internal/analysis/text"
)

// Answer is a reply to a reader's question about one article.
type Answer struct {
	// Found is false when no sentence of the article matches the question.
	Found bool
	// Quotes are the sentences the answer rests on, copied verbatim from
	// the article, in text order.
	Quotes []string
	// Text is the answer to show: the quotes joined, or a polite note that
	// the article does not say.
	Text string
}

// notFound is the answer text when nothing matches, per language.
var notFound = map[string]string{
	"en": "Sorry, this article does not seem to answer that question.",
	"de": "Leider scheint dieser Artikel diese Frage nicht zu beantworten.",
	"fr": "Désolé, cet article ne semble pas répondre à cette question.",
	"es": "Lo sentimos, este artículo no parece responder a esa pregunta.",
}

// cue is a kind of answer a question word asks for.
type cue int

const (
	cueNone cue = iota
	cueWho
	cueWhen
	cueWhere
	cueNumber
	cueWhy
)

// questionCues maps question words (en, de, fr, es) to the kind of answer.
var questionCues = map[string]cue{
	"who": cueWho, "whom": cueWho, "whose": cueWho, "wer": cueWho, "wem": cueWho, "wen": cueWho,
	"qui": cueWho, "quién": cueWho, "quiénes": cueWho, "quien": cueWho,
	"when": cueWhen, "wann": cueWhen, "quand": cueWhen, "cuándo": cueWhen, "cuando": cueWhen,
	"where": cueWhere, "wo": cueWhere, "wohin": cueWhere, "où": cueWhere, "dónde": cueWhere, "donde": cueWhere,
	"why": cueWhy, "warum": cueWhy, "weshalb": cueWhy, "pourquoi": cueWhy, "por qué": cueWhy, "porque": cueWhy,
	"many": cueNumber, "much": cueNumber, "wieviel": cueNumber, "wie viele": cueNumber, "combien": cueNumber,
	"cuántos": cueNumber, "cuántas": cueNumber, "cuánto": cueNumber,
}

// Cue words that suggest a sentence gives a reason, a time or a place.
var (
	reasonWords = []string{"because", "due to", "after", "as a result", "since", "weil", "da ", "wegen", "parce que", "car ", "en raison", "porque", "debido"}
	timeWords   = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may ", "june", "july", "august", "september", "october", "november", "december", "yesterday", "today", "tomorrow", "last week", "next week", "o'clock", "a.m.", "p.m."}
	placeWords  = []string{" in ", " at ", " near ", " from ", " im ", " in der ", " à ", " en ", " au "}
)

// Ask answers question from the article by quoting its best-matching
// sentences: those sharing the most (rarest) stemmed content words with the
// question, with a bonus when a sentence has what the question word asks
// for (a name for "who", a date for "when", a number for "how many", ...).
// When no sentence shares a content word with the question, Found is false
// and Text says so politely.
func Ask(question, title, body, lang string) Answer {
	ss := split(body, lang)
	q := text.ContentWords(question, lang)
	qset := make(map[string]bool)
	for _, t := range q {
		qset[t] = true
	}
	kind := questionCue(question)
	df := docFreq(ss)
	n := float64(len(ss))
	type scored struct {
		s     sentence
		score float64
		hits  int
	}
	var cands []scored
	for _, s := range ss {
		var sc float64
		hits := 0
		for t := range qset {
			if s.vec[t] > 0 {
				hits++
				sc += math.Log(1 + n/float64(df[t]))
			}
		}
		if hits == 0 {
			continue
		}
		sc *= 1 + cueBonus(kind, s.text)
		sc += 0.05 / float64(s.index+1) // ties go to earlier sentences
		cands = append(cands, scored{s, sc, hits})
	}
	if len(cands) == 0 || len(qset) == 0 {
		return Answer{Text: politeNotFound(lang)}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	best := cands[0]
	if len(qset) >= 3 && best.hits*3 < len(qset) {
		// Fewer than a third of the question's words: too weak to claim.
		return Answer{Text: politeNotFound(lang)}
	}
	quotes := []sentence{best.s}
	if len(cands) > 1 && cands[1].score >= 0.8*best.score {
		quotes = append(quotes, cands[1].s)
	}
	sort.Slice(quotes, func(i, j int) bool { return quotes[i].index < quotes[j].index })
	out := Answer{Found: true}
	for _, s := range quotes {
		out.Quotes = append(out.Quotes, s.text)
	}
	out.Text = strings.Join(out.Quotes, " ")
	return out
}

func politeNotFound(lang string) string {
	if s, ok := notFound[lang]; ok {
		return s
	}
	return notFound["en"]
}

// questionCue finds what kind of answer a question asks for.
func questionCue(q string) cue {
	lq := strings.ToLower(q)
	if strings.Contains(lq, "how many") || strings.Contains(lq, "how much") || strings.Contains(lq, "wie viel") {
		return cueNumber
	}
	if strings.Contains(lq, "por qué") {
		return cueWhy
	}
	for _, w := range text.Tokens(lq) {
		if c, ok := questionCues[w]; ok {
			return c
		}
	}
	return cueNone
}

// cueBonus is the extra weight (0 to 0.5) of a sentence that holds the kind
// of thing the question asks for.
func cueBonus(kind cue, s string) float64 {
	ls := " " + strings.ToLower(s) + " "
	switch kind {
	case cueWho:
		if hasInnerCapital(s) {
			return 0.5
		}
	case cueWhen:
		if containsAny(ls, timeWords) || hasYear(s) {
			return 0.5
		}
	case cueWhere:
		if containsAny(ls, placeWords) && hasInnerCapital(s) {
			return 0.5
		}
	case cueNumber:
		if strings.IndexFunc(s, unicode.IsDigit) >= 0 {
			return 0.5
		}
	case cueWhy:
		if containsAny(ls, reasonWords) {
			return 0.5
		}
	}
	return 0
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// hasInnerCapital reports whether a word after the first starts with a
// capital letter, a rough sign of a name.
func hasInnerCapital(s string) bool {
	f := strings.Fields(s)
	for _, w := range f[min(1, len(f)):] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func hasYear(s string) bool {
	for _, w := range text.Tokens(s) {
		if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return true
		}
	}
	return false
}
