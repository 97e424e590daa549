package feed

import (
	"bytes"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
)

// feedTypes are the link types that announce a feed.
var feedTypes = setOf(
	"application/rss+xml", "application/atom+xml", "application/rdf+xml",
	"application/feed+json", "application/json", "application/xml", "text/xml",
	"application/x.atom+xml", "application/x-atom+xml", "application/rss",
)

// Discover returns the absolute URLs of the feeds a web page announces
// with <link rel="alternate" type="...">, in page order, without repeats.
// A <base href> in the page is honoured.
func Discover(page []byte, pageURL string) []string {
	base, _ := url.Parse(pageURL)
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	var out []string
	seen := map[string]bool{}
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return out
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		if tag == "body" {
			// Feeds are announced in the head.
			return out
		}
		if !hasAttr || (tag != "link" && tag != "base") {
			continue
		}
		attrs := map[string]string{}
		for {
			k, v, more := z.TagAttr()
			attrs[strings.ToLower(string(k))] = strings.TrimSpace(string(v))
			if !more {
				break
			}
		}
		if tag == "base" {
			if h := attrs["href"]; h != "" {
				if u, err := url.Parse(h); err == nil {
					if base != nil {
						u = base.ResolveReference(u)
					}
					base = u
				}
			}
			continue
		}
		rels := strings.Fields(strings.ToLower(attrs["rel"]))
		alternate := false
		for _, r := range rels {
			if r == "alternate" || r == "feed" {
				alternate = true
			}
		}
		typ, _, _ := strings.Cut(strings.ToLower(attrs["type"]), ";")
		if !alternate || !feedTypes[strings.TrimSpace(typ)] || attrs["href"] == "" {
			continue
		}
		href := resolve(base, attrs["href"])
		u, err := url.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		if !seen[href] {
			seen[href] = true
			out = append(out, href)
		}
	}
}

// commonFeedPaths are the addresses where sites often serve a feed or a
// news sitemap without announcing it.
var commonFeedPaths = []string{"/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/sitemap_news.xml"}

// CommonPaths returns the conventional feed addresses of the site that
// serves pageURL (its scheme and host with /feed, /rss, /rss.xml,
// /atom.xml, /feed.xml, /index.xml and /sitemap_news.xml), for probing
// when a page announces no feed. It returns nil when pageURL is not an
// absolute http or https URL.
func CommonPaths(pageURL string) []string {
	u, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	out := make([]string, 0, len(commonFeedPaths))
	for _, p := range commonFeedPaths {
		out = append(out, (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: p}).String())
	}
	return out
}
