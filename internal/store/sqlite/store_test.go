package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/news"
	"newsdesk/internal/store/storetest"
)

func TestReopenKeepsDataAndMigratesOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "news.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	storetest.Seed(t, s, 3)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for range 2 {
		s, err = Open(ctx, "file:"+path+"?cache=private")
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatalf("Stats: %v", err)
		}
		if st.Articles != 3 || st.Sources != 1 {
			t.Fatalf("after reopening Stats = %+v, want 3 articles from 1 source", st)
		}
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatalf("count migrations: %v", err)
		}
		files, _ := migrationFiles.ReadDir("migrations")
		if n != len(files) {
			t.Fatalf("schema_migrations has %d rows, want %d", n, len(files))
		}
		var mode string
		if err := s.r.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q (%v), want wal", mode, err)
		}
		var fk int
		if err := s.w.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Fatalf("foreign_keys = %d (%v), want 1", fk, err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
}

func TestOpenRejectsEmptyDSN(t *testing.T) {
	if _, err := Open(context.Background(), ""); !errors.Is(err, news.ErrInvalid) {
		t.Fatalf("Open(\"\") = %v, want ErrInvalid", err)
	}
}

func TestPathWithURISyntax(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a dir?#%")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "news.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not created at the given path: %v", err)
	}
}

// TestConcurrentWriters runs many goroutines writing and reading at once,
// on one Store and on a second Store over the same file (as a second
// process would), and expects no SQLITE_BUSY or other error.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "news.db")
	s1, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s1.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open second: %v", err)
	}
	defer s2.Close()
	src := storetest.Seed(t, s1, 1)

	const workers, rounds = 8, 25
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	start := time.Now()
	for w := range workers {
		s := s1
		if w%2 == 1 {
			s = s2
		}
		wg.Add(2)
		go func() {
			defer wg.Done()
			for r := range rounds {
				url := fmt.Sprintf("https://seed.example/w%d/%d", w, r)
				if _, err := s.SaveFeedItems(ctx, src.ID, []news.Item{{URL: url}}, news.FeedState{}); err != nil {
					fail(err)
					return
				}
				items, err := s.ClaimItems(ctx, time.Now(), time.Hour, 1)
				if err != nil {
					fail(err)
					return
				}
				for _, it := range items {
					a := news.Article{SourceID: src.ID, ItemID: it.ID, URL: it.URL, Title: "Concurrent",
						Text: storetest.SampleText(r), Published: time.Now()}
					if err := s.SaveArticle(ctx, &a); err != nil {
						fail(err)
						return
					}
				}
				u := news.User{Name: fmt.Sprintf("user-%d-%d", w, r)}
				if err := s.CreateUser(ctx, &u); err != nil {
					fail(err)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range rounds {
				if _, err := s.Articles(ctx, news.ArticleFilter{Limit: 20}); err != nil {
					fail(err)
					return
				}
				if _, err := s.Search(ctx, "harbour", news.ArticleFilter{Limit: 5}); err != nil {
					fail(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d concurrent operations failed, first: %v", len(errs), errs[0])
	}
	st, err := s1.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	if st.Users != workers*rounds || st.Articles+st.ItemsPending != 1+workers*rounds {
		t.Fatalf("Stats = %+v, want %d users and %d items", st, workers*rounds, 1+workers*rounds)
	}
	t.Logf("%d writes from %d goroutines on 2 stores in %v", workers*rounds*4, workers, time.Since(start))
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	storetest.Seed(t, s, 5)
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if err := s.Backup(ctx, dst); err == nil {
		t.Fatal("Backup over an existing file succeeded")
	}
	// The store still writes after a backup, so its connection is still
	// read-only where it should be and writable where it should be.
	u := news.User{Name: "after-backup"}
	if err := s.CreateUser(ctx, &u); err != nil {
		t.Fatalf("CreateUser after Backup: %v", err)
	}
	if _, err := s.r.ExecContext(ctx, `DELETE FROM users`); err == nil {
		t.Fatal("a read connection could write after Backup")
	}
	b, err := Open(ctx, dst)
	if err != nil {
		t.Fatalf("Open backup: %v", err)
	}
	defer b.Close()
	st, err := b.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats of backup: %v", err)
	}
	if st.Articles != 5 || st.Users != 0 {
		t.Fatalf("backup Stats = %+v, want the 5 articles and no users", st)
	}
	hits, err := b.Search(ctx, "seed", news.ArticleFilter{})
	if err != nil || len(hits) == 0 {
		t.Fatalf("search in backup = %d hits, %v; want hits", len(hits), err)
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   ", ""},
		{"bank", `"bank"`},
		{"central bank", `"central" AND "bank"`},
		{`"central bank" rates`, `"central bank" AND "rates"`},
		{"bank -bridge", `("bank") NOT ("bridge")`},
		{`bank -"north bank" -river`, `("bank") NOT ("north bank" OR "river")`},
		{"apples OR pears valley", `("apples" OR "pears") AND "valley"`},
		{"a OR b OR c", `("a" OR "b" OR "c")`},
		{"OR bank", `"bank"`},
		{"bank OR", `"bank"`},
		{"bank or river", `"bank" AND "or" AND "river"`},
		{"infla*", `"infla"*`},
		{`"quoted*"`, `"quoted*"`},
		{`say "hi`, `"say" AND "hi"`},
		{`he said ""`, `"he" AND "said"`},
		{`a"b`, `"a" AND "b"`},
		{`-bank`, ""},
		{`- bank`, `"bank"`},
		{`title:jazz`, `"title:jazz"`},
		{`NEAR(a b)`, `"NEAR(a" AND "b)"`},
		{`x"" AND y`, `"x" AND "AND" AND "y"`},
		{"tab\tnul\x00end", `"tab" AND "nul" AND "end"`},
		{`c++ -- **`, `"c++"`},
		{`"it's ""ok"""`, `"it's" AND "ok"`},
	}
	for _, tc := range tests {
		if got := parseQuery(tc.in).match(); got != tc.want {
			t.Errorf("parseQuery(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func BenchmarkSaveArticle(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	src := storetest.Seed(b, s, 1)
	items := make([]news.Item, b.N)
	for i := range items {
		items[i] = news.Item{URL: fmt.Sprintf("https://seed.example/b/%d", i)}
	}
	if _, err := s.SaveFeedItems(ctx, src.ID, items, news.FeedState{}); err != nil {
		b.Fatal(err)
	}
	claimed, err := s.ClaimItems(ctx, time.Now(), time.Hour, b.N)
	if err != nil {
		b.Fatal(err)
	}
	tags := []news.Hashtag{{Slug: "harbour", Name: "Harbour", Kind: news.KindPlace},
		{Slug: "ferries", Name: "Ferries", Kind: news.KindTopic}}
	b.ResetTimer()
	for i, it := range claimed {
		a := news.Article{SourceID: src.ID, ItemID: it.ID, URL: it.URL, CanonicalURL: it.URL,
			Title: "Benchmark article", Text: storetest.SampleText(i), HTML: "<p>" + storetest.SampleText(i) + "</p>",
			Published: time.Now(), Lang: "en", Hashtags: tags,
			Summary: []string{"One.", "Two."}, KeyPoints: []string{"Point"}}
		if err := s.SaveArticle(ctx, &a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaveArticleParallel(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	src := storetest.Seed(b, s, 1)
	var (
		mu sync.Mutex
		n  int
	)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			n++
			i := n
			mu.Unlock()
			url := fmt.Sprintf("https://seed.example/p/%d", i)
			a := news.Article{SourceID: src.ID, URL: url, CanonicalURL: url, Title: "Parallel",
				Text: storetest.SampleText(i), Published: time.Now()}
			if err := s.SaveArticle(ctx, &a); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkClaimItems(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	src := storetest.Seed(b, s, 1)
	const batch = 10
	items := make([]news.Item, b.N*batch)
	for i := range items {
		items[i] = news.Item{URL: fmt.Sprintf("https://seed.example/c/%d", i)}
	}
	if _, err := s.SaveFeedItems(ctx, src.ID, items, news.FeedState{}); err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	b.ResetTimer()
	for range b.N {
		got, err := s.ClaimItems(ctx, now, time.Hour, batch)
		if err != nil || len(got) != batch {
			b.Fatalf("claimed %d, %v", len(got), err)
		}
		for _, it := range got {
			if err := s.FinishItem(ctx, it.ID); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	storetest.Seed(b, s, 2000)
	queries := []struct{ name, q string }{
		{"word", "harbour"},
		{"rare", "kalomi"},
		{"phrase", `"storm ferry"`},
		{"or-not", "bank OR rates -flood"},
		{"prefix", "elect*"},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			for range b.N {
				if _, err := s.Search(ctx, q.q, news.ArticleFilter{Limit: 20}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
