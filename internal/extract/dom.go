package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// walk visits n and its descendants depth-first; fn returns false to skip
// a node's children.
func walk(n *html.Node, fn func(*html.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		walk(c, fn)
		c = next
	}
}

// walkEach visits n and its descendants once for all visitors, each of
// which skips a node's children by returning false, as in a walk of its
// own; a subtree no visitor wants is not entered. At each node the
// visitors run in the order given. They must not change the tree. One
// walk of a page for several readers costs less than one walk each.
func walkEach(n *html.Node, visitors ...func(*html.Node) bool) {
	if len(visitors) > 32 {
		panic("extract: too many visitors")
	}
	walkMask(n, visitors, 1<<len(visitors)-1)
}

func walkMask(n *html.Node, visitors []func(*html.Node) bool, active uint32) {
	var next uint32
	for i, v := range visitors {
		if active&(1<<i) != 0 && v(n) {
			next |= 1 << i
		}
	}
	if next == 0 {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkMask(c, visitors, next)
	}
}

// lowerASCII maps a byte to its lower case when it is an ASCII capital.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the concatenated text below n, without scripts and styles.
func textOf(n *html.Node) string {
	var t textBuilder
	eachText(n, t.add, nil)
	return t.String()
}

// eachText hands add the pieces of text below n that textOf joins: the
// text nodes, and a space for each element that breaks a line, leaving
// out scripts, styles and templates. When done is not nil, the walk stops
// once it reports true.
func eachText(n *html.Node, add func(string), done func() bool) {
	walk(n, func(c *html.Node) bool {
		if done != nil && done() {
			return false
		}
		switch c.Type {
		case html.TextNode:
			add(c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return false
			case atom.Br, atom.P, atom.Div, atom.Li:
				add(" ")
			}
		}
		return true
	})
}

// textBuilder concatenates pieces of text; a text of one piece (most
// elements hold a single text node) is returned as it is, without a copy.
type textBuilder struct {
	first  string
	pieces int
	b      strings.Builder
}

func (t *textBuilder) add(s string) {
	if s == "" {
		return
	}
	switch t.pieces {
	case 0:
		t.first = s
	case 1:
		t.b.Grow(len(t.first) + len(s) + 64)
		t.b.WriteString(t.first)
		t.b.WriteString(s)
	default:
		t.b.WriteString(s)
	}
	t.pieces++
}

func (t *textBuilder) String() string {
	if t.pieces <= 1 {
		return t.first
	}
	return t.b.String()
}

// collapse trims s, folds runs of white space into one space and drops
// soft hyphens.
func collapse(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case ' ', '\t', '\n', '\v', '\f', '\r':
				space = b.Len() > 0
			default:
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\u00ad':
		case unicode.IsSpace(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			// The bytes as they are: invalid ones stay, as on the fast path.
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// collapsed reports whether s is already as collapse leaves it: ASCII
// spaces only, single, not at either end, and no soft hyphen.
func collapsed(s string) bool {
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' && prev == ' ':
			return false
		case c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			return false
		case c >= utf8.RuneSelf:
			// Soft hyphens and Unicode spaces need the slow path.
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == '\u00ad' || unicode.IsSpace(r) {
				return false
			}
			i += size - 1
		}
		prev = c
	}
	return prev != ' ' || s == ""
}

// countFields returns len(strings.Fields(s)) without making the slice.
func countFields(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// hasToken reports whether the space-separated list s (a rel or class
// attribute) holds tok, in any case.
func hasToken(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// inside reports whether n has an ancestor of kind a.
func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}
