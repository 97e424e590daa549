package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"newsdesk/internal/demo"
	"newsdesk/internal/news"
	"newsdesk/internal/store"
	"newsdesk/internal/store/postgres/pgtest"
)

// buildBinary builds newsdesk once for a test that runs it as processes.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "newsdesk")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// freePort returns a loopback port nobody listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// testStores lists the stores the process tests run on: a SQLite file,
// and a PostgreSQL database when the tests have a server.
func testStores(t *testing.T) map[string]func(t *testing.T) string {
	t.Helper()
	return map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "scale.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDSN(t) },
	}
}

// TestScaleOut runs one web and three worker processes on one store
// against the demo publishers, kills a worker with SIGKILL mid-run, and
// checks that every published article is stored exactly once, with its
// story, and served by the web process.
func TestScaleOut(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several processes")
	}
	bin := buildBinary(t)
	for name, dsn := range testStores(t) {
		t.Run(name, func(t *testing.T) { scaleOut(t, bin, dsn(t)) })
	}
}

func scaleOut(t *testing.T, bin, dsn string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := demo.New(demo.Options{Seed: 5})
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	st, err := openStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m := &Main{Store: st}
	if err := registerDemo(ctx, m, d); err != nil {
		t.Fatal(err)
	}
	start := func(role string, extra ...string) *exec.Cmd {
		args := append([]string{"serve", "--role", role, "--db", dsn, "--lease", "3s", "--poll-min", "1s",
			"--poll-max", "2s", "--host-interval", "0s", "--workers", "2", "--log-level", "warn"}, extra...)
		cmd := exec.Command(bin, args...)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		})
		return cmd
	}
	port := freePort(t)
	start("web", "--addr", fmt.Sprintf("127.0.0.1:%d", port))
	workers := []*exec.Cmd{start("worker"), start("worker"), start("worker")}
	stats := func() news.Stats {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	published := d.Published()
	deadline := time.Now().Add(2 * time.Minute)
	for stats().Articles < len(published)/5 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := workers[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	workers[0].Wait()
	t.Logf("killed a worker with %d of %d articles stored", stats().Articles, len(published))
	deadline = time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if s := stats(); s.Articles >= len(published) && s.ItemsPending == 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	checkAllStoredOnce(t, ctx, st, published, fmt.Sprintf("http://127.0.0.1:%d", port))
}

// checkAllStoredOnce checks that every demo article is stored once, with a
// story, nothing is left pending or failed, and the site serves each one.
func checkAllStoredOnce(t *testing.T, ctx context.Context, st store.Store, published []demo.Article, site string) {
	t.Helper()
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != len(published) || s.ItemsPending != 0 || s.ItemsFailed != 0 {
		t.Errorf("stored %d articles (%d pending, %d failed items) for %d published", s.Articles, s.ItemsPending, s.ItemsFailed, len(published))
	}
	seen := map[int64]string{}
	for _, da := range published {
		a, err := st.ArticleByURL(ctx, da.URL)
		if err != nil {
			t.Errorf("%s: %v", da.URL, err)
			continue
		}
		if prev, dup := seen[a.ID]; dup {
			t.Errorf("%s and %s stored as one article", prev, da.URL)
		}
		seen[a.ID] = da.URL
		if a.StoryID == 0 {
			t.Errorf("article %d has no story", a.ID)
		}
		if site == "" {
			continue
		}
		resp, err := http.Get(fmt.Sprintf("%s/%s/article/%d", site, editionOf(a.Lang), a.ID))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("web process: article %d answered %d", a.ID, resp.StatusCode)
		}
	}
}
