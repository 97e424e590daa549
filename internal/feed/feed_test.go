package feed

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParse(t *testing.T) {
	tests := []struct {
		file   string
		url    string
		header http.Header
		check  func(t *testing.T, f *Feed)
	}{
		{file: "feeds/rss20.xml", url: "https://gazette.example/rss", check: func(t *testing.T, f *Feed) {
			want := Feed{Format: "rss20", Wellformed: true, Encoding: "utf-8",
				Title: "Harbour Gazette", TitleHTML: "Harbour Gazette", Link: "https://gazette.example/", Subtitle: "News from the harbour",
				Language: "en-gb", Image: "https://gazette.example/logo.png",
				Updated: utc("2025-06-03T07:39:21Z"), TTL: 30 * time.Minute, Hub: "https://hub.example/"}
			got := *f
			got.Items = nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("feed = %+v\nwant %+v", got, want)
			}
			if len(f.Items) != 2 {
				t.Fatalf("items = %d, want 2", len(f.Items))
			}
			it := f.Items[0]
			if it.ID != "gazette-1" || it.Title != "Ferry & tugboat collide" || it.Author != "Ada Quay" ||
				!it.Published.Equal(utc("2025-06-02T18:00:00Z")) || it.Image != "https://gazette.example/ferry.jpg" {
				t.Errorf("item 0 = %+v", it)
			}
			if strings.Contains(it.Summary, "script") || !strings.Contains(it.Summary, "No one was hurt.") {
				t.Errorf("summary not cleaned: %q", it.Summary)
			}
			if !reflect.DeepEqual(it.Categories, []string{"Harbour", "Transport"}) {
				t.Errorf("categories = %v", it.Categories)
			}
			wantEnc := []Enclosure{{URL: "https://gazette.example/audio/ferry.mp3", Type: "audio/mpeg", Length: 12345}}
			if !reflect.DeepEqual(it.Enclosures, wantEnc) {
				t.Errorf("enclosures = %+v", it.Enclosures)
			}
			it = f.Items[1]
			if it.Title != "Tide tables updated" || it.Link != "https://gazette.example/tides" ||
				!it.Published.Equal(utc("2025-06-01T06:00:00Z")) || it.Published.Location() != time.UTC {
				t.Errorf("item 1 = %+v", it)
			}
		}},
		{file: "feeds/rss10.xml", check: func(t *testing.T, f *Feed) {
			if f.Format != "rss10" || f.Title != "Hill Courier" || !f.Updated.Equal(utc("2025-05-30T12:00:00Z")) {
				t.Errorf("feed = %+v", f)
			}
			if len(f.Items) != 1 || f.Items[0].Author != "Bo Ridge" || !f.Items[0].Published.Equal(utc("2025-05-30T11:30:00Z")) ||
				!reflect.DeepEqual(f.Items[0].Categories, []string{"Weather"}) {
				t.Errorf("items = %+v", f.Items)
			}
		}},
		{file: "feeds/atom10.xml", url: "https://valley.example/feed", check: func(t *testing.T, f *Feed) {
			if f.Format != "atom10" || f.Title != "Valley Times" || f.Link != "https://valley.example/news/" ||
				f.Language != "fr" || f.Author != "Desk (desk@valley.example)" || f.Image != "https://valley.example/logo.svg" {
				t.Errorf("feed = %+v", f)
			}
			it := f.Items[0]
			if it.Link != "https://valley.example/stories/bridge.html" || it.ContentType != "application/xhtml+xml" ||
				!strings.Contains(it.Content, "<b>again</b>") || !it.Updated.Equal(utc("2025-06-02T07:00:00Z")) ||
				it.Image != "https://valley.example/bridge.jpg" {
				t.Errorf("entry = %+v", it)
			}
			if !strings.Contains(it.Summary, `href="https://valley.example/stories/map.html"`) {
				t.Errorf("summary link not resolved: %q", it.Summary)
			}
		}},
		{file: "feeds/atom03.xml", check: func(t *testing.T, f *Feed) {
			if f.Format != "atom03" || f.Title != "Old Mill Notes" || len(f.Items) != 1 {
				t.Fatalf("feed = %+v", f)
			}
			if f.Items[0].Link != "https://mill.example/wheel" || !strings.Contains(f.Items[0].Content, "<p>It turns.</p>") {
				t.Errorf("entry = %+v", f.Items[0])
			}
		}},
		{file: "feeds/feed.json", url: "https://bay.example/feed.json", check: func(t *testing.T, f *Feed) {
			if f.Format != "json11" || f.Title != "Bay Wire" || f.Author != "Wire Desk" || len(f.Items) != 1 {
				t.Fatalf("feed = %+v", f)
			}
			it := f.Items[0]
			if it.Title != "Gulls return" || it.Link != "https://bay.example/gulls" || it.ContentType != "text/html" ||
				!it.Published.Equal(utc("2025-06-01T07:00:00Z")) || len(it.Enclosures) != 1 || it.Enclosures[0].Length != 999 {
				t.Errorf("item = %+v", it)
			}
		}},
		{file: "feeds/koi8r.xml", check: func(t *testing.T, f *Feed) {
			if f.Encoding != "koi8-r" || f.Title != "Новости" || f.Items[0].Title != "Привет, мир" || !f.Wellformed {
				t.Errorf("feed = %+v", f)
			}
		}},
		{file: "feeds/cp1251_header.xml", header: http.Header{"Content-Type": {"application/rss+xml; charset=windows-1251"}}, check: func(t *testing.T, f *Feed) {
			if f.Encoding != "windows-1251" || f.Title != "Погода" || f.Items[0].Title != "Дождь" {
				t.Errorf("feed = %+v", f)
			}
		}},
		{file: "feeds/utf16le.xml", check: func(t *testing.T, f *Feed) {
			if f.Encoding != "utf-16le" || f.Title != "Wide" || !f.Wellformed {
				t.Errorf("feed = %+v", f)
			}
		}},
		{file: "feeds/xmlbase.xml", url: "https://rel.example/feeds/main.xml", check: func(t *testing.T, f *Feed) {
			if f.Link != "https://rel.example/home" || f.Items[0].Link != "https://rel.example/feeds/stories/one.html" {
				t.Errorf("links = %q %q", f.Link, f.Items[0].Link)
			}
			s := f.Items[0].Summary
			if !strings.Contains(s, `src="https://rel.example/img/one.png"`) || !strings.Contains(s, `href="https://rel.example/feeds/two.html"`) {
				t.Errorf("summary = %q", s)
			}
		}},
		{file: "feeds/rss_body.xml", url: "https://body.example/feed", check: func(t *testing.T, f *Feed) {
			if len(f.Items) != 2 {
				t.Fatalf("items = %d", len(f.Items))
			}
			if got := f.Items[0].Content; got != `<p>Hello <a href="https://body.example/x">there</a></p>` {
				t.Errorf("body content = %q", got)
			}
			if got := f.Items[1].Content; got != `<b>All</b> of it` || f.Items[1].ContentType != "text/html" {
				t.Errorf("fullitem content = %q", got)
			}
		}},
		{file: "feeds/truncated.xml", check: func(t *testing.T, f *Feed) {
			if f.Wellformed {
				t.Error("truncated feed reported well-formed")
			}
			if f.Title != "Cut Short" || len(f.Items) < 2 || f.Items[1].Link != "https://cut.example/2" {
				t.Errorf("feed = %+v", f)
			}
		}},
		{file: "feeds/nodate_htmltitle.xml", check: func(t *testing.T, f *Feed) {
			if f.Title != "Markup Daily" || f.Items[0].Title != "Breaking: storm & flood" {
				t.Errorf("titles = %q %q", f.Title, f.Items[0].Title)
			}
			if !f.Items[0].Published.IsZero() || !f.Updated.IsZero() || f.Format != "rss20" {
				t.Errorf("feed = %+v", f)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f, err := Parse(readFixture(t, tc.file), tc.url, tc.header)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, f)
		})
	}
}

func TestParseRefusesNonFeeds(t *testing.T) {
	for _, doc := range []string{"", "   ", "hello", "<html><body>x</body></html>", `{"a": 1}`} {
		if f, err := Parse([]byte(doc), "", nil); err == nil {
			t.Errorf("Parse(%q) = %+v, want error", doc, f)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"Mon, 02 Jun 2025 18:00:00 GMT":  "2025-06-02T18:00:00Z",
		"Mon, 2 Jun 2025 18:00:00 +0200": "2025-06-02T16:00:00Z",
		"2 Jun 2025 18:00:00 UT":         "2025-06-02T18:00:00Z",
		"2025-06-02T18:00:00-05:00":      "2025-06-02T23:00:00Z",
		"2025-06-02 18:00:00":            "2025-06-02T18:00:00Z",
		"2025-06-02":                     "2025-06-02T00:00:00Z",
		"June 2, 2025":                   "2025-06-02T00:00:00Z",
	}
	for in, want := range tests {
		got, ok := parseDate(in)
		if !ok || !got.Equal(utc(want)) || got.Location() != time.UTC {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	if _, ok := parseDate("not a date"); ok {
		t.Error("parseDate accepted garbage")
	}
}

// hostileDocs returns the hostile fixtures plus generated ones too large
// to keep as files.
func hostileDocs(t testing.TB) map[string][]byte {
	docs := map[string][]byte{}
	entries, err := os.ReadDir(filepath.Join("testdata", "hostile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		docs[e.Name()] = readFixture(t, filepath.Join("hostile", e.Name()))
	}
	docs["deep_nesting_50k"] = []byte("<rss version=\"2.0\"><channel><title>deep</title>" +
		strings.Repeat("<x>", 50000) + strings.Repeat("</x>", 50000) + "</channel></rss>")
	docs["deep_unclosed_50k"] = []byte("<rss><channel><item><title>a</title></item>" + strings.Repeat("<d>", 50000))
	docs["quadratic_blowup"] = []byte("<!DOCTYPE rss [<!ENTITY a \"" + strings.Repeat("x", 100000) + "\">]><rss><channel><title>" +
		strings.Repeat("&a;", 20000) + "</title></channel></rss>")
	var attrs strings.Builder
	for i := range 20000 {
		attrs.WriteString(" a")
		attrs.WriteString(strings.Repeat("b", i%7+1))
		attrs.WriteString(string(rune('a' + i%26)))
		attrs.WriteString(`="1"`)
	}
	docs["many_attributes"] = []byte("<rss><channel><title" + attrs.String() + ">t</title></channel></rss>")
	docs["long_name"] = []byte("<rss><channel><" + strings.Repeat("n", 200000) + ">t</" + strings.Repeat("n", 200000) + "></channel></rss>")
	docs["huge_title"] = []byte("<rss><channel><title>" + strings.Repeat("big ", 256<<10) + "</title></channel></rss>")
	docs["too_large"] = bytes.Repeat([]byte(" "), MaxDocumentSize+1)
	return docs
}

// TestHostileDocuments checks that every hostile document is refused or
// parsed quickly, in bounded memory, without expanding any entity.
func TestHostileDocuments(t *testing.T) {
	for name, doc := range hostileDocs(t) {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			f, err := Parse(doc, "https://hostile.example/feed", nil)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			// The limit holds at full speed; .ci/test checks it in its pass
			// without the race detector, which slows parsing several times.
			limit := time.Second
			if raceDetector {
				limit = 10 * time.Second
			}
			if elapsed > limit {
				t.Errorf("took %v, more than %v", elapsed, limit)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20+uint64(len(doc))*4 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			if err != nil {
				return
			}
			if f.Wellformed && strings.Contains(name, "laughs") {
				t.Error("document with entity declarations reported well-formed")
			}
			all := f.Title + f.Subtitle
			for _, it := range f.Items {
				all += it.Title + it.Summary + it.Content
			}
			if strings.Contains(all, "haha") || strings.Contains(all, "root:") || strings.Contains(all, "xxxxxxxxxx") {
				t.Errorf("an entity was expanded: %.80q", all)
			}
		})
	}
}

func TestCharsetDecision(t *testing.T) {
	tests := []struct {
		ct, doc, want string
		bozo          bool
	}{
		{"", `<?xml version="1.0" encoding="iso-8859-1"?><rss/>`, "iso-8859-1", false},
		{"application/xml", `<?xml version="1.0" encoding="iso-8859-1"?><rss/>`, "iso-8859-1", false},
		{"application/xml; charset='gb2312'", `<rss/>`, "gb18030", false},
		{"text/xml", `<?xml version="1.0" encoding="iso-8859-1"?><rss/>`, "us-ascii", false},
		{"text/xml;charset = us-ascii", `<rss/>`, "us-ascii", false},
		{"text/plain", `<rss/>`, "us-ascii", true},
		{"text/xml", "<rss><title>caf\xc3\xa9</title></rss>", "utf-8", true},
	}
	for _, tc := range tests {
		h := http.Header{}
		if tc.ct != "" {
			h.Set("Content-Type", tc.ct)
		}
		d := decodeDocument([]byte(tc.doc), h)
		if d.encoding != tc.want || d.bozo != tc.bozo {
			t.Errorf("%q %q: encoding %q bozo %v; want %q %v", tc.ct, tc.doc, d.encoding, d.bozo, tc.want, tc.bozo)
		}
	}
}

func TestCleanHTML(t *testing.T) {
	tests := map[string]string{
		`<p onclick="x()">hi</p>`:                       `<p>hi</p>`,
		`safe<script>alert(1)</script> text`:            `safe text`,
		`<a href="javascript:alert(1)">x</a>`:           `<a>x</a>`,
		`<iframe src="https://e.example/"></iframe>ok`:  `ok`,
		`<img src="/i.png">`:                            `<img src="https://base.example/i.png" />`,
		`<span style="color: red; position: absolute">`: `<span style="color: red;">`,
		`<div style="background: url(javascript:x)">`:   `<div>`,
	}
	base := mustURL("https://base.example/dir/")
	for in, want := range tests {
		if got := cleanHTML(in, base); got != want {
			t.Errorf("cleanHTML(%q) = %q, want %q", in, got, want)
		}
	}
}
