package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNeedleSet checks the one-pass search against a substring search per
// needle, on random texts over a small alphabet where needles overlap.
func TestNeedleSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcé "
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(string([]rune(alphabet)[r.IntN(5)]))
		}
		return b.String()
	}
	for round := 0; round < 1000; round++ {
		var needles []string
		for range 1 + r.IntN(12) {
			needles = append(needles, word(1+r.IntN(8)))
		}
		set := newNeedleSet(needles)
		// Many texts side by side, and long ones cut into pieces.
		var texts []string
		for range r.IntN(9) {
			texts = append(texts, word(r.IntN(40)))
		}
		texts = append(texts, word(200+r.IntN(200)))
		spans := make([]span, len(texts))
		for i, text := range texts {
			hit := make([]bool, len(needles))
			set.foundSingle(text, hit)
			spans[i] = span{text, len(text), hit}
		}
		set.foundSpans(spans)
		for i, text := range texts {
			long := make([]bool, len(needles))
			set.foundLong(text, long)
			for k, n := range needles {
				want := strings.Contains(text, n)
				if spans[i].hit[k] != want || long[k] != want {
					t.Fatalf("needles %q in %q: needle %q side by side %v, in pieces %v, want %v", needles, text, n, spans[i].hit[k], long[k], want)
				}
			}
		}
		for range 20 {
			text := word(r.IntN(60))
			hit := make([]bool, len(needles))
			some := set.found(text, hit)
			anyWant := false
			for i, n := range needles {
				want := strings.Contains(text, n)
				anyWant = anyWant || want
				if hit[i] != want {
					t.Fatalf("needles %q in %q: needle %q found=%v, want %v", needles, text, n, hit[i], want)
				}
			}
			if some != anyWant {
				t.Fatalf("needles %q in %q: found=%v, want %v", needles, text, some, anyWant)
			}
		}
	}
}
