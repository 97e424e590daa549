package feed

import (
	"bytes"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, name := range []string{"feeds/rss20.xml", "feeds/atom10.xml", "feeds/rss10.xml", "feeds/feed.json", "feeds/truncated.xml", "hostile/billion_laughs.xml", "sitemaps/news.xml", "sitemaps/index.xml"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("<rss><channel><item><title>a&b</title></item>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fd, err := Parse(data, "https://fuzz.example/feed", nil)
		if err != nil {
			if fd != nil {
				t.Fatal("feed returned with an error")
			}
			return
		}
		for _, it := range fd.Items {
			if !it.Published.IsZero() && it.Published.Location().String() != "UTC" {
				t.Fatalf("published not in UTC: %v", it.Published)
			}
		}
	})
}

func FuzzParseOPML(f *testing.F) {
	for _, name := range []string{"opml/nested.opml", "hostile/opml_entities.opml"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`<opml><body><outline text="a"><outline xmlUrl="x"/></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		outs, err := ParseOPML(bytes.NewReader(data))
		if err != nil {
			if outs != nil {
				t.Fatal("outlines returned with an error")
			}
			return
		}
		// Whatever was read must survive a write and a second read.
		var buf bytes.Buffer
		if err := WriteOPML(&buf, "fuzz", outs); err != nil {
			t.Fatalf("write: %v", err)
		}
		if _, err := ParseOPML(&buf); err != nil {
			t.Fatalf("reparse of written list: %v", err)
		}
	})
}
