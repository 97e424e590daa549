package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestNormKey checks that normKey describes norm's fold without building
// it: same hash as the folded text, same words and characters.
func TestNormKey(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "Q", " ", "-", ",", "\u00a0", "É", "ß", "İ", "Σ", "\xff", "日本", "\n", "7", "ǅ", "..."}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(14) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		folded := norm(s)
		k := normKey(s)
		if k.hash != foldHash(folded) || k.words != len(strings.Fields(folded)) || k.runes != utf8.RuneCountInString(folded) {
			t.Fatalf("normKey(%q) = %+v; norm gives %q (hash %x, %d words, %d runes)",
				s, k, folded, foldHash(folded), len(strings.Fields(folded)), utf8.RuneCountInString(folded))
		}
	}
}

// TestMeasure checks a block's statistics against their definitions:
// the collapsed text as textOf gives it, letters of all text nodes and
// of those inside links.
func TestMeasure(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<body><a href="/x"><div id="in-link">Read <b>this</b> one</div></a>
<div id="mixed">Plain  words, <a href="/y">a link</a> and<br>more<script>var x = 1;</script> <p>para</p></div>
<p id="single">One text node only.</p><p id="empty"></p></body>`))
	if err != nil {
		t.Fatal(err)
	}
	want := func(n *html.Node) (letters, link int) {
		walk(n, func(c *html.Node) bool {
			if c.Type == html.TextNode {
				l := countLetters(c.Data)
				letters += l
				if inside(c, atom.A) {
					link += l
				}
			}
			return true
		})
		return letters, link
	}
	checked := 0
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode || attr(n, "id") == "" {
			return true
		}
		checked++
		b := measure(n)
		letters, link := want(n)
		text := collapse(textOf(n))
		if b.text != text || b.folded != norm(text) || b.key != foldHash(norm(text)) || b.letters != letters || b.linkText != link {
			t.Errorf("%s: measure = text %q folded %q letters %d link %d; want %q, %q, %d, %d",
				attr(n, "id"), b.text, b.folded, b.letters, b.linkText, text, norm(text), letters, link)
		}
		return true
	})
	if checked != 4 {
		t.Fatalf("checked %d blocks, want 4", checked)
	}
}

// TestFoldTextLimit checks the hash of a fold's first bytes against the
// hash of the folded text cut there.
func TestFoldTextLimit(t *testing.T) {
	for _, s := range []string{"", "Short", "Ünïcödé letters — and 123 digits, cut anywhere in the middle of a word or a rune", "日本語のテキストも同じように切られます"} {
		folded := norm(s)
		for limit := 0; limit <= len(folded)+2; limit++ {
			cut := folded
			if len(cut) > limit {
				cut = cut[:limit]
			}
			if k := foldText(s, limit); k.hash != foldHash(cut) || k.bytes != len(folded) {
				t.Fatalf("foldText(%q, %d) = %+v, want hash %x of %q and %d bytes", s, limit, k, foldHash(cut), cut, len(folded))
			}
		}
	}
}

// TestFoldsAgainstDefinitions checks norm and collapse against their
// plain definitions on random texts.
func TestFoldsAgainstDefinitions(t *testing.T) {
	normDef := func(s string) string {
		var words []string
		var w []rune
		for _, r := range s {
			r = unicode.ToLower(r)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				w = append(w, r)
				continue
			}
			if len(w) > 0 {
				words = append(words, string(w))
				w = nil
			}
		}
		if len(w) > 0 {
			words = append(words, string(w))
		}
		return strings.Join(words, " ")
	}
	collapseDef := func(s string) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00ad", "")), " ")
	}
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "Q", " ", "  ", "\t", "\n", "-", "\u00a0", "\u00ad", "É", "İ", "\xff", "日本", "7", "\u2003", "."}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(14) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := norm(s), normDef(s); got != want {
			t.Fatalf("norm(%q) = %q, want %q", s, got, want)
		}
		if got, want := collapse(s), collapseDef(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestHasLowerPrefix checks hasLowerPrefix against strings.ToLower.
func TestHasLowerPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"a", "B", " ", "É", "é", "İ", "i", "\u0307", "\xff", "\uFFFD", "ẞ", "ß", "K", "k", "日"}
	word := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 20000 {
		s := word()
		p := strings.ToLower(word())
		if r.IntN(3) == 0 {
			p = strings.ToLower(s)[:r.IntN(len(strings.ToLower(s))+1)]
		}
		if got, want := hasLowerPrefix(s, p), strings.HasPrefix(strings.ToLower(s), p); got != want {
			t.Fatalf("hasLowerPrefix(%q, %q) = %v, want %v", s, p, got, want)
		}
	}
}

// testPages parses the test pages, by file name.
func testPages(t *testing.T) map[string]*html.Node {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.html")
	docs := map[string]*html.Node{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = doc
	}
	return docs
}

// TestAnchorKey checks the walking anchorKey against the fold of the
// block's whole text, on every element of the test pages.
func TestAnchorKey(t *testing.T) {
	checked := 0
	for f, doc := range testPages(t) {
		walk(doc, func(n *html.Node) bool {
			if n.Type != html.ElementNode {
				return true
			}
			var want uint64
			if k := foldText(textOf(n), maxAnchor); k.bytes >= minAnchor {
				want = k.hash
			}
			if got := anchorKey(n); got != want {
				t.Fatalf("%s: anchorKey(<%s>) = %x, want %x (text %q)", f, n.Data, got, want, textOf(n))
			}
			checked++
			return true
		})
	}
	if checked < 100 {
		t.Fatalf("checked %d elements", checked)
	}
}

// TestWriteLower checks writeLower against strings.ToLower.
func TestWriteLower(t *testing.T) {
	for _, s := range []string{"", "abc", "ABC def", "Straße ÜBER", "İstanbul", "x\xffY", "MiXeD 123 ÉTÉ"} {
		var b strings.Builder
		writeLower(&b, s)
		if got, want := b.String(), strings.ToLower(s); got != want {
			t.Errorf("writeLower(%q) = %q, want %q", s, got, want)
		}
	}
}
