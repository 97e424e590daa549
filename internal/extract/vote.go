package extract

import (
	"net/url"
	"strings"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The main-text extractor compares its own result with a readability
// extraction of the same page and keeps one of them. newsdesk runs that
// second extraction itself (so it is computed once) and uses it as a second
// vote on the blocks the chosen result left out: prose that readability
// keeps just before the extracted body (a standfirst the extractor took for
// a teaser) or between two blocks both extractions agree on (a paragraph
// dropped from the middle of the article) is put back.

// vote compares the extracted body with the candidate cand: it drops a
// closing section only the body has, then puts back a lead only the
// candidate has.
func vote(body, cand *html.Node, memo blockMemo) {
	// When the two open and close with the same block, there is no lead
	// to put back (the body's first block anchors at the candidate's
	// first) and no closing section to drop (the body's last block is
	// the candidate's): the block lists need not be made.
	if f := endKey(cand, false, nil); f != "" && f == endKey(body, false, memo) && endKey(cand, true, nil) == endKey(body, true, memo) {
		return
	}
	voteBlockLists(body, cand, memo)
}

// voteBlockLists is vote on the two candidates' whole block lists.
func voteBlockLists(body, cand *html.Node, memo blockMemo) {
	cb := voteBlocks(cand, nil)
	if len(cb) == 0 {
		return
	}
	tb := voteBlocks(body, memo)
	tb = tb[:len(tb)-dropTailSection(tb, cb)]
	recoverLead(tb, cb)
}

// readabilityCandidate runs readability on doc (which it does not change)
// and returns the content node, or an empty element when readability finds
// nothing, so that the main extractor does not try again.
func readabilityCandidate(doc *html.Node, base *url.URL) *html.Node {
	a, err := readability.FromDocument(doc, base)
	if err != nil || a.Node == nil {
		return &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	}
	fixAtoms(a.Node)
	return a.Node
}

// fixAtoms sets the atom of elements that were built without one (or with
// one that does not match their name), so that element tests work on
// every node.
func fixAtoms(n *html.Node) {
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && (c.DataAtom == 0 || c.DataAtom.String() != c.Data) {
			c.DataAtom = atom.Lookup([]byte(strings.ToLower(c.Data)))
		}
		return true
	})
}

// voteBlock is a leaf block of one candidate with its folded text.
type voteBlock struct {
	block
	key string
}

func voteBlocks(n *html.Node, memo blockMemo) []voteBlock {
	bs := collectBlocks(n, memo)
	out := make([]voteBlock, 0, len(bs))
	for _, b := range bs {
		k := b.folded
		if k == "" {
			continue
		}
		out = append(out, voteBlock{block: b, key: k})
	}
	return out
}

// sameBlock reports whether two folded block texts are the same block as
// cut by two extractors: equal, or one holding the other when both are
// long enough for that to mean something.
func sameBlock(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 40 || len(b) < 40 {
		return false
	}
	return strings.Contains(a, b) || strings.Contains(b, a)
}

// proseBlock reports whether a candidate block reads like article prose:
// a few sentences of mostly unlinked text.
func proseBlock(b *block) bool {
	if b.heading() || b.words < 8 || b.linkDensity() > 0.25 {
		return false
	}
	switch b.n.DataAtom {
	case atom.Figcaption, atom.Figure, atom.Li, atom.Dt, atom.Dd, atom.Table, atom.Address:
		return false
	}
	for p := b.n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Figure, atom.Figcaption, atom.Aside, atom.Nav, atom.Footer, atom.Header, atom.Form, atom.Ul, atom.Ol, atom.Table:
			return false
		}
	}
	return b.sentenceEnd()
}

// recoverLead puts back the prose that the candidate (blocks cb) has just
// before the first block of the body (blocks tb), when the body lacks it.
// It returns the number of blocks added.
func recoverLead(tb, cb []voteBlock) int {
	if len(cb) == 0 || len(tb) == 0 {
		return 0
	}
	// The first block of body that the candidate also has anchors the two.
	anchor, first := -1, -1
	for i := 0; i < len(tb) && i < 3 && anchor < 0; i++ {
		for j := range cb {
			if sameBlock(tb[i].key, cb[j].key) {
				anchor, first = j, i
				break
			}
		}
	}
	if anchor <= 0 {
		return 0
	}
	in := map[string]bool{}
	for _, b := range tb {
		in[b.key] = true
	}
	var add []*html.Node
	skipped := 0
	for j := anchor - 1; j >= 0 && len(add) < 3; j-- {
		b := &cb[j]
		if in[b.key] {
			break
		}
		if proseBlock(&b.block) {
			add = append(add, b.n)
			continue
		}
		// Short lines between the lead and the body (date, byline,
		// share bar) are passed over, not kept; anything else ends the
		// search.
		if b.heading() || b.words > 12 || skipped >= 2 {
			break
		}
		skipped++
	}
	if len(add) == 0 {
		return 0
	}
	at := tb[first].n
	for i := len(add) - 1; i >= 0; i-- {
		c := cloneBlock(add[i])
		at.Parent.InsertBefore(c, at)
	}
	return len(add)
}

// cloneBlock copies a candidate block as a plain paragraph of the body.
func cloneBlock(n *html.Node) *html.Node {
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.AppendChild(cloneNode(c))
	}
	return p
}

func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneNode(ch))
	}
	return c
}

// dropTailSection removes a section that the body (blocks tb) has after
// the last block it shares with the candidate (blocks cb), when the
// candidate left that whole section out and it opens with a heading: a
// "more from us" or related section the extractor took for part of the
// article. It returns the number of blocks removed, which are the last
// ones of tb.
func dropTailSection(tb, cb []voteBlock) int {
	if len(cb) == 0 || len(tb) < 3 {
		return 0
	}
	keys := make(map[string]bool, len(cb))
	for _, b := range cb {
		keys[b.key] = true
	}
	inCand := func(k string) bool {
		if keys[k] {
			return true
		}
		if len(k) < 40 {
			return false
		}
		for _, b := range cb {
			if sameBlock(k, b.key) {
				return true
			}
		}
		return false
	}
	last, agree, total, shared := -1, 0, 0, 0
	for i := range tb {
		total += tb[i].letters
		if inCand(tb[i].key) {
			last = i
			agree++
			shared += tb[i].letters
		}
	}
	if agree < 2 || 2*shared < total || last >= len(tb)-1 {
		return 0
	}
	s := last + 1
	h := &tb[s].block
	if !(h.heading() || h.words <= 8 && !h.sentenceEnd()) {
		return 0
	}
	rest := 0
	for i := s; i < len(tb); i++ {
		rest += tb[i].letters
	}
	if 10*rest > 4*total {
		return 0
	}
	for i := s; i < len(tb); i++ {
		remove(tb[i].n)
	}
	return len(tb) - s
}
