package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/news"
)

func testSources(t *testing.T, s Store) {
	ctx := ctxOf(t)
	start := time.Now()
	b := news.Source{Name: "Bravo News", Slug: "bravo", HomeURL: "https://bravo.example",
		FeedURL: "https://bravo.example/rss", Lang: "de", Region: "AT", AllowPrivate: true}
	must(t, "CreateSource", s.CreateSource(ctx, &b))
	if b.ID == 0 {
		t.Fatal("CreateSource left ID zero")
	}
	recent(t, "CreatedAt", b.CreatedAt, start)
	a := news.Source{Name: "Alpha Times", Slug: "alpha", HomeURL: "https://alpha.example",
		FeedURL: "https://alpha.example/atom.xml", Lang: "en"}
	must(t, "CreateSource", s.CreateSource(ctx, &a))
	if a.ID == b.ID {
		t.Fatalf("two sources share ID %d", a.ID)
	}

	got, err := s.Source(ctx, b.ID)
	must(t, "Source", err)
	if got.ID != b.ID || got.Name != b.Name || got.Slug != b.Slug || got.HomeURL != b.HomeURL ||
		got.FeedURL != b.FeedURL || got.Lang != b.Lang || got.Region != b.Region || !got.AllowPrivate {
		t.Fatalf("Source = %+v, want %+v", got, b)
	}
	if got.CreatedAt.Sub(b.CreatedAt).Abs() > time.Millisecond {
		t.Fatalf("Source CreatedAt = %v, want %v", got.CreatedAt, b.CreatedAt)
	}
	bySlug, err := s.SourceBySlug(ctx, "alpha")
	must(t, "SourceBySlug", err)
	if bySlug.ID != a.ID || bySlug.AllowPrivate {
		t.Fatalf("SourceBySlug(alpha) = %+v, want ID %d without AllowPrivate", bySlug, a.ID)
	}
	list, err := s.Sources(ctx)
	must(t, "Sources", err)
	if len(list) != 2 || list[0].Name != "Alpha Times" || list[1].Name != "Bravo News" {
		t.Fatalf("Sources = %+v, want Alpha then Bravo", list)
	}

	_, err = s.Source(ctx, b.ID+a.ID+100)
	wantErr(t, "Source(missing)", err, news.ErrNotFound)
	_, err = s.SourceBySlug(ctx, "missing")
	wantErr(t, "SourceBySlug(missing)", err, news.ErrNotFound)

	// The feed state round-trips through SaveFeedItems.
	state := news.FeedState{ETag: `W/"abc"`, LastModified: "Fri, 14 Mar 2025 09:30:00 GMT",
		LastFetchAt: t0, LastStatus: 304, LastError: "", FailCount: 0,
		NextPollAt: t0.Add(15 * time.Minute), Interval: 15 * time.Minute, ItemsPerDay: 12.5}
	_, err = s.SaveFeedItems(ctx, a.ID, nil, state)
	must(t, "SaveFeedItems", err)
	got, err = s.Source(ctx, a.ID)
	must(t, "Source", err)
	if !sameFeed(got.Feed, state) {
		t.Fatalf("Feed = %+v, want %+v", got.Feed, state)
	}
	failing := news.FeedState{LastFetchAt: t0.Add(time.Hour), LastStatus: 503, LastError: "server unavailable",
		FailCount: 3, NextPollAt: t0.Add(3 * time.Hour), Interval: 2 * time.Hour}
	_, err = s.SaveFeedItems(ctx, a.ID, nil, failing)
	must(t, "SaveFeedItems", err)
	got, err = s.Source(ctx, a.ID)
	must(t, "Source", err)
	if !sameFeed(got.Feed, failing) {
		t.Fatalf("Feed = %+v, want %+v", got.Feed, failing)
	}

	must(t, "DeleteSource", s.DeleteSource(ctx, b.ID))
	_, err = s.Source(ctx, b.ID)
	wantErr(t, "Source(deleted)", err, news.ErrNotFound)
	wantErr(t, "DeleteSource(deleted)", s.DeleteSource(ctx, b.ID), news.ErrNotFound)
	list, err = s.Sources(ctx)
	must(t, "Sources", err)
	if len(list) != 1 || list[0].ID != a.ID {
		t.Fatalf("Sources after delete = %+v, want only Alpha", list)
	}
}

// sameFeed compares feed states, times by instant.
func sameFeed(a, b news.FeedState) bool {
	return a.ETag == b.ETag && a.LastModified == b.LastModified && a.LastFetchAt.Equal(b.LastFetchAt) &&
		a.LastStatus == b.LastStatus && a.LastError == b.LastError && a.FailCount == b.FailCount &&
		a.NextPollAt.Equal(b.NextPollAt) && a.Interval == b.Interval && a.ItemsPerDay == b.ItemsPerDay
}

func testSourceConflicts(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a := newSource(t, s, 1)
	tests := []struct {
		name string
		src  news.Source
		want error
	}{
		{"same feed URL", news.Source{Name: "Other", Slug: "other", FeedURL: a.FeedURL}, news.ErrConflict},
		{"same slug", news.Source{Name: "Other", Slug: a.Slug, FeedURL: "https://other.example/feed"}, news.ErrConflict},
		{"no feed URL", news.Source{Name: "Other", Slug: "other"}, news.ErrInvalid},
	}
	for _, tc := range tests {
		src := tc.src
		wantErr(t, "CreateSource "+tc.name, s.CreateSource(ctx, &src), tc.want)
	}
	if n := stats(t, s).Sources; n != 1 {
		t.Fatalf("after refused sources Stats.Sources = %d, want 1", n)
	}
}

func testDeleteSourceCascades(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a, b := newSource(t, s, 1), newSource(t, s, 2)
	st := news.Story{Title: "Shared story"}
	must(t, "CreateStory", s.CreateStory(ctx, &st))
	tag := []news.Hashtag{{Slug: "lighthouse", Name: "Lighthouse", Kind: news.KindTopic}}
	gone := newArticle(t, s, a, "gone", t0, func(x *news.Article) {
		x.Title, x.Text, x.StoryID, x.Hashtags = "Lighthouse keeper retires", "The lighthouse keeper retired.", st.ID, tag
	})
	kept := newArticle(t, s, b, "kept", t0.Add(time.Hour), func(x *news.Article) {
		x.Title, x.Text, x.StoryID, x.DuplicateOf = "Keeper leaves lighthouse", "A lighthouse keeper leaves.", st.ID, gone.ID
	})
	u := news.User{Name: "reader"}
	must(t, "CreateUser", s.CreateUser(ctx, &u))
	c := news.Comment{ArticleID: gone.ID, UserID: u.ID, Body: "Farewell"}
	must(t, "AddComment", s.AddComment(ctx, &c))
	_, err := s.SaveFeedItems(ctx, a.ID, []news.Item{{URL: a.HomeURL + "/queued"}}, news.FeedState{})
	must(t, "SaveFeedItems", err)

	must(t, "DeleteSource", s.DeleteSource(ctx, a.ID))
	_, err = s.Article(ctx, gone.ID)
	wantErr(t, "Article(of deleted source)", err, news.ErrNotFound)
	_, err = s.Item(ctx, gone.ItemID)
	wantErr(t, "Item(of deleted source)", err, news.ErrNotFound)
	cs, err := s.Comments(ctx, gone.ID, true)
	must(t, "Comments", err)
	if len(cs) != 0 {
		t.Fatalf("comments of a deleted article: %+v", cs)
	}
	hits, err := s.Search(ctx, "lighthouse", news.ArticleFilter{})
	must(t, "Search", err)
	sameIDs(t, "Search after delete", hitIDs(hits), ids(kept))
	got, err := s.Article(ctx, kept.ID)
	must(t, "Article(kept)", err)
	if got.DuplicateOf != 0 {
		t.Fatalf("DuplicateOf = %d after the original was deleted, want 0", got.DuplicateOf)
	}
	story, err := s.Story(ctx, st.ID)
	must(t, "Story", err)
	if story.ArticleCount != 1 || story.SourceCount != 1 {
		t.Fatalf("story counts after delete = %d articles, %d sources, want 1, 1", story.ArticleCount, story.SourceCount)
	}
	want := news.Stats{Sources: 1, Articles: 1, Stories: 1, Users: 1}
	if got := stats(t, s); got != want {
		t.Fatalf("Stats = %+v, want %+v", got, want)
	}
}

func testClaimDueSources(t *testing.T, s Store) {
	ctx := ctxOf(t)
	now := time.Now().UTC().Truncate(time.Second)
	var srcs []news.Source
	for i := range 3 {
		srcs = append(srcs, newSource(t, s, i+1))
	}
	first, err := s.ClaimDueSources(ctx, now, lease, 2)
	must(t, "ClaimDueSources", err)
	if len(first) != 2 {
		t.Fatalf("claimed %d new sources with limit 2, want 2", len(first))
	}
	if first[0].FeedURL == "" || first[0].Name == "" {
		t.Fatalf("claimed source lacks fields: %+v", first[0])
	}
	rest, err := s.ClaimDueSources(ctx, now, lease, 10)
	must(t, "ClaimDueSources", err)
	if len(rest) != 1 {
		t.Fatalf("second claim got %d sources, want the 1 left", len(rest))
	}
	claimedIDs := []int64{first[0].ID, first[1].ID, rest[0].ID}
	sameSetIDs(t, "claimed sources", claimedIDs, []int64{srcs[0].ID, srcs[1].ID, srcs[2].ID})
	none, err := s.ClaimDueSources(ctx, now.Add(lease/2), lease, 10)
	must(t, "ClaimDueSources", err)
	if len(none) != 0 {
		t.Fatalf("claimed %d sources while their leases run", len(none))
	}

	// Saving a poll releases the lease and sets the next poll time.
	_, err = s.SaveFeedItems(ctx, srcs[0].ID, nil, news.FeedState{LastFetchAt: now, LastStatus: 200,
		NextPollAt: now.Add(time.Hour), Interval: time.Hour})
	must(t, "SaveFeedItems", err)
	_, err = s.SaveFeedItems(ctx, srcs[1].ID, nil, news.FeedState{LastFetchAt: now, LastStatus: 200,
		NextPollAt: now.Add(10 * time.Second), Interval: 10 * time.Second})
	must(t, "SaveFeedItems", err)
	got, err := s.ClaimDueSources(ctx, now.Add(20*time.Second), lease, 10)
	must(t, "ClaimDueSources", err)
	sameIDs(t, "claim after release", sourceIDs(got), []int64{srcs[1].ID})
	if !got[0].Feed.NextPollAt.Equal(now.Add(10 * time.Second)) {
		t.Fatalf("claimed source NextPollAt = %v, want %v", got[0].Feed.NextPollAt, now.Add(10*time.Second))
	}

	// After the leases expire: source 2 (lease from the released claim ran
	// out) and source 3 (never released) are due, source 1 is not yet.
	got, err = s.ClaimDueSources(ctx, now.Add(20*time.Second+lease+time.Second), lease, 10)
	must(t, "ClaimDueSources", err)
	sameSetIDs(t, "claim after expiry", sourceIDs(got), []int64{srcs[1].ID, srcs[2].ID})
	got, err = s.ClaimDueSources(ctx, now.Add(2*time.Hour), lease, 10)
	must(t, "ClaimDueSources", err)
	sameSetIDs(t, "claim much later", sourceIDs(got), []int64{srcs[0].ID, srcs[1].ID, srcs[2].ID})
	_, err = s.SaveFeedItems(ctx, srcs[0].ID+srcs[1].ID+srcs[2].ID+100, nil, news.FeedState{})
	wantErr(t, "SaveFeedItems(missing source)", err, news.ErrNotFound)
}

// sourceIDs lists the IDs of sources.
func sourceIDs(srcs []news.Source) []int64 {
	out := make([]int64, len(srcs))
	for i, s := range srcs {
		out[i] = s.ID
	}
	return out
}

func testClaimDueSourcesConcurrent(t *testing.T, s Store) {
	const n, workers = 24, 6
	want := make([]int64, n)
	for i := range n {
		want[i] = newSource(t, s, i+1).ID
	}
	got := claimConcurrently(t, workers, func() ([]int64, error) {
		srcs, err := s.ClaimDueSources(t.Context(), time.Now(), time.Hour, 3)
		return sourceIDs(srcs), err
	})
	sameSetIDs(t, "sources claimed by concurrent workers", got, want)
}

// claimConcurrently runs claim on several goroutines until each gets
// nothing, and returns every ID claimed. It fails t when an ID is claimed
// twice.
func claimConcurrently(t *testing.T, workers int, claim func() ([]int64, error)) []int64 {
	t.Helper()
	var (
		mu   sync.Mutex
		all  []int64
		errs []error
		seen = map[int64]bool{}
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := claim()
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				for _, id := range got {
					if seen[id] {
						err = fmt.Errorf("ID %d claimed twice while its lease ran", id)
						errs = append(errs, err)
						break
					}
					seen[id] = true
				}
				all = append(all, got...)
				mu.Unlock()
				if err != nil || len(got) == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("concurrent claims failed: %v", errs[0])
	}
	return all
}

func testSaveFeedItems(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a, b := newSource(t, s, 1), newSource(t, s, 2)
	first := []news.Item{
		{GUID: "g1", URL: "https://outlet01.example/one", Title: "One", Summary: "First item",
			Content: "<p>One</p>", Author: "Ann Writer", Published: t0, ImageURL: "https://outlet01.example/one.jpg",
			Categories: []string{"World", "Europe"}},
		{GUID: "g2", URL: "https://outlet01.example/two", Title: "Two"},
		{GUID: "g2", URL: "https://outlet01.example/two-again", Title: "Same GUID in one poll"},
		{GUID: "g3", URL: "https://outlet01.example/two", Title: "Same URL in one poll"},
		{URL: "https://outlet01.example/no-guid", Title: "No GUID"},
	}
	n, err := s.SaveFeedItems(ctx, a.ID, first, news.FeedState{LastStatus: 200})
	must(t, "SaveFeedItems", err)
	if n != 3 {
		t.Fatalf("first poll added %d items, want 3", n)
	}
	second := []news.Item{
		{GUID: "g1", URL: "https://outlet01.example/one-moved", Title: "Known GUID, new URL"},
		{GUID: "g9", URL: "https://outlet01.example/one", Title: "Known URL, new GUID"},
		{GUID: "g4", URL: "https://outlet01.example/four", Title: "Four"},
		{URL: "https://outlet01.example/no-guid", Title: "No GUID again"},
	}
	n, err = s.SaveFeedItems(ctx, a.ID, second, news.FeedState{LastStatus: 200})
	must(t, "SaveFeedItems", err)
	if n != 1 {
		t.Fatalf("second poll added %d items, want 1", n)
	}
	// Another source may carry the same GUID and URL.
	n, err = s.SaveFeedItems(ctx, b.ID, first[:1], news.FeedState{LastStatus: 200})
	must(t, "SaveFeedItems", err)
	if n != 1 {
		t.Fatalf("other source added %d items, want 1", n)
	}
	if got := stats(t, s).ItemsPending; got != 5 {
		t.Fatalf("ItemsPending = %d, want 5", got)
	}

	start := time.Now()
	claimed, err := s.ClaimItems(ctx, start, lease, 10)
	must(t, "ClaimItems", err)
	wantURLs := []string{"https://outlet01.example/one", "https://outlet01.example/two",
		"https://outlet01.example/no-guid", "https://outlet01.example/four", "https://outlet01.example/one"}
	if got := itemURLs(claimed); !slices.Equal(got, wantURLs) {
		t.Fatalf("claimed %v, want oldest first %v", got, wantURLs)
	}
	it, err := s.Item(ctx, claimed[0].ID)
	must(t, "Item", err)
	w := first[0]
	if it.SourceID != a.ID || it.GUID != w.GUID || it.URL != w.URL || it.Title != w.Title ||
		it.Summary != w.Summary || it.Content != w.Content || it.Author != w.Author ||
		!it.Published.Equal(w.Published) || it.ImageURL != w.ImageURL ||
		!reflect.DeepEqual(it.Categories, w.Categories) || it.State != news.ItemPending || it.Attempts != 1 {
		t.Fatalf("Item = %+v, want the fields of %+v, pending, 1 attempt", it, w)
	}
	recent(t, "Item CreatedAt", it.CreatedAt, start.Add(-time.Minute))
	if !claimed[1].Published.IsZero() {
		t.Fatalf("item without a date has Published %v, want zero", claimed[1].Published)
	}
	if claimed[2].GUID != "https://outlet01.example/no-guid" {
		t.Fatalf("item without GUID has GUID %q, want its URL", claimed[2].GUID)
	}
	if claimed[4].SourceID != b.ID {
		t.Fatalf("last claimed item has source %d, want %d", claimed[4].SourceID, b.ID)
	}
	_, err = s.Item(ctx, claimed[4].ID+100)
	wantErr(t, "Item(missing)", err, news.ErrNotFound)
}

func testSaveFeedItemsAtomic(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a := newSource(t, s, 1)
	before := news.FeedState{ETag: "v1", LastStatus: 200, NextPollAt: t0}
	_, err := s.SaveFeedItems(ctx, a.ID, []news.Item{{URL: "https://outlet01.example/kept"}}, before)
	must(t, "SaveFeedItems", err)
	bad := []news.Item{
		{GUID: "x1", URL: "https://outlet01.example/new"},
		{GUID: "x2", URL: ""}, // an item without a URL is invalid
	}
	_, err = s.SaveFeedItems(ctx, a.ID, bad, news.FeedState{ETag: "v2", LastStatus: 200})
	wantErr(t, "SaveFeedItems(item without URL)", err, news.ErrInvalid)
	if n := stats(t, s).ItemsPending; n != 1 {
		t.Fatalf("a refused poll stored items: ItemsPending = %d, want 1", n)
	}
	got, err := s.Source(ctx, a.ID)
	must(t, "Source", err)
	if !sameFeed(got.Feed, before) {
		t.Fatalf("a refused poll changed the feed state to %+v", got.Feed)
	}
	// The first item of the refused poll is still new.
	n, err := s.SaveFeedItems(ctx, a.ID, bad[:1], news.FeedState{ETag: "v2"})
	must(t, "SaveFeedItems", err)
	if n != 1 {
		t.Fatalf("retried poll added %d items, want 1", n)
	}
}

func testClaimItems(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a := newSource(t, s, 1)
	var in []news.Item
	for i := range 5 {
		in = append(in, news.Item{URL: fmt.Sprintf("https://outlet01.example/%d", i)})
	}
	_, err := s.SaveFeedItems(ctx, a.ID, in, news.FeedState{})
	must(t, "SaveFeedItems", err)
	now := time.Now().UTC()
	var got [][]news.Item
	for _, limit := range []int{2, 2, 2, 2} {
		c, err := s.ClaimItems(ctx, now, lease, limit)
		must(t, "ClaimItems", err)
		got = append(got, c)
	}
	sizes := []int{len(got[0]), len(got[1]), len(got[2]), len(got[3])}
	if !slices.Equal(sizes, []int{2, 2, 1, 0}) {
		t.Fatalf("claims of 2 got %v items, want [2 2 1 0]", sizes)
	}
	var order []string
	for _, c := range got {
		order = append(order, itemURLs(c)...)
		for _, it := range c {
			if it.Attempts != 1 {
				t.Fatalf("first claim of %s counted %d attempts, want 1", it.URL, it.Attempts)
			}
		}
	}
	if want := itemURLs(in); !slices.Equal(order, want) {
		t.Fatalf("claim order %v, want oldest first %v", order, want)
	}
	again, err := s.ClaimItems(ctx, now.Add(lease-time.Second), lease, 10)
	must(t, "ClaimItems", err)
	if len(again) != 0 {
		t.Fatalf("claimed %d items while their leases run", len(again))
	}
	must(t, "FinishItem", s.FinishItem(ctx, got[0][0].ID))
	expired, err := s.ClaimItems(ctx, now.Add(lease+time.Second), lease, 10)
	must(t, "ClaimItems", err)
	if len(expired) != 4 {
		t.Fatalf("after the leases expired claimed %d items, want 4 (one is done)", len(expired))
	}
	for _, it := range expired {
		if it.Attempts != 2 {
			t.Fatalf("second claim of %s counted %d attempts, want 2", it.URL, it.Attempts)
		}
	}
	none, err := s.ClaimItems(ctx, now.Add(lease+time.Second), lease, 0)
	must(t, "ClaimItems(limit 0)", err)
	if len(none) != 0 {
		t.Fatalf("ClaimItems with limit 0 claimed %d items", len(none))
	}
}

func testClaimItemsConcurrent(t *testing.T, s Store) {
	const n, workers = 60, 6
	a := newSource(t, s, 1)
	in := make([]news.Item, n)
	for i := range in {
		in[i] = news.Item{URL: fmt.Sprintf("https://outlet01.example/c/%d", i)}
	}
	_, err := s.SaveFeedItems(t.Context(), a.ID, in, news.FeedState{})
	must(t, "SaveFeedItems", err)
	got := claimConcurrently(t, workers, func() ([]int64, error) {
		items, err := s.ClaimItems(t.Context(), time.Now(), time.Hour, 4)
		out := make([]int64, len(items))
		for i, it := range items {
			out[i] = it.ID
		}
		return out, err
	})
	if len(got) != n {
		t.Fatalf("concurrent workers claimed %d items, want %d", len(got), n)
	}
}

func testRetryItem(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a := newSource(t, s, 1)
	_, err := s.SaveFeedItems(ctx, a.ID, []news.Item{{URL: "https://outlet01.example/flaky"}}, news.FeedState{})
	must(t, "SaveFeedItems", err)
	now := time.Now().UTC()
	const maxAttempts = 3
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		c, err := s.ClaimItems(ctx, now, lease, 10)
		must(t, "ClaimItems", err)
		if len(c) != 1 || c[0].Attempts != attempt {
			t.Fatalf("claim %d got %+v, want the item with %d attempts", attempt, c, attempt)
		}
		retryAt := now.Add(10 * time.Minute)
		msg := fmt.Sprintf("timeout %d", attempt)
		must(t, "RetryItem", s.RetryItem(ctx, c[0].ID, msg, retryAt, maxAttempts))
		it, err := s.Item(ctx, c[0].ID)
		must(t, "Item", err)
		if it.Error != msg {
			t.Fatalf("Error = %q, want %q", it.Error, msg)
		}
		if attempt < maxAttempts {
			if it.State != news.ItemPending {
				t.Fatalf("after attempt %d State = %q, want pending", attempt, it.State)
			}
			early, err := s.ClaimItems(ctx, retryAt.Add(-time.Second), lease, 10)
			must(t, "ClaimItems", err)
			if len(early) != 0 {
				t.Fatalf("claimed an item before its retry time")
			}
		} else if it.State != news.ItemFailed {
			t.Fatalf("after %d attempts State = %q, want failed", attempt, it.State)
		}
		now = retryAt
	}
	later, err := s.ClaimItems(ctx, now.Add(time.Hour), lease, 10)
	must(t, "ClaimItems", err)
	if len(later) != 0 {
		t.Fatalf("claimed a failed item: %+v", later)
	}
	if st := stats(t, s); st.ItemsFailed != 1 || st.ItemsPending != 0 {
		t.Fatalf("Stats = %+v, want 1 failed and 0 pending", st)
	}
	wantErr(t, "RetryItem(missing)", s.RetryItem(ctx, 987654, "x", now, 3), news.ErrNotFound)
}

func testFinishItem(t *testing.T, s Store) {
	ctx := ctxOf(t)
	a := newSource(t, s, 1)
	it := newItems(t, s, a, "https://outlet01.example/dup")[0]
	must(t, "FinishItem", s.FinishItem(ctx, it.ID))
	got, err := s.Item(ctx, it.ID)
	must(t, "Item", err)
	if got.State != news.ItemDone {
		t.Fatalf("State = %q, want done", got.State)
	}
	// A late retry from a worker whose lease ran out leaves it done.
	if err := s.RetryItem(ctx, it.ID, "late", time.Now(), 5); err != nil {
		t.Fatalf("RetryItem on a done item: %v", err)
	}
	got, err = s.Item(ctx, it.ID)
	must(t, "Item", err)
	if got.State != news.ItemDone {
		t.Fatalf("after a late retry State = %q, want done", got.State)
	}
	c, err := s.ClaimItems(ctx, time.Now().Add(48*time.Hour), lease, 10)
	must(t, "ClaimItems", err)
	if len(c) != 0 {
		t.Fatalf("claimed a done item")
	}
	wantErr(t, "FinishItem(missing)", s.FinishItem(ctx, it.ID+100), news.ErrNotFound)
}
