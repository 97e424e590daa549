package fetch

import (
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	const file = `# robots for the harbour times
User-agent: *
Disallow: /private/
Allow: /private/press/
Disallow: /*.pdf$
Disallow: /search?
Crawl-delay: 2

User-agent: NewsDesk
User-agent: otherbot
Disallow: /drafts
Allow: /drafts/public$
Crawl-delay: 0.5

User-agent: badbot
Disallow: /

Sitemap: https://harbour.example/sitemap.xml
`
	r := ParseRobots([]byte(file))
	const ua = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk)"
	tests := []struct {
		agent, path string
		want        bool
	}{
		{"somebot/2", "/news/1", true},
		{"somebot/2", "/private/x", false},
		{"somebot/2", "/private/press/release", true},
		{"somebot/2", "/files/report.pdf", false},
		{"somebot/2", "/files/report.pdf?x=1", true},
		{"somebot/2", "/search?q=port", false},
		{"somebot/2", "/search", true},
		{ua, "/private/x", true}, // its own group replaces the "*" one
		{ua, "/drafts/7", false},
		{ua, "/drafts/public", true},
		{ua, "/drafts/public/more", false},
		{"OtherBot", "/drafts", false},
		{"badbot/1.0", "/anything", false},
		{"badbot/1.0", "/robots.txt", true},
		{"somebot", "", true},
	}
	for _, tt := range tests {
		if got := r.Allowed(tt.agent, tt.path); got != tt.want {
			t.Errorf("Allowed(%q, %q) = %v, want %v", tt.agent, tt.path, got, tt.want)
		}
	}
	if d := r.CrawlDelay("somebot"); d != 2*time.Second {
		t.Errorf("CrawlDelay(somebot) = %s", d)
	}
	if d := r.CrawlDelay(ua); d != 500*time.Millisecond {
		t.Errorf("CrawlDelay(newsdesk) = %s", d)
	}
	if !ParseRobots(nil).Allowed(ua, "/x") || !ParseRobots([]byte("garbage\x00\nDisallow: /")).Allowed(ua, "/x") {
		t.Error("an empty or groupless file must allow everything")
	}
}

func TestRobotsMatch(t *testing.T) {
	for _, tt := range []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/a", true},
		{"/a", "/abc", true},
		{"/a$", "/abc", false},
		{"/a$", "/a", true},
		{"/*/b", "/x/y/b/z", true},
		{"/*.php$", "/x.php", true},
		{"/*.php$", "/x.php5", false},
		{"/a*b*c", "/a--b--c", true},
		{"/a*b*c", "/a--c--b", false},
		{"*", "/", true},
	} {
		if got := robotsMatch(tt.pattern, tt.path); got != tt.want {
			t.Errorf("robotsMatch(%q, %q) = %v", tt.pattern, tt.path, got)
		}
	}
}
