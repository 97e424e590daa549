package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// partFlagsByContains is the plain definition of wordIndex.scan: the
// flags of every part word the string holds, ignoring ASCII case.
func partFlagsByContains(s string) partFlag {
	low := strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
	var f partFlag
	for _, w := range partWords {
		if strings.Contains(low, w.word) {
			f |= w.flag
		}
	}
	return f
}

// TestPartFlags checks the one-pass scan of class names against the plain
// definition, on the test pages' classes and ids and on random names
// made of part words, their pieces and other bytes in mixed case.
func TestPartFlags(t *testing.T) {
	var names []string
	for _, doc := range testPages(t) {
		walk(doc, func(n *html.Node) bool {
			for _, a := range n.Attr {
				if a.Key == "class" || a.Key == "id" {
					names = append(names, a.Val)
				}
			}
			return true
		})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"-", "_", " ", "É", "x", "Ab", "ſ", "K"}
	for _, w := range partWords {
		pieces = append(pieces, w.word, strings.ToUpper(w.word), w.word[:len(w.word)-1], w.word[1:])
	}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		names = append(names, b.String())
	}
	hits := 0
	for _, s := range names {
		want := partFlagsByContains(s)
		if got := partIndex.scan(s); got != want {
			t.Errorf("scan(%q) = %06b, want %06b", s, got, want)
		}
		if want != 0 {
			hits++
		}
	}
	if hits < 1000 {
		t.Errorf("only %d of %d names hold a part word; the test exercises too little", hits, len(names))
	}
	n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: "Story-Byline"}, {Key: "id", Val: "paywall-1"}}}
	if got, want := partFlags(n), partByline|partPaywall; got != want {
		t.Errorf("partFlags = %06b, want %06b", got, want)
	}
	var memo partNames
	if memo.of(n) != partByline|partPaywall || memo.of(&html.Node{Type: html.ElementNode}) != 0 {
		t.Error("partNames.of does not follow the node it is asked about")
	}
}
