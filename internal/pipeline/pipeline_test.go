package pipeline_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"newsdesk/internal/demo"
	"newsdesk/internal/fetch"
	"newsdesk/internal/news"
	"newsdesk/internal/pipeline"
	"newsdesk/internal/store"
	"newsdesk/internal/store/postgres"
	"newsdesk/internal/store/postgres/pgtest"
	"newsdesk/internal/store/sqlite"
)

// stores opens the stores the pipeline tests run on: SQLite, and
// PostgreSQL on the test server.
var stores = []struct {
	name string
	open func(t *testing.T) (store.Store, error)
}{
	{"sqlite", func(t *testing.T) (store.Store, error) {
		return sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	}},
	{"postgres", func(t *testing.T) (store.Store, error) {
		return postgres.Open(context.Background(), pgtest.FreshDSN(t))
	}},
}

// eachStore runs test once per store, as a subtest with a fresh store.
func eachStore(t *testing.T, test func(t *testing.T, st store.Store)) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			st, err := s.open(t)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			test(t, st)
		})
	}
}

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// drain polls every due feed and processes every pending item until
// nothing is left, moving the clock on when the work left is waiting for
// a retry.
func drain(t *testing.T, p *pipeline.Pipeline, st store.Store, c *clock) {
	t.Helper()
	ctx := context.Background()
	for range 1000 {
		n1, _ := p.PollDue(ctx, 10)
		n2, _ := p.ProcessDue(ctx, 10)
		if n1 > 0 || n2 > 0 {
			continue
		}
		stats, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if stats.ItemsPending == 0 {
			return
		}
		c.Advance(10 * time.Second)
	}
	t.Fatal("pipeline did not drain")
}

// TestIngestDemo runs the whole flow over the demo publishers: every
// published article is stored once, with a story, a section, a summary and
// its language, and the syndicated wire copies are recognised.
func TestIngestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end ingestion; .ci/test runs it in its full-speed pass")
	}
	eachStore(t, testIngestDemo)
}

func testIngestDemo(t *testing.T, st store.Store) {
	ctx := context.Background()
	d := demo.New(demo.Options{Seed: 3})
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, o := range d.Outlets() {
		src := news.Source{Name: o.Name, Slug: o.Slug, FeedURL: o.FeedURL, HomeURL: o.HomeURL, Lang: o.Lang, AllowPrivate: true}
		if err := st.CreateSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
	}
	c := newClock()
	p := pipeline.New(pipeline.Options{Store: st, Fetcher: fetch.New(fetch.Options{PerHost: 8}), Now: c.Now})
	drain(t, p, st, c)
	published := d.Published()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != len(published) || stats.ItemsPending != 0 || stats.ItemsFailed != 0 {
		t.Fatalf("stats %+v after ingesting %d demo articles", stats, len(published))
	}
	wireDups, stories := 0, map[int64]bool{}
	for _, da := range published {
		a, err := st.ArticleByURL(ctx, da.URL)
		if err != nil {
			t.Errorf("%s: %v", da.URL, err)
			continue
		}
		if a.StoryID == 0 || a.Section == "" || len(a.Summary) == 0 || a.Lang != da.Lang {
			t.Errorf("%s: story %d, section %q, %d summary sentences, lang %q (want %q)", da.URL, a.StoryID, a.Section, len(a.Summary), a.Lang, da.Lang)
		}
		if got, want := a.Published.Truncate(time.Minute), da.Published.Truncate(time.Minute); !got.Equal(want) {
			t.Errorf("%s: published %s, want %s", da.URL, got, want)
		}
		stories[a.StoryID] = true
		if da.Wire != "" && a.DuplicateOf != 0 {
			wireDups++
		}
	}
	p3, r3 := bcubed(t, st, published)
	t.Logf("stories against the demo's events: BCubed precision %.3f, recall %.3f", p3, r3)
	// One event's coverage in other languages stays apart, which costs recall.
	if p3 < 0.95 || r3 < 0.75 {
		t.Errorf("story grouping: BCubed precision %.3f (want ≥ 0.95), recall %.3f (want ≥ 0.75)", p3, r3)
	}
	if wireDups == 0 {
		t.Error("no syndicated wire copy was recognised as a duplicate")
	}
	if len(stories) >= len(published) {
		t.Errorf("%d stories for %d articles: nothing was grouped", len(stories), len(published))
	}
	// A second pass changes nothing: the feeds answer 304 or list known items.
	srcs, _ := st.Sources(ctx)
	for _, s := range srcs {
		if err := p.PollSource(ctx, s); err != nil {
			t.Errorf("repoll %s: %v", s.Slug, err)
		}
	}
	drain(t, p, st, c)
	if again, _ := st.Stats(ctx); again.Articles != stats.Articles {
		t.Errorf("re-polling changed the article count from %d to %d", stats.Articles, again.Articles)
	}
}

// bcubed scores the stored stories against the demo's events.
func bcubed(t *testing.T, st store.Store, published []demo.Article) (precision, recall float64) {
	t.Helper()
	storyOf := map[string]int64{}
	event := map[string]int{}
	for _, da := range published {
		a, err := st.ArticleByURL(context.Background(), da.URL)
		if err != nil {
			t.Fatal(err)
		}
		storyOf[da.URL], event[da.URL] = a.StoryID, da.Event
	}
	for u := range storyOf {
		sameStory, sameEvent, both := 0, 0, 0
		for v := range storyOf {
			s, e := storyOf[u] == storyOf[v], event[u] == event[v]
			if s {
				sameStory++
			}
			if e {
				sameEvent++
			}
			if s && e {
				both++
			}
		}
		precision += float64(both) / float64(sameStory)
		recall += float64(both) / float64(sameEvent)
	}
	n := float64(len(storyOf))
	return precision / n, recall / n
}

const goodFeed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Good</title><link>%[1]s/</link>
<item><title>Valley council approves new library</title><link>%[1]s/article/1</link><guid>a1</guid><pubDate>Mon, 02 Nov 2026 09:00:00 +0000</pubDate></item>
<item><title>Ferry timetable changes next week</title><link>%[1]s/article/2</link><guid>a2</guid><pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate></item>
<item><title>A page that is a gzip bomb</title><link>%[1]s/bomb</link><guid>a3</guid><description>Short teaser.</description></item>
</channel></rss>`

func articlePage(title string) string {
	body := strings.Repeat("<p>The council met on Tuesday evening and discussed the plans at length, hearing from residents, librarians and the architects who drew the new building.</p>", 5)
	return "<!doctype html><html lang=en><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>" + body + "</article></body></html>"
}

func gzipBomb(t *testing.T) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zero := make([]byte, 1<<20)
	for range 64 {
		zw.Write(zero)
	}
	zw.Close()
	return b.Bytes()
}

// TestHostileSources polls feeds that misbehave in every way next to one
// good feed: each bad one gets the right outcome and a plain-words error in
// its health, and none of them disturbs the others.
func TestHostileSources(t *testing.T) { eachStore(t, testHostileSources) }

// hostileServer serves one good feed and the misbehaving ones.
func hostileServer(t *testing.T) *httptest.Server {
	bomb := gzipBomb(t)
	mux := http.NewServeMux()
	var srvURL string
	rss := func(w http.ResponseWriter) { w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8") }
	mux.HandleFunc("/good.xml", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		fmt.Fprintf(w, goodFeed, srvURL)
	})
	mux.HandleFunc("/article/{n}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, articlePage("Story number "+r.PathValue("n")))
	})
	mux.HandleFunc("/notxml.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "This is not a feed at all; {\"json\": maybe} <<< ]]>")
	})
	mux.HandleFunc("/huge.xml", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		chunk := bytes.Repeat([]byte("<item><title>x</title></item>"), 1<<15)
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/endless.xml", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>`)
		chunk := bytes.Repeat([]byte("<!-- and more -->"), 4096)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		w.Write(bomb)
	})
	mux.HandleFunc("/bomb.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		rss(w)
		w.Write(bomb)
	})
	mux.HandleFunc("/loop-a.xml", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b.xml", http.StatusFound) })
	mux.HandleFunc("/loop-b.xml", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a.xml", http.StatusFound) })
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>`)
		w.(http.Flusher).Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
				fmt.Fprint(w, " ")
				w.(http.Flusher).Flush()
			}
		}
	})
	mux.HandleFunc("/trickle.xml", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		doc := fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>Trickle</title><link>%[1]s/</link>
<item><title>Harbour crane repaired</title><link>%[1]s/article/trickle</link><guid>t1</guid></item></channel></rss>`, srvURL)
		for i, part := range strings.Split(doc, "<") {
			if i > 0 {
				part = "<" + part
			}
			fmt.Fprint(w, part)
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	})
	mux.HandleFunc("/500.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/429.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/cp1252.xml", func(w http.ResponseWriter, r *http.Request) {
		rss(w) // the header says UTF-8; the bytes are windows-1252
		fmt.Fprintf(w, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Caf\xe9 news</title><link>%[1]s/</link>"+
			"<item><title>Caf\xe9 owner \x93wins\x94 award</title><link>%[1]s/article/cafe</link><guid>c1</guid></item></channel></rss>", srvURL)
	})
	mux.HandleFunc("/truncated.xml", func(w http.ResponseWriter, r *http.Request) {
		rss(w)
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><link>%[1]s/</link>
<item><title>Bridge reopens after repairs</title><link>%[1]s/article/cut1</link><guid>x1</guid></item>
<item><title>School fair raises funds</title><link>%[1]s/article/cut2</link><guid>x2</guid></item>
<item><title>Lost in transmi`, srvURL)
	})
	srv := httptest.NewServer(mux)
	srvURL = srv.URL
	return srv
}

func testHostileSources(t *testing.T, st store.Store) {
	ctx := context.Background()
	srv := hostileServer(t)
	defer srv.Close()

	feeds := []struct {
		slug, path string
		health     string // what its health must say, "" for nothing
		articles   int    // articles stored from it
		status     int    // last HTTP status, 0 when not checked
		minWait    time.Duration
	}{
		{slug: "good", path: "/good.xml", articles: 2, status: 200},
		{slug: "notxml", path: "/notxml.xml", health: "feed"},
		{slug: "huge", path: "/huge.xml", health: "larger than"},
		{slug: "endless", path: "/endless.xml", health: "larger than"},
		{slug: "bombfeed", path: "/bomb.xml", health: "decompressed body larger than"},
		{slug: "loop", path: "/loop-a.xml", health: "redirect"},
		{slug: "slow", path: "/slow.xml", health: "timed out"},
		{slug: "trickle", path: "/trickle.xml", articles: 1, status: 200},
		{slug: "err500", path: "/500.xml", health: "http 500 internal server error", status: 500},
		{slug: "ratelimited", path: "/429.xml", health: "http 429 too many requests (retry after 2m0s)", status: 429, minWait: 120 * time.Second},
		{slug: "cp1252", path: "/cp1252.xml", health: "read as windows-1252", articles: 1, status: 200},
		{slug: "truncated", path: "/truncated.xml", health: "not well-formed", articles: 2, status: 200},
	}
	for _, f := range feeds {
		src := news.Source{Name: f.slug, Slug: f.slug, FeedURL: srv.URL + f.path, AllowPrivate: true}
		if err := st.CreateSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
	}
	c := newClock()
	p := pipeline.New(pipeline.Options{
		Now:         c.Now,
		Store:       st,
		Fetcher:     fetch.New(fetch.Options{Timeout: time.Second, MaxBytes: 4 << 20, PerHost: 8}),
		MaxAttempts: 1,
		PollMin:     10 * time.Second,
		PollMax:     time.Hour,
	})
	drain(t, p, st, c)
	for _, f := range feeds {
		s, err := st.SourceBySlug(ctx, f.slug)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := st.Articles(ctx, news.ArticleFilter{SourceID: s.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != f.articles {
			t.Errorf("%s: %d articles stored, want %d", f.slug, len(arts), f.articles)
		}
		if f.status != 0 && s.Feed.LastStatus != f.status {
			t.Errorf("%s: last status %d, want %d", f.slug, s.Feed.LastStatus, f.status)
		}
		if f.health == "" {
			if s.Feed.LastError != "" || s.Feed.FailCount != 0 {
				t.Errorf("%s: health %q after %d failures, want none", f.slug, s.Feed.LastError, s.Feed.FailCount)
			}
			continue
		}
		if !strings.Contains(strings.ToLower(s.Feed.LastError), f.health) {
			t.Errorf("%s: health error %q, want it to mention %q", f.slug, s.Feed.LastError, f.health)
		}
		if f.articles > 0 {
			// A damaged feed that was read is not a failure.
			if s.Feed.FailCount != 0 {
				t.Errorf("%s: %d failures, want none", f.slug, s.Feed.FailCount)
			}
			continue
		}
		if s.Feed.FailCount < 1 || !s.Feed.NextPollAt.After(s.Feed.LastFetchAt) {
			t.Errorf("%s: %d failures, next poll %s: want a backed-off retry", f.slug, s.Feed.FailCount, s.Feed.NextPollAt)
		}
		if wait := s.Feed.NextPollAt.Sub(s.Feed.LastFetchAt); wait < f.minWait {
			t.Errorf("%s: next poll %s after the last, want at least %s", f.slug, wait, f.minWait)
		}
	}
	// The good feed's page that is a gzip bomb fails on its own, in plain words.
	bombFound := false
	for id := int64(1); id <= 50; id++ {
		it, err := st.Item(ctx, id)
		if err != nil || it.URL != srv.URL+"/bomb" {
			continue
		}
		bombFound = true
		if it.State != news.ItemFailed || !strings.Contains(it.Error, "decompressed body larger than 4 MiB") {
			t.Errorf("gzip bomb page: state %s, error %q", it.State, it.Error)
		}
	}
	if !bombFound {
		t.Error("the good feed's gzip bomb item was not stored")
	}
	// The misread charset is read as windows-1252, not replaced by U+FFFD.
	s, _ := st.SourceBySlug(ctx, "cp1252")
	arts, _ := st.Articles(ctx, news.ArticleFilter{SourceID: s.ID})
	if len(arts) == 1 {
		it, err := st.Item(ctx, arts[0].ItemID)
		if err != nil {
			t.Fatal(err)
		}
		if want := "Café owner “wins” award"; it.Title != want {
			t.Errorf("cp1252 item title %q, want %q", it.Title, want)
		}
	}
}

// TestSourceBacksOffAndRecovers fails a publisher several times in a row,
// then fixes it: the wait between polls grows while it fails, and the
// first good poll clears its health by itself.
func TestSourceBacksOffAndRecovers(t *testing.T) { eachStore(t, testSourceBacksOffAndRecovers) }

func testSourceBacksOffAndRecovers(t *testing.T, st store.Store) {
	ctx := context.Background()
	var broken atomic.Bool
	broken.Store(true)
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, goodFeed, srvURL)
	}))
	defer srv.Close()
	srvURL = srv.URL
	src := news.Source{Name: "Flaky", Slug: "flaky", FeedURL: srv.URL + "/feed.xml", AllowPrivate: true}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	c := newClock()
	p := pipeline.New(pipeline.Options{Now: c.Now, Store: st, Fetcher: fetch.New(fetch.Options{}),
		PollMin: time.Minute, PollMax: time.Hour})
	var last time.Duration
	for i := 1; i <= 4; i++ {
		c.Advance(2 * time.Hour) // due again whatever the wait
		if n, err := p.PollDue(ctx, 10); n != 1 || err == nil {
			t.Fatalf("poll %d: polled %d feeds, error %v; want one failure", i, n, err)
		}
		s, err := st.Source(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		wait := s.Feed.NextPollAt.Sub(s.Feed.LastFetchAt)
		if s.Feed.FailCount != i || wait <= last || !strings.Contains(s.Feed.LastError, "503") {
			t.Fatalf("poll %d: %d failures, wait %s (last %s), health %q; want %d, growing, about the 503", i, s.Feed.FailCount, wait, last, s.Feed.LastError, i)
		}
		last = wait
	}
	broken.Store(false)
	c.Advance(2 * time.Hour)
	if n, err := p.PollDue(ctx, 10); n != 1 || err != nil {
		t.Fatalf("poll after the fix: polled %d feeds, error %v", n, err)
	}
	s, err := st.Source(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Feed.LastError != "" || s.Feed.FailCount != 0 || s.Feed.LastStatus != 200 {
		t.Errorf("after the fix: health %q, %d failures, status %d; want clear", s.Feed.LastError, s.Feed.FailCount, s.Feed.LastStatus)
	}
}

// TestSourceRulesAndRobots checks a source's own user agent and headers on
// its feed and page requests, and that pages robots.txt disallows are not
// fetched: the item keeps the feed's text when there is enough of it and
// fails with a plain reason when there is not. The feed itself is fetched
// whatever robots.txt says.
func TestSourceRulesAndRobots(t *testing.T) { eachStore(t, testSourceRulesAndRobots) }

func testSourceRulesAndRobots(t *testing.T, st store.Store) {
	ctx := context.Background()
	long := strings.Repeat("Members of the rowing club voted to build a new boathouse by the river. ", 6)
	var mu sync.Mutex
	seen := map[string]string{} // path → user agent and token it was asked with
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.Header.Get("User-Agent") + "|" + r.Header.Get("X-Token")
		mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /members/\nDisallow: /feed.xml\n")
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Club</title><link>%[1]s/</link>
<item><title>Boathouse vote</title><link>%[1]s/members/boathouse</link><guid>m1</guid><description>%[2]s</description></item>
<item><title>Members only</title><link>%[1]s/members/secret</link><guid>m2</guid><description>Log in to read.</description></item>
<item><title>Regatta results</title><link>%[1]s/article/regatta</link><guid>m3</guid></item>
</channel></rss>`, srvURL, long)
		case strings.HasPrefix(r.URL.Path, "/members/"):
			t.Errorf("disallowed page %s was fetched", r.URL.Path)
		default:
			fmt.Fprint(w, articlePage("Regatta results are in"))
		}
	}))
	defer srv.Close()
	srvURL = srv.URL
	src := news.Source{Name: "Club", Slug: "club", FeedURL: srv.URL + "/feed.xml", AllowPrivate: true,
		UserAgent: "ClubReader/2.0", Headers: map[string]string{"X-Token": "s3cret"}}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	c := newClock()
	p := pipeline.New(pipeline.Options{Now: c.Now, Store: st, Fetcher: fetch.New(fetch.Options{UserAgent: "newsdesk-test/1"})})
	drain(t, p, st, c)

	mu.Lock()
	for _, path := range []string{"/feed.xml", "/robots.txt", "/article/regatta"} {
		if got, want := seen[path], "ClubReader/2.0|s3cret"; got != want {
			t.Errorf("%s asked with %q, want %q", path, got, want)
		}
	}
	mu.Unlock()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 2 || stats.ItemsFailed != 1 {
		t.Fatalf("stats %+v: want 2 articles (one from the feed's text) and 1 failed item", stats)
	}
	partial, err := st.ArticleByURL(ctx, srv.URL+"/members/boathouse")
	if err != nil {
		t.Fatal(err)
	}
	if !partial.Partial || !strings.Contains(partial.Text, "boathouse") {
		t.Errorf("disallowed page with a long feed text: partial %v, text %q", partial.Partial, partial.Text)
	}
	found := false
	for id := int64(1); id <= 10; id++ {
		it, err := st.Item(ctx, id)
		if err != nil || it.URL != srv.URL+"/members/secret" {
			continue
		}
		found = true
		if it.State != news.ItemFailed || !strings.Contains(it.Error, "disallowed by robots.txt") || it.Attempts != 1 {
			t.Errorf("disallowed page with a short feed text: state %s, error %q after %d attempts", it.State, it.Error, it.Attempts)
		}
	}
	if !found {
		t.Error("the members-only item was not stored")
	}
}

// TestCacheHeadersBoundPolling checks that a feed's HTTP cache lifetime
// (Cache-Control max-age less Age, or Expires less Date) is the least wait
// before its next poll, within the configured bounds, on a full answer and
// on a 304.
func TestCacheHeadersBoundPolling(t *testing.T) { eachStore(t, testCacheHeadersBoundPolling) }

func testCacheHeadersBoundPolling(t *testing.T, st store.Store) {
	ctx := context.Background()
	c := newClock()
	date := time.Now().UTC()
	tests := []struct {
		name    string
		header  map[string]string
		want    time.Duration
		want304 time.Duration // wait after a 304 with max-age=3600; 0 to skip
	}{
		{name: "none", want: 6 * time.Minute}, // ten items in the last hour
		{name: "max-age", header: map[string]string{"Cache-Control": "public, max-age=1800"}, want: 30 * time.Minute, want304: time.Hour},
		{name: "max-age less age", header: map[string]string{"Cache-Control": "max-age=1800", "Age": "600"}, want: 20 * time.Minute},
		{name: "expires", header: map[string]string{"Date": date.Format(http.TimeFormat), "Expires": date.Add(45 * time.Minute).Format(http.TimeFormat)}, want: 45 * time.Minute},
		{name: "past poll-max", header: map[string]string{"Cache-Control": "max-age=86400"}, want: 2 * time.Hour},
		{name: "shorter than the feed's rate", header: map[string]string{"Cache-Control": "max-age=30"}, want: 6 * time.Minute},
		{name: "no-cache", header: map[string]string{"Cache-Control": "no-cache, max-age=1800"}, want: 6 * time.Minute},
		{name: "expired", header: map[string]string{"Expires": "0"}, want: 6 * time.Minute},
	}
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("Cache-Control", "max-age=3600")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		for _, tt := range tests {
			if slugOf(tt.name) == name {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
			}
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		// A busy feed: ten items within the last hour, so its own rate asks
		// for a poll every six minutes.
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title><link>%s/</link>`, srvURL)
		for i := range 10 {
			fmt.Fprintf(w, `<item><title>Item %d</title><link>%s/%s/%d</link><pubDate>%s</pubDate></item>`,
				i, srvURL, name, i, c.Now().Add(-time.Duration(i)*time.Minute).Format(time.RFC1123Z))
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	defer srv.Close()
	srvURL = srv.URL
	p := pipeline.New(pipeline.Options{Now: c.Now, Store: st, Fetcher: fetch.New(fetch.Options{}),
		PollMin: 2 * time.Minute, PollMax: 2 * time.Hour})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := news.Source{Name: tt.name, Slug: slugOf(tt.name), FeedURL: srv.URL + "/" + slugOf(tt.name), AllowPrivate: true}
			if err := st.CreateSource(ctx, &src); err != nil {
				t.Fatal(err)
			}
			wait := func() time.Duration {
				s, err := st.Source(ctx, src.ID)
				if err != nil {
					t.Fatal(err)
				}
				if s.Feed.LastError != "" {
					t.Errorf("health %q", s.Feed.LastError)
				}
				return s.Feed.NextPollAt.Sub(s.Feed.LastFetchAt)
			}
			if err := p.PollSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			if got := wait(); got != tt.want {
				t.Errorf("next poll after %s, want %s", got, tt.want)
			}
			if tt.want304 == 0 {
				return
			}
			again, err := st.Source(ctx, src.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.PollSource(ctx, again); err != nil {
				t.Fatal(err)
			}
			if got := wait(); got != tt.want304 {
				t.Errorf("after a 304: next poll after %s, want %s", got, tt.want304)
			}
		})
	}
}

// slugOf makes a test case's name a URL path segment.
func slugOf(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, name)
}
