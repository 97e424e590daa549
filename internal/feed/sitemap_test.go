package feed

import (
	"reflect"
	"testing"
)

func TestParseSitemap(t *testing.T) {
	tests := []struct {
		file   string
		format string
		title  string
		items  []Item
	}{
		{
			file: "sitemaps/news.xml", format: "sitemap", title: "Harbour Gazette",
			items: []Item{
				{
					ID: "https://gazette.example/2025/06/ferry-collision", Link: "https://gazette.example/2025/06/ferry-collision",
					Title: "Ferry & tugboat collide", TitleHTML: "Ferry &amp; tugboat collide",
					Published: utc("2025-06-02T17:00:00Z"), Updated: utc("2025-06-02T18:30:00Z"),
					Categories: []string{"Harbour", "Transport"}, Image: "https://gazette.example/img/ferry.jpg",
				},
				{
					ID: "https://gazette.example/2025/06/tides", Link: "https://gazette.example/2025/06/tides",
					Title: "Tide tables <updated>", TitleHTML: "Tide tables &lt;updated&gt;",
					Published: utc("2025-06-01T00:00:00Z"),
				},
			},
		},
		{
			file: "sitemaps/index.xml", format: "sitemapindex",
			items: []Item{
				{ID: "https://gazette.example/sitemap_news.xml", Link: "https://gazette.example/sitemap_news.xml", Updated: utc("2025-06-03T07:00:00Z")},
				{ID: "https://gazette.example/sitemap-2025-05.xml", Link: "https://gazette.example/sitemap-2025-05.xml"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := Parse(readFixture(t, tt.file), "https://gazette.example/sitemap.xml", nil)
			if err != nil {
				t.Fatal(err)
			}
			if f.Format != tt.format || f.Title != tt.title || !f.Wellformed {
				t.Errorf("format, title, wellformed = %q, %q, %v; want %q, %q, true", f.Format, f.Title, f.Wellformed, tt.format, tt.title)
			}
			if !reflect.DeepEqual(f.Items, tt.items) {
				t.Errorf("items:\n got %+v\nwant %+v", f.Items, tt.items)
			}
		})
	}
}

func TestParseCDF(t *testing.T) {
	f, err := Parse(readFixture(t, "feeds/cdf.xml"), "https://mill.example/channel.cdf", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != "cdf" || f.Title != "Old Mill Channel" || f.Link != "https://mill.example/" ||
		f.Subtitle != "Weekly notes from the mill" || !f.Updated.Equal(utc("2025-06-01T06:00:00Z")) {
		t.Errorf("feed = %+v", f)
	}
	if len(f.Items) != 1 {
		t.Fatalf("items = %d, want 1", len(f.Items))
	}
	it := f.Items[0]
	if it.Title != "Wheel & race repaired" || it.TitleHTML != "Wheel &amp; race repaired" ||
		it.Link != "https://mill.example/notes/42.html" || it.Summary != "The wheel turns again." ||
		!it.Updated.Equal(utc("2025-05-31T10:00:00Z")) {
		t.Errorf("item = %+v", it)
	}
}
