package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"newsdesk/internal/news"
)

// MaxOPMLSize is the largest OPML document ParseOPML reads.
const MaxOPMLSize = 4 << 20

// maxOPMLOutlines caps how many outlines one document may list.
const maxOPMLOutlines = 100000

// Outline is one subscription of an OPML document.
type Outline struct {
	// Title is the outline's title, or its text when it has none.
	Title string
	// XMLURL is the feed's address; HTMLURL the site's.
	XMLURL, HTMLURL string
	// Category is the title of the enclosing folder outline, if any.
	Category string
}

// ParseOPML reads an OPML subscription list. Nested outlines are
// flattened; an outline inside a folder gets the folder's title as its
// Category. Documents with a DTD (and so with entity declarations), deeper
// than a sane nesting or larger than MaxOPMLSize are refused.
func ParseOPML(r io.Reader) ([]Outline, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxOPMLSize+1))
	if err != nil {
		return nil, fmt.Errorf("opml: read: %w", err)
	}
	if len(data) > MaxOPMLSize {
		return nil, fmt.Errorf("opml: document exceeds %d bytes: %w", MaxOPMLSize, news.ErrInvalid)
	}
	dec := decodeDocument(data, nil)
	if bytes.Contains(data, []byte("<!DOCTYPE")) || bytes.Contains(data, []byte("<!ENTITY")) || dec.entities {
		return nil, fmt.Errorf("opml: document type declarations are not accepted: %w", news.ErrInvalid)
	}
	d := xml.NewDecoder(bytes.NewReader(dec.text))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		out     []Outline
		folders []string // title of each open outline that is a folder (or "")
		depth   int
		sawOPML bool
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(out) > 0 {
				break
			}
			return nil, fmt.Errorf("opml: %w: %w", err, news.ErrInvalid)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return nil, fmt.Errorf("opml: %w: %w", errTooDeep, news.ErrInvalid)
			}
			name := strings.ToLower(t.Name.Local)
			if name == "opml" {
				sawOPML = true
			}
			if name != "outline" {
				continue
			}
			attr := map[string]string{}
			for _, a := range t.Attr {
				attr[strings.ToLower(a.Name.Local)] = strings.TrimSpace(a.Value)
			}
			title := firstOf(attr["title"], attr["text"])
			if attr["xmlurl"] == "" {
				folders = append(folders, title)
				continue
			}
			folders = append(folders, "")
			o := Outline{Title: title, XMLURL: attr["xmlurl"], HTMLURL: attr["htmlurl"], Category: attr["category"]}
			if o.Category == "" {
				for k := len(folders) - 2; k >= 0; k-- {
					if folders[k] != "" {
						o.Category = folders[k]
						break
					}
				}
			}
			out = append(out, o)
			if len(out) > maxOPMLOutlines {
				return nil, fmt.Errorf("opml: more than %d outlines: %w", maxOPMLOutlines, news.ErrInvalid)
			}
		case xml.EndElement:
			depth--
			if strings.EqualFold(t.Name.Local, "outline") && len(folders) > 0 {
				folders = folders[:len(folders)-1]
			}
		}
	}
	if !sawOPML {
		return nil, fmt.Errorf("opml: no <opml> element: %w", news.ErrInvalid)
	}
	return out, nil
}

// WriteOPML writes outlines as an OPML 2.0 document, grouping them in one
// folder outline per Category (in order of first appearance), so that
// ParseOPML reads back the same list. Outlines without an XMLURL are
// skipped.
func WriteOPML(w io.Writer, title string, outlines []Outline) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<opml version=\"2.0\">\n  <head>\n    <title>")
	if err := xml.EscapeText(&b, []byte(title)); err != nil {
		return fmt.Errorf("opml: %w", err)
	}
	b.WriteString("</title>\n  </head>\n  <body>\n")
	var order []string
	groups := map[string][]Outline{}
	for _, o := range outlines {
		if o.XMLURL == "" {
			continue
		}
		if _, ok := groups[o.Category]; !ok {
			order = append(order, o.Category)
		}
		groups[o.Category] = append(groups[o.Category], o)
	}
	for _, cat := range order {
		indent := "    "
		if cat != "" {
			b.WriteString(indent + `<outline text="` + attrEscape(cat) + `" title="` + attrEscape(cat) + "\">\n")
			indent += "  "
		}
		for _, o := range groups[cat] {
			b.WriteString(indent + `<outline type="rss" text="` + attrEscape(o.Title) + `" title="` + attrEscape(o.Title) +
				`" xmlUrl="` + attrEscape(o.XMLURL) + `"`)
			if o.HTMLURL != "" {
				b.WriteString(` htmlUrl="` + attrEscape(o.HTMLURL) + `"`)
			}
			b.WriteString("/>\n")
		}
		if cat != "" {
			b.WriteString("    </outline>\n")
		}
	}
	b.WriteString("  </body>\n</opml>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("opml: write: %w", err)
	}
	return nil
}

// attrEscape escapes s for a double-quoted XML attribute, keeping line
// breaks and tabs as character references.
func attrEscape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}
