package sanitize

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block lists the elements that start and end a paragraph of plain text.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true,
	atom.Li: true, atom.Blockquote: true, atom.Figure: true, atom.Figcaption: true,
	atom.Table: true, atom.Tr: true, atom.Pre: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Nav: true, atom.Main: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Hr: true, atom.Address: true, atom.Details: true, atom.Summary: true,
	atom.Caption: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
}

// Text returns the readable plain text of an HTML fragment: paragraphs
// separated by blank lines, <br> as a line break, white space collapsed,
// soft hyphens removed, and nothing from scripts, styles or forms.
func Text(fragment string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return ""
	}
	w := &textWriter{}
	for _, n := range nodes {
		w.walk(n)
	}
	w.flush()
	return strings.Join(w.paras, "\n\n")
}

// NodeText returns the plain text of an already parsed node, as Text does.
func NodeText(n *html.Node) string {
	w := &textWriter{}
	w.walk(n)
	w.flush()
	return strings.Join(w.paras, "\n\n")
}

// textWriter gathers paragraphs while walking a tree.
type textWriter struct {
	paras []string
	cur   strings.Builder
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if dropped[n.DataAtom] || n.Namespace != "" {
			return
		}
		if n.DataAtom == atom.Br {
			w.cur.WriteString("\n")
			return
		}
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			w.cur.WriteString(" ")
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	isBlock := n.Type == html.ElementNode && block[n.DataAtom]
	if isBlock {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if isBlock {
		w.flush()
	}
}

// flush ends the current paragraph.
func (w *textWriter) flush() {
	s := w.cur.String()
	w.cur.Reset()
	s = strings.ReplaceAll(s, "\u00ad", "")
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > 0 {
		w.paras = append(w.paras, strings.Join(kept, "\n"))
	}
}
