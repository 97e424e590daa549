package feed

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// benchFeed builds an RSS document of n items with HTML descriptions.
func benchFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title><link>https://bench.example/</link>`)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Story %d &amp; more</title><link>/s/%d</link><guid>id-%d</guid><pubDate>Mon, 02 Jun 2025 18:00:00 GMT</pubDate>`+
			`<description>&lt;p&gt;Paragraph &lt;a href="/x/%d"&gt;link&lt;/a&gt; with &lt;b&gt;bold&lt;/b&gt; text.&lt;/p&gt;</description><category>News</category></item>`, i, i, i, i)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	docs := map[string][]byte{"rss20-200": benchFeed(200), "atom10": readFixture(b, "feeds/atom10.xml")}
	for name, doc := range docs {
		b.Run("newsdesk/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if _, err := Parse(doc, "https://bench.example/feed", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("gofeed/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			p := gofeed.NewParser()
			for b.Loop() {
				if _, err := p.Parse(bytes.NewReader(doc)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
