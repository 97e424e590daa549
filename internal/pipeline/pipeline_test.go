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
// good feed: each bad one gets a clear error in its health and stores
// nothing, and the good one is ingested as usual.
func TestHostileSources(t *testing.T) { eachStore(t, testHostileSources) }

func testHostileSources(t *testing.T, st store.Store) {
	ctx := context.Background()
	bomb := gzipBomb(t)
	mux := http.NewServeMux()
	var srvURL string
	mux.HandleFunc("/good.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
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
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := bytes.Repeat([]byte("<item><title>x</title></item>"), 1<<15)
		for sent := 0; sent < 50<<20; sent += len(chunk) {
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
	mux.HandleFunc("/loop-a.xml", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b.xml", http.StatusFound) })
	mux.HandleFunc("/loop-b.xml", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a.xml", http.StatusFound) })
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL

	feeds := map[string]string{ // slug → what its health must say
		"good":   "",
		"notxml": "feed",
		"huge":   "larger than",
		"bomb":   "larger than",
		"loop":   "redirect",
		"slow":   "timed out",
	}
	paths := map[string]string{"good": "/good.xml", "notxml": "/notxml.xml", "huge": "/huge.xml", "bomb": "/bomb", "loop": "/loop-a.xml", "slow": "/slow.xml"}
	for slug := range feeds {
		src := news.Source{Name: slug, Slug: slug, FeedURL: srv.URL + paths[slug], AllowPrivate: true}
		if err := st.CreateSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
	}
	c := newClock()
	p := pipeline.New(pipeline.Options{
		Now:         c.Now,
		Store:       st,
		Fetcher:     fetch.New(fetch.Options{Timeout: 2 * time.Second, MaxBytes: 4 << 20, PerHost: 8}),
		MaxAttempts: 1,
	})
	drain(t, p, st, c)
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		want := feeds[s.Slug]
		arts, err := st.Articles(ctx, news.ArticleFilter{SourceID: s.ID})
		if err != nil {
			t.Fatal(err)
		}
		if want == "" {
			if s.Feed.LastError != "" || len(arts) != 2 {
				t.Errorf("good source: error %q, %d articles; want none and 2", s.Feed.LastError, len(arts))
			}
			continue
		}
		if !strings.Contains(strings.ToLower(s.Feed.LastError), want) {
			t.Errorf("%s: health error %q, want it to mention %q", s.Slug, s.Feed.LastError, want)
		}
		if s.Feed.FailCount < 1 || !s.Feed.NextPollAt.After(s.Feed.LastFetchAt) {
			t.Errorf("%s: %d failures, next poll %s: want a backed-off retry", s.Slug, s.Feed.FailCount, s.Feed.NextPollAt)
		}
		if len(arts) != 0 {
			t.Errorf("%s: %d articles stored from a hostile feed", s.Slug, len(arts))
		}
	}
}
