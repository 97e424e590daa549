package feed

import (
	"bytes"
	"encoding/xml"
	"html"
	"strings"
)

// rssExtras holds what gofeed drops from RSS items: inline XHTML bodies
// (<body>, <xhtml:body>) and <fullitem> content, by item position.
type rssExtras struct {
	content []string
}

// scanRSSExtras walks an RSS document and collects, for each item in
// document order, the content gofeed does not read.
func scanRSSExtras(b []byte) rssExtras {
	var ex rssExtras
	if !bytes.Contains(b, []byte("body")) && !bytes.Contains(b, []byte("fullitem")) {
		return ex
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	var stack []string
	item := -1
	for {
		tok, err := d.Token()
		if err != nil {
			return ex
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			if name == "item" && (parent == "channel" || len(stack) == 1) {
				item++
				ex.content = append(ex.content, "")
			}
			if parent == "item" && item >= 0 && (name == "body" || name == "fullitem") {
				var s string
				if name == "body" {
					s = innerXML(d)
				} else {
					s = innerText(d)
				}
				if ex.content[item] == "" {
					ex.content[item] = strings.TrimSpace(s)
				}
				continue
			}
			stack = append(stack, name)
			if len(stack) > maxDepth {
				return ex
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// innerText reads the text of the current element up to its end.
func innerText(d *xml.Decoder) string {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(t)
		}
	}
	return b.String()
}

// innerXML serialises the children of the current element as HTML.
func innerXML(d *xml.Decoder) string {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return b.String()
			}
			b.WriteString("<" + t.Name.Local)
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				b.WriteString(" " + a.Name.Local + `="` + html.EscapeString(a.Value) + `"`)
			}
			b.WriteString(">")
		case xml.EndElement:
			depth--
			if depth > 0 {
				b.WriteString("</" + t.Name.Local + ">")
			}
		case xml.CharData:
			b.WriteString(html.EscapeString(string(t)))
		}
	}
	return b.String()
}
