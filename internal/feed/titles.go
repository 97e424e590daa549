package feed

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"html"
	"net/url"
	"strings"
)

// textConstruct is a title element as written: its type and mode
// attributes, its content (character data, or child elements serialised as
// markup), and the base URL in effect for it.
type textConstruct struct {
	found      bool
	typ, mode  string
	text       string
	hasMarkup  bool
	base       *url.URL
	atomSyntax bool
}

// docTitles holds the title of the feed and of each entry, by position,
// and for Atom the subtitle and each entry's summary and content.
type docTitles struct {
	feed     textConstruct
	subtitle textConstruct
	items    []textConstruct
	bodies   [][2]textConstruct // summary, content
	ids      []string           // Atom entry ids as written
}

// scanTitles walks a feed document and collects the title elements of the
// feed and of each item or entry in document order, with their xml:base.
// The underlying parser flattens titles to text and forgets their type;
// this pass keeps what is needed to produce both the HTML and the plain
// form.
func scanTitles(b []byte, base *url.URL) docTitles {
	var out docTitles
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	type frame struct {
		name string
		base *url.URL
	}
	var stack []frame
	atom := false
	item := -1
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			cur := base
			if len(stack) > 0 {
				cur = stack[len(stack)-1].base
			}
			for _, a := range t.Attr {
				if a.Name.Local == "base" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
					if u, err := url.Parse(strings.TrimSpace(a.Value)); err == nil {
						if cur != nil {
							u = cur.ResolveReference(u)
						}
						cur = u
					}
				}
			}
			if len(stack) == 0 {
				atom = name == "feed"
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1].name
			}
			if (name == "item" && !atom) || (name == "entry" && atom && parent == "feed") {
				item++
				out.items = append(out.items, textConstruct{})
				out.bodies = append(out.bodies, [2]textConstruct{})
				out.ids = append(out.ids, "")
			}
			if atom && name == "id" && parent == "entry" && item >= 0 && out.ids[item] == "" {
				out.ids[item] = strings.TrimSpace(innerText(d))
				continue
			}
			if atom && !isDublinCore(t.Name.Space) {
				var target *textConstruct
				switch {
				case (name == "subtitle" || name == "tagline") && parent == "feed":
					target = &out.subtitle
				case name == "summary" && parent == "entry" && item >= 0:
					target = &out.bodies[item][0]
				case name == "content" && parent == "entry" && item >= 0:
					target = &out.bodies[item][1]
				}
				if target != nil && !target.found {
					*target = readTextConstruct(d, t, cur)
					continue
				}
			}
			if name == "title" && !isDublinCore(t.Name.Space) {
				var target *textConstruct
				switch {
				case parent == "item" || parent == "entry":
					if item >= 0 {
						target = &out.items[item]
					}
				case parent == "channel" || (atom && parent == "feed"):
					target = &out.feed
				}
				if target != nil && !target.found {
					tc := readTextConstruct(d, t, cur)
					tc.atomSyntax = atom
					*target = tc
					continue
				}
			}
			stack = append(stack, frame{name, cur})
			if len(stack) > maxDepth {
				return out
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// isDublinCore reports whether ns is the Dublin Core namespace, whose
// title is only a fallback.
func isDublinCore(ns string) bool {
	return strings.HasPrefix(ns, "http://purl.org/dc/")
}

// readTextConstruct reads the element started by se up to its end.
func readTextConstruct(d *xml.Decoder, se xml.StartElement, base *url.URL) textConstruct {
	tc := textConstruct{found: true, base: base}
	for _, a := range se.Attr {
		switch strings.ToLower(a.Name.Local) {
		case "type":
			tc.typ = strings.ToLower(strings.TrimSpace(a.Value))
		case "mode":
			tc.mode = strings.ToLower(strings.TrimSpace(a.Value))
		}
	}
	var b, raw strings.Builder
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
				return tc
			}
			tc.hasMarkup = true
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
			raw.Write(t)
		}
	}
	// Content with child elements is kept as markup; plain character
	// data as the text it spells.
	tc.text = raw.String()
	if tc.hasMarkup {
		tc.text = b.String()
	}
	return tc
}

// looksLikeHTML reports whether s reads as HTML: it has a tag (a '<',
// optionally '/', a letter, and a '>' before any other '<') or a character
// reference. It runs in time linear in len(s).
func looksLikeHTML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			j := i + 1
			if j < len(s) && s[j] == '/' {
				j++
			}
			if j < len(s) && isASCIILetter(s[j]) {
				if k := strings.IndexAny(s[j:], "<>"); k >= 0 && s[j+k] == '>' {
					return true
				}
			}
		case '&':
			j := i + 1
			if j < len(s) && s[j] == '#' {
				j++
			}
			k := j
			for k < len(s) && k-j < 32 && (isASCIILetter(s[k]) || s[k] >= '0' && s[k] <= '9') {
				k++
			}
			if k > j && k < len(s) && s[k] == ';' {
				return true
			}
		}
	}
	return false
}

func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// html returns the construct's content as sanitised HTML.
func (tc textConstruct) html() string {
	s := tc.text
	isHTML := tc.hasMarkup
	switch {
	case tc.mode == "base64" && !tc.hasMarkup:
		if dec, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), "")); err == nil {
			s = string(dec)
		}
		isHTML = tc.typ != "text" && tc.typ != "text/plain" || looksLikeHTML(s)
	case tc.hasMarkup:
		if tc.typ == "xhtml" {
			s = stripWrappingDiv(s)
		}
	case strings.HasSuffix(tc.typ, "html"):
		isHTML = true
	case tc.typ == "" && !tc.atomSyntax:
		// RSS says nothing about the type of a title; read it as HTML
		// when it looks like HTML.
		isHTML = looksLikeHTML(s)
	}
	s = strings.TrimSpace(s)
	if !isHTML {
		return escapeText(s)
	}
	return cleanHTML(s, tc.base)
}

// stripWrappingDiv removes the <div> an Atom xhtml construct is wrapped in.
func stripWrappingDiv(s string) string {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "<div") || !strings.HasSuffix(t, "</div>") {
		return s
	}
	end := strings.IndexByte(t, '>')
	if end < 0 {
		return s
	}
	inner := t[end+1 : len(t)-len("</div>")]
	if strings.Contains(inner, "<div") {
		// Nested divs: only strip when the outer one closes last.
		if strings.Count(inner, "<div") != strings.Count(inner, "</div>") {
			return s
		}
	}
	return inner
}

// applyTitles sets Title and TitleHTML of f and its items from the
// scanned title elements; where the scan found nothing (or counted items
// differently), the converted title is used. Atom summaries, contents and
// subtitles given as inline markup are taken from the scan too, which
// keeps the wrapping element of non-xhtml types and resolves links
// against the xml:base of each element.
func applyTitles(f *Feed, dt docTitles, base *url.URL) {
	f.TitleHTML = titleHTMLOf(dt.feed, f.Title, base)
	f.Title = plainText(f.TitleHTML)
	for i := range f.Items {
		it := &f.Items[i]
		var tc textConstruct
		if len(dt.items) == len(f.Items) {
			tc = dt.items[i]
		}
		it.TitleHTML = titleHTMLOf(tc, it.Title, base)
		it.Title = plainText(it.TitleHTML)
		if len(dt.ids) == len(f.Items) && dt.ids[i] != "" {
			// The id is an opaque string: keep it exactly as written.
			it.ID = dt.ids[i]
		}
		if len(dt.bodies) == len(f.Items) {
			if b := dt.bodies[i][0]; b.fromScan() {
				it.Summary = b.html()
			}
			if b := dt.bodies[i][1]; b.fromScan() && it.ContentType != "text/plain" {
				it.Content = b.html()
			}
		}
	}
	if dt.subtitle.fromScan() {
		f.Subtitle = dt.subtitle.html()
	}
}

// titleHTMLOf returns the HTML form of a scanned title, or of the
// converted title when the scan has none.
func titleHTMLOf(tc textConstruct, converted string, base *url.URL) string {
	if tc.found && strings.TrimSpace(tc.text) != "" {
		return tc.html()
	}
	if converted == "" {
		return ""
	}
	return textConstruct{found: true, text: converted, base: base}.html()
}

// textEscaper escapes what is markup in HTML text content.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;")

// escapeText escapes s for HTML text content: '&' and '<' only, so that
// quotes and '>' stay as written.
func escapeText(s string) string {
	return textEscaper.Replace(s)
}

// fromScan reports whether a scanned body is better taken from the scan
// than from the converted feed: inline markup, or base64 content.
func (tc textConstruct) fromScan() bool {
	return tc.hasMarkup || (tc.mode == "base64" && strings.TrimSpace(tc.text) != "")
}
