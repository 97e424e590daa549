package pipeline_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/fetch"
	"newsdesk/internal/news"
	"newsdesk/internal/pipeline"
	"newsdesk/internal/store"
	"newsdesk/internal/websub"
	"newsdesk/internal/websub/websubtest"
)

// publisher is a news site on loopback whose Atom feed announces a hub.
type publisher struct {
	srv *httptest.Server
	mu  sync.Mutex
	hub string   // announced hub, "" for none
	ids []string // entries in the feed
}

func newPublisher(t *testing.T, hub string, ids ...string) *publisher {
	p := &publisher{hub: hub, ids: ids}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.atom" {
			w.Header().Set("Content-Type", "application/atom+xml")
			p.mu.Lock()
			ids, hub := p.ids, p.hub
			p.mu.Unlock()
			fmt.Fprint(w, p.atom(hub, ids...))
			return
		}
		slug := strings.TrimPrefix(r.URL.Path, "/news/")
		fmt.Fprint(w, storyPage(slug))
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// topic is the feed's self link.
func (p *publisher) topic() string { return p.srv.URL + "/feed.atom" }

// atom writes the feed with the given entries.
func (p *publisher) atom(hub string, ids ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title><id>urn:valley</id><updated>2025-03-14T09:00:00Z</updated>
<link href="%[1]s/"/><link rel="self" href="%[1]s/feed.atom"/>`, p.srv.URL)
	if hub != "" {
		fmt.Fprintf(&b, `<link rel="hub" href="%s"/>`, hub)
	}
	for _, id := range ids {
		fmt.Fprintf(&b, `<entry><id>urn:valley:%[2]s</id><title>Story %[2]s</title><link href="%[1]s/news/%[2]s"/>
<updated>2025-03-14T08:00:00Z</updated><summary>About %[2]s.</summary></entry>`, p.srv.URL, id)
	}
	b.WriteString(`</feed>`)
	return b.String()
}

// storyPage is an article page whose text differs with slug, so no two
// are duplicates.
func storyPage(slug string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html lang=en><head><title>Story %[1]s</title></head><body><article><h1>Story %[1]s</h1>", slug)
	for i := range 6 {
		fmt.Fprintf(&b, "<p>Paragraph %d of the %s report: the valley council heard residents on the %s plan, and the engineers answered every question about the river crossing in turn.</p>", i, slug, slug)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// websubRig is a pipeline with WebSub on, its callback served on loopback
// through the real handler, a hub and a publisher announcing it.
type websubRig struct {
	st    store.Store
	clock *clock
	p     *pipeline.Pipeline
	hub   *websubtest.Hub
	pub   *publisher
	cb    *httptest.Server
	src   news.Source
}

func newWebsubRig(t *testing.T, st store.Store, lease time.Duration) *websubRig {
	r := &websubRig{st: st, clock: newClock(), hub: websubtest.NewHub()}
	t.Cleanup(r.hub.Close)
	r.pub = newPublisher(t, r.hub.URL, "first")
	mux := http.NewServeMux()
	r.cb = httptest.NewServer(mux)
	t.Cleanup(r.cb.Close)
	client := fetch.New(fetch.Options{PerHost: 4})
	r.p = pipeline.New(pipeline.Options{Store: st, Fetcher: client, Now: r.clock.Now,
		PollMin: time.Minute, PollMax: 2 * time.Hour, SubscribeRetry: 10 * time.Minute,
		Subscriber: websub.NewClient(websub.ClientOptions{Poster: client, BaseURL: r.cb.URL, Lease: lease})})
	mux.Handle(websub.CallbackPath+"{token}", websub.NewHandler(websub.HandlerOptions{
		Store: st, Receiver: r.p, Now: r.clock.Now, MaxBody: 64 << 10,
	}))
	r.src = news.Source{Name: "Valley Post", Slug: "valley", FeedURL: r.pub.topic(), AllowPrivate: true}
	if err := st.CreateSource(context.Background(), &r.src); err != nil {
		t.Fatal(err)
	}
	return r
}

// sub returns the source's subscription.
func (r *websubRig) sub(t *testing.T) news.Subscription {
	t.Helper()
	s, err := r.st.Subscription(context.Background(), r.src.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// waitVerified waits for the hub's n-th verification and fails unless the
// callback confirmed it.
func (r *websubRig) waitVerified(t *testing.T, n int) websubtest.Verification {
	t.Helper()
	vs := r.hub.WaitVerifications(n, 10*time.Second)
	if len(vs) < n {
		t.Fatalf("hub made %d verifications, want %d", len(vs), n)
	}
	return vs[n-1]
}

// TestWebSubSubscribePushRenew runs a subscription through its life with a
// hub on loopback: the poll that finds the hub subscribes, the hub
// verifies through the real callback handler, a signed push is saved and
// processed like a polled item before the hub gets its answer, forged and
// unsigned pushes are ignored, verifications that match nothing get 404,
// polling slows down while pushes flow, and the lease is renewed before it
// ends.
func TestWebSubSubscribePushRenew(t *testing.T) { eachStore(t, testWebSubSubscribePushRenew) }

func testWebSubSubscribePushRenew(t *testing.T, st store.Store) {
	ctx := context.Background()
	const lease = 10 * time.Hour
	r := newWebsubRig(t, st, lease)
	if n, err := r.p.PollDue(ctx, 10); n != 1 || err != nil {
		t.Fatalf("first poll: %d claimed, %v", n, err)
	}
	reqs := r.hub.Requests()
	if len(reqs) != 1 {
		t.Fatalf("hub got %d requests, want 1", len(reqs))
	}
	req := reqs[0]
	pending := r.sub(t)
	if req.Mode != "subscribe" || req.Topic != r.pub.topic() || req.Callback != r.cb.URL+"/websub/"+pending.Token ||
		req.LeaseSeconds != int(lease/time.Second) || req.Secret == "" || req.Secret != pending.Secret {
		t.Fatalf("hub got %+v; want a subscription of %s with callback token %s, lease %s and the stored secret",
			req, r.pub.topic(), pending.Token, lease)
	}
	if strings.Contains(pending.Token, fmt.Sprint(r.src.ID)) && len(pending.Token) < 20 {
		t.Fatalf("callback token %q is not an opaque random token", pending.Token)
	}
	if v := r.waitVerified(t, 1); !v.OK || v.Mode != "subscribe" {
		t.Fatalf("verification %+v, want the challenge echoed", v)
	}
	active := r.sub(t)
	now := r.clock.Now()
	if active.State != news.SubActive || !near(active.LeaseUntil, now.Add(lease)) || active.LastError != "" ||
		!active.RenewAt.After(now.Add(lease*8/10)) || !active.RenewAt.Before(now.Add(lease*9/10)) {
		t.Fatalf("after verification %+v; want active until %v, renewal at 80-90%% of the lease", active, now.Add(lease))
	}
	// The first poll queued the feed's one item.
	drainItems(t, r.p, r.st, r.clock)
	if got, err := st.Stats(ctx); err != nil || got.ItemsPending != 0 || got.Articles != 1 {
		t.Fatalf("after the first poll: %+v, %v; want one article and nothing pending", got, err)
	}

	// A signed push of a new item is saved before the hub gets 202, and
	// processed like a polled item.
	codes, err := r.hub.Publish(r.pub.topic(), "application/atom+xml", []byte(r.pub.atom(r.hub.URL, "pushed", "first")))
	if err != nil || len(codes) != 1 || codes[0] != http.StatusAccepted {
		t.Fatalf("push answered %v, %v; want one 202", codes, err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.ItemsPending != 1 {
		t.Fatalf("after the push %d items pending, want the pushed one saved before the answer", stats.ItemsPending)
	}
	if got := r.sub(t); !near(got.LastPushAt, r.clock.Now()) {
		t.Fatalf("LastPushAt = %v, want %v", got.LastPushAt, r.clock.Now())
	}
	drainItems(t, r.p, r.st, r.clock)
	a, err := st.ArticleByURL(ctx, r.pub.srv.URL+"/news/pushed")
	if err != nil || !strings.Contains(a.Title, "pushed") || a.SourceID != r.src.ID {
		t.Fatalf("pushed article: %+v, %v", a.Title, err)
	}

	// Forged and unsigned pushes are acknowledged and ignored.
	for name, sign := range map[string]func(string) string{
		"forged":   func(string) string { return websub.Sign("sha256", "not-the-secret", []byte("x")) },
		"unsigned": func(string) string { return "" },
		"sha1 of another body": func(secret string) string {
			return websub.Sign("sha1", secret, []byte("another body"))
		},
	} {
		codes, err := r.hub.PublishSigned(r.pub.topic(), "application/atom+xml", []byte(r.pub.atom(r.hub.URL, "forged-"+strings.ReplaceAll(name, " ", "-"))), sign)
		if err != nil || len(codes) != 1 || codes[0] != http.StatusAccepted {
			t.Fatalf("%s push answered %v, %v; want 202", name, codes, err)
		}
	}
	stats, err = st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.ItemsPending != 0 {
		t.Fatalf("bad signatures queued %d items", stats.ItemsPending)
	}
	if got := r.sub(t); !strings.Contains(got.LastError, "signature") {
		t.Fatalf("LastError after forged pushes = %q, want a word about the signature", got.LastError)
	}
	// A good push in another signing method still works.
	codes, err = r.hub.PublishSigned(r.pub.topic(), "application/atom+xml", []byte(r.pub.atom(r.hub.URL, "sha512")),
		func(secret string) string {
			return websub.Sign("sha512", secret, []byte(r.pub.atom(r.hub.URL, "sha512")))
		})
	if err != nil || codes[0] != http.StatusAccepted {
		t.Fatalf("sha512 push answered %v, %v", codes, err)
	}
	if stats, _ = st.Stats(ctx); stats.ItemsPending != 1 {
		t.Fatalf("sha512-signed push queued %d items, want 1", stats.ItemsPending)
	}

	// Verifications that match nothing we asked for get 404.
	for name, q := range map[string]string{
		"unknown topic":  "/websub/" + active.Token + "?hub.mode=subscribe&hub.topic=https%3A%2F%2Fevil.example%2Ffeed&hub.challenge=abc&hub.lease_seconds=60",
		"unknown token":  "/websub/nosuchtoken?hub.mode=subscribe&hub.topic=" + r.pub.topic() + "&hub.challenge=abc",
		"unsubscribe":    "/websub/" + active.Token + "?hub.mode=unsubscribe&hub.topic=" + r.pub.topic() + "&hub.challenge=abc",
		"denied, topic?": "/websub/" + active.Token + "?hub.mode=denied&hub.topic=https%3A%2F%2Fevil.example%2F",
	} {
		resp, err := http.Get(r.cb.URL + q)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s verification answered %d, want 404", name, resp.StatusCode)
		}
	}
	if got := r.sub(t); got.State != news.SubActive || !near(got.LeaseUntil, active.LeaseUntil) {
		t.Fatalf("refused verifications changed the subscription: %+v", got)
	}
	// A push to a token that names nothing is told the subscription is gone.
	resp, err := http.Post(r.cb.URL+"/websub/nosuchtoken", "application/atom+xml", strings.NewReader(r.pub.atom("")))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusGone {
		t.Fatalf("push to an unknown token answered %d, want 410", resp.StatusCode)
	}

	// While pushes flow the feed is polled at the longest interval.
	r.clock.Advance(3 * time.Hour)
	if n, err := r.p.PollDue(ctx, 10); n != 1 || err != nil {
		t.Fatalf("second poll: %d, %v", n, err)
	}
	src, err := st.Source(ctx, r.src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if src.Feed.Interval != 2*time.Hour || !near(src.Feed.NextPollAt, r.clock.Now().Add(2*time.Hour)) {
		t.Fatalf("with an active subscription the next poll is in %s, want the longest interval", src.Feed.NextPollAt.Sub(r.clock.Now()))
	}
	if len(r.hub.Requests()) != 1 {
		t.Fatalf("an unchanged hub was asked again on a poll: %d requests", len(r.hub.Requests()))
	}

	// Not renewed before its time; renewed once due, before the lease ends.
	r.clock.Advance(active.RenewAt.Sub(r.clock.Now()) - time.Minute)
	if n, err := r.p.RenewDue(ctx, 10); n != 0 || err != nil {
		t.Fatalf("renewal before due: %d, %v", n, err)
	}
	r.clock.Advance(2 * time.Minute)
	if !r.clock.Now().Before(active.LeaseUntil) {
		t.Fatal("test clock passed the lease end")
	}
	if n, err := r.p.PollDue(ctx, 10); n < 1 || err != nil {
		t.Fatalf("renewal through PollDue: %d, %v", n, err)
	}
	if reqs := r.hub.Requests(); len(reqs) != 2 || reqs[1].Callback != req.Callback || reqs[1].Secret != req.Secret {
		t.Fatalf("hub requests after renewal: %+v; want a second one for the same callback and secret", reqs)
	}
	if v := r.waitVerified(t, 2); !v.OK {
		t.Fatalf("renewal verification %+v", v)
	}
	renewed := r.sub(t)
	if renewed.State != news.SubActive || !near(renewed.LeaseUntil, r.clock.Now().Add(lease)) {
		t.Fatalf("after renewal %+v; want active until %v", renewed, r.clock.Now().Add(lease))
	}
	if n, _ := r.p.RenewDue(ctx, 10); n != 0 {
		t.Fatalf("a renewed subscription was claimed again at once")
	}
}

// near reports whether two times are within a millisecond (stores keep
// times to the microsecond).
func near(a, b time.Time) bool { return a.Sub(b).Abs() < time.Millisecond }

// drainItems processes every pending item, moving the clock on while
// items wait for a retry.
func drainItems(t *testing.T, p *pipeline.Pipeline, st store.Store, c *clock) {
	t.Helper()
	ctx := context.Background()
	for range 100 {
		n, err := p.ProcessDue(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
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
	t.Fatal("items did not drain")
}

// TestWebSubDenialAndUnsubscribe checks that a hub's denial is recorded
// and asked again later, that a feed that stops announcing its hub is
// unsubscribed (the row goes once the hub verifies), and that a hub that
// cannot be reached is recorded and retried.
func TestWebSubDenialAndUnsubscribe(t *testing.T) { eachStore(t, testWebSubDenialAndUnsubscribe) }

func testWebSubDenialAndUnsubscribe(t *testing.T, st store.Store) {
	ctx := context.Background()
	r := newWebsubRig(t, st, 100*time.Hour)
	r.hub.Deny("topic not allowed here")
	if _, err := r.p.PollDue(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if v := r.waitVerified(t, 1); v.Mode != "denied" || v.Status != http.StatusOK {
		t.Fatalf("denial answered %+v, want 200", v)
	}
	denied := r.sub(t)
	if denied.State != news.SubDenied || !strings.Contains(denied.LastError, "topic not allowed here") ||
		!near(denied.RenewAt, r.clock.Now().Add(24*time.Hour)) {
		t.Fatalf("after denial %+v; want denied with the reason, asked again in a day", denied)
	}
	// Polls leave a denied subscription alone until it is due again.
	r.clock.Advance(3 * time.Hour)
	if _, err := r.p.PollDue(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if n := len(r.hub.Requests()); n != 1 {
		t.Fatalf("denied subscription asked again early: %d requests", n)
	}
	r.hub.Deny("")
	r.clock.Advance(24 * time.Hour)
	if n, err := r.p.RenewDue(ctx, 10); n != 1 || err != nil {
		t.Fatalf("retry after denial: %d, %v", n, err)
	}
	if v := r.waitVerified(t, 2); !v.OK || v.Mode != "subscribe" {
		t.Fatalf("retry verification %+v", v)
	}
	if got := r.sub(t); got.State != news.SubActive || got.LastError != "" {
		t.Fatalf("after the retry %+v, want active", got)
	}

	// The feed stops announcing the hub: the next poll unsubscribes.
	r.pub.mu.Lock()
	r.pub.hub = ""
	r.pub.mu.Unlock()
	r.clock.Advance(3 * time.Hour)
	if _, err := r.p.PollDue(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if v := r.waitVerified(t, 3); !v.OK || v.Mode != "unsubscribe" {
		t.Fatalf("unsubscribe verification %+v", v)
	}
	if _, err := st.Subscription(ctx, r.src.ID); err == nil {
		t.Fatal("subscription kept after the hub verified the unsubscription")
	}
	if n := r.hub.Subscribers(r.pub.topic()); n != 0 {
		t.Fatalf("hub still has %d subscribers", n)
	}

	// A hub that is down: the failure is recorded and retried later.
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	r.pub.mu.Lock()
	r.pub.hub = down.URL + "/hub"
	r.pub.mu.Unlock()
	r.clock.Advance(3 * time.Hour)
	if _, err := r.p.PollDue(ctx, 10); err != nil {
		t.Fatal(err)
	}
	failed := r.sub(t)
	if failed.State != news.SubPending || !strings.Contains(failed.LastError, "503") ||
		!near(failed.RenewAt, r.clock.Now().Add(10*time.Minute)) {
		t.Fatalf("after a failed request %+v; want pending, the 503 recorded, a retry in 10m", failed)
	}
}
