package feed

import (
	"html"
	"strings"

	xhtml "golang.org/x/net/html"
)

// plainText turns a title that may carry markup or entities into plain
// text with white space collapsed.
func plainText(s string) string {
	if strings.ContainsRune(s, '<') {
		var b strings.Builder
		z := xhtml.NewTokenizer(strings.NewReader(s))
		for {
			tt := z.Next()
			if tt == xhtml.ErrorToken {
				break
			}
			switch tt {
			case xhtml.TextToken:
				b.Write(z.Text())
			case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
				name, _ := z.TagName()
				if string(name) == "br" {
					b.WriteByte(' ')
				}
			}
		}
		s = b.String()
	} else if strings.ContainsRune(s, '&') {
		s = html.UnescapeString(s)
	}
	return strings.Join(strings.Fields(s), " ")
}
