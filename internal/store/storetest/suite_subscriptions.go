package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// newSub returns a pending subscription of src with a token of its own.
func newSub(src news.Source, token string) news.Subscription {
	return news.Subscription{SourceID: src.ID, Hub: "https://hub.example/", Topic: src.FeedURL,
		Token: token, Secret: "secret-" + token, State: news.SubPending}
}

// sameSub fails t unless got holds what want holds.
func sameSub(t *testing.T, what string, got, want news.Subscription) {
	t.Helper()
	if got.SourceID != want.SourceID || got.Hub != want.Hub || got.Topic != want.Topic || got.Token != want.Token ||
		got.Secret != want.Secret || got.State != want.State || !got.LeaseUntil.Equal(want.LeaseUntil) ||
		!got.RenewAt.Equal(want.RenewAt) || !got.VerifiedAt.Equal(want.VerifiedAt) || got.LastError != want.LastError ||
		!got.LastPushAt.Equal(want.LastPushAt) {
		t.Fatalf("%s = %+v\nwant %+v", what, got, want)
	}
}

// testSubscriptions checks storing, reading, replacing and deleting a
// source's WebSub subscription, and the errors of each.
func testSubscriptions(t *testing.T, s Store) {
	ctx := t.Context()
	a, b := newSource(t, s, 1), newSource(t, s, 2)
	_, err := s.Subscription(ctx, a.ID)
	wantErr(t, "Subscription before any", err, news.ErrNotFound)

	start := time.Now()
	sa := newSub(a, "tok-a")
	sa.RenewAt = t0.Add(time.Hour)
	must(t, "PutSubscription", s.PutSubscription(ctx, &sa))
	recent(t, "CreatedAt", sa.CreatedAt, start)
	got, err := s.Subscription(ctx, a.ID)
	must(t, "Subscription", err)
	sameSub(t, "Subscription", got, sa)
	got, err = s.SubscriptionByToken(ctx, "tok-a")
	must(t, "SubscriptionByToken", err)
	sameSub(t, "SubscriptionByToken", got, sa)
	_, err = s.SubscriptionByToken(ctx, "tok-unknown")
	wantErr(t, "SubscriptionByToken unknown", err, news.ErrNotFound)

	sb := newSub(b, "tok-a")
	wantErr(t, "PutSubscription with a taken token", s.PutSubscription(ctx, &sb), news.ErrConflict)
	sb.Token = "tok-b"
	must(t, "PutSubscription b", s.PutSubscription(ctx, &sb))
	missing := newSub(news.Source{ID: b.ID + 1000, FeedURL: "https://gone.example/feed"}, "tok-gone")
	wantErr(t, "PutSubscription of a missing source", s.PutSubscription(ctx, &missing), news.ErrInvalid)
	bad := newSub(a, "tok-bad")
	bad.State = "sleeping"
	wantErr(t, "PutSubscription with a bad state", s.PutSubscription(ctx, &bad), news.ErrInvalid)
	bad = newSub(a, "")
	wantErr(t, "PutSubscription without a token", s.PutSubscription(ctx, &bad), news.ErrInvalid)

	// Replacing: the new token names the subscription, the old one nothing.
	sa2 := newSub(a, "tok-a2")
	sa2.Hub, sa2.Topic = "https://other-hub.example/", "https://outlet01.example/self"
	must(t, "PutSubscription replace", s.PutSubscription(ctx, &sa2))
	_, err = s.SubscriptionByToken(ctx, "tok-a")
	wantErr(t, "old token after replace", err, news.ErrNotFound)
	got, err = s.Subscription(ctx, a.ID)
	must(t, "Subscription after replace", err)
	sameSub(t, "Subscription after replace", got, sa2)

	list, err := s.Subscriptions(ctx)
	must(t, "Subscriptions", err)
	if len(list) != 2 || list[0].SourceID != a.ID || list[1].SourceID != b.ID {
		t.Fatalf("Subscriptions = %+v, want those of sources %d and %d", list, a.ID, b.ID)
	}

	must(t, "DeleteSubscription", s.DeleteSubscription(ctx, "tok-b"))
	wantErr(t, "DeleteSubscription again", s.DeleteSubscription(ctx, "tok-b"), news.ErrNotFound)
	_, err = s.Subscription(ctx, b.ID)
	wantErr(t, "Subscription after delete", err, news.ErrNotFound)

	// Deleting the source deletes its subscription.
	must(t, "DeleteSource", s.DeleteSource(ctx, a.ID))
	_, err = s.SubscriptionByToken(ctx, "tok-a2")
	wantErr(t, "subscription of a deleted source", err, news.ErrNotFound)
	list, err = s.Subscriptions(ctx)
	must(t, "Subscriptions after deletes", err)
	if len(list) != 0 {
		t.Fatalf("Subscriptions after deletes = %+v, want none", list)
	}
}

// testUpdateSubscription checks that an update stores what fn made of the
// subscription, keeps its identity, changes nothing when fn fails, and
// loses no update when many run at once.
func testUpdateSubscription(t *testing.T, s Store) {
	ctx := t.Context()
	src := newSource(t, s, 1)
	sub := newSub(src, "tok")
	must(t, "PutSubscription", s.PutSubscription(ctx, &sub))

	want := sub
	want.State = news.SubActive
	want.LeaseUntil, want.RenewAt, want.VerifiedAt = t0.Add(10*24*time.Hour), t0.Add(8*24*time.Hour), t0
	want.LastError = ""
	got, err := s.UpdateSubscription(ctx, "tok", func(x *news.Subscription) error {
		sameSub(t, "subscription given to fn", *x, sub)
		x.State, x.LeaseUntil, x.RenewAt, x.VerifiedAt = want.State, want.LeaseUntil, want.RenewAt, want.VerifiedAt
		x.SourceID, x.Token = 999, "stolen" // ignored
		return nil
	})
	must(t, "UpdateSubscription", err)
	sameSub(t, "UpdateSubscription result", got, want)
	stored, err := s.SubscriptionByToken(ctx, "tok")
	must(t, "SubscriptionByToken", err)
	sameSub(t, "stored after update", stored, want)

	boom := errors.New("boom")
	_, err = s.UpdateSubscription(ctx, "tok", func(x *news.Subscription) error {
		x.State = news.SubDenied
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("UpdateSubscription with a failing fn: %v, want %v", err, boom)
	}
	_, err = s.UpdateSubscription(ctx, "tok", func(x *news.Subscription) error {
		x.State = "confused"
		return nil
	})
	wantErr(t, "UpdateSubscription to a bad state", err, news.ErrInvalid)
	stored, err = s.SubscriptionByToken(ctx, "tok")
	must(t, "SubscriptionByToken", err)
	sameSub(t, "stored after failed updates", stored, want)
	_, err = s.UpdateSubscription(ctx, "nope", func(*news.Subscription) error { return nil })
	wantErr(t, "UpdateSubscription of an unknown token", err, news.ErrNotFound)

	// Concurrent read-modify-write updates all land.
	const n = 12
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := s.UpdateSubscription(ctx, "tok", func(x *news.Subscription) error {
				x.LastError += "x"
				return nil
			})
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent UpdateSubscription: %v", err)
	}
	stored, err = s.SubscriptionByToken(ctx, "tok")
	must(t, "SubscriptionByToken", err)
	if len(stored.LastError) != n {
		t.Fatalf("after %d concurrent updates LastError = %q, want %d marks", n, stored.LastError, n)
	}
}

// testClaimDueSubscriptions checks that due subscriptions are claimed
// once while their claim runs, earliest first, and that an update
// releases the claim.
func testClaimDueSubscriptions(t *testing.T, s Store) {
	ctx := t.Context()
	const claim = 10 * time.Minute
	for i := range 3 {
		src := newSource(t, s, i+1)
		sub := newSub(src, fmt.Sprintf("tok-%d", i))
		sub.RenewAt = t0.Add(time.Duration(3-i) * time.Minute) // later sources are due first
		must(t, "PutSubscription", s.PutSubscription(ctx, &sub))
	}
	got, err := s.ClaimDueSubscriptions(ctx, t0, claim, 10)
	must(t, "ClaimDueSubscriptions before any is due", err)
	if len(got) != 0 {
		t.Fatalf("claimed %d subscriptions before any was due", len(got))
	}
	got, err = s.ClaimDueSubscriptions(ctx, t0.Add(2*time.Minute), claim, 10)
	must(t, "ClaimDueSubscriptions", err)
	if len(got) != 2 || got[0].Token != "tok-2" || got[1].Token != "tok-1" {
		t.Fatalf("claimed %+v, want tok-2 then tok-1", got)
	}
	got, err = s.ClaimDueSubscriptions(ctx, t0.Add(3*time.Minute), claim, 10)
	must(t, "ClaimDueSubscriptions while claims run", err)
	if len(got) != 1 || got[0].Token != "tok-0" {
		t.Fatalf("claimed %+v while the others' claims ran, want only tok-0", got)
	}
	// An update releases the claim; a claim that ran out is taken again.
	_, err = s.UpdateSubscription(ctx, "tok-2", func(*news.Subscription) error { return nil })
	must(t, "UpdateSubscription", err)
	got, err = s.ClaimDueSubscriptions(ctx, t0.Add(3*time.Minute), claim, 10)
	must(t, "ClaimDueSubscriptions after release", err)
	if len(got) != 1 || got[0].Token != "tok-2" {
		t.Fatalf("after release claimed %+v, want tok-2", got)
	}
	got, err = s.ClaimDueSubscriptions(ctx, t0.Add(3*time.Minute+2*claim), claim, 10)
	must(t, "ClaimDueSubscriptions after the claims ran out", err)
	if len(got) != 3 {
		t.Fatalf("after the claims ran out claimed %d, want 3", len(got))
	}
	_, err = s.ClaimDueSubscriptions(ctx, t0, 0, 10)
	wantErr(t, "ClaimDueSubscriptions with no lease", err, news.ErrInvalid)
}

// testClaimDueSubscriptionsConcurrent checks that concurrent workers
// never claim one subscription twice.
func testClaimDueSubscriptionsConcurrent(t *testing.T, s Store) {
	const n, workers = 18, 6
	want := make([]int64, n)
	for i := range n {
		src := newSource(t, s, i+1)
		sub := newSub(src, fmt.Sprintf("tok-%d", i))
		must(t, "PutSubscription", s.PutSubscription(t.Context(), &sub))
		want[i] = src.ID
	}
	got := claimConcurrently(t, workers, func() ([]int64, error) {
		subs, err := s.ClaimDueSubscriptions(t.Context(), time.Now(), time.Hour, 2)
		ids := make([]int64, len(subs))
		for i, sub := range subs {
			ids[i] = sub.SourceID
		}
		return ids, err
	})
	sameSetIDs(t, "subscriptions claimed by concurrent workers", got, want)
}

// testSavePushedItems checks that pushed items are queued like polled
// ones (deduplicated against them), that the push time is recorded, and
// that the feed state and the source's lease are left alone.
func testSavePushedItems(t *testing.T, s Store) {
	ctx := t.Context()
	src := newSource(t, s, 1)
	state := news.FeedState{ETag: `"v1"`, LastFetchAt: t0, LastStatus: 200, NextPollAt: t0.Add(time.Hour), Interval: time.Hour}
	n, err := s.SaveFeedItems(ctx, src.ID, []news.Item{{GUID: "g1", URL: "https://outlet01.example/1"}}, state)
	must(t, "SaveFeedItems", err)
	if n != 1 {
		t.Fatalf("SaveFeedItems added %d, want 1", n)
	}
	sub := newSub(src, "tok")
	must(t, "PutSubscription", s.PutSubscription(ctx, &sub))
	claimed, err := s.ClaimDueSources(ctx, t0.Add(2*time.Hour), lease, 10)
	must(t, "ClaimDueSources", err)
	if len(claimed) != 1 {
		t.Fatalf("claimed %d sources, want 1", len(claimed))
	}

	pushAt := t0.Add(90 * time.Minute)
	pushed := []news.Item{
		{GUID: "g1", URL: "https://outlet01.example/1", Title: "seen by the poll"},
		{GUID: "g2", URL: "https://outlet01.example/2", Title: "new", Published: t0, Categories: []string{"Port"}},
		{URL: "https://outlet01.example/3", Title: "new without a GUID"},
	}
	n, err = s.SavePushedItems(ctx, src.ID, pushed, pushAt)
	must(t, "SavePushedItems", err)
	if n != 2 {
		t.Fatalf("SavePushedItems added %d, want 2", n)
	}
	n, err = s.SavePushedItems(ctx, src.ID, pushed, pushAt)
	must(t, "SavePushedItems again", err)
	if n != 0 {
		t.Fatalf("SavePushedItems again added %d, want 0", n)
	}
	got, err := s.Subscription(ctx, src.ID)
	must(t, "Subscription", err)
	if !got.LastPushAt.Equal(pushAt) {
		t.Fatalf("LastPushAt = %v, want %v", got.LastPushAt, pushAt)
	}
	after, err := s.Source(ctx, src.ID)
	must(t, "Source", err)
	if after.Feed != state {
		t.Fatalf("feed state after a push = %+v, want it untouched %+v", after.Feed, state)
	}
	again, err := s.ClaimDueSources(ctx, t0.Add(2*time.Hour), lease, 10)
	must(t, "ClaimDueSources", err)
	if len(again) != 0 {
		t.Fatalf("a push released the poll's lease: claimed %d sources again", len(again))
	}
	items, err := s.ClaimItems(ctx, time.Now(), lease, 10)
	must(t, "ClaimItems", err)
	if urls := itemURLs(items); len(urls) != 3 {
		t.Fatalf("queued items %v, want the polled one and the two pushed", urls)
	}
	for _, it := range items {
		if it.URL == "https://outlet01.example/2" && (it.GUID != "g2" || !it.Published.Equal(t0) || len(it.Categories) != 1) {
			t.Fatalf("pushed item stored as %+v", it)
		}
	}

	// Pushes for a source without a subscription still queue their items.
	other := newSource(t, s, 2)
	n, err = s.SavePushedItems(ctx, other.ID, []news.Item{{URL: "https://outlet02.example/1"}}, pushAt)
	must(t, "SavePushedItems without a subscription", err)
	if n != 1 {
		t.Fatalf("SavePushedItems without a subscription added %d, want 1", n)
	}
	_, err = s.SavePushedItems(ctx, other.ID+1000, []news.Item{{URL: "https://x.example/"}}, pushAt)
	wantErr(t, "SavePushedItems of a missing source", err, news.ErrNotFound)
	_, err = s.SavePushedItems(ctx, other.ID, []news.Item{{URL: "https://outlet02.example/2"}, {Title: "no URL"}}, pushAt)
	wantErr(t, "SavePushedItems with an item without URL", err, news.ErrInvalid)
	if n, _ := s.SavePushedItems(ctx, other.ID, []news.Item{{URL: "https://outlet02.example/2"}}, pushAt); n != 1 {
		t.Fatalf("a refused push stored some of its items: the retry added %d, want 1", n)
	}
}
