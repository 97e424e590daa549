package websub_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"newsdesk/internal/feed"
	"newsdesk/internal/fetch"
	"newsdesk/internal/news"
	"newsdesk/internal/pipeline"
	"newsdesk/internal/store/sqlite"
	"newsdesk/internal/websub"
)

func TestDiscover(t *testing.T) {
	tests := []struct {
		name           string
		f              feed.Feed
		link           string
		hub, wantTopic string
	}{
		{"document", feed.Feed{Hub: "https://hub.example/", Self: "https://a.example/self"}, "", "https://hub.example/", "https://a.example/self"},
		{"no self: the feed URL", feed.Feed{Hub: "https://hub.example/"}, "", "https://hub.example/", "https://a.example/feed"},
		{"no hub", feed.Feed{Self: "https://a.example/self"}, "", "", ""},
		{"Link header wins", feed.Feed{Hub: "https://doc-hub.example/", Self: "https://a.example/doc"},
			`<https://link-hub.example/>; rel="hub", </topic>; rel=self`, "https://link-hub.example/", "https://a.example/topic"},
		{"Link with several rels", feed.Feed{}, `<https://h.example/x,y>; rel="hub alternate"`, "https://h.example/x,y", "https://a.example/feed"},
		{"hub not http", feed.Feed{Hub: "ftp://hub.example/"}, "", "", ""},
		{"javascript self ignored", feed.Feed{Hub: "https://hub.example/", Self: "javascript:alert(1)"}, "", "https://hub.example/", "https://a.example/feed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			if tc.link != "" {
				h.Set("Link", tc.link)
			}
			hub, topic := websub.Discover(&tc.f, h, "https://a.example/feed")
			if hub != tc.hub || topic != tc.wantTopic {
				t.Errorf("Discover = %q, %q; want %q, %q", hub, topic, tc.hub, tc.wantTopic)
			}
		})
	}
}

func TestSignatures(t *testing.T) {
	body := []byte("<feed/>")
	tests := []struct {
		name, sig string
		want      bool
	}{
		{"sha1", websub.Sign("sha1", "k", body), true},
		{"sha256", websub.Sign("sha256", "k", body), true},
		{"sha384", websub.Sign("sha384", "k", body), true},
		{"sha512", websub.Sign("sha512", "k", body), true},
		{"upper-case hex", strings.ToUpper(websub.Sign("sha256", "k", body)), true},
		{"other secret", websub.Sign("sha256", "other", body), false},
		{"other body", websub.Sign("sha256", "k", []byte("<feed></feed>")), false},
		{"md5 is not a method", "md5=" + strings.Repeat("0", 32), false},
		{"missing", "", false},
		{"no method", strings.TrimPrefix(websub.Sign("sha256", "k", body), "sha256="), false},
		{"not hex", "sha256=zz", false},
		{"truncated", websub.Sign("sha256", "k", body)[:20], false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := websub.VerifySignature("k", body, tc.sig); got != tc.want {
				t.Errorf("VerifySignature(%q) = %v, want %v", tc.sig, got, tc.want)
			}
		})
	}
	if websub.Sign("md5", "k", body) != "" {
		t.Error("Sign accepted an unknown method")
	}
}

func TestIsLocalAddress(t *testing.T) {
	tests := map[string]bool{
		"http://127.0.0.1:8080":        true,
		"http://localhost:8080":        true,
		"http://news.localhost/":       true,
		"http://[::1]:8080":            true,
		"http://0.0.0.0:8080":          true,
		"http://[::]:80":               true,
		"":                             true,
		"https://news.example.org":     false,
		"https://news.example.org/sub": false,
		"http://203.0.113.7:8080":      false,
		"http://10.1.2.3":              false, // private, yet a hub on the same network can reach it
	}
	for base, want := range tests {
		if got := websub.IsLocalAddress(base); got != want {
			t.Errorf("IsLocalAddress(%q) = %v, want %v", base, got, want)
		}
	}
}

// TestSubscribeIsGuarded checks that a subscription request goes through
// the fetcher's address guard: a hub on loopback is refused (and never
// reached) unless the source allows private addresses, and the request
// carries the form the spec names.
func TestSubscribeIsGuarded(t *testing.T) {
	var hits atomic.Int32
	var form atomic.Value
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if err := r.ParseForm(); err != nil {
			t.Error(err)
		}
		form.Store(r.PostForm.Encode())
		w.WriteHeader(http.StatusAccepted)
	}))
	defer hub.Close()
	c := websub.NewClient(websub.ClientOptions{Poster: fetch.New(fetch.Options{}), BaseURL: "https://news.example.org/"})
	sub := news.Subscription{Hub: hub.URL, Topic: "https://a.example/feed", Token: "tok", Secret: "sec"}
	err := c.Subscribe(context.Background(), sub, false)
	var blocked *fetch.BlockedError
	if !errors.As(err, &blocked) || hits.Load() != 0 {
		t.Fatalf("subscribe to a loopback hub without permission: %v, %d requests; want refused before sending", err, hits.Load())
	}
	if err := c.Subscribe(context.Background(), sub, true); err != nil {
		t.Fatalf("subscribe with permission: %v", err)
	}
	want := "hub.callback=https%3A%2F%2Fnews.example.org%2Fwebsub%2Ftok&hub.lease_seconds=604800&hub.mode=subscribe&hub.secret=sec&hub.topic=https%3A%2F%2Fa.example%2Ffeed"
	if got := form.Load(); got != want {
		t.Fatalf("form sent %v\nwant %s", got, want)
	}
	if err := c.Unsubscribe(context.Background(), sub, true); err != nil {
		t.Fatalf("unsubscribe: %v", err)
	}
	if got := form.Load().(string); !strings.Contains(got, "hub.mode=unsubscribe") || strings.Contains(got, "secret") {
		t.Fatalf("unsubscribe form %s", got)
	}
	bad := sub
	bad.Hub = "file:///etc/passwd"
	if err := c.Subscribe(context.Background(), bad, true); !errors.Is(err, news.ErrInvalid) {
		t.Fatalf("subscribe to a file URL: %v, want ErrInvalid", err)
	}
}

// TestHandlerRefusals checks the callback's answers to requests that are
// not what a hub sends.
func TestHandlerRefusals(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src := news.Source{Name: "A", Slug: "a", FeedURL: "https://a.example/feed"}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	sub := news.Subscription{SourceID: src.ID, Hub: "https://hub.example/", Topic: src.FeedURL, Token: "tok", Secret: "sec", State: news.SubPending}
	if err := st.PutSubscription(ctx, &sub); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(websub.CallbackPath+"{token}", websub.NewHandler(websub.HandlerOptions{
		Store: st, Receiver: pipeline.New(pipeline.Options{Store: st}), MaxBody: 1024,
	}))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	topic := "hub.topic=https%3A%2F%2Fa.example%2Ffeed"
	notFeed := "this is not a feed"
	big := strings.Repeat("x", 2048)
	tests := []struct {
		name, method, query, body string
		sign                      bool
		want                      int
	}{
		{"no mode", "GET", "?" + topic + "&hub.challenge=c", "", false, http.StatusBadRequest},
		{"odd mode", "GET", "?hub.mode=publish&" + topic + "&hub.challenge=c", "", false, http.StatusBadRequest},
		{"no challenge", "GET", "?hub.mode=subscribe&" + topic, "", false, http.StatusBadRequest},
		{"put", "PUT", "", "", false, http.StatusMethodNotAllowed},
		{"too large", "POST", "", big, true, http.StatusRequestEntityTooLarge},
		{"not a feed", "POST", "", notFeed, true, http.StatusBadRequest},
		{"not a feed, unsigned", "POST", "", notFeed, false, http.StatusAccepted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+"/websub/tok"+tc.query, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if tc.sign {
				req.Header.Set("X-Hub-Signature", websub.Sign("sha256", "sec", []byte(tc.body)))
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("%s %s answered %d, want %d", tc.method, tc.query, resp.StatusCode, tc.want)
			}
		})
	}
	got, err := st.Subscription(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != news.SubPending || !got.LastPushAt.IsZero() {
		t.Fatalf("refused requests changed the subscription: %+v", got)
	}
	// A verification that matches is answered with the challenge.
	resp, err := http.Get(srv.URL + "/websub/tok?hub.mode=subscribe&" + topic + "&hub.challenge=ch%20123&hub.lease_seconds=600")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || string(b) != "ch 123" {
		t.Fatalf("verification answered %d %q, want 200 and the challenge", resp.StatusCode, b)
	}
}
