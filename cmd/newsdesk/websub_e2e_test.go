package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/config"
	"newsdesk/internal/news"
	"newsdesk/internal/websub/websubtest"
)

// pushPublisher is a small outlet whose Atom feed announces a WebSub hub.
type pushPublisher struct {
	srv *httptest.Server
	hub string
	mu  sync.Mutex
	ids []string
}

func (p *pushPublisher) feedURL() string { return p.srv.URL + "/feed.atom" }

// atom writes the outlet's feed with the given entries, newest first.
func (p *pushPublisher) atom(ids ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lakeside Courier</title><id>urn:lakeside</id>
<updated>%[2]s</updated><link href="%[1]s/"/><link rel="self" href="%[1]s/feed.atom"/><link rel="hub" href="%[3]s"/>`,
		p.srv.URL, time.Now().UTC().Format(time.RFC3339), p.hub)
	for _, id := range ids {
		fmt.Fprintf(&b, `<entry><id>urn:lakeside:%[2]s</id><title>Lakeside %[2]s</title><link href="%[1]s/news/%[2]s"/>
<updated>%[3]s</updated><summary>The %[2]s story.</summary></entry>`, p.srv.URL, id, time.Now().UTC().Format(time.RFC3339))
	}
	b.WriteString("</feed>")
	return b.String()
}

func newPushPublisher(t *testing.T, hub string, ids ...string) *pushPublisher {
	p := &pushPublisher{hub: hub, ids: ids}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.atom" {
			p.mu.Lock()
			ids := p.ids
			p.mu.Unlock()
			w.Header().Set("Content-Type", "application/atom+xml")
			io.WriteString(w, p.atom(ids...))
			return
		}
		slug := strings.TrimPrefix(r.URL.Path, "/news/")
		var b strings.Builder
		fmt.Fprintf(&b, "<!doctype html><html lang=en><head><title>Lakeside %[1]s</title></head><body><article><h1>Lakeside %[1]s</h1>", slug)
		for i := range 6 {
			fmt.Fprintf(&b, "<p>Part %d of the %s report from the lakeside: the ferry operators and the harbour board met again, and residents asked about the %s timetable for the summer.</p>", i, slug, slug)
		}
		b.WriteString("</article></body></html>")
		io.WriteString(w, b.String())
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// TestWebSubEndToEnd runs newsdesk with a publisher whose feed announces a
// hub on loopback: the first poll subscribes, the hub verifies through the
// site's own HTTP server, and an item the hub pushes becomes an article on
// the site long before the next poll would have found it.
func TestWebSubEndToEnd(t *testing.T) {
	hub := websubtest.NewHub()
	defer hub.Close()
	pub := newPushPublisher(t, hub.URL, "opening")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := config.Default()
	cfg.Addr = "127.0.0.1:0"
	cfg.DB = filepath.Join(t.TempDir(), "push.db")
	cfg.PollMin, cfg.PollMax = time.Hour, 2*time.Hour // a poll would come an hour later
	cfg.HostInterval = 0
	cfg.Lease = 5 * time.Second
	cfg.WebSubLocal = true
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	m, err := OpenMain(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	m.Idle = 50 * time.Millisecond
	src := news.Source{Name: "Lakeside Courier", Slug: "lakeside", FeedURL: pub.feedURL(), Lang: "en", AllowPrivate: true}
	if err := m.Store.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := m.Run(ctx); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	defer wg.Wait()
	defer cancel()
	base := "http://" + m.Addr()

	vs := hub.WaitVerifications(1, 20*time.Second)
	if len(vs) != 1 || !vs[0].OK || vs[0].Mode != "subscribe" {
		t.Fatalf("hub verifications %+v; want one confirmed subscription", vs)
	}
	if want := base + "/websub/"; !strings.HasPrefix(vs[0].Request.Callback, want) {
		t.Fatalf("callback %s, want it under %s", vs[0].Request.Callback, want)
	}
	sub, err := m.Store.Subscription(ctx, src.ID)
	if err != nil || sub.State != news.SubActive || sub.Topic != pub.feedURL() {
		t.Fatalf("subscription %+v, %v; want active for %s", sub, err, pub.feedURL())
	}

	pushed := time.Now()
	pub.mu.Lock()
	pub.ids = []string{"breaking", "opening"}
	pub.mu.Unlock()
	codes, err := hub.Publish(pub.feedURL(), "application/atom+xml", []byte(pub.atom("breaking", "opening")))
	if err != nil || len(codes) != 1 || codes[0] != http.StatusAccepted {
		t.Fatalf("push answered %v, %v; want 202", codes, err)
	}
	var a news.Article
	for deadline := time.Now().Add(30 * time.Second); ; {
		a, err = m.Store.ArticleByURL(ctx, pub.srv.URL+"/news/breaking")
		if err == nil {
			break
		}
		if !errors.Is(err, news.ErrNotFound) || time.Now().After(deadline) {
			t.Fatalf("pushed article not stored: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("pushed item stored as an article %s after the push", time.Since(pushed).Round(time.Millisecond))
	resp, err := http.Get(fmt.Sprintf("%s/en/article/%d", base, a.ID))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Lakeside breaking") {
		t.Fatalf("article page answered %d without its headline", resp.StatusCode)
	}
	s, err := m.Store.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Feed.NextPollAt.Before(time.Now().Add(30 * time.Minute)) {
		t.Fatalf("next poll at %v: the article must have come by push, not by a poll", s.Feed.NextPollAt)
	}
}
