package extract

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about itself outside the body text. Each
// field keeps candidates in order of trust; apply picks the first usable.
type pageMeta struct {
	base       *url.URL
	names      *partNames // shared with the other visitors of the page's walk
	titles     []string   // JSON-LD headline, og:title, twitter:title
	docTitle   string     // <title>
	h1         []string
	siteNames  []string
	authors    []string
	published  []string
	updated    []string
	canonical  []string
	images     []string
	captions   []string
	sections   []string
	langs      []string
	keywords   []string
	timeAttrs  []string // <time datetime> values
	descs      []string // descriptions: og:description, description
	breadcrumb []string
	metaTags   []*html.Node // the page's <meta> elements, read by finish
}

// newPageMeta readies the metadata of a page at base; visit gathers it
// from JSON-LD, <meta>, <link>, <time> and the document structure in the
// page's walk (see walkEach), and finish completes it after.
func newPageMeta(base *url.URL) *pageMeta {
	return &pageMeta{base: base}
}

// visit reads one node of the page.
func (m *pageMeta) visit(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return true
	}
	switch n.DataAtom {
	case atom.Html:
		m.add(&m.langs, attr(n, "lang"), attr(n, "xml:lang"))
	case atom.Meta:
		m.metaTags = append(m.metaTags, n)
	case atom.Link:
		rel := attr(n, "rel")
		switch {
		case hasToken(rel, "canonical"):
			m.add(&m.canonical, attr(n, "href"))
		case hasToken(rel, "image_src"):
			m.add(&m.images, attr(n, "href"))
		}
	case atom.Script:
		if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
			m.jsonLD(n.FirstChild.Data)
		}
		return false
	case atom.Title:
		if m.docTitle == "" && !inside(n, atom.Svg) {
			m.docTitle = collapse(textOf(n))
		}
		return false
	case atom.H1:
		if t := collapse(textOf(n)); t != "" && len(m.h1) < 3 {
			m.h1 = append(m.h1, t)
		}
	case atom.Time:
		m.add(&m.timeAttrs, attr(n, "datetime"))
	case atom.A:
		if hasToken(attr(n, "rel"), "author") {
			m.add(&m.authors, collapse(textOf(n)))
		}
	}
	if n.DataAtom != atom.Body && n.DataAtom != atom.Html && n.DataAtom != atom.Article {
		f := m.names.of(n)
		if f&partByline != 0 || attr(n, "itemprop") == "author" {
			if t := collapse(textOf(n)); t != "" && len(t) < 120 {
				m.add(&m.authors, t)
			}
		}
		if f&partBreadcrumb != 0 && len(m.breadcrumb) == 0 {
			m.breadcrumb = breadcrumbItems(n)
		}
	}
	return true
}

// finish reads the <meta> elements visit found.
func (m *pageMeta) finish() {
	for _, n := range m.metaTags {
		m.metaTag(n)
	}
	m.metaTags = nil
}

// metaTag records one <meta> element.
func (m *pageMeta) metaTag(n *html.Node) {
	key := strings.ToLower(strings.TrimSpace(attr(n, "property")))
	if key == "" {
		key = strings.ToLower(strings.TrimSpace(attr(n, "name")))
	}
	if key == "" {
		key = strings.ToLower(strings.TrimSpace(attr(n, "itemprop")))
	}
	if he := strings.ToLower(attr(n, "http-equiv")); he == "content-language" {
		key = "content-language"
	}
	val := collapse(attr(n, "content"))
	if val == "" {
		return
	}
	switch key {
	case "og:description", "description", "twitter:description":
		m.add(&m.descs, val)
	case "og:title", "twitter:title", "dc.title", "sailthru.title", "parsely-title":
		m.add(&m.titles, val)
	case "og:site_name", "application-name", "al:ios:app_name", "apple-mobile-web-app-title":
		m.add(&m.siteNames, val)
	case "author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl", "byline":
		if !strings.HasPrefix(val, "http") {
			m.add(&m.authors, val)
		}
	case "article:published_time", "datepublished", "og:published_time", "published_time",
		"pubdate", "publishdate", "date", "dc.date", "dc.date.issued", "dcterms.created",
		"sailthru.date", "parsely-pub-date", "article.published", "publish-date", "cxenseparse:recs:publishtime":
		m.add(&m.published, val)
	case "article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified", "article.updated":
		m.add(&m.updated, val)
	case "og:url":
		m.add(&m.canonical, val)
	case "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "thumbnailurl":
		m.add(&m.images, val)
	case "og:image:alt", "twitter:image:alt":
		m.add(&m.captions, val)
	case "article:section", "section", "parsely-section", "category", "dc.subject":
		m.add(&m.sections, val)
	case "content-language", "og:locale", "language", "dc.language":
		m.add(&m.langs, val)
	case "keywords", "news_keywords", "article:tag", "parsely-tags", "sailthru.tags":
		m.keywords = append(m.keywords, splitList(val)...)
	}
}

// jsonLD records the article fields of one JSON-LD block.
func (m *pageMeta) jsonLD(src string) {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<!--")
	src = strings.TrimSuffix(src, "-->")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return
	}
	var objs []map[string]any
	collectLD(v, &objs, 0)
	// Article types first, then anything else that carries the fields.
	for pass := 0; pass < 2; pass++ {
		for _, o := range objs {
			if isArticleType(o["@type"]) != (pass == 0) {
				continue
			}
			if pass == 1 && !isPageType(o["@type"]) {
				continue
			}
			m.add(&m.titles, ldString(o["headline"]))
			if pass == 0 {
				m.add(&m.titles, ldString(o["name"]))
			}
			for _, a := range ldNames(o["author"]) {
				m.add(&m.authors, a)
			}
			m.add(&m.published, ldString(o["datePublished"]), ldString(o["dateCreated"]))
			m.add(&m.updated, ldString(o["dateModified"]))
			m.add(&m.images, ldURLs(o["image"])...)
			m.add(&m.images, ldURLs(o["thumbnailUrl"])...)
			m.add(&m.sections, ldStrings(o["articleSection"])...)
			m.add(&m.langs, ldString(o["inLanguage"]))
			if k := ldStrings(o["keywords"]); len(k) > 0 {
				for _, s := range k {
					m.keywords = append(m.keywords, splitList(s)...)
				}
			}
			if p, ok := o["publisher"].(map[string]any); ok {
				m.add(&m.siteNames, ldString(p["name"]))
			}
			if pass == 0 {
				m.add(&m.canonical, ldURLs(o["mainEntityOfPage"])...)
				m.add(&m.canonical, ldString(o["url"]))
			}
		}
	}
	for _, o := range objs {
		if typeIs(o["@type"], "WebSite", "Organization", "NewsMediaOrganization") {
			m.add(&m.siteNames, ldString(o["name"]))
		}
		if typeIs(o["@type"], "BreadcrumbList") && len(m.breadcrumb) == 0 {
			if items, ok := o["itemListElement"].([]any); ok {
				for _, it := range items {
					if im, ok := it.(map[string]any); ok {
						name := ldString(im["name"])
						if name == "" {
							if inner, ok := im["item"].(map[string]any); ok {
								name = ldString(inner["name"])
							}
						}
						if name != "" {
							m.breadcrumb = append(m.breadcrumb, name)
						}
					}
				}
			}
		}
	}
}

// collectLD flattens JSON-LD values (arrays, @graph) into objects.
func collectLD(v any, out *[]map[string]any, depth int) {
	if depth > 6 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			collectLD(e, out, depth+1)
		}
	case map[string]any:
		*out = append(*out, t)
		if g, ok := t["@graph"]; ok {
			collectLD(g, out, depth+1)
		}
		if me, ok := t["mainEntity"].(map[string]any); ok {
			collectLD(me, out, depth+1)
		}
	}
}

func isArticleType(t any) bool {
	for _, s := range ldStrings(t) {
		if strings.HasSuffix(s, "Article") || s == "BlogPosting" || s == "Report" || s == "LiveBlogPosting" || s == "SocialMediaPosting" || s == "Review" {
			return true
		}
	}
	return false
}

func isPageType(t any) bool {
	return typeIs(t, "WebPage", "ItemPage", "CollectionPage")
}

func typeIs(t any, names ...string) bool {
	for _, s := range ldStrings(t) {
		for _, n := range names {
			if s == n {
				return true
			}
		}
	}
	return false
}

// ldString returns a JSON-LD value as one string.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return collapse(html.UnescapeString(t))
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	case map[string]any:
		if s := ldString(t["@value"]); s != "" {
			return s
		}
		return ldString(t["name"])
	}
	return ""
}

// ldStrings returns a JSON-LD value as a list of strings.
func ldStrings(v any) []string {
	switch t := v.(type) {
	case string:
		if s := collapse(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldStrings(e)...)
		}
		return out
	}
	return nil
}

// ldNames returns the names of JSON-LD persons or organisations.
func ldNames(v any) []string {
	switch t := v.(type) {
	case string:
		if s := collapse(t); s != "" && !strings.HasPrefix(s, "http") {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e)...)
		}
		return out
	case map[string]any:
		if s := ldString(t["name"]); s != "" {
			return []string{s}
		}
	}
	return nil
}

// ldURLs returns URLs from a JSON-LD image or page reference.
func ldURLs(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{strings.TrimSpace(t)}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldURLs(e)...)
		}
		return out
	case map[string]any:
		for _, k := range []string{"url", "contentUrl", "@id"} {
			if s, ok := t[k].(string); ok && s != "" {
				if k == "@id" && strings.Contains(s, "#") {
					// A node reference ("https://site/#primaryimage"),
					// not the image's address.
					continue
				}
				return []string{s}
			}
		}
	}
	return nil
}

// add appends the non-empty values to list.
func (m *pageMeta) add(list *[]string, vals ...string) {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			*list = append(*list, v)
		}
	}
}

// apply fills r from m, choosing the best candidate of each field.
func (m *pageMeta) apply(r *Result, o Options) {
	r.SiteName = first(m.siteNames)
	r.Canonical = m.pickURL(m.canonical)
	if r.Canonical == "" && m.base != nil {
		r.Canonical = m.base.String()
	}
	r.Title = m.pickTitle(o)
	r.Byline = pickByline(m.authors, r.SiteName)
	r.Published = pickTime(m.published, m.timeAttrs)
	if r.Published.IsZero() {
		r.Published = dateFromURL(r.Canonical, r.URL)
	}
	if r.Published.IsZero() {
		r.Published = o.FeedPublished
	}
	r.Updated = pickTime(m.updated, nil)
	if !r.Updated.IsZero() && !r.Published.IsZero() && r.Updated.Before(r.Published) {
		r.Updated = time.Time{}
	}
	for _, im := range m.images {
		if u := m.resolve(im); u != "" && !looksLikeLogo(u) {
			r.Image = u
			break
		}
	}
	r.ImageCaption = first(m.captions)
	r.Section = first(m.sections)
	if r.Section == "" && len(m.breadcrumb) > 1 {
		// The first crumb is usually "Home"; the section is the next one
		// that is not the headline itself.
		for _, c := range m.breadcrumb[1:] {
			if !strings.EqualFold(c, r.Title) && len(c) < 40 {
				r.Section = c
				break
			}
		}
	}
	for _, l := range m.langs {
		if code := normLang(l); code != "" {
			r.Lang = code
			break
		}
	}
	r.Keywords = dedupFold(m.keywords, 30)
}

// pickURL returns the first candidate that resolves to an absolute http(s) URL.
func (m *pageMeta) pickURL(cands []string) string {
	for _, c := range cands {
		if u := m.resolve(c); u != "" {
			return u
		}
	}
	return ""
}

// resolve makes ref absolute against the page URL; "" when it is not http(s).
func (m *pageMeta) resolve(ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		if m.base == nil {
			return ""
		}
		u = m.base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// titleSeps are the separators between a headline and a site name.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " // ", " // ", ": "}

// pickTitle chooses the headline and strips a site-name suffix or prefix.
func (m *pageMeta) pickTitle(o Options) string {
	cands := append([]string{}, m.titles...)
	if m.docTitle != "" {
		cands = append(cands, m.docTitle)
	}
	if len(cands) == 0 {
		if len(m.h1) > 0 {
			return m.h1[0]
		}
		return o.FeedTitle
	}
	t := cands[0]
	// A headline equal to an <h1> is as clean as it gets.
	for _, h := range m.h1 {
		for _, c := range cands {
			if strings.EqualFold(h, c) {
				return h
			}
		}
	}
	return stripSiteName(t, m.siteNames, m.base, m.h1)
}

// stripSiteName removes " | Site" style suffixes (and "Site | " prefixes).
func stripSiteName(t string, sites []string, base *url.URL, h1 []string) string {
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	isSite := func(s string) bool {
		ls := strings.ToLower(strings.TrimSpace(s))
		if ls == "" {
			return false
		}
		for _, sn := range sites {
			if strings.EqualFold(ls, strings.TrimSpace(sn)) {
				return true
			}
		}
		compact := strings.ReplaceAll(strings.ReplaceAll(ls, " ", ""), "-", "")
		if host != "" {
			if strings.Contains(host, compact) || strings.HasPrefix(compact, strings.Split(host, ".")[0]) || strings.Contains(ls, host) {
				return true
			}
		}
		return false
	}
	for _, sep := range titleSeps {
		if sep == ": " {
			continue
		}
		for {
			i := strings.LastIndex(t, sep)
			if i <= 0 {
				break
			}
			head, tail := t[:i], t[i+len(sep):]
			if isSite(tail) || (sep == " | " && countFields(tail) <= 4 && len(head) > len(tail)*2) {
				t = strings.TrimSpace(head)
				continue
			}
			break
		}
		if i := strings.Index(t, sep); i > 0 && isSite(t[:i]) {
			t = strings.TrimSpace(t[i+len(sep):])
		}
	}
	// A cut <h1> contained in the title is the headline.
	for _, h := range h1 {
		if len(h) > 15 && strings.HasPrefix(t, h) {
			return h
		}
	}
	return t
}

// pickByline joins up to three distinct author names.
func pickByline(authors []string, site string) string {
	var out []string
	seen := map[string]bool{}
	for _, a := range authors {
		a = cleanAuthor(a)
		k := strings.ToLower(a)
		if a == "" || seen[k] || strings.EqualFold(a, site) {
			continue
		}
		seen[k] = true
		out = append(out, a)
		if len(out) == 3 {
			break
		}
	}
	// Later candidates (from .byline text) often repeat earlier names with
	// decoration; keep the first source's names when they overlap.
	if len(out) > 1 {
		kept := out[:1]
		for _, a := range out[1:] {
			dup := false
			for _, k := range kept {
				if strings.Contains(strings.ToLower(a), strings.ToLower(k)) || strings.Contains(strings.ToLower(k), strings.ToLower(a)) {
					dup = true
					break
				}
			}
			if !dup {
				kept = append(kept, a)
			}
		}
		out = kept
	}
	return strings.Join(out, ", ")
}

var bylinePrefix = mustRule(`(?i)^(by|von|par|por|di|door|av|af|text:|texte:|von:|autor:|author:)\s+`)

// cleanAuthor trims "By", dates and roles from an author string.
func cleanAuthor(a string) string {
	a = collapse(a)
	a = bylinePrefix.ReplaceAllString(a, "")
	if i := strings.IndexAny(a, "|\n"); i > 0 {
		a = strings.TrimSpace(a[:i])
	}
	if len(a) > 80 || countFields(a) > 8 {
		return ""
	}
	return strings.Trim(a, " ,;:-")
}

// looksLikeLogo reports image URLs that are logos, icons or tracking pixels.
func looksLikeLogo(u string) bool {
	l := strings.ToLower(u)
	for _, s := range []string{"logo", "favicon", "sprite", "spacer", "pixel", "1x1", "blank.gif", "placeholder", "default-image", "apple-touch-icon"} {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// normLang reduces "de-DE", "en_US" to an ISO 639-1 code.
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i > 0 {
		s = s[:i]
	}
	if len(s) != 2 {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return s
}

// breadcrumbItems returns the link texts of a breadcrumb trail.
func breadcrumbItems(n *html.Node) []string {
	var out []string
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && (c.DataAtom == atom.A || c.DataAtom == atom.Span && attr(c, "itemprop") == "name") {
			if t := collapse(textOf(c)); t != "" && (len(out) == 0 || out[len(out)-1] != t) {
				out = append(out, t)
			}
			return false
		}
		return true
	})
	return out
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		if p = collapse(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func dedupFold(in []string, max int) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		k := strings.ToLower(s)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
		if len(out) == max {
			break
		}
	}
	return out
}

func first(s []string) string {
	if len(s) > 0 {
		return s[0]
	}
	return ""
}

// parseURL parses an absolute URL; it returns nil for anything else.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	if !u.IsAbs() {
		return nil, nil
	}
	return u, nil
}
