package feed

import "testing"

// TestSelfAndHub checks that the feed's own address and its WebSub hub are
// read from each dialect that can name them, resolved against the
// document's address.
func TestSelfAndHub(t *testing.T) {
	tests := []struct {
		name, doc, hub, self string
	}{
		{"rss", `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>T</title><link>https://a.example/</link>
<atom:link rel="self" href="/feed.xml"/><atom:link rel="hub" href="https://hub.example/"/>
<item><title>x</title><link>https://a.example/x</link></item></channel></rss>`,
			"https://hub.example/", "https://a.example/feed.xml"},
		{"atom", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id>
<link rel="self" href="https://a.example/atom"/><link rel="hub" href="https://hub.example/h"/><link href="https://a.example/"/>
<entry><title>x</title><id>urn:x:1</id><link href="https://a.example/x"/></entry></feed>`,
			"https://hub.example/h", "https://a.example/atom"},
		{"json", `{"version":"https://jsonfeed.org/version/1.1","title":"T","feed_url":"feed.json","items":[{"id":"1","url":"https://a.example/x"}]}`,
			"", "https://a.example/feeds/feed.json"},
		{"none", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://a.example/</link>
<item><title>x</title><link>https://a.example/x</link></item></channel></rss>`, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse([]byte(tc.doc), "https://a.example/feeds/", nil)
			if err != nil {
				t.Fatal(err)
			}
			if f.Hub != tc.hub || f.Self != tc.self {
				t.Errorf("hub, self = %q, %q; want %q, %q", f.Hub, f.Self, tc.hub, tc.self)
			}
		})
	}
}
