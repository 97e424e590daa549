package postgres

import (
	"context"
	"errors"
	"fmt"
	"newsdesk/internal/store/postgres/pgtest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/news"
	"newsdesk/internal/store/storetest"
)

func TestOpenRejectsOtherDSNs(t *testing.T) {
	for _, dsn := range []string{"", "news.db", "file:news.db", "mysql://x@y/z"} {
		if _, err := Open(context.Background(), dsn); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want ErrInvalid", dsn, err)
		}
	}
}

func TestOpenUnreachableServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Port 1 on loopback refuses connections.
	_, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if !errors.Is(err, news.ErrUnavailable) {
		t.Fatalf("Open(unreachable) = %v, want ErrUnavailable", err)
	}
}

// TestConcurrentOpenMigratesOnce starts several stores on one new database
// at once; the advisory lock makes exactly one of them apply migrations.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	dsn := pgtest.FreshDSN(t)
	const n = 4
	stores := make([]*Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = Open(context.Background(), dsn)
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("Open %d: %v", i, errs[i])
		}
		defer stores[i].Close()
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var rows, versions int
	err = stores[0].db.QueryRowContext(context.Background(),
		`SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations`).Scan(&rows, &versions)
	if err != nil {
		t.Fatal(err)
	}
	if rows != len(ms) || versions != len(ms) {
		t.Fatalf("schema_migrations has %d rows of %d versions, want %d of each", rows, versions, len(ms))
	}
	// Opening again applies nothing and keeps the data.
	src := news.Source{Name: "Kept", Slug: "kept", FeedURL: "https://kept.example/feed"}
	if err := stores[1].CreateSource(context.Background(), &src); err != nil {
		t.Fatal(err)
	}
	again, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	if got, err := again.SourceBySlug(context.Background(), "kept"); err != nil || got.ID != src.ID {
		t.Fatalf("after reopening SourceBySlug = %+v, %v; want source %d", got, err, src.ID)
	}
}

// TestClaimItemsAcrossPools has workers on two stores (two connection
// pools, as two processes would have) drain one queue: every item is
// claimed exactly once.
func TestClaimItemsAcrossPools(t *testing.T) {
	dsn := pgtest.FreshDSN(t)
	var stores [2]*Store
	for i := range stores {
		s, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer s.Close()
		stores[i] = s
	}
	ctx := context.Background()
	src := news.Source{Name: "Queue", Slug: "queue", FeedURL: "https://queue.example/feed"}
	if err := stores[0].CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	const n = 300
	items := make([]news.Item, n)
	for i := range items {
		items[i] = news.Item{URL: fmt.Sprintf("https://queue.example/%d", i)}
	}
	if added, err := stores[0].SaveFeedItems(ctx, src.ID, items, news.FeedState{}); err != nil || added != n {
		t.Fatalf("SaveFeedItems = %d, %v; want %d", added, err, n)
	}
	var (
		mu      sync.Mutex
		claimed = map[int64]int{}
		errs    []error
		wg      sync.WaitGroup
	)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := stores[w%2]
			for {
				got, err := s.ClaimItems(ctx, time.Now(), time.Hour, 7)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				for _, it := range got {
					claimed[it.ID]++
				}
				mu.Unlock()
				if err != nil || len(got) == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("ClaimItems: %v", errs[0])
	}
	if len(claimed) != n {
		t.Fatalf("claimed %d distinct items, want %d", len(claimed), n)
	}
	for id, k := range claimed {
		if k != 1 {
			t.Fatalf("item %d claimed %d times", id, k)
		}
	}
}

// TestExpiredLeaseMovesToAnotherStore checks that an item whose lease ran
// out is claimed by another process, with its attempt counted.
func TestExpiredLeaseMovesToAnotherStore(t *testing.T) {
	dsn := pgtest.FreshDSN(t)
	a, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	src := news.Source{Name: "Lease", Slug: "lease", FeedURL: "https://lease.example/feed"}
	if err := a.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveFeedItems(ctx, src.ID, []news.Item{{URL: "https://lease.example/1"}}, news.FeedState{}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	first, err := a.ClaimItems(ctx, now, time.Minute, 5)
	if err != nil || len(first) != 1 {
		t.Fatalf("first claim = %v, %v", first, err)
	}
	if got, err := b.ClaimItems(ctx, now.Add(59*time.Second), time.Minute, 5); err != nil || len(got) != 0 {
		t.Fatalf("claim during the lease = %v, %v; want nothing", got, err)
	}
	got, err := b.ClaimItems(ctx, now.Add(time.Minute), time.Minute, 5)
	if err != nil || len(got) != 1 || got[0].ID != first[0].ID || got[0].Attempts != 2 {
		t.Fatalf("claim after the lease = %+v, %v; want item %d with 2 attempts", got, err, first[0].ID)
	}
}

func TestTextTheServerCannotStore(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	src := news.Source{Name: "Nul", Slug: "nul", FeedURL: "https://nul.example/feed"}
	if err := s.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	_, err := s.SaveFeedItems(ctx, src.ID, []news.Item{{URL: "https://nul.example/1", Title: "a\x00b"}}, news.FeedState{})
	if !errors.Is(err, news.ErrInvalid) {
		t.Fatalf("SaveFeedItems with a NUL byte = %v, want ErrInvalid", err)
	}
}

func TestSearchLanguages(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	src := storetest.Seed(t, s, 0)
	save := func(url, lang, title, text string) news.Article {
		a := news.Article{SourceID: src.ID, URL: url, Lang: lang, Title: title, Text: text, Published: time.Now()}
		if err := s.SaveArticle(ctx, &a); err != nil {
			t.Fatalf("SaveArticle: %v", err)
		}
		return a
	}
	de := save("https://seed.example/de", "de", "Die Notenbank erhöht die Zinsen",
		"Die Zentralbanken erhöhten ihre Leitzinsen, um die Inflation zu bremsen.")
	pt := save("https://seed.example/pt", "pt-BR", "Bancos centrais aumentam juros",
		"Os bancos centrais aumentaram as taxas de juros.")
	en := save("https://seed.example/en", "en", "Runners running in the rain",
		"The runner ran; the runners keep running.")
	xx := save("https://seed.example/xx", "xx", "Unknown tongue", "Qwerty uiop asdf.")
	tests := []struct {
		query string
		lang  string
		want  []int64
	}{
		{"Notenbanken", "de", []int64{de.ID}},  // German plural
		{"zentralbank", "", []int64{de.ID}},    // Zentralbanken, any language
		{"aumento", "pt-BR", []int64{pt.ID}},   // aumentaram/aumentam
		{"run", "en", []int64{en.ID}},          // running, runs
		{"the", "en", []int64{en.ID}},          // stop words are searchable
		{"asdf", "", []int64{xx.ID}},           // unknown languages use simple
		{"qwer*", "xx", []int64{xx.ID}},        // prefixes
		{`"keep running"`, "", []int64{en.ID}}, // phrases
		{"zinsen -inflation", "", nil},         // exclusion
		{"zinsen OR juros", "", []int64{pt.ID, de.ID}},
	}
	for _, tc := range tests {
		hits, err := s.Search(ctx, tc.query, news.ArticleFilter{Lang: tc.lang})
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.query, err)
		}
		got := make([]int64, len(hits))
		for i, h := range hits {
			got[i] = h.Article.ID
		}
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q, lang %q) = %v, want %v", tc.query, tc.lang, got, want)
		}
	}
	hits, err := s.Search(ctx, "Zentralbank", news.ArticleFilter{Lang: "de"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search(Zentralbank) = %d hits, %v; want 1", len(hits), err)
	}
	if !strings.Contains(hits[0].Snippet, markStart+"Zentralbanken"+markEnd) {
		t.Errorf("German snippet %q does not mark Zentralbanken", hits[0].Snippet)
	}
}

func TestParseWebQuery(t *testing.T) {
	type arrays struct {
		terms    []string
		groups   []int32
		prefixes []bool
	}
	tests := []struct {
		in   string
		want arrays
	}{
		{"", arrays{}},
		{"  \t ", arrays{}},
		{"central bank", arrays{[]string{"central", "bank"}, []int32{1, 2}, []bool{false, false}}},
		{`"central bank" -river`, arrays{[]string{"river", "central bank"}, []int32{0, 1}, []bool{false, false}}},
		{"apples OR pears valley", arrays{[]string{"apples", "pears", "valley"}, []int32{1, 1, 2}, []bool{false, false, false}}},
		{"OR bank OR", arrays{[]string{"bank"}, []int32{1}, []bool{false}}},
		{"bank or river", arrays{[]string{"bank", "or", "river"}, []int32{1, 2, 3}, []bool{false, false, false}}},
		{"infla*", arrays{[]string{"'infla':*"}, []int32{1}, []bool{true}}},
		{`it's*`, arrays{[]string{"'it' <-> 's':*"}, []int32{1}, []bool{true}}},
		{`a\'b:*|!c*`, arrays{[]string{"'a' <-> 'b' <-> 'c':*"}, []int32{1}, []bool{true}}},
		{`"quoted*"`, arrays{[]string{"quoted*"}, []int32{1}, []bool{false}}},
		{`say "hi`, arrays{[]string{"say", "hi"}, []int32{1, 2}, []bool{false, false}}},
		{"nul\x00jazz", arrays{[]string{"nul", "jazz"}, []int32{1, 2}, []bool{false, false}}},
		{`c++ -- ** -`, arrays{[]string{"c++"}, []int32{1}, []bool{false}}},
		{`-bank`, arrays{[]string{"bank"}, []int32{0}, []bool{false}}},
	}
	for _, tc := range tests {
		terms, groups, prefixes := parseWebQuery(tc.in).arrays()
		if !slices.Equal(terms, tc.want.terms) || !slices.Equal(groups, tc.want.groups) || !slices.Equal(prefixes, tc.want.prefixes) {
			t.Errorf("parseWebQuery(%q) = %q %v %v, want %q %v %v", tc.in, terms, groups, prefixes,
				tc.want.terms, tc.want.groups, tc.want.prefixes)
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
	tags := []news.Hashtag{{Slug: "harbour", Name: "Harbour", Kind: news.KindPlace}}
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
				Text: storetest.SampleText(i), Published: time.Now(), Lang: "en", Hashtags: tags}
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
	if _, err := s.db.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	queries := []struct{ name, q, lang string }{
		{"word", "harbour", ""},
		{"word-en", "harbour", "en"},
		{"rare", "kalomi", ""},
		{"phrase", `"storm ferry"`, ""},
		{"or-not", "bank OR rates -flood", ""},
		{"prefix", "elect*", ""},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			for range b.N {
				if _, err := s.Search(ctx, q.q, news.ArticleFilter{Limit: 20, Lang: q.lang}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSearchOddQueries(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	src := storetest.Seed(t, s, 0)
	a := news.Article{SourceID: src.ID, URL: "https://seed.example/odd", Lang: "en",
		Title: "Café crème at 8pm", Text: "A back\\slash, a 'quote' and a colon: here."}
	if err := s.SaveArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"a-\u0301*", "\u0301*", strings.Repeat("a", 3000), strings.Repeat("b", 3000) + "*",
		"\xff\xfe*", `back\slash*`, `'quote'*`, `colon:*`, `a:*|!b*`, `8pm*`, "caf\u00e9*", `"" OR ""`,
	} {
		if _, err := s.Search(ctx, q, news.ArticleFilter{}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	for _, q := range []string{"café", "8pm*", `back\slash`, `'quote'*`, "crème -tea"} {
		hits, err := s.Search(ctx, q, news.ArticleFilter{})
		if err != nil || len(hits) != 1 {
			t.Errorf("Search(%q) = %d hits, %v; want the article", q, len(hits), err)
		}
	}
}
