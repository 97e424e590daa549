package feed

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

// rootElement returns the local name of the first element of b.
func rootElement(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(se.Name.Local)
		}
	}
}

// parseGofeed parses UTF-8 XML with the gofeed parser for its dialect and
// converts the result.
func parseGofeed(b []byte, baseURL string) (*Feed, error) {
	base, _ := url.Parse(baseURL)
	switch rootElement(b) {
	case "rss", "rdf":
		rf, err := (&rss.Parser{}).Parse(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		f := fromRSS(rf, base)
		applyTitles(f, scanTitles(b, base), base)
		ex := scanRSSExtras(b)
		for i := range f.Items {
			if i < len(ex.content) && ex.content[i] != "" && f.Items[i].Content == "" {
				f.Items[i].Content, f.Items[i].ContentType = ex.content[i], "text/html"
			}
		}
		return finish(f, base), nil
	case "feed":
		af, err := (&atom.Parser{}).Parse(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		f := fromAtom(af, base)
		applyTitles(f, scanTitles(b, base), base)
		return finish(f, base), nil
	case "channel":
		f := parseCDF(b, base)
		applyTitles(f, docTitles{}, base)
		return finish(f, base), nil
	case "urlset", "sitemapindex":
		return parseSitemap(b, base, rootElement(b)), nil
	case "":
		return nil, errNotFeed
	default:
		return nil, fmt.Errorf("root element %q: %w", rootElement(b), errNotFeed)
	}
}

// resolve makes ref absolute against base; it leaves ref alone when it
// cannot be parsed.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	if u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

// rssFormat names an RSS version.
func rssFormat(v string) string {
	switch v {
	case "2.0", "2.00", "2", "":
		if v == "" {
			return "rss"
		}
		return "rss20"
	case "1.0":
		return "rss10"
	}
	return "rss" + strings.ReplaceAll(v, ".", "")
}

// person formats a name and an email the way feed readers show them.
func person(name, email string) string {
	name, email = strings.TrimSpace(name), strings.TrimSpace(email)
	switch {
	case name != "" && email != "":
		return name + " (" + email + ")"
	case name != "":
		return name
	}
	return email
}

// firstOf returns the first non-blank string.
func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// timeOf returns the first parsed time, else the first string that
// parseDate understands, in UTC.
func timeOf(parsed *time.Time, raw ...string) time.Time {
	if parsed != nil && !parsed.IsZero() {
		return parsed.UTC()
	}
	for _, r := range raw {
		if t, ok := parseDate(r); ok {
			return t
		}
	}
	return time.Time{}
}

// extValues returns the text values of an extension element.
func extValues(e ext.Extensions, prefix, name string) []ext.Extension {
	if e == nil {
		return nil
	}
	m, ok := e[prefix]
	if !ok {
		return nil
	}
	return m[name]
}

// mediaImage finds a thumbnail or image media:content in extensions.
func mediaImage(e ext.Extensions) string {
	for _, n := range []string{"thumbnail", "content"} {
		for _, m := range extValues(e, "media", n) {
			u := m.Attrs["url"]
			if u == "" {
				continue
			}
			if n == "content" {
				t := m.Attrs["type"]
				if m.Attrs["medium"] != "image" && !strings.HasPrefix(t, "image/") {
					continue
				}
			}
			return u
		}
		for _, g := range extValues(e, "media", "group") {
			if img := mediaImage(ext.Extensions{"media": g.Children}); img != "" {
				return img
			}
		}
	}
	return ""
}

func fromRSS(rf *rss.Feed, base *url.URL) *Feed {
	f := &Feed{Format: rssFormat(rf.Version)}
	dc := rf.DublinCoreExt
	if dc == nil {
		dc = &ext.DublinCoreExtension{}
	}
	f.Title = firstOf(rf.Title, first(dc.Title...))
	f.Link = resolve(base, firstOf(rf.Link, firstLink(rf.Links)))
	f.Subtitle = firstOf(rf.Description, first(dc.Description...))
	if rf.ITunesExt != nil {
		f.Subtitle = firstOf(f.Subtitle, rf.ITunesExt.Subtitle, rf.ITunesExt.Summary)
	}
	f.Language = strings.ReplaceAll(strings.TrimSpace(firstOf(rf.Language, first(dc.Language...))), "_", "-")
	f.Author = firstOf(rf.ManagingEditor, first(dc.Creator...), first(dc.Author...))
	if f.Author == "" && rf.ITunesExt != nil {
		f.Author = rf.ITunesExt.Author
	}
	if rf.Image != nil {
		f.Image = resolve(base, rf.Image.URL)
	}
	if f.Image == "" && rf.ITunesExt != nil {
		f.Image = resolve(base, rf.ITunesExt.Image)
	}
	for _, im := range extValues(rf.Extensions, "itunes", "image") {
		if f.Image == "" {
			f.Image = resolve(base, firstOf(im.Attrs["href"], im.Attrs["url"], im.Value))
		}
	}
	f.Updated = timeOf(rf.LastBuildDateParsed, rf.LastBuildDate)
	for _, m := range extValues(rf.Extensions, "dcterms", "modified") {
		if t, ok := parseDate(m.Value); ok && f.Updated.IsZero() {
			f.Updated = t
		}
	}
	if f.Updated.IsZero() {
		f.Updated = timeOf(nil, dc.Date...)
	}
	if f.Updated.IsZero() {
		f.Updated = timeOf(rf.PubDateParsed, rf.PubDate)
	}
	if n, err := strconv.Atoi(strings.TrimSpace(rf.TTL)); err == nil && n > 0 {
		f.TTL = time.Duration(n) * time.Minute
	}
	for _, l := range extValues(rf.Extensions, "atom", "link") {
		if strings.EqualFold(l.Attrs["rel"], "hub") && f.Hub == "" {
			f.Hub = resolve(base, l.Attrs["href"])
		}
		if strings.EqualFold(strings.TrimSpace(l.Attrs["rel"]), "self") && f.Self == "" && strings.TrimSpace(l.Attrs["href"]) != "" {
			f.Self = resolve(base, l.Attrs["href"])
		}
	}
	for _, ri := range rf.Items {
		f.Items = append(f.Items, rssItem(ri, base))
	}
	return f
}

func firstLink(l []string) string {
	for _, s := range l {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func rssItem(ri *rss.Item, base *url.URL) Item {
	dc := ri.DublinCoreExt
	if dc == nil {
		dc = &ext.DublinCoreExtension{}
	}
	var it Item
	if ri.GUID != nil {
		it.ID = strings.TrimSpace(ri.GUID.Value)
	}
	it.Title = firstOf(ri.Title, first(dc.Title...))
	it.Link = firstOf(ri.Link, firstLink(ri.Links))
	if it.Link == "" && ri.GUID != nil && !strings.EqualFold(ri.GUID.IsPermalink, "false") && looksLikeURL(it.ID) {
		it.Link = it.ID
	}
	it.Link = resolve(base, it.Link)
	it.Published = timeOf(ri.PubDateParsed, ri.PubDate)
	if it.Published.IsZero() {
		it.Published = timeOf(nil, dc.Date...)
	}
	for _, m := range extValues(ri.Extensions, "dcterms", "modified") {
		if t, ok := parseDate(m.Value); ok {
			it.Updated = t
		}
	}
	it.Author = firstOf(ri.Author, first(dc.Creator...), first(dc.Author...))
	if it.Author == "" && ri.ITunesExt != nil {
		it.Author = ri.ITunesExt.Author
	}
	it.Summary = firstOf(ri.Description, first(dc.Description...))
	if it.Summary == "" && ri.ITunesExt != nil {
		it.Summary = firstOf(ri.ITunesExt.Summary, ri.ITunesExt.Subtitle)
	}
	it.Content = ri.Content
	if it.Content != "" {
		it.ContentType = "text/html"
	}
	for _, c := range ri.Categories {
		if v := strings.TrimSpace(c.Value); v != "" {
			it.Categories = append(it.Categories, v)
		}
	}
	for _, m := range extValues(ri.Extensions, "media", "category") {
		if v := strings.TrimSpace(m.Value); v != "" {
			it.Categories = append(it.Categories, v)
		}
	}
	for _, s := range dc.Subject {
		if v := strings.TrimSpace(s); v != "" {
			it.Categories = append(it.Categories, v)
		}
	}
	encs := ri.Enclosures
	if len(encs) == 0 && ri.Enclosure != nil {
		encs = []*rss.Enclosure{ri.Enclosure}
	}
	for _, e := range encs {
		if e == nil || strings.TrimSpace(e.URL) == "" {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSpace(e.Length), 10, 64)
		it.Enclosures = append(it.Enclosures, Enclosure{URL: resolve(base, e.URL), Type: strings.TrimSpace(e.Type), Length: n})
	}
	it.Image = itemImage(ri.Extensions, it.Enclosures, base)
	if it.Image == "" && ri.ITunesExt != nil {
		it.Image = resolve(base, ri.ITunesExt.Image)
	}
	return it
}

// itemImage picks the image of an item from media extensions or an image
// enclosure.
func itemImage(e ext.Extensions, encs []Enclosure, base *url.URL) string {
	if img := mediaImage(e); img != "" {
		return resolve(base, img)
	}
	for _, en := range encs {
		if strings.HasPrefix(en.Type, "image/") {
			return en.URL
		}
	}
	return ""
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// atomFormat names an Atom version.
func atomFormat(v string) string {
	if v == "0.3" {
		return "atom03"
	}
	if v == "1.0" {
		return "atom10"
	}
	return "atom"
}

// atomLink picks the alternate link, or failing that the first link
// without a rel.
func atomLink(links []*atom.Link, rel string) string {
	for _, l := range links {
		r := strings.ToLower(strings.TrimSpace(l.Rel))
		if r == "" {
			r = "alternate"
		}
		if r == rel && strings.TrimSpace(l.Href) != "" {
			return l.Href
		}
	}
	return ""
}

func atomPerson(ps []*atom.Person) string {
	for _, p := range ps {
		if s := person(p.Name, p.Email); s != "" {
			return s
		}
	}
	return ""
}

func fromAtom(af *atom.Feed, base *url.URL) *Feed {
	f := &Feed{Format: atomFormat(af.Version)}
	f.Title = af.Title
	f.Link = resolve(base, atomLink(af.Links, "alternate"))
	f.Hub = resolve(base, atomLink(af.Links, "hub"))
	if self := atomLink(af.Links, "self"); self != "" {
		f.Self = resolve(base, self)
	}
	f.Subtitle = af.Subtitle
	f.Language = strings.ReplaceAll(af.Language, "_", "-")
	f.Author = atomPerson(af.Authors)
	f.Image = resolve(base, firstOf(af.Logo, af.Icon))
	f.Updated = timeOf(af.UpdatedParsed, af.Updated)
	for _, ae := range af.Entries {
		f.Items = append(f.Items, atomEntry(ae, base))
	}
	return f
}

func atomEntry(ae *atom.Entry, base *url.URL) Item {
	var it Item
	it.ID = strings.TrimSpace(ae.ID)
	it.Title = ae.Title
	it.Link = resolve(base, atomLink(ae.Links, "alternate"))
	it.Published = timeOf(ae.PublishedParsed, ae.Published)
	it.Updated = timeOf(ae.UpdatedParsed, ae.Updated)
	it.Author = atomPerson(ae.Authors)
	it.Summary = ae.Summary
	if ae.Content != nil {
		it.Content = maybeBase64(ae.Content.Value)
		it.ContentType = atomContentType(ae.Content.Type)
	}
	for _, c := range ae.Categories {
		if v := strings.TrimSpace(firstOf(c.Term, c.Label)); v != "" {
			it.Categories = append(it.Categories, v)
		}
	}
	for _, l := range ae.Links {
		if strings.EqualFold(strings.TrimSpace(l.Rel), "enclosure") && l.Href != "" {
			n, _ := strconv.ParseInt(strings.TrimSpace(l.Length), 10, 64)
			it.Enclosures = append(it.Enclosures, Enclosure{URL: resolve(base, l.Href), Type: l.Type, Length: n})
		}
	}
	it.Image = itemImage(ae.Extensions, it.Enclosures, base)
	return it
}

// atomContentType maps an Atom type attribute to a media type.
func atomContentType(t string) string {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "", "text":
		return "text/plain"
	case "html":
		return "text/html"
	case "xhtml":
		return "application/xhtml+xml"
	}
	return strings.ToLower(strings.TrimSpace(t))
}

// finish cleans the HTML of a converted feed.
func finish(f *Feed, base *url.URL) *Feed {
	f.Subtitle = cleanHTML(f.Subtitle, base)
	for i := range f.Items {
		it := &f.Items[i]
		it.Summary = cleanHTML(it.Summary, base)
		if it.ContentType != "text/plain" {
			it.Content = cleanHTML(it.Content, base)
		}
	}
	return f
}

// maybeBase64 decodes Atom 0.3 content sent with mode="base64", which the
// underlying parser passes through: a value made only of base64 characters
// that decodes to UTF-8 markup.
func maybeBase64(s string) string {
	t := strings.Join(strings.Fields(s), "")
	if len(t) < 16 || len(t)%4 != 0 {
		return s
	}
	for _, c := range t {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return s
		}
	}
	dec, err := base64.StdEncoding.DecodeString(t)
	if err != nil || !utf8.Valid(dec) || !bytes.ContainsAny(dec, "< ") {
		return s
	}
	return string(dec)
}
