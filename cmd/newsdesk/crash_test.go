package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"newsdesk/internal/config"
	"newsdesk/internal/demo"
	"newsdesk/internal/news"
)

// TestKillMidIngestion kills a worker process with SIGKILL while it is
// ingesting, starts it again, and checks that every demo article is stored
// exactly once, with a story, and that nothing is left pending or failed.
func TestKillMidIngestion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a process")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := demo.New(demo.Options{Seed: 2})
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	db := filepath.Join(dir, "crash.db")
	m, err := OpenMain(ctx, config.Config{DB: db}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := registerDemo(ctx, m, d); err != nil {
		t.Fatal(err)
	}
	worker := func() *exec.Cmd {
		cmd := exec.Command(bin, "serve", "--role", "worker", "--db", db, "--lease", "2s",
			"--poll-min", "1s", "--poll-max", "2s", "--host-interval", "0s", "--workers", "4", "--log-level", "warn")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	stats := func() news.Stats {
		st, err := m.Store.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	published := d.Published()

	first := worker()
	deadline := time.Now().Add(2 * time.Minute)
	for stats().Articles < 15 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	killedAt := stats()
	if killedAt.Articles >= len(published) {
		t.Fatalf("all %d articles were in before the kill; the test proves nothing", killedAt.Articles)
	}
	t.Logf("killed with %d articles stored, %d items pending", killedAt.Articles, killedAt.ItemsPending)

	second := worker()
	defer func() {
		second.Process.Signal(syscall.SIGTERM)
		second.Wait()
	}()
	deadline = time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if st := stats(); st.Articles >= len(published) && st.ItemsPending == 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	checkAllStoredOnce(t, ctx, m.Store, published, "")
}
