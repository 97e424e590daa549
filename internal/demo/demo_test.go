package demo

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"image/png"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

var testNow = time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)

// clock returns a fixed clock that can be moved forward.
func fixedClock() func() time.Time { return func() time.Time { return testNow } }

// newTestSite builds a demo and serves it with httptest.
func newTestSite(t testing.TB, seed int64) (*Demo, *httptest.Server) {
	t.Helper()
	d := New(Options{Seed: seed, Now: fixedClock()})
	srv := httptest.NewServer(d.Handler())
	t.Cleanup(srv.Close)
	d.SetBaseURL(srv.URL)
	return d, srv
}

// rawClient does not add or undo compression itself.
func rawClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
}

func fetch(t testing.TB, c *http.Client, u string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", u, err)
	}
	return resp, b
}

// decodeBody turns a response body into UTF-8 text by its declared charset.
func decodeBody(t testing.TB, resp *http.Response, b []byte) string {
	t.Helper()
	_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("content type %q: %v", resp.Header.Get("Content-Type"), err)
	}
	switch cs := strings.ToLower(params["charset"]); cs {
	case "utf-8", "":
		if !utf8.Valid(b) {
			t.Fatalf("%s: body declared UTF-8 is not", resp.Request.URL)
		}
		return string(b)
	case "windows-1252":
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	default:
		t.Fatalf("unexpected charset %q", cs)
	}
	return ""
}

func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "windows-1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	case "utf-8":
		return r, nil
	}
	return nil, fmt.Errorf("charset %q", label)
}

// feedItem is what the tests need from any feed format.
type feedItem struct {
	Title, Link, Date string
}

// parseFeed parses a feed of the given format with the standard library.
func parseFeed(t testing.TB, format string, b []byte) []feedItem {
	t.Helper()
	var items []feedItem
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.CharsetReader = charsetReader
	switch format {
	case FormatRSS2:
		var doc struct {
			XMLName xml.Name `xml:"rss"`
			Version string   `xml:"version,attr"`
			Items   []struct {
				Title   string `xml:"title"`
				Link    string `xml:"link"`
				PubDate string `xml:"pubDate"`
			} `xml:"channel>item"`
		}
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("rss2: %v", err)
		}
		if doc.Version != "2.0" {
			t.Fatalf("rss version %q", doc.Version)
		}
		for _, it := range doc.Items {
			if it.PubDate != "" {
				if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
					t.Errorf("pubDate %q: %v", it.PubDate, err)
				}
			}
			items = append(items, feedItem{it.Title, it.Link, it.PubDate})
		}
	case FormatRSS1:
		var doc struct {
			XMLName xml.Name `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# RDF"`
			Channel struct {
				Items struct {
					Seq struct {
						Li []struct {
							Resource string `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# resource,attr"`
						} `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# li"`
					} `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# Seq"`
				} `xml:"http://purl.org/rss/1.0/ items"`
			} `xml:"http://purl.org/rss/1.0/ channel"`
			Items []struct {
				About string `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# about,attr"`
				Title string `xml:"http://purl.org/rss/1.0/ title"`
				Link  string `xml:"http://purl.org/rss/1.0/ link"`
				Date  string `xml:"http://purl.org/dc/elements/1.1/ date"`
			} `xml:"http://purl.org/rss/1.0/ item"`
		}
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("rss1: %v", err)
		}
		seq := doc.Channel.Items.Seq.Li
		if len(seq) != len(doc.Items) {
			t.Fatalf("rss1: %d items in the channel sequence, %d items", len(seq), len(doc.Items))
		}
		for i, it := range doc.Items {
			if it.About != it.Link || seq[i].Resource != it.Link {
				t.Errorf("rss1 item %d: about %q, seq %q, link %q", i, it.About, seq[i].Resource, it.Link)
			}
			items = append(items, feedItem{it.Title, it.Link, it.Date})
		}
	case FormatAtom:
		var doc struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			ID      string   `xml:"http://www.w3.org/2005/Atom id"`
			Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
			Entries []struct {
				Title string `xml:"http://www.w3.org/2005/Atom title"`
				ID    string `xml:"http://www.w3.org/2005/Atom id"`
				Links []struct {
					Rel  string `xml:"rel,attr"`
					Href string `xml:"href,attr"`
				} `xml:"http://www.w3.org/2005/Atom link"`
				Published string `xml:"http://www.w3.org/2005/Atom published"`
				Updated   string `xml:"http://www.w3.org/2005/Atom updated"`
			} `xml:"http://www.w3.org/2005/Atom entry"`
		}
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("atom: %v", err)
		}
		if doc.ID == "" || doc.Updated == "" {
			t.Fatalf("atom feed without id or updated")
		}
		for _, e := range doc.Entries {
			if e.ID == "" || e.Updated == "" {
				t.Errorf("atom entry %q without id or updated", e.Title)
			}
			link := ""
			for _, l := range e.Links {
				if l.Rel == "alternate" {
					link = l.Href
				}
			}
			items = append(items, feedItem{e.Title, link, e.Published})
		}
	case FormatJSON:
		var doc struct {
			Version string `json:"version"`
			Items   []struct {
				ID            string `json:"id"`
				URL           string `json:"url"`
				Title         string `json:"title"`
				DatePublished string `json:"date_published"`
			} `json:"items"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("json feed: %v", err)
		}
		if doc.Version != "https://jsonfeed.org/version/1.1" {
			t.Fatalf("json feed version %q", doc.Version)
		}
		for _, it := range doc.Items {
			if it.ID == "" {
				t.Errorf("json feed item %q without id", it.Title)
			}
			items = append(items, feedItem{it.Title, it.URL, it.DatePublished})
		}
	default:
		t.Fatalf("unknown format %q", format)
	}
	return items
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// plainTitle undoes the HTML some feeds put in titles.
func plainTitle(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }

func TestWorld(t *testing.T) {
	d, _ := newTestSite(t, 7)
	outlets := d.Outlets()
	if len(outlets) < 12 {
		t.Fatalf("%d outlets, want at least 12", len(outlets))
	}
	langs, formats, slugs := map[string]int{}, map[string]int{}, map[string]bool{}
	for _, o := range outlets {
		langs[o.Lang]++
		formats[o.Format]++
		if slugs[o.Slug] {
			t.Errorf("duplicate slug %s", o.Slug)
		}
		slugs[o.Slug] = true
		if o.Name == "" || o.Region == "" || !strings.HasPrefix(o.HomeURL, "http://") || !strings.HasPrefix(o.FeedURL, "http://") {
			t.Errorf("incomplete outlet %+v", o)
		}
	}
	if len(langs) < 3 || langs["en"] < 9 || langs["de"] < 2 || langs["fr"] < 1 {
		t.Errorf("languages %v, want at least 9 English, 2 German and 1 French outlets", langs)
	}
	for _, f := range []string{FormatRSS2, FormatRSS1, FormatAtom, FormatJSON} {
		if formats[f] == 0 {
			t.Errorf("no outlet publishes %s", f)
		}
	}
	events := d.Events()
	if len(events) < 60 {
		t.Errorf("%d events, want at least 60", len(events))
	}
	maxCover := 5 + len(outlets) - coreOutlets
	for _, e := range events {
		if len(e.Outlets) < 1 || len(e.Outlets) > maxCover {
			t.Errorf("event %d covered by %d outlets", e.Index, len(e.Outlets))
		}
		seen := map[string]bool{}
		for _, s := range e.Outlets {
			if seen[s] {
				t.Errorf("event %d covered twice by %s", e.Index, s)
			}
			seen[s] = true
		}
	}
	arts := d.Published()
	if len(arts) < 120 {
		t.Errorf("%d articles at start, want at least 120", len(arts))
	}
	sections := map[string]bool{"world": true, "politics": true, "business": true, "technology": true, "science": true, "health": true, "sport": true, "culture": true}
	perOutlet := map[string]int{}
	ids := map[string]bool{}
	for _, a := range arts {
		perOutlet[a.OutletSlug]++
		if ids[a.ID] {
			t.Errorf("duplicate id %s", a.ID)
		}
		ids[a.ID] = true
		if n := len(a.Paragraphs); n < 4 || n > 10 {
			t.Errorf("%s: %d paragraphs", a.ID, n)
		}
		if a.Title == "" || a.Byline == "" || a.ImageURL == "" || a.ImageCaption == "" || !sections[a.Section] {
			t.Errorf("%s: incomplete %+v", a.ID, a)
		}
		if a.Published.After(testNow) {
			t.Errorf("%s: published %v after now", a.ID, a.Published)
		}
		if !strings.Contains(a.Published.Format(time.RFC3339), "+") && !strings.Contains(a.Published.Format(time.RFC3339), "-0") && !strings.HasSuffix(a.Published.Format(time.RFC3339), "Z") {
			t.Errorf("%s: time %v without offset", a.ID, a.Published)
		}
		for _, p := range a.Paragraphs {
			if strings.ContainsAny(p, "{}[]") {
				t.Errorf("%s: unfilled placeholder in %q", a.ID, p)
			}
		}
		if strings.ContainsAny(a.Title, "{}[]") || strings.ContainsAny(a.ImageCaption, "{}[]") {
			t.Errorf("%s: unfilled placeholder in title or caption", a.ID)
		}
	}
	english := 0
	for _, o := range outlets {
		if perOutlet[o.Slug] == 0 {
			t.Errorf("outlet %s has no articles", o.Slug)
		}
		if o.Lang == "en" {
			english += perOutlet[o.Slug]
			if perOutlet[o.Slug] < 10 {
				t.Errorf("English outlet %s has %d articles at start, want at least 10", o.Slug, perOutlet[o.Slug])
			}
		}
	}
	if english < 150 {
		t.Errorf("%d English articles at start, want at least 150", english)
	}
}

func TestLaterOutletsLeaveCoreUnchanged(t *testing.T) {
	for _, seed := range []int64{1, 7} {
		full := New(Options{Seed: seed, Now: fixedClock()})
		core := newWithOutlets(Options{Seed: seed, Now: fixedClock()}, outletTable()[:coreOutlets])
		var want []Article
		later := 0
		for _, a := range full.Published() {
			if full.outlets[indexOfOutlet(full, a.OutletSlug)].idx < coreOutlets {
				want = append(want, a)
			} else {
				later++
			}
		}
		got := core.Published()
		if later == 0 {
			t.Fatalf("seed %d: the later outlets published nothing", seed)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("seed %d: the core outlets' %d articles changed when later outlets were added (%d without them)", seed, len(want), len(got))
		}
	}
}

// indexOfOutlet is the position of the outlet with the given slug.
func indexOfOutlet(d *Demo, slug string) int {
	for i, o := range d.outlets {
		if o.Slug == slug {
			return i
		}
	}
	return -1
}

func TestEventOrder(t *testing.T) {
	d, _ := newTestSite(t, 7)
	bySlug := map[string]Article{}
	for _, a := range d.Published() {
		bySlug[fmt.Sprint(a.Event, a.OutletSlug)] = a
	}
	checked := 0
	for _, e := range d.Events() {
		var prev time.Time
		for _, s := range e.Outlets {
			a, ok := bySlug[fmt.Sprint(e.Index, s)]
			if !ok {
				continue // planned after now
			}
			if a.Event != e.Index {
				t.Fatalf("article %s filed under event %d, listed under %d", a.ID, a.Event, e.Index)
			}
			if a.Published.Before(prev) {
				t.Errorf("event %d: %s published %v, before the outlet listed ahead of it (%v)", e.Index, s, a.Published, prev)
			}
			prev = a.Published
			checked++
		}
	}
	if checked < 120 {
		t.Errorf("only %d articles checked against their events", checked)
	}
}

func TestWireSyndication(t *testing.T) {
	d, srv := newTestSite(t, 7)
	byEvent := map[int][]Article{}
	for _, a := range d.Published() {
		if a.Wire != "" {
			byEvent[a.Event] = append(byEvent[a.Event], a)
		}
	}
	best := 0
	for ev, as := range byEvent {
		if len(as) > best {
			best = len(as)
		}
		outlets := map[string]bool{}
		for _, a := range as {
			outlets[a.OutletSlug] = true
			if a.Title != as[0].Title || a.Paragraphs[0] != as[0].Paragraphs[0] {
				t.Errorf("event %d: wire copies differ: %q vs %q", ev, a.Title, as[0].Title)
			}
			if !strings.Contains(a.Paragraphs[0], "("+wireShort+")") {
				t.Errorf("%s: no dateline in %q", a.ID, a.Paragraphs[0])
			}
		}
		if len(outlets) != len(as) {
			t.Errorf("event %d: an outlet ran the wire copy twice", ev)
		}
	}
	if best < 3 {
		t.Fatalf("the widest syndicated story runs at %d outlets, want at least 3", best)
	}
	// Every English outlet runs some agency copy.
	for _, o := range d.Outlets() {
		if o.Lang != "en" {
			continue
		}
		n := 0
		for _, as := range byEvent {
			for _, a := range as {
				if a.OutletSlug == o.Slug {
					n++
				}
			}
		}
		if n == 0 {
			t.Errorf("%s runs no %s copy", o.Slug, wireAgency)
		}
	}
	// Each copy carries the outlet's own credit line.
	c := rawClient()
	for _, as := range byEvent {
		for _, a := range as {
			resp, b := fetch(t, c, a.URL, nil)
			page := decodeBody(t, resp, b)
			found := false
			for _, pl := range a.Planted {
				if strings.Contains(pl, wireAgency) && strings.Contains(page, esc(pl)) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no wire credit line on the page", a.URL)
			}
		}
		break
	}
	_ = srv
}

func TestFeeds(t *testing.T) {
	d, _ := newTestSite(t, 7)
	c := rawClient()
	arts := d.Published()
	byURL := map[string]Article{}
	count := map[string]int{}
	for _, a := range arts {
		byURL[a.URL] = a
		count[a.OutletSlug]++
	}
	var sawRelative, sawUndated, sawMarkup bool
	for _, o := range d.Outlets() {
		resp, b := fetch(t, c, o.FeedURL, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", o.FeedURL, resp.StatusCode)
		}
		mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if err != nil || mt != feedMediaType(o.Format) || !strings.EqualFold(params["charset"], o.Charset) {
			t.Errorf("%s: content type %q", o.Slug, resp.Header.Get("Content-Type"))
		}
		items := parseFeed(t, o.Format, b)
		want := min(count[o.Slug], feedSize)
		if len(items) != want {
			t.Errorf("%s: %d items, want %d", o.Slug, len(items), want)
		}
		feedURL, _ := url.Parse(o.FeedURL)
		for i, it := range items {
			link, err := feedURL.Parse(it.Link)
			if err != nil {
				t.Fatalf("%s: link %q: %v", o.Slug, it.Link, err)
			}
			if !strings.HasPrefix(it.Link, "http") {
				sawRelative = true
			}
			if it.Date == "" {
				sawUndated = true
			}
			if strings.ContainsAny(it.Title, "<&") {
				sawMarkup = true
			}
			a, ok := byURL[link.String()]
			if !ok {
				t.Errorf("%s: item link %s is no published article", o.Slug, link)
				continue
			}
			if a.OutletSlug != o.Slug {
				t.Errorf("%s: item links to %s's article", o.Slug, a.OutletSlug)
			}
			if got := plainTitle(it.Title); got != a.Title {
				t.Errorf("%s: item title %q decodes to %q, want %q", o.Slug, it.Title, got, a.Title)
			}
			if i < 3 { // a few links per feed are fetched; all pages are checked in TestArticlePages
				resp, _ := fetch(t, c, link.String(), nil)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s: status %d", link, resp.StatusCode)
				}
			}
		}
	}
	if !sawRelative || !sawUndated || !sawMarkup {
		t.Errorf("feed quirks missing: relative link %v, undated item %v, markup in title %v", sawRelative, sawUndated, sawMarkup)
	}
}

func TestArticlePages(t *testing.T) {
	d, _ := newTestSite(t, 7)
	c := rawClient()
	outlets := map[string]Outlet{}
	for _, o := range d.Outlets() {
		outlets[o.Slug] = o
	}
	var all strings.Builder
	var sawHeadline, sawCaption bool
	for _, a := range d.Published() {
		resp, b := fetch(t, c, a.URL, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", a.URL, resp.StatusCode)
		}
		page := decodeBody(t, resp, b)
		all.WriteString(page)
		o := outlets[a.OutletSlug]
		if !strings.Contains(page, "<title>"+esc(a.Title)) || !strings.Contains(page, esc(o.Name)+"</title>") {
			t.Errorf("%s: title element lacks headline or outlet", a.URL)
		}
		for _, p := range a.Paragraphs {
			if !strings.Contains(page, esc(p)) {
				t.Errorf("%s: paragraph missing: %q", a.URL, p)
			}
		}
		for _, p := range a.Planted {
			if !strings.Contains(page, esc(p)) {
				t.Errorf("%s: planted string missing: %q", a.URL, p)
			}
		}
		if a.HeadlineRepeated {
			sawHeadline = true
			if !strings.Contains(page, "<p>"+esc(a.Title)+"</p>") && !strings.Contains(page, `<div class="para">`+esc(a.Title)+"</div>") {
				t.Errorf("%s: headline not repeated in the body", a.URL)
			}
		}
		if a.CaptionRepeated {
			sawCaption = true
			if strings.Count(page, esc(a.ImageCaption)) < 3 { // alt, figcaption, paragraph
				t.Errorf("%s: caption not repeated in the body", a.URL)
			}
		}
		if !strings.Contains(page, esc(a.ImageURL)) {
			t.Errorf("%s: lead image %s not on the page", a.URL, a.ImageURL)
		}
	}
	if !sawHeadline || !sawCaption {
		t.Errorf("repeated headline %v, repeated caption %v", sawHeadline, sawCaption)
	}
	for _, o := range d.Outlets() {
		resp, b := fetch(t, c, o.HomeURL, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", o.HomeURL, resp.StatusCode)
		}
		all.WriteString(decodeBody(t, resp, b))
	}
	site := all.String()
	for _, s := range d.Boilerplate() {
		if !strings.Contains(site, esc(s)) {
			t.Errorf("boilerplate %q is on no page", s)
		}
	}
}

func TestBoilerplateNeverInTruth(t *testing.T) {
	d, _ := newTestSite(t, 7)
	for range 30 {
		d.PublishNext()
	}
	bp := d.Boilerplate()
	if len(bp) < 100 {
		t.Fatalf("%d boilerplate strings, want many", len(bp))
	}
	for _, a := range d.Published() {
		truth := append([]string{a.Title, a.Byline, a.ImageCaption}, a.Paragraphs...)
		for _, s := range bp {
			for _, x := range truth {
				if strings.Contains(x, s) {
					t.Errorf("%s: boilerplate %q is inside true text %q", a.ID, s, x)
				}
			}
		}
	}
}

func TestMetadataVaries(t *testing.T) {
	d, _ := newTestSite(t, 7)
	c := rawClient()
	seen := map[string]map[string]bool{}
	marks := map[string]string{
		"og":        `property="og:title"`,
		"jsonld":    `"@type":"NewsArticle"`,
		"published": `property="article:published_time"`,
		"canonical": `rel="canonical"`,
	}
	first := map[string]bool{}
	for _, a := range d.Published() {
		if first[a.OutletSlug] {
			continue
		}
		first[a.OutletSlug] = true
		resp, b := fetch(t, c, a.URL, nil)
		page := decodeBody(t, resp, b)
		for k, m := range marks {
			if seen[k] == nil {
				seen[k] = map[string]bool{}
			}
			seen[k][a.OutletSlug] = strings.Contains(page, m)
		}
		if strings.Contains(page, `"@type":"NewsArticle"`) {
			for _, f := range []string{`"author"`, `"datePublished":"` + a.Published.Format(time.RFC3339) + `"`, `"image"`, `"articleSection"`} {
				if !strings.Contains(page, f) {
					t.Errorf("%s: JSON-LD lacks %s", a.URL, f)
				}
			}
		}
	}
	for k, m := range seen {
		yes := 0
		for _, v := range m {
			if v {
				yes++
			}
		}
		if yes == 0 || yes == len(m) {
			t.Errorf("%s: carried by %d of %d outlets, want some but not all", k, yes, len(m))
		}
	}
}

func TestConditionalGET(t *testing.T) {
	d, _ := newTestSite(t, 7)
	c := rawClient()
	o := d.Outlets()[0]
	resp, _ := fetch(t, c, o.FeedURL, nil)
	etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag == "" || lm == "" {
		t.Fatalf("validators missing: ETag %q, Last-Modified %q", etag, lm)
	}
	tests := []struct {
		name string
		hdr  map[string]string
		want int
	}{
		{"etag", map[string]string{"If-None-Match": etag}, http.StatusNotModified},
		{"etag list", map[string]string{"If-None-Match": `"nope", ` + etag}, http.StatusNotModified},
		{"other etag", map[string]string{"If-None-Match": `"nope"`}, http.StatusOK},
		{"last-modified", map[string]string{"If-Modified-Since": lm}, http.StatusNotModified},
		{"older", map[string]string{"If-Modified-Since": testNow.Add(-72 * time.Hour).Format(http.TimeFormat)}, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := fetch(t, c, o.FeedURL, tc.hdr)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == http.StatusNotModified && len(b) != 0 {
				t.Fatalf("304 with a body of %d bytes", len(b))
			}
		})
	}
	// A new article in this outlet changes the feed.
	for {
		a, ok := d.PublishNext()
		if !ok {
			t.Fatal("nothing to publish")
		}
		if a.OutletSlug == o.Slug {
			break
		}
	}
	resp, _ = fetch(t, c, o.FeedURL, map[string]string{"If-None-Match": etag})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == etag {
		t.Errorf("after publishing: status %d, ETag %q (was %q)", resp.StatusCode, resp.Header.Get("ETag"), etag)
	}
	resp, _ = fetch(t, c, o.FeedURL, map[string]string{"If-Modified-Since": lm})
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after publishing, If-Modified-Since: status %d", resp.StatusCode)
	}
}

func TestGzip(t *testing.T) {
	d, _ := newTestSite(t, 7)
	c := rawClient()
	for _, u := range []string{d.Outlets()[2].FeedURL, d.Published()[0].URL, d.Outlets()[8].HomeURL} {
		plain, pb := fetch(t, c, u, nil)
		if plain.Header.Get("Content-Encoding") != "" {
			t.Fatalf("%s: encoded without being asked", u)
		}
		zipped, zb := fetch(t, c, u, map[string]string{"Accept-Encoding": "gzip, deflate"})
		if zipped.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(zipped.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("%s: Content-Encoding %q, Vary %q", u, zipped.Header.Get("Content-Encoding"), zipped.Header.Get("Vary"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zb))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, pb) {
			t.Errorf("%s: gzip body differs from the plain one", u)
		}
		if len(zb) >= len(pb) {
			t.Errorf("%s: gzip did not shrink %d bytes", u, len(pb))
		}
		refused, _ := fetch(t, c, u, map[string]string{"Accept-Encoding": "gzip;q=0"})
		if refused.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: gzip sent although refused", u)
		}
		again, _ := fetch(t, c, u, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": zipped.Header.Get("ETag")})
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("%s: gzip ETag revalidation: status %d", u, again.StatusCode)
		}
	}
}

func TestLegacyCharset(t *testing.T) {
	d, _ := newTestSite(t, 7)
	c := rawClient()
	var legacy *Outlet
	for _, o := range d.Outlets() {
		if o.Charset != "utf-8" {
			legacy = &o
		}
	}
	if legacy == nil {
		t.Fatal("no outlet with a legacy charset")
	}
	var page string
	for _, a := range d.Published() {
		if a.OutletSlug == legacy.Slug {
			page = a.URL
			break
		}
	}
	for _, u := range []string{legacy.FeedURL, legacy.HomeURL, page} {
		resp, b := fetch(t, c, u, nil)
		_, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if params["charset"] != "windows-1252" {
			t.Errorf("%s: header charset %q", u, params["charset"])
		}
		if utf8.Valid(b) {
			t.Errorf("%s: bytes are valid UTF-8, want windows-1252", u)
		}
		head := string(b[:min(len(b), 300)])
		if !strings.Contains(head, `encoding="windows-1252"`) && !strings.Contains(head, "charset=windows-1252") {
			t.Errorf("%s: the document does not declare its charset: %q", u, head)
		}
		text := decodeBody(t, resp, b)
		if !strings.ContainsAny(text, "éèàç") {
			t.Errorf("%s: no accented text", u)
		}
	}
}

func TestPublishNext(t *testing.T) {
	d, _ := newTestSite(t, 7)
	c := rawClient()
	feeds := map[string]Outlet{}
	for _, o := range d.Outlets() {
		feeds[o.Slug] = o
	}
	before := len(d.Published())
	events := len(d.Events())
	for i := range 60 {
		a, ok := d.PublishNext()
		if !ok {
			t.Fatal("PublishNext reported nothing to publish")
		}
		if got := len(d.Published()); got != before+i+1 {
			t.Fatalf("after %d publications %d articles, want %d", i+1, got, before+i+1)
		}
		if i%10 != 0 {
			continue
		}
		o := feeds[a.OutletSlug]
		resp, b := fetch(t, c, o.FeedURL, nil)
		items := parseFeed(t, o.Format, b)
		link, err := resp.Request.URL.Parse(items[0].Link)
		if err != nil || link.String() != a.URL {
			t.Errorf("%s: newest item %q, want %q", o.Slug, items[0].Link, a.URL)
		}
		resp, _ = fetch(t, c, a.URL, nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", a.URL, resp.StatusCode)
		}
	}
	if len(d.Events()) <= events {
		t.Errorf("no new events generated after 60 publications (%d events)", events)
	}
	arts := d.Published()
	for i := 1; i < len(arts); i++ {
		if i >= before && !arts[i].Published.After(arts[i-1].Published) {
			t.Errorf("publication %d at %v, not after %v", i, arts[i].Published, arts[i-1].Published)
		}
	}
}

func TestDeterminism(t *testing.T) {
	page := func(seed int64) ([]Article, []string, []byte) {
		d := New(Options{Seed: seed, Now: fixedClock()})
		d.SetBaseURL("http://demo.test")
		for range 5 {
			d.PublishNext()
		}
		arts := d.Published()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, arts[len(arts)-1].URL, nil)
		d.Handler().ServeHTTP(rec, req)
		return arts, d.Boilerplate(), rec.Body.Bytes()
	}
	a1, b1, p1 := page(42)
	a2, b2, p2 := page(42)
	if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(b1, b2) || !bytes.Equal(p1, p2) {
		t.Fatal("the same seed gave different output")
	}
	a3, _, _ := page(43)
	if reflect.DeepEqual(a1, a3) {
		t.Fatal("different seeds gave the same articles")
	}
}

func TestOwnCoverageDiffers(t *testing.T) {
	d, _ := newTestSite(t, 7)
	type key struct {
		ev   int
		lang string
	}
	groups := map[key][]Article{}
	for _, a := range d.Published() {
		if a.Wire == "" {
			groups[key{a.Event, a.Lang}] = append(groups[key{a.Event, a.Lang}], a)
		}
	}
	pairs := 0
	for k, as := range groups {
		for i := range as {
			for j := i + 1; j < len(as); j++ {
				pairs++
				if as[i].Title == as[j].Title {
					t.Errorf("event %d (%s): %s and %s share the headline %q", k.ev, k.lang, as[i].OutletSlug, as[j].OutletSlug, as[i].Title)
				}
				if reflect.DeepEqual(as[i].Paragraphs, as[j].Paragraphs) {
					t.Errorf("event %d (%s): %s and %s share the body", k.ev, k.lang, as[i].OutletSlug, as[j].OutletSlug)
				}
			}
		}
	}
	if pairs < 20 {
		t.Errorf("only %d pairs of own coverage of one event", pairs)
	}
}

func TestImagesAndErrors(t *testing.T) {
	d, srv := newTestSite(t, 7)
	c := rawClient()
	kinds := map[string]bool{}
	for _, a := range d.Published() {
		ext := a.ImageURL[strings.LastIndexByte(a.ImageURL, '.')+1:]
		if kinds[ext] {
			continue
		}
		kinds[ext] = true
		resp, b := fetch(t, c, a.ImageURL, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", a.ImageURL, resp.StatusCode)
		}
		switch ext {
		case "png":
			if _, err := png.Decode(bytes.NewReader(b)); err != nil || resp.Header.Get("Content-Type") != "image/png" {
				t.Errorf("%s: %v, %q", a.ImageURL, err, resp.Header.Get("Content-Type"))
			}
		case "svg":
			if err := xml.Unmarshal(b, new(struct{})); err != nil || resp.Header.Get("Content-Type") != "image/svg+xml" {
				t.Errorf("%s: %v, %q", a.ImageURL, err, resp.Header.Get("Content-Type"))
			}
		}
	}
	if !kinds["png"] || !kinds["svg"] {
		t.Errorf("image kinds %v", kinds)
	}
	for _, path := range []string{"/nope", "/harbour-times/news/nope", "/harbour-times/media/1.png", "/harbour-times/media/x.png"} {
		resp, _ := fetch(t, c, srv.URL+path, nil)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
	}
	resp, err := c.Post(srv.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
	resp, idx := fetch(t, c, srv.URL+"/", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(idx), "Harbour Times") {
		t.Errorf("index: status %d", resp.StatusCode)
	}
}

func TestStartLive(t *testing.T) {
	d := New(Options{Seed: 3, Live: true, Interval: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.URL(), "http://127.0.0.1:") {
		t.Fatalf("URL %q", d.URL())
	}
	before := len(d.Published())
	deadline := time.Now().Add(5 * time.Second)
	for len(d.Published()) < before+3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := len(d.Published()); got < before+3 {
		t.Fatalf("live mode published %d articles in 5s", got-before)
	}
	o := d.Outlets()[0]
	resp, _ := fetch(t, rawClient(), o.FeedURL, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("feed over Start: status %d", resp.StatusCode)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	n := len(d.Published())
	time.Sleep(40 * time.Millisecond)
	if len(d.Published()) != n {
		t.Error("still publishing after Close")
	}
	if _, err := rawClient().Get(o.FeedURL); err == nil {
		t.Error("still serving after Close")
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func BenchmarkArticlePage(b *testing.B) {
	d, _ := newTestSite(b, 1)
	a := d.Published()[100]
	h := d.Handler()
	req := httptest.NewRequest(http.MethodGet, a.URL, nil)
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
}

func BenchmarkFeed(b *testing.B) {
	d, _ := newTestSite(b, 1)
	req := httptest.NewRequest(http.MethodGet, d.Outlets()[0].FeedURL, nil)
	h := d.Handler()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
}
