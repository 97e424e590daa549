package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/config"
	"newsdesk/internal/news"
	"newsdesk/internal/store/postgres/pgtest"
)

// TestMigrateDemoToPostgres moves the demo installation from SQLite to
// PostgreSQL with migrate-store and checks that a site on the new store
// shows the same articles, stories, comments and users.
func TestMigrateDemoToPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end ingestion")
	}
	ctx := context.Background()
	old := startSite(t, false)
	old.waitIngested(t, len(old.demo.Published()), 3*time.Minute)
	u := news.User{Name: "rita", PasswordHash: "$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$a2V5", Admin: true}
	if err := old.main.Store.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	arts, err := old.main.Store.Articles(ctx, news.ArticleFilter{Lang: "en", Limit: 3})
	if err != nil || len(arts) == 0 {
		t.Fatalf("articles: %v", err)
	}
	top := news.Comment{ArticleID: arts[0].ID, UserID: u.ID, Body: "Moving house keeps this comment."}
	if err := old.main.Store.AddComment(ctx, &top); err != nil {
		t.Fatal(err)
	}
	reply := news.Comment{ArticleID: arts[0].ID, UserID: u.ID, ParentID: top.ID, Body: "And this reply."}
	if err := old.main.Store.AddComment(ctx, &reply); err != nil {
		t.Fatal(err)
	}
	// Read the old site's answers, then stop it so the copy sees a still store.
	paths := []string{"/api/v1/stories?edition=en&limit=100", "/api/v1/stories?edition=de&limit=100",
		fmt.Sprintf("/api/v1/articles/%d/comments", arts[0].ID)}
	all, err := old.main.Store.Articles(ctx, news.ArticleFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		paths = append(paths, fmt.Sprintf("/api/v1/articles/%d", a.ID))
	}
	want := map[string]string{}
	for _, p := range paths {
		want[p] = apiBody(t, old.base+p)
	}
	old.stop()

	dsn := pgtest.FreshDSN(t)
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"migrate-store", "--from", old.main.Config.DB, "--to", dsn}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("migrate-store: %v\n%s%s", err, out.String(), errOut.String())
	}
	t.Logf("migrate-store:\n%s", out.String())

	cfg := config.Default()
	cfg.Addr, cfg.DB, cfg.Role = "127.0.0.1:0", dsn, "web"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	m, err := OpenMain(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	runCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { m.Run(runCtx) })
	defer func() { cancel(); wg.Wait() }()
	base := "http://" + m.Addr()
	for _, p := range paths {
		if got := apiBody(t, base+p); got != want[p] {
			t.Errorf("%s differs after moving house:\nold %.300s\nnew %.300s", p, want[p], got)
		}
	}
	if got, err := m.Store.UserByName(ctx, "RITA"); err != nil || !got.Admin || got.PasswordHash != u.PasswordHash {
		t.Errorf("user after moving house: %+v, %v", got, err)
	}
}

// apiBody fetches a JSON document and returns it re-encoded, with the
// site's own address taken out, so two sites' answers compare.
func apiBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", url, resp.StatusCode)
	}
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	b, _ := json.Marshal(dropSiteURLs(v))
	return string(b)
}

// dropSiteURLs removes the fields that name the site's own address, which
// differs between the two sites.
func dropSiteURLs(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "web_url" || k == "next_url" {
				delete(x, k)
				continue
			}
			x[k] = dropSiteURLs(e)
		}
	case []any:
		for i := range x {
			x[i] = dropSiteURLs(x[i])
		}
	}
	return v
}
