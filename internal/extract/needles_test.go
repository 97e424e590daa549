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
