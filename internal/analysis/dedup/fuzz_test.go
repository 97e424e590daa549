package dedup

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzCanonicalURL checks that canonical URLs are stable: canonicalising
// twice changes nothing, and a URL that parses keeps its host.
func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://Example.COM:443/a/b/?utm_source=x&b=2&a=1#frag",
		"http://example.org",
		"HTTP://user:pw@[::1]:80/path/",
		"https://news.example/story?fbclid=1&gclid=2",
		"//no-scheme.example/x",
		"not a url",
		"https://ex.example/%zz",
		"https://ex.example./a//b/",
		" https://ex.example/a?b=1&b=0 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once := CanonicalURL(raw)
		if twice := CanonicalURL(once); twice != once {
			t.Fatalf("CanonicalURL is not stable: %q -> %q -> %q", raw, once, twice)
		}
		if once == strings.TrimSpace(raw) {
			return // returned as given: not a web address it could normalise
		}
		u, err := url.Parse(once)
		if err != nil {
			t.Fatalf("CanonicalURL(%q) = %q does not parse: %v", raw, once, err)
		}
		if u.Fragment != "" || u.User != nil {
			t.Fatalf("CanonicalURL(%q) = %q keeps a fragment or user info", raw, once)
		}
	})
}
