package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// Run runs the contract suite as subtests of t. open must return a fresh,
// empty store for each subtest and arrange for it to be closed with
// t.Cleanup. The suite checks behaviour only, never how a store keeps its
// data.
func Run(t *testing.T, open func(t *testing.T) Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s Store)
	}{
		{"Ping", testPing},
		{"Templates", testTemplates},
		{"ReserveHost", testReserveHost},
		{"Lock", testLock},
		{"Sources", testSources},
		{"SourceRequests", testSourceRequests},
		{"SourceConflicts", testSourceConflicts},
		{"DeleteSourceCascades", testDeleteSourceCascades},
		{"ClaimDueSources", testClaimDueSources},
		{"ClaimDueSourcesConcurrent", testClaimDueSourcesConcurrent},
		{"SaveFeedItems", testSaveFeedItems},
		{"SaveFeedItemsAtomic", testSaveFeedItemsAtomic},
		{"ClaimItems", testClaimItems},
		{"ClaimItemsConcurrent", testClaimItemsConcurrent},
		{"RetryItem", testRetryItem},
		{"FinishItem", testFinishItem},
		{"SaveArticle", testSaveArticle},
		{"SaveArticleIdempotent", testSaveArticleIdempotent},
		{"SaveArticleConflict", testSaveArticleConflict},
		{"SaveArticleInvalid", testSaveArticleInvalid},
		{"ArticleLookups", testArticleLookups},
		{"ArticlesFilters", testArticlesFilters},
		{"ArticlesDefaultLimit", testArticlesDefaultLimit},
		{"Search", testSearch},
		{"SearchSyntaxIsSafe", testSearchSyntaxIsSafe},
		{"Stories", testStories},
		{"StoriesList", testStoriesList},
		{"Hashtags", testHashtags},
		{"Comments", testComments},
		{"CommentErrors", testCommentErrors},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Stats", testStats},
		{"LearnTemplateConcurrent", testLearnTemplateConcurrent},
		{"ArticlesUndated", testArticlesUndated},
		{"Subscriptions", testSubscriptions},
		{"UpdateSubscription", testUpdateSubscription},
		{"ClaimDueSubscriptions", testClaimDueSubscriptions},
		{"ClaimDueSubscriptionsConcurrent", testClaimDueSubscriptionsConcurrent},
		{"SavePushedItems", testSavePushedItems},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
	// Moving house needs two stores.
	t.Run("ExportImport", func(t *testing.T) {
		testExportImport(t, open(t), open(t))
	})
}

// t0 is the suite's fixed publication clock: whole seconds in UTC, so every
// store can keep it exactly.
var t0 = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// lease is the lease the suite takes on work rows.
const lease = time.Minute

// wantErr fails t unless err is of kind want.
func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: got error %v, want %v", what, err, want)
	}
}

// must fails t on err.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// recent fails t unless tm was set by the store's clock during the test.
func recent(t *testing.T, what string, tm, start time.Time) {
	t.Helper()
	if tm.IsZero() || tm.Before(start.Add(-2*time.Second)) || tm.After(time.Now().Add(2*time.Second)) {
		t.Fatalf("%s = %v, want a time close to now (%v)", what, tm, start)
	}
}

// newSource stores a source numbered n.
func newSource(t *testing.T, s Store, n int) news.Source {
	t.Helper()
	src := news.Source{
		Name:    fmt.Sprintf("Outlet %02d", n),
		Slug:    fmt.Sprintf("outlet-%02d", n),
		HomeURL: fmt.Sprintf("https://outlet%02d.example", n),
		FeedURL: fmt.Sprintf("https://outlet%02d.example/feed.xml", n),
		Lang:    "en",
		Region:  "GB",
	}
	must(t, "CreateSource", s.CreateSource(t.Context(), &src))
	return src
}

// newItems queues one item per URL for src and claims them, returning them
// in the order of urls. Other pending items must already be leased.
func newItems(t *testing.T, s Store, src news.Source, urls ...string) []news.Item {
	t.Helper()
	in := make([]news.Item, len(urls))
	for i, u := range urls {
		in[i] = news.Item{GUID: u, URL: u, Title: "Item " + u, Published: t0}
	}
	n, err := s.SaveFeedItems(t.Context(), src.ID, in, news.FeedState{LastFetchAt: t0, LastStatus: 200})
	must(t, "SaveFeedItems", err)
	if n != len(urls) {
		t.Fatalf("SaveFeedItems added %d items, want %d", n, len(urls))
	}
	claimed, err := s.ClaimItems(t.Context(), time.Now(), time.Hour, len(urls)+10)
	must(t, "ClaimItems", err)
	out := make([]news.Item, 0, len(urls))
	for _, u := range urls {
		i := slices.IndexFunc(claimed, func(it news.Item) bool { return it.URL == u })
		if i < 0 {
			t.Fatalf("claimed items %v lack %s", itemURLs(claimed), u)
		}
		out = append(out, claimed[i])
	}
	return out
}

// itemURLs lists the URLs of items.
func itemURLs(items []news.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.URL
	}
	return out
}

// newArticle stores an article for a fresh item of src at path, published
// at pub, after edit has adjusted it.
func newArticle(t *testing.T, s Store, src news.Source, path string, pub time.Time, edit func(a *news.Article)) news.Article {
	t.Helper()
	u := src.HomeURL + "/" + path
	it := newItems(t, s, src, u)[0]
	a := news.Article{
		SourceID:     src.ID,
		ItemID:       it.ID,
		URL:          u,
		CanonicalURL: u,
		Title:        "Story " + path,
		Published:    pub,
		Lang:         "en",
		Section:      "world",
		Text:         "Body of " + path + ".",
		HTML:         "<p>Body of " + path + ".</p>",
		ContentHash:  "hash-" + path,
	}
	if edit != nil {
		edit(&a)
	}
	must(t, "SaveArticle "+path, s.SaveArticle(t.Context(), &a))
	return a
}

// articleIDs lists the IDs of articles.
func articleIDs(as []news.Article) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

// hitIDs lists the article IDs of search hits.
func hitIDs(hs []news.SearchHit) []int64 {
	out := make([]int64, len(hs))
	for i, h := range hs {
		out[i] = h.Article.ID
	}
	return out
}

// ids lists the IDs of articles given as arguments.
func ids(as ...news.Article) []int64 { return articleIDs(as) }

// sameIDs fails t unless got and want hold the same IDs in the same order.
func sameIDs(t *testing.T, what string, got, want []int64) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: got IDs %v, want %v", what, got, want)
	}
}

// sameSetIDs fails t unless got and want hold the same IDs in any order.
func sameSetIDs(t *testing.T, what string, got, want []int64) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	sameIDs(t, what, g, w)
}

// stats reads the store's counts.
func stats(t *testing.T, s Store) news.Stats {
	t.Helper()
	st, err := s.Stats(t.Context())
	must(t, "Stats", err)
	return st
}

// ctxOf returns the test's context.
func ctxOf(t *testing.T) context.Context { return t.Context() }

func testPing(t *testing.T, s Store) {
	must(t, "Ping", s.Ping(ctxOf(t)))
	if st := stats(t, s); st != (news.Stats{}) {
		t.Fatalf("fresh store has stats %+v, want all zero", st)
	}
}

func testStats(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a := newSource(t, s, 1)
	newSource(t, s, 2)
	art := newArticle(t, s, a, "one", t0, nil)
	newArticle(t, s, a, "two", t0, nil)
	// One pending, one failed.
	_, err := s.SaveFeedItems(ctx, a.ID, []news.Item{{URL: "https://outlet01.example/p"}, {URL: "https://outlet01.example/f"}}, news.FeedState{})
	must(t, "SaveFeedItems", err)
	claimed, err := s.ClaimItems(ctx, time.Now(), lease, 10)
	must(t, "ClaimItems", err)
	if len(claimed) != 2 {
		t.Fatalf("claimed %d items, want 2", len(claimed))
	}
	must(t, "RetryItem", s.RetryItem(ctx, claimed[0].ID, "gone", time.Now(), 1))
	must(t, "RetryItem", s.RetryItem(ctx, claimed[1].ID, "flaky", time.Now(), 5))
	st := news.Story{Title: "A story"}
	must(t, "CreateStory", s.CreateStory(ctx, &st))
	u := news.User{Name: "reader"}
	must(t, "CreateUser", s.CreateUser(ctx, &u))
	must(t, "AddComment", s.AddComment(ctx, &news.Comment{ArticleID: art.ID, UserID: u.ID, Body: "Hello"}))
	must(t, "AddComment", s.AddComment(ctx, &news.Comment{ArticleID: art.ID, UserID: u.ID, Body: "Held", Status: news.CommentHeld}))
	want := news.Stats{Sources: 2, ItemsPending: 1, ItemsFailed: 1, Articles: 2, Stories: 1, Comments: 2, Users: 1}
	if got := stats(t, s); got != want {
		t.Fatalf("Stats = %+v, want %+v", got, want)
	}
}
