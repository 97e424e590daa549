package extract

import (
	"golang.org/x/net/html"
)

// captionClassRe matches class names and ids that mark an image caption
// or credit outside a <figcaption>.
var captionClassRe = mustRule(`(?i)(?:^|[-_\s])(?:wp-caption-text|caption|image-?caption|photo-?caption|img-?caption|media-?caption|figure-?caption|credit|image-?credit|photo-?credit)(?:$|[-_\s])|[a-z]Caption(?:$|[-_\s])`)

// captionClass reports whether n's class or id names it a caption.
func captionClass(n *html.Node) bool {
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && a.Val != "" && captionClassRe.MatchString(a.Val) {
			return true
		}
	}
	return false
}

// captionParts records each block of a caption on its own, since the
// body may hold the caption's first line without its credit line.
func captionParts(n *html.Node, c *cleaner) {
	walk(n, func(ch *html.Node) bool {
		if ch != n && ch.Type == html.ElementNode && blockTags[ch.DataAtom] && !hasBlockChild(ch) {
			c.addCaption(textOf(ch))
			return false
		}
		return true
	})
}
