package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestGetRobots checks that a Get with Robots obeys the host's robots.txt,
// fetched once and cached, and that one without does not consult it.
func TestGetRobots(t *testing.T) {
	var robotsHits atomic.Int32
	var mu sync.Mutex
	agents := map[string]string{} // path → User-Agent it was fetched with
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents[r.URL.Path] = r.Header.Get("User-Agent")
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			robotsHits.Add(1)
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: pickybot\nDisallow: /\n")
		case "/to-private":
			http.Redirect(w, r, "/private/a", http.StatusFound)
		default:
			fmt.Fprint(w, "page "+r.URL.Path)
		}
	}))
	c := New(Options{UserAgent: "newsdesk-test/1"})
	ctx := context.Background()
	get := func(path, ua string, robots bool) error {
		_, err := c.Get(ctx, Request{URL: s.URL + path, AllowPrivate: true, Robots: robots, UserAgent: ua})
		return err
	}
	if err := get("/public", "", true); err != nil {
		t.Fatalf("allowed page: %v", err)
	}
	err := get("/private/a", "", true)
	if want := "fetch " + s.URL + "/private/a: disallowed by robots.txt"; err == nil || err.Error() != want || !errors.Is(err, ErrDisallowed) {
		t.Fatalf("disallowed page: %v, want %q wrapping ErrDisallowed", err, want)
	}
	if err := get("/to-private", "", true); !errors.Is(err, ErrDisallowed) || !strings.Contains(err.Error(), "redirect to") {
		t.Errorf("redirect to a disallowed page: %v", err)
	}
	if err := get("/private/a", "", false); err != nil {
		t.Errorf("a request without Robots (a feed) was refused: %v", err)
	}
	if err := get("/public", "pickybot/2.0", true); !errors.Is(err, ErrDisallowed) {
		t.Errorf("agent that robots.txt shuts out: %v", err)
	}
	if n := robotsHits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached)", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if agents["/robots.txt"] != "newsdesk-test/1" || agents["/public"] != "newsdesk-test/1" {
		t.Errorf("user agents sent: %q", agents)
	}
}

// TestGetRobotsUnavailable checks that a robots.txt that is missing,
// broken or too large allows everything.
func TestGetRobotsUnavailable(t *testing.T) {
	tests := []struct {
		name  string
		serve func(w http.ResponseWriter)
	}{
		{"404", func(w http.ResponseWriter) { http.NotFound(w, nil) }},
		{"403", func(w http.ResponseWriter) { http.Error(w, "no", http.StatusForbidden) }},
		{"500", func(w http.ResponseWriter) { http.Error(w, "down", http.StatusInternalServerError) }},
		{"too large", func(w http.ResponseWriter) {
			fmt.Fprint(w, "User-agent: *\n"+strings.Repeat("# padding padding padding\n", 40000)+"Disallow: /\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					tt.serve(w)
					return
				}
				fmt.Fprint(w, "page")
			}))
			c := New(Options{})
			if _, err := c.Get(context.Background(), Request{URL: s.URL + "/a", AllowPrivate: true, Robots: true}); err != nil {
				t.Errorf("page refused: %v", err)
			}
		})
	}
}

// TestGetRobotsCrawlDelay checks that a Crawl-delay longer than the
// configured interval spaces the requests to that host.
func TestGetRobotsCrawlDelay(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.15\n")
			return
		}
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		fmt.Fprint(w, "page")
	}))
	c := New(Options{PerHost: 4, MinInterval: 10 * time.Millisecond})
	for i := range 3 {
		if _, err := c.Get(context.Background(), Request{URL: fmt.Sprintf("%s/p%d", s.URL, i), AllowPrivate: true, Robots: true}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < 140*time.Millisecond {
			t.Errorf("requests %d and %d started %s apart, want the Crawl-delay of 150ms", i-1, i, gap)
		}
	}
}

// TestGetRobotsHeadersStayHome checks that a request's own headers go with
// the robots.txt of its own host, never to the robots.txt of a host a
// redirect leads to.
func TestGetRobotsHeadersStayHome(t *testing.T) {
	var mu sync.Mutex
	tokens := map[string]string{}
	other := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tokens["other"+r.URL.Path] = r.Header.Get("X-Token")
		mu.Unlock()
		fmt.Fprint(w, "ok")
	}))
	home := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tokens["home"+r.URL.Path] = r.Header.Get("X-Token")
		mu.Unlock()
		if r.URL.Path == "/away" {
			http.Redirect(w, r, other.URL+"/page", http.StatusFound)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	c := New(Options{})
	_, err := c.Get(context.Background(), Request{URL: home.URL + "/away", AllowPrivate: true, Robots: true,
		Header: http.Header{"X-Token": {"s3cret"}}})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := map[string]string{"home/robots.txt": "s3cret", "home/away": "s3cret", "other/robots.txt": "", "other/page": ""}
	for k, v := range want {
		if got, ok := tokens[k]; !ok || got != v {
			t.Errorf("%s: token %q (asked: %v), want %q", k, got, ok, v)
		}
	}
}
