package feed

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func TestOPMLRoundTrip(t *testing.T) {
	in := []Outline{
		{Title: "Harbour Gazette", XMLURL: "https://gazette.example/rss", HTMLURL: "https://gazette.example/", Category: "Local"},
		{Title: "Hill & Dale <News>", XMLURL: "https://hill.example/feed?a=1&b=2", Category: "Local"},
		{Title: "Bay \"Wire\"", XMLURL: "https://bay.example/feed.json"},
		{Title: "Tech", XMLURL: "https://tech.example/atom", Category: "Science & Tech"},
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "My feeds", in); err != nil {
		t.Fatal(err)
	}
	got, err := ParseOPML(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// WriteOPML groups by category in order of first appearance.
	want := []Outline{in[0], in[1], in[2], in[3]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseOPMLNested(t *testing.T) {
	doc := `<?xml version="1.0"?>
<opml version="1.0"><head><title>t</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline text="Globe" title="The Globe" type="rss" xmlUrl="https://globe.example/rss" htmlUrl="https://globe.example/"/>
    </outline>
    <outline text="Local Times" xmlUrl="https://local.example/rss"/>
  </outline>
  <outline text="Loose" xmlUrl="https://loose.example/rss"/>
</body></opml>`
	got, err := ParseOPML(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []Outline{
		{Title: "The Globe", XMLURL: "https://globe.example/rss", HTMLURL: "https://globe.example/", Category: "World"},
		{Title: "Local Times", XMLURL: "https://local.example/rss", Category: "News"},
		{Title: "Loose", XMLURL: "https://loose.example/rss"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestParseOPMLRefuses(t *testing.T) {
	hostile, err := os.ReadFile(filepath.Join("testdata", "hostile", "opml_entities.opml"))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{
		"entities": string(hostile),
		"not opml": `<rss><channel/></rss>`,
		"deep":     `<opml><body>` + strings.Repeat("<outline text='x'>", 5000) + `</body></opml>`,
		"too big":  `<opml><body>` + strings.Repeat(" ", MaxOPMLSize) + `</body></opml>`,
	}
	for name, doc := range docs {
		if got, err := ParseOPML(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: got %d outlines, want error", name, len(got))
		}
	}
}

func TestDiscover(t *testing.T) {
	page := `<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.rss">
<link rel="alternate" type="application/atom+xml" href="https://other.example/atom.xml">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/rss+xml" href="/feed.rss">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><link rel="alternate" type="application/rss+xml" href="/late.rss"></body></html>`
	got := Discover([]byte(page), "https://site.example/blog/post")
	want := []string{"https://site.example/feed.rss", "https://other.example/atom.xml", "https://site.example/blog/feed.json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Discover = %v, want %v", got, want)
	}
	if got := Discover([]byte(`<html><head><base href="https://cdn.example/x/"><link rel="alternate" type="application/atom+xml" href="a.xml"></head></html>`), "https://site.example/"); !reflect.DeepEqual(got, []string{"https://cdn.example/x/a.xml"}) {
		t.Errorf("Discover with base = %v", got)
	}
	if got := Discover([]byte(`<html><body>no feeds</body></html>`), "https://site.example/"); len(got) != 0 {
		t.Errorf("Discover on plain page = %v", got)
	}
}

func TestCommonPaths(t *testing.T) {
	tests := []struct {
		page  string
		first string
		n     int
	}{
		{"https://gazette.example/news/today?x=1#top", "https://gazette.example/feed", 7},
		{"http://hill.example:8080", "http://hill.example:8080/feed", 7},
		{"ftp://files.example/", "", 0},
		{"/relative/page", "", 0},
	}
	for _, tt := range tests {
		got := CommonPaths(tt.page)
		if len(got) != tt.n {
			t.Errorf("CommonPaths(%q) = %v, want %d addresses", tt.page, got, tt.n)
			continue
		}
		if tt.n > 0 && (got[0] != tt.first || !strings.HasSuffix(got[len(got)-1], "/sitemap_news.xml")) {
			t.Errorf("CommonPaths(%q) = %v", tt.page, got)
		}
	}
}
