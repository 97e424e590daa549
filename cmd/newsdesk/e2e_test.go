package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"newsdesk/internal/config"
	"newsdesk/internal/demo"
	"newsdesk/internal/news"
)

// site is a running newsdesk fed by the demo publishers.
type site struct {
	demo *demo.Demo
	main *Main
	base string
	// stop ends the newsdesk process (not the publishers) and waits for it.
	stop func()
}

// startSite starts the demo publishers (static unless live) and a newsdesk
// process on port 0 that ingests them; both stop when the test ends.
func startSite(t *testing.T, live bool) *site {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := demo.New(demo.Options{Seed: 1, Live: live, Interval: time.Second})
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Addr = "127.0.0.1:0"
	cfg.DB = filepath.Join(t.TempDir(), "site.db")
	cfg.PollMin, cfg.PollMax = time.Second, 3*time.Second
	cfg.HostInterval = 0
	cfg.Lease = 5 * time.Second
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := OpenMain(ctx, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	m.FetchPerHost = 8
	m.Idle = 100 * time.Millisecond
	if err := registerDemo(ctx, m, d); err != nil {
		t.Fatal(err)
	}
	runCtx, stopRun := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := m.Run(runCtx); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	stop := sync.OnceFunc(func() {
		stopRun()
		wg.Wait()
	})
	t.Cleanup(func() {
		stop()
		cancel()
		m.Close()
		d.Close()
	})
	return &site{demo: d, main: m, base: "http://" + m.Addr(), stop: stop}
}

// waitIngested waits until every item the feeds listed is processed and at
// least min articles are stored.
func (s *site) waitIngested(t *testing.T, min int, within time.Duration) news.Stats {
	t.Helper()
	deadline := time.Now().Add(within)
	var st news.Stats
	for time.Now().Before(deadline) {
		var err error
		st, err = s.main.Store.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles >= min && st.ItemsPending == 0 {
			return st
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("after %s: %+v, want %d articles and nothing pending", within, st, min)
	return st
}

func (s *site) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// pageText returns the visible text of an HTML document, white space
// collapsed; scripts, styles and attributes are left out.
func pageText(doc string) string {
	z := html.NewTokenizer(strings.NewReader(doc))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if n, _ := z.TagName(); (string(n) == "script" || string(n) == "style") && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func editionOf(lang string) string {
	switch lang {
	case "de", "fr":
		return lang
	}
	return "en"
}

// TestDemoEndToEnd ingests every demo article and checks, for each one,
// that no planted boilerplate reaches the article page, the API or the
// feeds out, and that every body paragraph reaches the page.
func TestDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end ingestion")
	}
	s := startSite(t, false)
	published := s.demo.Published()
	if len(published) < 100 {
		t.Fatalf("demo publishes %d articles, want at least 100", len(published))
	}
	s.waitIngested(t, len(published), 3*time.Minute)
	boiler := s.demo.Boilerplate()
	if len(boiler) == 0 {
		t.Fatal("demo planted no boilerplate")
	}
	leaks := func(where, text string) {
		t.Helper()
		for _, b := range boiler {
			if strings.Contains(text, collapse(b)) {
				t.Errorf("%s: planted boilerplate %q reaches readers", where, b)
			}
		}
	}
	ctx := context.Background()
	outlets := map[string]bool{}
	for _, da := range published {
		a, err := s.main.Store.ArticleByURL(ctx, da.URL)
		if err != nil {
			t.Errorf("demo article %s (%s) not stored: %v", da.ID, da.URL, err)
			continue
		}
		outlets[a.SourceSlug] = true
		ed := editionOf(a.Lang)
		code, page := s.get(t, fmt.Sprintf("/%s/article/%d", ed, a.ID))
		if code != http.StatusOK {
			t.Errorf("article %d page: status %d", a.ID, code)
			continue
		}
		text := pageText(page)
		leaks(fmt.Sprintf("article page %d (%s)", a.ID, da.URL), text)
		for i, p := range da.Paragraphs {
			if !strings.Contains(text, collapse(p)) {
				t.Errorf("article page %d (%s): paragraph %d lost: %.80q", a.ID, da.URL, i+1, p)
			}
		}
		_, body := s.get(t, fmt.Sprintf("/api/v1/articles/%d", a.ID))
		var doc map[string]any
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Errorf("api article %d: %v", a.ID, err)
			continue
		}
		apiText, _ := doc["text"].(string)
		leaks(fmt.Sprintf("api article %d", a.ID), collapse(apiText))
		leaks(fmt.Sprintf("api article %d html", a.ID), pageText(fmt.Sprint(doc["html"])))
	}
	if len(outlets) < 8 {
		t.Errorf("articles from %d outlets, want at least 8", len(outlets))
	}
	for _, ed := range []string{"en", "de", "fr"} {
		for _, f := range []string{"feed.rss", "feed.atom"} {
			code, body := s.get(t, "/"+ed+"/"+f)
			if code != http.StatusOK {
				t.Errorf("%s/%s: status %d", ed, f, code)
			}
			leaks("feed "+ed+"/"+f, collapse(html.UnescapeString(body)))
		}
	}
	code, front := s.get(t, "/en/")
	if code != http.StatusOK {
		t.Fatalf("front page: status %d", code)
	}
	linked, outletLinks := map[string]bool{}, map[string]bool{}
	for _, m := range regexp.MustCompile(`href="/en/article/(\d+)"`).FindAllStringSubmatch(front, -1) {
		linked[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`href="/en/outlet/([a-z0-9-]+)"`).FindAllStringSubmatch(front, -1) {
		outletLinks[m[1]] = true
	}
	if len(linked) < 100 || len(outletLinks) < 8 {
		t.Errorf("front page lists %d articles from %d outlets, want at least 100 from 8", len(linked), len(outletLinks))
	}
}
