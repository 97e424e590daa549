package api

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"newsdesk/internal/news"
	"newsdesk/internal/store/storetest"
)

// The full store contract provides everything the API asks of a store.
var _ Store = storetest.Store(nil)

func TestRenderSnippet(t *testing.T) {
	tests := []struct {
		name, in, text, html string
		highlights           [][2]int
	}{
		{"plain", "no marks here", "no marks here", "no marks here", [][2]int{}},
		{"one mark", "the \ue000harbour\ue001 opens", "the harbour opens", "the <mark>harbour</mark> opens", [][2]int{{4, 11}}},
		{"escapes around marks", "<b>&\ue000x<y\ue001\"", "<b>&x<y\"", "&lt;b&gt;&amp;<mark>x&lt;y</mark>&#34;", [][2]int{{4, 7}}},
		{"runes not bytes", "ü \ue000é\ue001", "ü é", "ü <mark>é</mark>", [][2]int{{2, 3}}},
		{"stray end dropped", "a\ue001b", "ab", "ab", [][2]int{}},
		{"open mark closed", "a\ue000bc", "abc", "a<mark>bc</mark>", [][2]int{{1, 3}}},
		{"nested start ignored", "\ue000a\ue000b\ue001c", "abc", "<mark>ab</mark>c", [][2]int{{0, 2}}},
		{"empty mark", "a\ue000\ue001b", "ab", "a<mark></mark>b", [][2]int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderSnippet(tc.in)
			if got.Text != tc.text || got.HTML != tc.html || !reflect.DeepEqual(got.Highlights, tc.highlights) {
				t.Fatalf("renderSnippet(%q) = %q, %q, %v; want %q, %q, %v", tc.in, got.Text, got.HTML, got.Highlights, tc.text, tc.html, tc.highlights)
			}
		})
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := cursor{published: time.Date(2025, 3, 4, 5, 6, 7, 891, time.UTC), id: 42}
	got, err := parseCursor(c.String())
	if err != nil {
		t.Fatal(err)
	}
	if !got.published.Equal(c.published) || got.id != c.id {
		t.Fatalf("round trip = %+v, want %+v", got, c)
	}
	for _, bad := range []string{"", "!!", "bm90aGluZw", "MTIzOmFiYw", "MTIzOi0x"} {
		if _, err := parseCursor(bad); err == nil {
			t.Errorf("parseCursor(%q) accepted", bad)
		}
	}
}

func TestNotModified(t *testing.T) {
	mod := time.Date(2025, 1, 2, 3, 4, 5, 600, time.UTC)
	tests := []struct {
		name string
		hdr  map[string]string
		want bool
	}{
		{"no validators", nil, false},
		{"etag match", map[string]string{"If-None-Match": `"abc"`}, true},
		{"weak etag match", map[string]string{"If-None-Match": `W/"abc"`}, true},
		{"etag in list", map[string]string{"If-None-Match": `"x", "abc"`}, true},
		{"star", map[string]string{"If-None-Match": `*`}, true},
		{"etag mismatch wins over date", map[string]string{"If-None-Match": `"x"`, "If-Modified-Since": mod.Add(time.Hour).Format(http.TimeFormat)}, false},
		{"same second", map[string]string{"If-Modified-Since": mod.Format(http.TimeFormat)}, true},
		{"older", map[string]string{"If-Modified-Since": mod.Add(-time.Hour).Format(http.TimeFormat)}, false},
		{"garbage date", map[string]string{"If-Modified-Since": "yesterday"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/en/feed.rss", nil)
			for k, v := range tc.hdr {
				r.Header.Set(k, v)
			}
			if got := notModified(r, `"abc"`, mod); got != tc.want {
				t.Fatalf("notModified = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTruncateRunes(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short  text\n\nhere", 50, "short text here"},
		{"one two three four five", 12, "one two…"},
		{"ääää ääää ääää", 7, "ääää…"},
	}
	for _, tc := range tests {
		if got := truncateRunes(tc.in, tc.n); got != tc.want {
			t.Errorf("truncateRunes(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
	if got := truncateRunes(strings.Repeat("x", 400), 300); len([]rune(got)) != 301 {
		t.Errorf("long word cut to %d runes, want 301", len([]rune(got)))
	}
}

func BenchmarkRenderSnippet(b *testing.B) {
	s := strings.Repeat("the harbour \ue000crane\ue001 fell & <nobody> was hurt; ", 8)
	b.ReportAllocs()
	for b.Loop() {
		renderSnippet(s)
	}
}

func BenchmarkRenderRSS(b *testing.B) {
	a := &API{
		o:        Options{Editions: []news.Edition{{Code: "en", Name: "English", Lang: "en"}}, SiteName: "newsdesk"},
		base:     "https://news.example",
		sections: map[string]news.Section{"world": {Slug: "world", Name: "World"}},
	}
	pub := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	list := make([]news.Article, feedItems)
	for i := range list {
		list[i] = news.Article{
			ID: int64(i + 1), SourceID: 1, SourceName: "The Harbour Times", Lang: "en", Section: "world",
			Title: "Crane <collapses> & the quay closes", Published: pub.Add(-time.Duration(i) * time.Hour),
			Excerpt: strings.Repeat("A sentence of the excerpt. ", 10),
		}
	}
	sources := map[int64]news.Source{1: {ID: 1, Name: "The Harbour Times", FeedURL: "https://harbour.example/feed"}}
	info := feedInfo{title: "newsdesk — English", pageURL: "https://news.example/en/", selfURL: "https://news.example/en/feed.rss", updated: pub}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.renderRSS(info, list, sources); err != nil {
			b.Fatal(err)
		}
	}
}
