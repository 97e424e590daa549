package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// feedFormat is RSS 2.0 or Atom 1.0.
type feedFormat int

const (
	formatRSS feedFormat = iota
	formatAtom
)

// feedItems is how many articles a feed carries.
const feedItems = 50

// feedMaxAge is how long clients may cache a feed.
const feedMaxAge = 5 * time.Minute

// feedInfo is what a feed says about itself.
type feedInfo struct {
	title   string
	desc    string
	lang    string
	pageURL string // the site page the feed mirrors
	selfURL string // the feed's own address
	updated time.Time
}

// feed serves one feed format for an edition or an edition's section.
func (a *API) feed(format feedFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ed, ok := a.editions[r.PathValue("edition")]
		if !ok {
			http.Error(w, "no such edition", http.StatusNotFound)
			return
		}
		f := news.ArticleFilter{Lang: ed.Lang, Originals: true, Limit: feedItems}
		info := feedInfo{
			title:   a.o.SiteName + " — " + ed.Name,
			desc:    "Latest articles in the " + ed.Name + " edition of " + a.o.SiteName,
			lang:    ed.Lang,
			pageURL: a.base + "/" + ed.Code + "/",
		}
		ext := "rss"
		if format == formatAtom {
			ext = "atom"
		}
		info.selfURL = a.base + "/" + ed.Code + "/feed." + ext
		if slug := r.PathValue("slug"); slug != "" {
			sec, ok := a.sections[slug]
			if !ok {
				http.Error(w, "no such section", http.StatusNotFound)
				return
			}
			f.Section = sec.Slug
			info.title = a.o.SiteName + " — " + sec.Name + " (" + ed.Name + ")"
			info.desc = "Latest " + sec.Name + " articles in the " + ed.Name + " edition of " + a.o.SiteName
			info.pageURL = a.base + "/" + ed.Code + "/section/" + sec.Slug
			info.selfURL = a.base + "/" + ed.Code + "/section/" + sec.Slug + "/feed." + ext
		}
		list, err := a.o.Store.Articles(r.Context(), f)
		if err != nil {
			a.feedError(w, r, fmt.Errorf("api: feed articles: %w", err))
			return
		}
		sources, err := a.o.Store.Sources(r.Context())
		if err != nil {
			a.feedError(w, r, fmt.Errorf("api: feed sources: %w", err))
			return
		}
		bySource := make(map[int64]news.Source, len(sources))
		for _, s := range sources {
			bySource[s.ID] = s
		}
		info.updated = time.Time{}
		for _, ar := range list {
			if t := lastChange(ar); t.After(info.updated) {
				info.updated = t
			}
		}
		if info.updated.IsZero() {
			// An empty feed changes when its first article arrives; until
			// then a fixed date keeps its validators stable.
			info.updated = time.Unix(0, 0).UTC()
		}

		var body []byte
		var ctype string
		if format == formatAtom {
			body, err = a.renderAtom(info, list, bySource)
			ctype = "application/atom+xml; charset=utf-8"
		} else {
			body, err = a.renderRSS(info, list, bySource)
			ctype = "application/rss+xml; charset=utf-8"
		}
		if err != nil {
			a.feedError(w, r, err)
			return
		}
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:12]) + `"`
		h := w.Header()
		h.Set("ETag", etag)
		h.Set("Last-Modified", info.updated.UTC().Format(http.TimeFormat))
		h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(feedMaxAge/time.Second)))
		if notModified(r, etag, info.updated) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Type", ctype)
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodHead {
			return
		}
		// A failed write means the client went away.
		_, _ = w.Write(body)
	}
}

// feedError answers a failed feed with a plain-text error.
func (a *API) feedError(w http.ResponseWriter, r *http.Request, err error) {
	status := news.HTTPStatus(err)
	level := slog.LevelWarn
	if status >= 500 {
		level = slog.LevelError
	}
	a.log.LogAttrs(r.Context(), level, "feed failed",
		slog.String("path", r.URL.Path), slog.String("error", err.Error()))
	http.Error(w, strings.ToLower(http.StatusText(status)), status)
}

// lastChange is when an article last changed for a feed reader.
func lastChange(ar news.Article) time.Time {
	t := ar.Published
	if ar.Updated.After(t) {
		t = ar.Updated
	}
	return t
}

// notModified reports whether the request's validators match: If-None-Match
// (weak comparison) when present, else If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		want := strings.TrimPrefix(etag, "W/")
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		if err == nil && !modified.Truncate(time.Second).After(t) {
			return true
		}
	}
	return false
}

// feedDescription is the text a feed shows for an article: its excerpt,
// else its summary, else the start of its text.
func feedDescription(ar news.Article) string {
	if ar.Excerpt != "" {
		return ar.Excerpt
	}
	if len(ar.Summary) > 0 {
		return strings.Join(ar.Summary, " ")
	}
	return truncateRunes(ar.Text, 300)
}

// truncateRunes cuts s to at most n runes at a word boundary, adding an
// ellipsis when it cut.
func truncateRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// sectionName names a section slug.
func (a *API) sectionName(slug string) string {
	if s, ok := a.sections[slug]; ok {
		return s.Name
	}
	return slug
}

// RSS 2.0 document.
type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	DCNS    string     `xml:"xmlns:dc,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Generator     string    `xml:"generator"`
	AtomLink      rssSelf   `xml:"atom:link"`
	TTL           int       `xml:"ttl"`
	Items         []rssItem `xml:"item"`
}

type rssSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string       `xml:"title"`
	Link        string       `xml:"link"`
	GUID        rssGUID      `xml:"guid"`
	PubDate     string       `xml:"pubDate,omitempty"`
	Description string       `xml:"description,omitempty"`
	Creator     string       `xml:"dc:creator,omitempty"`
	Category    string       `xml:"category,omitempty"`
	Source      *rssSource   `xml:"source,omitempty"`
	Enclosure   *rssEnclosed `xml:"enclosure,omitempty"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssSource struct {
	URL  string `xml:"url,attr"`
	Name string `xml:",chardata"`
}

type rssEnclosed struct {
	URL    string `xml:"url,attr"`
	Length string `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

func (a *API) renderRSS(info feedInfo, list []news.Article, sources map[int64]news.Source) ([]byte, error) {
	doc := rssDoc{
		Version: "2.0",
		AtomNS:  "http://www.w3.org/2005/Atom",
		DCNS:    "http://purl.org/dc/elements/1.1/",
		Channel: rssChannel{
			Title:         info.title,
			Link:          info.pageURL,
			Description:   info.desc,
			Language:      info.lang,
			LastBuildDate: info.updated.UTC().Format(time.RFC1123Z),
			Generator:     "newsdesk",
			AtomLink:      rssSelf{Href: info.selfURL, Rel: "self", Type: "application/rss+xml"},
			TTL:           int(feedMaxAge / time.Minute),
			Items:         make([]rssItem, 0, len(list)),
		},
	}
	for _, ar := range list {
		link := a.articleURL(ar)
		it := rssItem{
			Title:       ar.Title,
			Link:        link,
			GUID:        rssGUID{IsPermaLink: "true", Value: link},
			Description: feedDescription(ar),
			Category:    a.sectionName(ar.Section),
		}
		if !ar.Published.IsZero() {
			it.PubDate = ar.Published.UTC().Format(time.RFC1123Z)
		}
		it.Creator = outletCredit(ar)
		if src, ok := sources[ar.SourceID]; ok && src.FeedURL != "" {
			it.Source = &rssSource{URL: src.FeedURL, Name: outletName(ar, src)}
		}
		if ar.ImageURL != "" && (strings.HasPrefix(ar.ImageURL, "https://") || strings.HasPrefix(ar.ImageURL, "http://")) {
			it.Enclosure = &rssEnclosed{URL: ar.ImageURL, Length: "0", Type: imageType(ar.ImageURL)}
		}
		doc.Channel.Items = append(doc.Channel.Items, it)
	}
	return marshalXML(doc)
}

// outletName is an article's outlet name, from the article or its source.
func outletName(ar news.Article, src news.Source) string {
	if ar.SourceName != "" {
		return ar.SourceName
	}
	return src.Name
}

// outletCredit is who wrote an article: "Byline, Outlet", or either alone.
func outletCredit(ar news.Article) string {
	switch {
	case ar.Byline != "" && ar.SourceName != "":
		return ar.Byline + ", " + ar.SourceName
	case ar.Byline != "":
		return ar.Byline
	}
	return ar.SourceName
}

// imageType guesses an image's media type from its URL.
func imageType(u string) string {
	p := strings.ToLower(u)
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	switch {
	case strings.HasSuffix(p, ".png"):
		return "image/png"
	case strings.HasSuffix(p, ".gif"):
		return "image/gif"
	case strings.HasSuffix(p, ".webp"):
		return "image/webp"
	case strings.HasSuffix(p, ".avif"):
		return "image/avif"
	}
	return "image/jpeg"
}

// Atom 1.0 document.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Subtitle  atomText    `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomSource struct {
	ID    string     `xml:"id"`
	Title atomText   `xml:"title"`
	Links []atomLink `xml:"link"`
}

type atomEntry struct {
	ID        string        `xml:"id"`
	Title     atomText      `xml:"title"`
	Links     []atomLink    `xml:"link"`
	Published string        `xml:"published,omitempty"`
	Updated   string        `xml:"updated"`
	Authors   []atomPerson  `xml:"author"`
	Category  *atomCategory `xml:"category,omitempty"`
	Summary   *atomText     `xml:"summary,omitempty"`
	Source    *atomSource   `xml:"source,omitempty"`
}

func (a *API) renderAtom(info feedInfo, list []news.Article, sources map[int64]news.Source) ([]byte, error) {
	doc := atomFeed{
		Lang:     info.lang,
		ID:       info.selfURL,
		Title:    atomText{Type: "text", Value: info.title},
		Subtitle: atomText{Type: "text", Value: info.desc},
		Updated:  info.updated.UTC().Format(time.RFC3339),
		Links: []atomLink{
			{Href: info.selfURL, Rel: "self", Type: "application/atom+xml"},
			{Href: info.pageURL, Rel: "alternate", Type: "text/html"},
		},
		Generator: "newsdesk",
		Entries:   make([]atomEntry, 0, len(list)),
	}
	for _, ar := range list {
		link := a.articleURL(ar)
		updated := lastChange(ar)
		if updated.IsZero() {
			updated = ar.CreatedAt
		}
		e := atomEntry{
			ID:      link,
			Title:   atomText{Type: "text", Value: ar.Title},
			Links:   []atomLink{{Href: link, Rel: "alternate", Type: "text/html"}},
			Updated: updated.UTC().Format(time.RFC3339),
		}
		if ar.URL != "" {
			e.Links = append(e.Links, atomLink{Href: ar.URL, Rel: "via", Type: "text/html"})
		}
		if !ar.Published.IsZero() {
			e.Published = ar.Published.UTC().Format(time.RFC3339)
		}
		src := sources[ar.SourceID]
		name := outletName(ar, src)
		author := name
		if ar.Byline != "" && name != "" {
			author = ar.Byline + ", " + name
		} else if ar.Byline != "" {
			author = ar.Byline
		}
		if author == "" {
			author = a.o.SiteName
		}
		e.Authors = []atomPerson{{Name: author}}
		if ar.Section != "" {
			e.Category = &atomCategory{Term: ar.Section, Label: a.sectionName(ar.Section)}
		}
		if d := feedDescription(ar); d != "" {
			e.Summary = &atomText{Type: "text", Value: d}
		}
		if name != "" {
			s := &atomSource{Title: atomText{Type: "text", Value: name}}
			s.ID = src.HomeURL
			if s.ID == "" {
				s.ID = src.FeedURL
			}
			if src.HomeURL != "" {
				s.Links = append(s.Links, atomLink{Href: src.HomeURL, Rel: "alternate", Type: "text/html"})
			}
			if s.ID != "" {
				e.Source = s
			}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshalXML(doc)
}

// marshalXML writes v as an indented XML document with its declaration.
func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("api: render feed: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("api: render feed: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
