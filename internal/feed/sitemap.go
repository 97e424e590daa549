package feed

import (
	"bytes"
	"encoding/xml"
	"html"
	"net/url"
	"strings"
)

// parseSitemap reads a sitemap (<urlset>, with the Google News extension
// when present) or a sitemap index (<sitemapindex>) as a feed: each listed
// URL becomes an item with its news title, publication date and keywords,
// each listed sitemap an item whose Link is the sitemap's address.
func parseSitemap(b []byte, base *url.URL, root string) *Feed {
	f := &Feed{Format: "sitemap"}
	entry := "url"
	if root == "sitemapindex" {
		f.Format, entry = "sitemapindex", "sitemap"
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		stack []string
		cur   *Item
	)
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			if name == entry && len(stack) == 1 {
				f.Items = append(f.Items, Item{})
				cur = &f.Items[len(f.Items)-1]
			}
			if cur != nil && len(stack) >= 2 && !sitemapContainers[name] {
				sitemapField(cur, f, name, parent, innerText(d), base)
				continue
			}
			stack = append(stack, name)
			if len(stack) > maxDepth {
				return f
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 1 {
				cur = nil
			}
		}
	}
	return f
}

// sitemapContainers are the sitemap elements that hold other elements.
var sitemapContainers = setOf("news", "publication", "image", "video")

// sitemapField stores the text v of element name (a child of parent) in
// the current item it, or the publication's name and language in f.
func sitemapField(it *Item, f *Feed, name, parent, v string, base *url.URL) {
	v = strings.TrimSpace(v)
	switch {
	case name == "loc" && (parent == "url" || parent == "sitemap"):
		it.Link = resolve(base, v)
		it.ID = it.Link
	case name == "loc" && parent == "image":
		if it.Image == "" {
			it.Image = resolve(base, v)
		}
	case name == "lastmod":
		if t, ok := parseDate(v); ok {
			it.Updated = t
		}
	case name == "publication_date":
		if t, ok := parseDate(v); ok {
			it.Published = t
		}
	case name == "title" && v != "":
		it.Title = plainText(html.EscapeString(v))
		it.TitleHTML = html.EscapeString(it.Title)
	case name == "keywords":
		for _, k := range strings.Split(v, ",") {
			if k = strings.TrimSpace(k); k != "" {
				it.Categories = append(it.Categories, k)
			}
		}
	case name == "name" && parent == "publication":
		if f.Title == "" {
			f.Title = v
			f.TitleHTML = html.EscapeString(v)
		}
	case name == "language" && parent == "publication":
		if f.Language == "" {
			f.Language = v
		}
	}
}
