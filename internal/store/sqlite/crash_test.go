package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsdesk/internal/news"
	"newsdesk/internal/store/storetest"
)

// crashChildEnv names the variable that turns the test binary into a
// writer that TestKillLosesNothing kills; it holds the database path.
const crashChildEnv = "NEWSDESK_SQLITE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		if err := crashChild(path); err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashChild polls a made-up feed forever, saving an article per item, and
// prints "article ID URL" after each commit and "user ID NAME" after each
// sign-up, until it is killed.
func crashChild(path string) error {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		return err
	}
	src, err := s.SourceBySlug(ctx, "crash")
	if err != nil {
		src = news.Source{Name: "Crash", Slug: "crash", HomeURL: "https://crash.example", FeedURL: "https://crash.example/feed"}
		if err := s.CreateSource(ctx, &src); err != nil {
			return err
		}
	}
	pid := os.Getpid()
	for i := 0; ; i++ {
		// Each poll repeats the previous poll's last item.
		items := []news.Item{
			{URL: fmt.Sprintf("https://crash.example/%d", 2*i)},
			{URL: fmt.Sprintf("https://crash.example/%d", 2*i+1)},
			{URL: fmt.Sprintf("https://crash.example/%d", 2*i+2)},
		}
		if _, err := s.SaveFeedItems(ctx, src.ID, items, news.FeedState{LastStatus: 200}); err != nil {
			return err
		}
		claimed, err := s.ClaimItems(ctx, time.Now(), time.Millisecond, 5)
		if err != nil {
			return err
		}
		for _, it := range claimed {
			a := news.Article{SourceID: src.ID, ItemID: it.ID, URL: it.URL, CanonicalURL: it.URL,
				Title: "Crash " + it.URL, Text: storetest.SampleText(i), Published: time.Now(),
				Hashtags: []news.Hashtag{{Slug: "crash", Name: "Crash", Kind: news.KindTopic}}}
			if err := s.SaveArticle(ctx, &a); err != nil {
				return err
			}
			fmt.Printf("article %d %s\n", a.ID, a.URL)
		}
		u := news.User{Name: fmt.Sprintf("u-%d-%d", pid, i)}
		if err := s.CreateUser(ctx, &u); err != nil {
			return err
		}
		fmt.Printf("user %d %s\n", u.ID, u.Name)
	}
}

// TestKillLosesNothing kills a writing process twice at an arbitrary point
// and checks that every write it reported is there, nothing is duplicated,
// and the file and its search index are intact.
func TestKillLosesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "news.db")
	articles := map[int64]string{}
	users := map[int64]string{}
	for round, lines := range []int{120, 200} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		n := 0
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) != 3 {
				continue
			}
			id, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatalf("round %d: bad line %q", round, sc.Text())
			}
			switch f[0] {
			case "article":
				articles[id] = f[2]
			case "user":
				users[id] = f[2]
			}
			n++
			if n == lines {
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := cmd.Wait(); err == nil || n < lines {
			t.Fatalf("round %d: child ended by itself after %d lines: %v", round, n, err)
		}
	}

	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open after kills: %v", err)
	}
	defer s.Close()
	for id, url := range articles {
		a, err := s.Article(ctx, id)
		if err != nil || a.URL != url {
			t.Fatalf("reported article %d (%s) = %+v, %v", id, url, a.URL, err)
		}
	}
	for id, name := range users {
		u, err := s.User(ctx, id)
		if err != nil || u.Name != name {
			t.Fatalf("reported user %d (%s) = %q, %v", id, name, u.Name, err)
		}
	}
	checks := []struct {
		name, query string
		want        string
	}{
		{"integrity", `PRAGMA integrity_check`, "ok"},
		{"foreign keys", `SELECT COUNT(*) FROM pragma_foreign_key_check`, "0"},
		{"one article per done item", `SELECT COUNT(*) FROM items i WHERE i.state = 'done'
			AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.item_id = i.id)`, "0"},
		{"articles without a done item", `SELECT COUNT(*) FROM articles a JOIN items i ON i.id = a.item_id
			WHERE i.state <> 'done'`, "0"},
		{"duplicate item URLs", `SELECT COUNT(*) FROM (SELECT url FROM items GROUP BY url HAVING COUNT(*) > 1)`, "0"},
	}
	for _, c := range checks {
		var got string
		if err := s.r.QueryRowContext(ctx, c.query).Scan(&got); err != nil || got != c.want {
			t.Fatalf("%s: got %q (%v), want %q", c.name, got, err, c.want)
		}
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("search index integrity: %v", err)
	}
	t.Logf("%d articles and %d users reported before two kills, all present", len(articles), len(users))
}
