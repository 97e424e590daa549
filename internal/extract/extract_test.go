package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// pageCase is one test page with what its article must and must not say.
type pageCase struct {
	file, url, contentType string
	want                   []string // substrings of Text
	wantNot                []string // never in Text
	check                  func(t *testing.T, r *Result)
}

var pageCases = []pageCase{
	{
		file: "news_en.html",
		url:  "https://harbourtimes.example/news/local/2024/03/14/harbour-bridge-reopens",
		want: []string{
			"The harbour bridge reopened to traffic on Thursday morning",
			"Local shop owners on both banks welcomed the reopening.",
			"The mayor, who cut the ribbon",
			"Residents who follow the project closely",
		},
		wantNot: []string{
			"[[nid", "[caption", "The old deck before the repair", "{{embed", "[related",
			"Photo: Jane Doe", "Advertisement", "Sign up for our newsletter", "Join our Telegram",
			"Download the app", "Read more:", "We use cookies", "Leave a comment",
			"Finally! It took long enough", "Ferry timetable changes", "Facebook",
			"Your email address", "All rights reserved", "Home",
			"Cyclists cross the reopened harbour bridge",
			"Harbour bridge reopens after two-year repair",
		},
		check: func(t *testing.T, r *Result) {
			expect(t, "Title", r.Title, "Harbour bridge reopens after two-year repair")
			expect(t, "Byline", r.Byline, "Mara Lindqvist")
			expect(t, "Canonical", r.Canonical, "https://harbourtimes.example/news/local/harbour-bridge-reopens")
			expect(t, "Section", r.Section, "Local")
			expect(t, "Lang", r.Lang, "en")
			expect(t, "SiteName", r.SiteName, "The Harbour Times")
			expect(t, "Image", r.Image, "https://cdn.harbourtimes.example/img/2024/bridge-opening.jpg")
			expect(t, "Published", r.Published.Format(time.RFC3339), "2024-03-14T08:30:00+01:00")
			expect(t, "Updated", r.Updated.Format(time.RFC3339), "2024-03-14T12:05:00+01:00")
			if r.Wall {
				t.Error("Wall = true for a free article")
			}
			if strings.Contains(r.HTML, "<script") || strings.Contains(r.HTML, "<form") {
				t.Errorf("HTML not sanitized: %s", r.HTML)
			}
		},
	},
	{
		file: "news_de.html",
		url:  "https://rheinboten.example/lokales/radweg-flussufer-123.html",
		want: []string{"Der Stadtrat hat am Donnerstagabend", "Die Fraktion der Grünen"},
		wantNot: []string{"Lesen Sie auch", "Anzeige", "Newsletter abonnieren", "Folgen Sie uns",
			"Wir verwenden Cookies", "Startseite", "Der geplante Radweg verläuft direkt am Ufer entlang."},
		check: func(t *testing.T, r *Result) {
			expect(t, "Title", r.Title, "Stadtrat beschließt neuen Radweg am Flussufer")
			expect(t, "Lang", r.Lang, "de")
			expect(t, "Byline", r.Byline, "Jonas Weber")
			expect(t, "Section", r.Section, "Lokales")
			expect(t, "Published", r.Published.Format(time.RFC3339), "2024-05-02T16:45:00+02:00")
		},
	},
	{
		file:    "cp1252.html",
		url:     "https://petitquai.example/ville/2023/06/12/terrasses",
		want:    []string{"Owners of cafés along the old quay", "“We cannot pass this on to our customers,” said Renée François"},
		wantNot: []string{"Abonnez-vous", "Accueil", "Publié le"},
		check: func(t *testing.T, r *Result) {
			expect(t, "Title", r.Title, "Café owners protest the new terrace fees")
			expect(t, "Published", r.Published.Format(time.RFC3339), "2023-06-12T00:00:00Z")
		},
	},
	{
		file:        "cp1252.html",
		url:         "https://petitquai.example/ville/terrasses",
		contentType: "text/html; charset=windows-1252",
		want:        []string{"Renée François"},
		check: func(t *testing.T, r *Result) {
			if !r.Published.IsZero() {
				t.Errorf("Published = %v, want zero (no date on the page)", r.Published)
			}
		},
	},
	{
		file: "clutter_en.html",
		url:  "https://valleyecho.example/world/water-deal",
		want: []string{
			"Three towns in the upper valley agreed on Monday",
			"The regional farmers' newsletter had campaigned for a shared board since 2019.",
			"The regional water authority recommends that households",
			"a new app will show each street's daily use",
			"An agency report last year found the reservoir",
		},
		wantNot: []string{"World\n", "Advertisement", "Orchard Bank", "Riverside Motors", "Valley Echo app",
			"ECHO RECOMMENDS", "Ferry fares", "[related_stories", "Never miss a story", "With files from", "subscribes to this service"},
		check: func(t *testing.T, r *Result) {
			expect(t, "Section", r.Section, "World")
			expect(t, "WireCredit", r.WireCredit, "Orion News Agency")
			if !strings.HasPrefix(r.Text, "Three towns") {
				t.Errorf("Text starts %.40q, want the first paragraph", r.Text)
			}
		},
	},
	{
		file:    "paywall.html",
		url:     "https://ledger.example/port/expansion",
		want:    []string{"Documents seen by The Ledger"},
		wantNot: []string{"subscribers only", "Subscribe now"},
		check: func(t *testing.T, r *Result) {
			if !r.Wall {
				t.Error("Wall = false on a paywalled page")
			}
			expect(t, "Byline", r.Byline, "Sam Okafor")
		},
	},
	{
		file: "media_en.html",
		url:  "https://coastcourier.example/coast/lighthouse-keepers-return",
		want: []string{
			"For the first time in forty years, the lighthouse at Gull Point has keepers again",
			"Visitor numbers have risen every year since the trust took over",
		},
		wantNot: []string{"The keepers are in!", "gullpointtrust", "Marta and Olav Lund at the door",
			"Photo: Tomas Reyes", "Credit:", "Volunteers clean the glass", "Video: YouTube", "Post: X",
			"Visitor numbers at Gull Point since 2015", "More from the coast"},
		check: func(t *testing.T, r *Result) {
			expect(t, "ImageCaption", r.ImageCaption, "The lighthouse at Gull Point at dusk.")
			for _, w := range []string{
				`<figure><img src="https://coastcourier.example/img/2024/keepers-cottage.jpg" alt="Two people stand at the door of a white cottage" width="1024" height="683" loading="lazy"/><figcaption>Marta and Olav Lund at the door of the keeper&#39;s cottage. <span class="credit">Photo: Tomas Reyes / Coast Courier</span></figcaption></figure>`,
				`src="https://coastcourier.example/img/2024/lamp-room-800.jpg"`,
				`Volunteers clean the glass of the lamp room. <span class="credit">Credit: Gull Point Heritage Trust</span>`,
				`<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" loading="lazy" referrerpolicy="no-referrer" allowfullscreen=""></iframe>`,
				`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="nofollow noopener" target="_blank">Video: YouTube</a>`,
				`<blockquote><p>The keepers are in! Gull Point has people living at the light again after forty years. Come and say hello on Saturday.</p></blockquote>`,
				`<a href="https://x.com/gullpointtrust/status/1830000000000000001" rel="nofollow noopener" target="_blank">Post: X</a>`,
				`src="https://coastcourier.example/img/2024/visitor-chart.png"`,
			} {
				if !strings.Contains(r.HTML, w) {
					t.Errorf("HTML lacks %s", w)
				}
			}
			for _, w := range []string{"onerror", "alert", "evil.example", "adtrack", "adnetwork", "<script",
				"widgets.js", "logo", "ferry-thumb", "storm-thumb", "gull-point-lighthouse", "youtube.com/embed",
				"data:", "lamp-room-400", "lamp-room-1600"} {
				if strings.Contains(r.HTML, w) {
					t.Errorf("HTML contains %q", w)
				}
			}
			if n := strings.Count(r.HTML, "<figure"); n != 5 {
				t.Errorf("%d figures, want 5 (two photos, a chart, a video, a post)", n)
			}
			// Media stay in page order between the paragraphs around them.
			order := []string{"keepers-cottage", "Marta Lund, a retired", "lamp-room-800", "The restoration is expected",
				"youtube-nocookie", "Visitors will be able", "The keepers are in", "The trust hopes", "visitor-chart", "Visitor numbers have risen"}
			last := -1
			for _, w := range order {
				i := strings.Index(r.HTML, w)
				if i <= last {
					t.Errorf("%q out of order in HTML", w)
				}
				last = i
			}
		},
	},
}

func expect(t *testing.T, field, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", field, got, want)
	}
}

// golden is the stored form of a Result.
type golden struct {
	Canonical, Title, Byline, Published, Updated string
	Lang, Section, Image, ImageCaption, SiteName string
	Keywords                                     []string
	Wall                                         bool
	WireCredit                                   string `json:",omitempty"`
	Text, HTML                                   string
}

func toGolden(r *Result) golden {
	f := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	return golden{r.Canonical, r.Title, r.Byline, f(r.Published), f(r.Updated),
		r.Lang, r.Section, r.Image, r.ImageCaption, r.SiteName, r.Keywords, r.Wall, r.WireCredit, r.Text, r.HTML}
}

func TestExtractPages(t *testing.T) {
	seen := map[string]bool{}
	for _, pc := range pageCases {
		t.Run(pc.file+"@"+pc.url, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", pc.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Extract(page, pc.contentType, pc.url, Options{})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			for _, w := range pc.want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("Text lacks %q\ntext:\n%s", w, r.Text)
				}
			}
			for _, w := range pc.wantNot {
				if strings.Contains(r.Text, w) {
					t.Errorf("Text contains %q\ntext:\n%s", w, r.Text)
				}
			}
			if strings.Contains(r.Text, "\u00ad") {
				t.Error("Text contains a soft hyphen")
			}
			if pc.check != nil {
				pc.check(t, r)
			}
			if seen[pc.file] {
				return
			}
			seen[pc.file] = true
			got, err := json.MarshalIndent(toGolden(r), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			gf := filepath.Join("testdata", strings.TrimSuffix(pc.file, ".html")+".golden.json")
			if *update {
				if err := os.WriteFile(gf, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("result differs from %s (run with -update if the change is intended)\ngot:\n%s", gf, got)
			}
		})
	}
}

func TestExtractDeterministic(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "news_en.html"))
	if err != nil {
		t.Fatal(err)
	}
	first, err := Extract(page, "", "https://harbourtimes.example/a", Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(toGolden(first))
	for i := 0; i < 5; i++ {
		r, err := Extract(page, "", "https://harbourtimes.example/a", Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(toGolden(r))
		if !bytes.Equal(a, b) {
			t.Fatalf("run %d differs:\n%s\n%s", i, a, b)
		}
	}
}

func TestExtractFeedHints(t *testing.T) {
	page := []byte(`<html><head><title>x</title></head><body><article>
<p>A quiet day in the valley</p>
<p>` + strings.Repeat("Farmers in the valley brought in the last of the harvest before the rain arrived. ", 6) + `</p>
</article></body></html>`)
	when := time.Date(2024, 9, 1, 10, 0, 0, 0, time.UTC)
	r, err := Extract(page, "", "https://valley.example/harvest", Options{FeedTitle: "A quiet day in the valley", FeedPublished: when})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Published.Equal(when) {
		t.Errorf("Published = %v, want the feed's %v", r.Published, when)
	}
	if strings.Contains(r.Text, "A quiet day in the valley") {
		t.Errorf("headline from the feed left in the body: %q", r.Text)
	}
}

// TestExtractShortPage checks a page too short for the extractor's usual
// methods: its paragraphs are the body, once, without the page's whole
// text repeated after them or the raw markup of a <noscript>.
func TestExtractShortPage(t *testing.T) {
	page := []byte(`<html><head><title>Short note</title></head><body>
<noscript><img src="https://example.com/pixel.gif" alt="">Please enable <b>JavaScript</b></noscript>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Short note</h1><p>The council met on Tuesday.</p><p>It agreed the budget.</p></article>
</body></html>`)
	r, err := Extract(page, "", "https://example.com/a", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "The council met on Tuesday.\n\nIt agreed the budget."; r.Text != want {
		t.Errorf("Text = %q, want %q", r.Text, want)
	}
	if strings.Contains(r.HTML, "&lt;") || strings.Contains(r.HTML, "enable") {
		t.Errorf("HTML holds the noscript's markup: %s", r.HTML)
	}
	// A last paragraph that repeats only some of those before it stays.
	body := parseBody(t, `<p>First point made here.</p><p>Second point made here.</p><p>As said: first point made here.</p>`)
	dropRescueRepeat(body)
	if n := len(collectBlocks(body, nil)); n != 3 {
		t.Errorf("%d paragraphs left, want 3", n)
	}
}

func TestExtractEmptyPage(t *testing.T) {
	r, err := Extract([]byte(""), "", "https://empty.example/", Options{})
	if err != nil {
		t.Fatalf("Extract of an empty page: %v", err)
	}
	if r.Text != "" {
		t.Errorf("Text = %q, want empty", r.Text)
	}
}

func TestWallKinds(t *testing.T) {
	tests := []struct {
		name string
		page string
		want bool
	}{
		{"bot check", `<html><head><title>Just a moment...</title></head><body><p>Checking your browser before accessing the site.</p></body></html>`, true},
		{"consent wall", `<html><head><title>Before you continue</title></head><body><p>We and our partners store and access information on your device. Before you continue, accept all or manage your choices.</p><button>Accept all</button></body></html>`, true},
		{"german paywall", `<html><body><article><h1>Neue Pläne</h1><p>Die Stadt plant einen neuen Hafen.</p><p>Exklusiv für Abonnenten. Sie haben bereits ein Abo? Hier anmelden.</p></article></body></html>`, true},
		{"not free in JSON-LD", `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree": false}</script></head><body><article><h1>Port plan</h1><p>The port authority met on Tuesday to discuss the expansion.</p></article></body></html>`, true},
		{"paywall box", `<html><body><article><h1>Port plan</h1><p>The port authority met on Tuesday to discuss the expansion.</p><div id="Piano-Offer-Box"></div></article></body></html>`, true},
		{"short free article", `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree": true}</script></head><body><article><h1>Port plan</h1><p>The port authority met on Tuesday to discuss the expansion.</p></article></body></html>`, false},
		{"free article", `<html><body><article><p>` + strings.Repeat("The council met on Tuesday and agreed to repair the old library roof before winter. ", 8) + `</p></article></body></html>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Extract([]byte(tt.page), "", "https://x.example/a", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Wall != tt.want {
				t.Errorf("Wall = %v, want %v (text %q)", r.Wall, tt.want, r.Text)
			}
		})
	}
}

// benchPages loads the pages for the benchmarks: the test pages, or the
// saved pages (.html, .html.gz) in the directory NEWSDESK_BENCH_PAGES names.
func benchPages(b *testing.B) [][]byte {
	var pages [][]byte
	if dir := os.Getenv("NEWSDESK_BENCH_PAGES"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.htm*"))
		for _, f := range files {
			p, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if strings.HasSuffix(f, ".gz") {
				zr, err := gzip.NewReader(bytes.NewReader(p))
				if err != nil {
					b.Fatal(err)
				}
				if p, err = io.ReadAll(zr); err != nil {
					b.Fatal(err)
				}
			}
			pages = append(pages, p)
		}
		if len(pages) == 0 {
			b.Fatalf("no pages in %s", dir)
		}
		return pages
	}
	for _, f := range []string{"news_en.html", "news_de.html", "cp1252.html", "paywall.html"} {
		p, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	return pages
}

// BenchmarkExtract measures newsdesk's extraction; compare pages/s and
// allocations with BenchmarkTrafilaturaAlone on the same pages.
func BenchmarkExtract(b *testing.B) {
	pages := benchPages(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			if _, err := Extract(p, "", "https://bench.example/a", Options{}); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkTrafilaturaAlone measures the underlying extractor by itself,
// configured as Extract configures it.
func BenchmarkTrafilaturaAlone(b *testing.B) {
	pages := benchPages(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			if _, err := Baseline(p, "https://bench.example/a"); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}
