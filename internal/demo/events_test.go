package demo

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestEventsOwnTheirPeople checks that no surname is shared by two of the
// initial events, so that names tell stories apart.
func TestEventsOwnTheirPeople(t *testing.T) {
	for _, seed := range []int64{1, 7} {
		d := New(Options{Seed: seed, Now: fixedClock()})
		owner := map[string]int{}
		for _, ev := range d.events {
			for _, p := range []person{ev.p1, ev.p2, ev.p3, ev.p4} {
				if o, ok := owner[p.last]; ok && o != ev.idx {
					t.Errorf("seed %d: surname %s in events %d and %d", seed, p.last, o, ev.idx)
				}
				owner[p.last] = ev.idx
			}
		}
	}
}

// TestTimeline checks that the initial events span about three weeks, the
// newest within the last day or two, with events of one kind days apart.
func TestTimeline(t *testing.T) {
	d := New(Options{Seed: 3, Now: fixedClock()})
	first, last := d.events[0].at, d.events[0].at
	lastOfKind := map[int]time.Time{}
	for _, ev := range d.events {
		if ev.at.Before(first) {
			first = ev.at
		}
		if ev.at.After(last) {
			last = ev.at
		}
		if prev, ok := lastOfKind[ev.kind]; ok {
			if gap := ev.at.Sub(prev); gap < 95*time.Hour {
				t.Errorf("event %d (%s) only %v after the previous one of its kind", ev.idx, d.kinds[ev.kind].name, gap)
			}
		}
		lastOfKind[ev.kind] = ev.at
	}
	if span := last.Sub(first); span < 18*24*time.Hour || span > 26*24*time.Hour {
		t.Errorf("initial events span %v, want about three weeks", span)
	}
	if age := testNow.Sub(last); age < 0 || age > 48*time.Hour {
		t.Errorf("newest event is %v old, want under two days", age)
	}
}

// TestLiveKindsVary checks that a live event never repeats the kind of any
// of the ten events before it.
func TestLiveKindsVary(t *testing.T) {
	d := New(Options{Seed: 5, Now: fixedClock()})
	for range 150 {
		d.PublishNext()
	}
	evs := d.Events()
	if len(evs) < initialEvents+12 {
		t.Fatalf("only %d events after 150 live publications", len(evs))
	}
	for i := initialEvents; i < len(evs); i++ {
		for j := max(0, i-10); j < i; j++ {
			if evs[i].Kind == evs[j].Kind {
				t.Errorf("live event %d repeats the kind %s of event %d", i, evs[i].Kind, j)
			}
		}
	}
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// shingles returns the set of five-word sequences of s.
func shingles(s string) map[string]bool {
	w := wordRE.FindAllString(strings.ToLower(s), -1)
	out := map[string]bool{}
	for i := 0; i+5 <= len(w); i++ {
		out[strings.Join(w[i:i+5], " ")] = true
	}
	return out
}

// containment is the share of the smaller set's shingles found in the other.
func containment(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for s := range a {
		if b[s] {
			n++
		}
	}
	return float64(n) / float64(max(len(a), 1))
}

// TestSameKindEventsReadDifferently checks, in every language, that
// articles about different events of one kind share few exact five-word
// sequences, while articles about one event share its facts.
func TestSameKindEventsReadDifferently(t *testing.T) {
	d := New(Options{Seed: 1, Now: fixedClock()})
	for range 100 {
		d.PublishNext()
	}
	kindOf := map[int]string{}
	for _, e := range d.Events() {
		kindOf[e.Index] = e.Kind
	}
	type doc struct {
		ev int
		sh map[string]bool
	}
	for _, lang := range []string{"en", "de", "fr"} {
		var docs []doc
		for _, a := range d.Published() {
			if a.Lang == lang && a.Wire == "" {
				docs = append(docs, doc{a.Event, shingles(a.Title + " " + strings.Join(a.Paragraphs, " "))})
			}
		}
		var other, same float64
		var nOther, nSame, copies int
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				a, b := docs[i], docs[j]
				c := containment(a.sh, b.sh)
				switch {
				case a.ev == b.ev:
					same += c
					nSame++
				case kindOf[a.ev] == kindOf[b.ev]:
					other += c
					nOther++
					if c >= 0.5 {
						copies++
					}
				}
			}
		}
		if nOther == 0 {
			t.Fatalf("%s: no pairs of articles on different events of one kind", lang)
		}
		if m := other / float64(nOther); m > 0.15 {
			t.Errorf("%s: articles on different events of one kind share %.2f of their five-word sequences on average", lang, m)
		}
		if copies*100 > nOther {
			t.Errorf("%s: %d of %d pairs of articles on different events of one kind look like copies", lang, copies, nOther)
		}
		// Only languages with more than one outlet have two articles on
		// one event.
		if lang == "fr" {
			continue
		}
		if nSame == 0 {
			t.Fatalf("%s: no pairs of articles on one event", lang)
		}
		if m := same / float64(nSame); m < 0.1 {
			t.Errorf("%s: articles on one event share only %.2f of their five-word sequences", lang, m)
		}
	}
}

// TestNoParagraphRepeatsAcrossEvents checks that no outlet prints the same
// body paragraph in its own articles about two different events, in any
// language, both in the initial articles and after many live ones: an
// outlet's real prose never repeats across stories, only its template does.
func TestNoParagraphRepeatsAcrossEvents(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} {
		d := New(Options{Seed: seed, Now: fixedClock()})
		check := func(when string) {
			type key struct{ outlet, para string }
			first := map[key]int{}
			langs := map[string]int{}
			reported := 0
			for _, a := range d.Published() {
				if a.Wire != "" {
					continue
				}
				langs[a.Lang]++
				for _, p := range a.Paragraphs {
					k := key{a.OutletSlug, p}
					ev, ok := first[k]
					if !ok {
						first[k] = a.Event
						continue
					}
					if ev != a.Event && reported < 20 {
						reported++
						t.Errorf("seed %d, %s: %s prints %q for events %d and %d", seed, when, a.OutletSlug, p, ev, a.Event)
					}
				}
			}
			for _, l := range []string{"en", "de", "fr"} {
				if langs[l] < 5 {
					t.Errorf("seed %d, %s: only %d own articles in %s", seed, when, langs[l], l)
				}
			}
		}
		check("at start")
		for range 100 {
			d.PublishNext()
		}
		check("after 100 live articles")
	}
}

// TestElide checks French elision before names and words that start with a
// vowel, and that it leaves other words alone.
func TestElide(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"la mairie de Orvel", "la mairie d'Orvel"},
		{"une espèce de escargot", "une espèce d'escargot"},
		{"dans la avenue du Port", "dans l'avenue du Port"},
		{"Le Orrin sort de son lit", "L'Orrin sort de son lit"},
		{"le hameau de Bellerive", "le hameau de Bellerive"},
		{"Cela avait duré", "Cela avait duré"},
	} {
		if got := elide(c.in); got != c.want {
			t.Errorf("elide(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
