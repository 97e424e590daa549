package feed

import (
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, name := range []string{"feeds/rss20.xml", "feeds/atom10.xml", "feeds/rss10.xml", "feeds/feed.json", "feeds/truncated.xml", "hostile/billion_laughs.xml"} {
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
