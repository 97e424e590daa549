package feed

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"strings"
	"time"
)

// parseCDF reads a Channel Definition Format document: a <channel> root
// whose href and lastmod attributes give the link and update time, with
// <title> and <abstract> children, and <item> children of the same shape.
func parseCDF(b []byte, base *url.URL) *Feed {
	f := &Feed{Format: "cdf"}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var stack []string
	var cur *Item
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			depth := len(stack)
			switch {
			case depth == 0 && name == "channel":
				f.Link, f.Updated = cdfAttrs(t, base)
			case depth == 1 && name == "item":
				f.Items = append(f.Items, Item{})
				cur = &f.Items[len(f.Items)-1]
				cur.Link, cur.Updated = cdfAttrs(t, base)
			case (depth == 1 || depth == 2 && cur != nil) && (name == "title" || name == "abstract"):
				v := strings.TrimSpace(innerText(d))
				if depth == 1 {
					if name == "title" {
						f.Title = v
					} else {
						f.Subtitle = v
					}
				} else if name == "title" {
					cur.Title = v
				} else {
					cur.Summary = v
				}
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
			if len(stack) <= 1 {
				cur = nil
			}
		}
	}
	return f
}

// cdfAttrs returns the resolved href and the lastmod time of a CDF element.
func cdfAttrs(se xml.StartElement, base *url.URL) (link string, updated time.Time) {
	for _, a := range se.Attr {
		switch strings.ToLower(a.Name.Local) {
		case "href":
			link = resolve(base, strings.TrimSpace(a.Value))
		case "lastmod":
			if t, ok := parseDate(strings.TrimSpace(a.Value)); ok {
				updated = t
			}
		}
	}
	return link, updated
}
