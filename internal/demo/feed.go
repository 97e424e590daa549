package demo

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"
)

// feedMediaType is the media type of a feed format, without charset.
func feedMediaType(format string) string {
	switch format {
	case FormatRSS1:
		return "application/rdf+xml"
	case FormatAtom:
		return "application/atom+xml"
	case FormatJSON:
		return "application/feed+json"
	}
	return "application/rss+xml"
}

// feedItems returns the latest feedSize posts of the outlet, newest first.
func (d *Demo) feedItems(o *outlet) []*post {
	list := d.perOutlet[o.idx]
	var out []*post
	for i := len(list) - 1; i >= 0 && len(out) < feedSize; i-- {
		out = append(out, list[i])
	}
	return out
}

// itemTitle is the title as the outlet's feed writes it. Outlets with
// htmlTitles write HTML: entities for some characters and, on some items,
// a tag around the first word. Decoding the entities and dropping the tags
// gives the true title back.
func (o *outlet) itemTitle(p *post) string {
	if !o.htmlTitles {
		return p.Title
	}
	t := html.EscapeString(p.Title)
	t = strings.ReplaceAll(t, "€", "&euro;")
	if p.seq%3 == 0 {
		if i := strings.IndexByte(t, ' '); i > 0 {
			t = "<em>" + t[:i] + "</em>" + t[i:]
		}
	}
	return t
}

// undated reports whether the feed leaves the item's date out.
func (o *outlet) undated(p *post) bool { return o.undatedItem && p.seq%7 == 2 }

// excerpt is the summary the feeds carry: the first paragraph.
func excerpt(p *post) string { return p.Paragraphs[0] }

// feedDoc renders the outlet's feed. base is the absolute site URL.
func (d *Demo) feedDoc(o *outlet, base string) string {
	items := d.feedItems(o)
	updated := time.Unix(0, 0).UTC()
	if len(items) > 0 {
		updated = items[0].Published
	}
	link := func(p *post) string {
		if o.relLinks {
			return p.path
		}
		return base + p.path
	}
	var b strings.Builder
	w := func(parts ...string) {
		for _, s := range parts {
			b.WriteString(s)
		}
	}
	switch o.Format {
	case FormatRSS2:
		w("<?xml version=\"1.0\" encoding=\"", o.Charset, "\"?>\n")
		w("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
		chLink := base + o.HomeURL
		if o.relLinks {
			chLink = o.HomeURL
		}
		w("<title>", esc(o.Name), "</title>\n<link>", esc(chLink), "</link>\n<description>", esc(o.c.tagline), "</description>\n")
		w("<language>", strings.ToLower(o.htmlLang()), "</language>\n<lastBuildDate>", updated.In(o.tz).Format(time.RFC1123Z), "</lastBuildDate>\n")
		w("<atom:link href=\"", esc(base+o.FeedURL), "\" rel=\"self\" type=\"application/rss+xml\"/>\n")
		for _, p := range items {
			w("<item>\n<title>", esc(o.itemTitle(p)), "</title>\n<link>", esc(link(p)), "</link>\n")
			if o.relLinks {
				w("<guid isPermaLink=\"false\">", o.Slug, ":", fmt.Sprint(p.num), "</guid>\n")
			} else {
				w("<guid isPermaLink=\"true\">", esc(link(p)), "</guid>\n")
			}
			if !o.undated(p) {
				w("<pubDate>", p.Published.Format(time.RFC1123Z), "</pubDate>\n")
			}
			w("<dc:creator>", esc(p.Byline), "</dc:creator>\n<category>", esc(sectionNames[o.Lang][p.Section]), "</category>\n")
			desc := esc(excerpt(p))
			if o.htmlTitles {
				desc = "<p>" + desc + "</p>"
			}
			w("<description>", esc(desc), "</description>\n")
			w("<media:content url=\"", esc(base+p.imagePath), "\" medium=\"image\" type=\"", imageType(o.imgExt), "\"><media:description>", esc(p.ImageCaption), "</media:description></media:content>\n</item>\n")
		}
		w("</channel>\n</rss>\n")
	case FormatRSS1:
		w("<?xml version=\"1.0\" encoding=\"", o.Charset, "\"?>\n")
		w("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
		w("<channel rdf:about=\"", esc(base+o.FeedURL), "\">\n<title>", esc(o.Name), "</title>\n<link>", esc(base+o.HomeURL), "</link>\n<description>", esc(o.c.tagline), "</description>\n")
		w("<dc:language>", o.Lang, "</dc:language>\n<dc:date>", updated.Format(time.RFC3339), "</dc:date>\n<items>\n<rdf:Seq>\n")
		for _, p := range items {
			w("<rdf:li rdf:resource=\"", esc(link(p)), "\"/>\n")
		}
		w("</rdf:Seq>\n</items>\n</channel>\n")
		for _, p := range items {
			w("<item rdf:about=\"", esc(link(p)), "\">\n<title>", esc(o.itemTitle(p)), "</title>\n<link>", esc(link(p)), "</link>\n")
			w("<description>", esc(excerpt(p)), "</description>\n")
			if !o.undated(p) {
				w("<dc:date>", p.Published.Format(time.RFC3339), "</dc:date>\n")
			}
			w("<dc:creator>", esc(p.Byline), "</dc:creator>\n<dc:subject>", esc(sectionNames[o.Lang][p.Section]), "</dc:subject>\n</item>\n")
		}
		w("</rdf:RDF>\n")
	case FormatAtom:
		w("<?xml version=\"1.0\" encoding=\"", o.Charset, "\"?>\n")
		w("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"", o.Lang, "\">\n<title>", esc(o.Name), "</title>\n<subtitle>", esc(o.c.tagline), "</subtitle>\n")
		w("<id>tag:", o.Slug, ".demo.newsdesk,2026:feed</id>\n<updated>", updated.Format(time.RFC3339), "</updated>\n")
		w("<link rel=\"alternate\" type=\"text/html\" href=\"", esc(base+o.HomeURL), "\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"", esc(base+o.FeedURL), "\"/>\n")
		for _, p := range items {
			w("<entry>\n<title type=\"text\">", esc(o.itemTitle(p)), "</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"", esc(link(p)), "\"/>\n")
			w("<id>tag:", o.Slug, ".demo.newsdesk,2026:", fmt.Sprint(p.num), "</id>\n")
			if !o.undated(p) {
				w("<published>", p.Published.Format(time.RFC3339), "</published>\n")
			}
			w("<updated>", p.Published.Format(time.RFC3339), "</updated>\n<author><name>", esc(p.Byline), "</name></author>\n")
			w("<category term=\"", p.Section, "\" label=\"", esc(sectionNames[o.Lang][p.Section]), "\"/>\n")
			w("<summary type=\"html\">", esc("<p>"+esc(excerpt(p))+"</p>"), "</summary>\n")
			w("<link rel=\"enclosure\" type=\"", imageType(o.imgExt), "\" href=\"", esc(base+p.imagePath), "\"/>\n</entry>\n")
		}
		w("</feed>\n")
	case FormatJSON:
		type author struct {
			Name string `json:"name"`
		}
		type item struct {
			ID            string   `json:"id"`
			URL           string   `json:"url"`
			Title         string   `json:"title"`
			Summary       string   `json:"summary,omitempty"`
			ContentHTML   string   `json:"content_html,omitempty"`
			ContentText   string   `json:"content_text,omitempty"`
			Image         string   `json:"image,omitempty"`
			DatePublished string   `json:"date_published,omitempty"`
			Authors       []author `json:"authors,omitempty"`
			Tags          []string `json:"tags,omitempty"`
			Language      string   `json:"language,omitempty"`
		}
		type feed struct {
			Version     string   `json:"version"`
			Title       string   `json:"title"`
			HomePageURL string   `json:"home_page_url"`
			FeedURL     string   `json:"feed_url"`
			Description string   `json:"description"`
			Language    string   `json:"language"`
			Items       []item   `json:"items"`
			Authors     []author `json:"authors,omitempty"`
		}
		f := feed{Version: "https://jsonfeed.org/version/1.1", Title: o.Name, HomePageURL: base + o.HomeURL, FeedURL: base + o.FeedURL, Description: o.c.tagline, Language: o.htmlLang(), Items: []item{}}
		for _, p := range items {
			it := item{ID: fmt.Sprintf("%s-%d", o.Slug, p.num), URL: link(p), Title: o.itemTitle(p), Image: base + p.imagePath,
				Authors: []author{{p.Byline}}, Tags: []string{sectionNames[o.Lang][p.Section]}, Language: o.Lang}
			if !o.undated(p) {
				it.DatePublished = p.Published.Format(time.RFC3339)
			}
			if o.Lang == "de" {
				it.ContentHTML = "<p>" + esc(excerpt(p)) + "</p>"
			} else {
				it.Summary = excerpt(p)
				it.ContentText = excerpt(p)
			}
			f.Items = append(f.Items, it)
		}
		j, err := json.MarshalIndent(f, "", "  ")
		if err != nil { // plain strings and slices always marshal
			return "{}"
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// imageType is the media type for an image extension.
func imageType(ext string) string {
	if ext == "svg" {
		return "image/svg+xml"
	}
	return "image/png"
}
