package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsdesk/internal/api"
	"newsdesk/internal/news"
	"newsdesk/internal/store/sqlite"
	"newsdesk/internal/store/storetest"
)

const baseURL = "https://news.example"

// t0 is the publication time of the newest seeded article.
var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// hostileTitle tries to break out of XML and HTML.
const hostileTitle = "Ships & \"cranes\" <script>alert(1)</script> ]]> \x01 end"

// testAuth signs readers in by a test cookie naming the user; the session's
// CSRF token is "csrf-" plus the name.
type testAuth struct{ st storetest.Store }

func (a testAuth) Current(r *http.Request) (news.User, news.Session, bool) {
	c, err := r.Cookie("test_user")
	if err != nil {
		return news.User{}, news.Session{}, false
	}
	u, err := a.st.UserByName(r.Context(), c.Value)
	if err != nil {
		return news.User{}, news.Session{}, false
	}
	return u, news.Session{UserID: u.ID, CSRF: "csrf-" + u.Name}, true
}

func (a testAuth) CheckCSRF(r *http.Request, s news.Session) bool {
	return s.CSRF != "" && r.Header.Get("X-CSRF-Token") == s.CSRF
}

// storeCommenter posts comments straight to the store, visible at once.
type storeCommenter struct{ st storetest.Store }

func (c storeCommenter) Post(ctx context.Context, u news.User, articleID, parentID int64, body string) (news.Comment, error) {
	cm := news.Comment{ArticleID: articleID, ParentID: parentID, UserID: u.ID, UserName: u.Name, Body: body, Status: news.CommentVisible}
	if err := c.st.AddComment(ctx, &cm); err != nil {
		return news.Comment{}, err
	}
	return cm, nil
}

// fixture is a seeded store behind a test server.
type fixture struct {
	st    storetest.Store
	api   *api.API
	srv   *httptest.Server
	ids   map[string]int64 // article id by item GUID
	story int64
	alice news.User
	// all lists every article id newest first, as the store orders them.
	all []int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"))
	if err != nil {
		t.Fatal(err)
	}
	var st storetest.Store = db
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, ids: map[string]int64{}}
	f.seed(t)

	a, err := api.New(api.Options{
		Store:    st,
		Auth:     testAuth{st},
		Comments: storeCommenter{st},
		Editions: []news.Edition{{Code: "en", Name: "English", Lang: "en"}, {Code: "de", Name: "Deutsch", Lang: "de"}},
		SiteName: "Newsdesk Test",
		BaseURL:  baseURL,
		Now:      func() time.Time { return t0.Add(24 * time.Hour) },
	})
	if err != nil {
		t.Fatal(err)
	}
	f.api = a
	mux := http.NewServeMux()
	mux.Handle(api.Prefix, a.Handler())
	mux.Handle("/", a.Feeds())
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) seed(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	harbour := news.Source{Name: "The Harbour Times", Slug: "harbour-times", HomeURL: "https://harbour.example/", FeedURL: "https://harbour.example/feed.xml", Lang: "en"}
	berg := news.Source{Name: "Die Bergpost", Slug: "bergpost", HomeURL: "https://berg.example/", FeedURL: "https://berg.example/rss", Lang: "de"}
	must(f.st.CreateSource(ctx, &harbour))
	must(f.st.CreateSource(ctx, &berg))

	type seedArticle struct {
		src *news.Source
		a   news.Article
	}
	var seeds []seedArticle
	for i := range 25 {
		pub := t0.Add(-time.Duration(i) * time.Hour)
		if i >= 10 && i <= 12 {
			pub = t0.Add(-10 * time.Hour) // three at the same instant
		}
		section := "world"
		if i%2 == 1 {
			section = "business"
		}
		seeds = append(seeds, seedArticle{&harbour, news.Article{
			URL:       fmt.Sprintf("https://harbour.example/news/%d", i),
			Title:     fmt.Sprintf("Harbour story %d", i),
			Published: pub,
			Lang:      "en",
			Section:   section,
			HTML:      fmt.Sprintf("<p>Body of story %d about the quay.</p>", i),
			Text:      fmt.Sprintf("Body of story %d about the quay.", i),
			Excerpt:   fmt.Sprintf("Story %d in brief.", i),
		}})
	}
	first := &seeds[0].a
	first.Title = hostileTitle
	first.CanonicalURL = "https://harbour.example/news/0-canonical"
	first.Byline = "Ann <Lee>"
	first.Updated = t0.Add(30 * time.Minute)
	first.ImageURL = "https://harbour.example/img/crane.jpg"
	first.ImageCaption = "The crane"
	first.HTML = "<p>The crane collapsed at the quay.</p><p>Nobody was hurt.</p>"
	first.Text = "The crane collapsed at the quay.\n\nNobody was hurt."
	first.Excerpt = "The crane collapsed & nobody <was> hurt."
	first.Summary = []string{"The crane collapsed at the quay."}
	first.KeyPoints = []string{"Crane collapsed", "Nobody hurt"}
	first.Hashtags = []news.Hashtag{{Slug: "harbour-board", Name: "Harbour Board", Kind: news.KindOrg}}
	first.WireCredit = "Reuters"
	seeds = append(seeds, seedArticle{&harbour, news.Article{
		URL: "https://harbour.example/news/copy", Title: "Crane collapses (copy)", Published: t0.Add(-30 * time.Minute),
		Lang: "en", Section: "world", HTML: "<p>The crane collapsed at the quay.</p>", Text: "The crane collapsed at the quay.",
		Excerpt: "A copy.", Partial: true,
	}})
	seeds = append(seeds, seedArticle{&berg, news.Article{
		URL: "https://berg.example/hafen", Title: "Hafen öffnet wieder", Published: t0.Add(-2 * time.Hour),
		Lang: "de", Section: "world", HTML: "<p>Der Hafen öffnet.</p>", Text: "Der Hafen öffnet wieder nach dem Sturm.", Excerpt: "Der Hafen öffnet.",
	}})

	// Items first: an article belongs to an item.
	for _, src := range []*news.Source{&harbour, &berg} {
		var items []news.Item
		for _, s := range seeds {
			if s.src == src {
				items = append(items, news.Item{GUID: s.a.URL, URL: s.a.URL, Title: s.a.Title, Published: s.a.Published})
			}
		}
		state := news.FeedState{LastFetchAt: t0, LastStatus: 200, NextPollAt: t0.Add(15 * time.Minute), Interval: 15 * time.Minute, ItemsPerDay: 24}
		if src == &berg {
			state = news.FeedState{LastFetchAt: t0, LastError: "connection refused", FailCount: 2, NextPollAt: t0.Add(time.Hour), Interval: time.Hour}
		}
		n, err := f.st.SaveFeedItems(ctx, src.ID, items, state)
		must(err)
		if n != len(items) {
			t.Fatalf("saved %d items, want %d", n, len(items))
		}
	}
	claimed, err := f.st.ClaimItems(ctx, time.Now(), time.Minute, 1000)
	must(err)
	itemByGUID := map[string]news.Item{}
	for _, it := range claimed {
		itemByGUID[it.GUID] = it
	}
	for i := range seeds {
		s := &seeds[i]
		it, ok := itemByGUID[s.a.URL]
		if !ok {
			t.Fatalf("item %s was not claimed", s.a.URL)
		}
		s.a.ItemID, s.a.SourceID = it.ID, s.src.ID
		if s.a.URL == "https://harbour.example/news/copy" {
			s.a.DuplicateOf = f.ids["https://harbour.example/news/0"]
		}
		must(f.st.SaveArticle(ctx, &s.a))
		f.ids[s.a.URL] = s.a.ID
	}

	story := news.Story{Title: "Crane collapses", Section: "world", Lang: "en", LeadArticleID: f.ids["https://harbour.example/news/0"]}
	must(f.st.CreateStory(ctx, &story))
	f.story = story.ID
	must(f.st.SetArticleStory(ctx, f.ids["https://harbour.example/news/0"], story.ID))
	must(f.st.SetArticleStory(ctx, f.ids["https://harbour.example/news/2"], story.ID))

	f.alice = news.User{Name: "alice", Email: "alice@example.org", PasswordHash: "x"}
	must(f.st.CreateUser(ctx, &f.alice))
	must(f.st.AddComment(ctx, &news.Comment{ArticleID: f.ids["https://harbour.example/news/0"], UserID: f.alice.ID, Body: "First <b>comment</b>", Status: news.CommentVisible}))
	must(f.st.AddComment(ctx, &news.Comment{ArticleID: f.ids["https://harbour.example/news/0"], UserID: f.alice.ID, Body: "Held for review", Status: news.CommentHeld}))

	all, err := f.st.Articles(ctx, news.ArticleFilter{Limit: 1000})
	must(err)
	for _, a := range all {
		f.all = append(f.all, a.ID)
	}
	if len(f.all) != len(seeds) {
		t.Fatalf("store lists %d articles, want %d", len(f.all), len(seeds))
	}
}

func (f *fixture) id(n string) int64 { return f.ids["https://harbour.example/news/"+n] }

// do sends a request and returns the status, headers and body.
func (f *fixture) do(t *testing.T, method, path string, body io.Reader, hdr map[string]string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// getJSON fetches path, checks the status and decodes the body into v.
func (f *fixture) getJSON(t *testing.T, path string, status int, v any) {
	t.Helper()
	code, hdr, body := f.do(t, http.MethodGet, path, nil, nil)
	if code != status {
		t.Fatalf("GET %s = %d, want %d: %s", path, code, status, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("GET %s Content-Type = %q", path, ct)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

// wantError checks an error response: status and a non-empty message
// containing want.
func (f *fixture) wantError(t *testing.T, code int, hdr http.Header, body []byte, status int, want string) {
	t.Helper()
	if code != status {
		t.Fatalf("status = %d, want %d: %s", code, status, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("error Content-Type = %q", ct)
	}
	var e struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
		t.Fatalf("error body %s is not {\"error\": ...}: %v", body, err)
	}
	if !strings.Contains(e.Error, want) {
		t.Fatalf("error %q does not mention %q", e.Error, want)
	}
}

type articleList struct {
	Articles []struct {
		ID        int64  `json:"id"`
		Title     string `json:"title"`
		Section   string `json:"section"`
		Lang      string `json:"lang"`
		Published string `json:"published"`
		WebURL    string `json:"web_url"`
		Outlet    struct {
			Name string `json:"name"`
			Slug string `json:"slug"`
		} `json:"outlet"`
	} `json:"articles"`
	Next    *string `json:"next"`
	NextURL *string `json:"next_url"`
}

func (l articleList) ids() []int64 {
	var out []int64
	for _, a := range l.Articles {
		out = append(out, a.ID)
	}
	return out
}

func TestListArticles(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name  string
		query string
		count int
		next  bool
		check func(t *testing.T, l articleList)
	}{
		{"default page", "", 20, true, nil},
		{"german edition", "?edition=de", 1, false, func(t *testing.T, l articleList) {
			if l.Articles[0].Lang != "de" || l.Articles[0].Outlet.Slug != "bergpost" || l.Articles[0].WebURL != baseURL+"/de/article/"+strconv.FormatInt(l.Articles[0].ID, 10) {
				t.Errorf("german article = %+v", l.Articles[0])
			}
		}},
		{"section", "?edition=en&section=business&limit=100", 12, false, func(t *testing.T, l articleList) {
			for _, a := range l.Articles {
				if a.Section != "business" {
					t.Errorf("article %d in section %q", a.ID, a.Section)
				}
			}
		}},
		{"source", "?source=bergpost", 1, false, nil},
		{"story", "?story=" + strconv.FormatInt(f.story, 10), 2, false, nil},
		{"tag", "?tag=harbour-board", 1, false, func(t *testing.T, l articleList) {
			if l.Articles[0].ID != f.id("0") {
				t.Errorf("tagged article = %d, want %d", l.Articles[0].ID, f.id("0"))
			}
		}},
		{"before", "?edition=en&limit=100&before=" + t0.Add(-20*time.Hour).Format(time.RFC3339), 4, false, func(t *testing.T, l articleList) {
			for _, a := range l.Articles {
				if a.Published >= t0.Add(-20*time.Hour).Format(time.RFC3339) {
					t.Errorf("article published %s is not before the limit", a.Published)
				}
			}
		}},
		{"no match", "?tag=nothing-like-this", 0, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l articleList
			f.getJSON(t, "/api/v1/articles"+tc.query, http.StatusOK, &l)
			if len(l.Articles) != tc.count {
				t.Fatalf("got %d articles, want %d", len(l.Articles), tc.count)
			}
			if (l.Next != nil) != tc.next || (l.NextURL != nil) != tc.next {
				t.Fatalf("next = %v, next_url = %v; want present %v", l.Next, l.NextURL, tc.next)
			}
			if l.Articles == nil {
				t.Fatal("articles is null, want a list")
			}
			if tc.check != nil {
				tc.check(t, l)
			}
		})
	}
}

func TestListArticlesBadInput(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		query string
		want  string
	}{
		{"?limit=0", "limit"},
		{"?limit=101", "limit"},
		{"?limit=ten", "limit"},
		{"?edition=xx", "edition"},
		{"?section=gossip", "section"},
		{"?source=no-such-outlet", "source"},
		{"?story=-3", "story"},
		{"?story=x", "story"},
		{"?before=yesterday", "before"},
		{"?cursor=%21%21", "cursor"},
		{"?cursor=MTIzOjQ&before=2025-01-01T00:00:00Z", "either"},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			code, hdr, body := f.do(t, http.MethodGet, "/api/v1/articles"+tc.query, nil, nil)
			f.wantError(t, code, hdr, body, http.StatusBadRequest, tc.want)
		})
	}
}

func TestArticlePagination(t *testing.T) {
	f := newFixture(t)
	for _, limit := range []int{1, 2, 3, 7, 100} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			var got []int64
			path := "/api/v1/articles?limit=" + strconv.Itoa(limit)
			for pages := 0; ; pages++ {
				if pages > len(f.all)+1 {
					t.Fatal("pagination does not end")
				}
				var l articleList
				f.getJSON(t, path, http.StatusOK, &l)
				if len(l.Articles) > limit {
					t.Fatalf("page has %d articles, limit %d", len(l.Articles), limit)
				}
				got = append(got, l.ids()...)
				if l.Next == nil {
					break
				}
				if !strings.HasPrefix(*l.NextURL, baseURL+"/api/v1/articles?") || !strings.Contains(*l.NextURL, "cursor="+*l.Next) {
					t.Fatalf("next_url %q does not carry the cursor %q", *l.NextURL, *l.Next)
				}
				path = strings.TrimPrefix(*l.NextURL, baseURL)
			}
			if !slices.Equal(got, f.all) {
				t.Fatalf("paging with limit %d gave\n%v\nwant\n%v", limit, got, f.all)
			}
		})
	}
}

func TestGetArticle(t *testing.T) {
	f := newFixture(t)
	id := f.id("0")
	var a map[string]any
	f.getJSON(t, fmt.Sprintf("/api/v1/articles/%d", id), http.StatusOK, &a)
	want := map[string]any{
		"id":           float64(id),
		"title":        hostileTitle,
		"url":          "https://harbour.example/news/0",
		"canonical":    "https://harbour.example/news/0-canonical",
		"web_url":      fmt.Sprintf("%s/en/article/%d", baseURL, id),
		"published":    "2025-06-01T12:00:00Z",
		"updated":      "2025-06-01T12:30:00Z",
		"byline":       "Ann <Lee>",
		"section":      "world",
		"lang":         "en",
		"html":         "<p>The crane collapsed at the quay.</p><p>Nobody was hurt.</p>",
		"text":         "The crane collapsed at the quay.\n\nNobody was hurt.",
		"wire_credit":  "Reuters",
		"partial":      false,
		"story_id":     float64(f.story),
		"duplicate_of": nil,
	}
	for k, v := range want {
		if fmt.Sprint(a[k]) != fmt.Sprint(v) {
			t.Errorf("%s = %#v, want %#v", k, a[k], v)
		}
	}
	checks := map[string]string{
		"outlet":     "map[name:The Harbour Times slug:harbour-times]",
		"image":      "map[caption:The crane url:https://harbour.example/img/crane.jpg]",
		"summary":    "[The crane collapsed at the quay.]",
		"key_points": "[Crane collapsed Nobody hurt]",
		"hashtags":   "[map[kind:org name:Harbour Board slug:harbour-board]]",
	}
	for k, v := range checks {
		if got := fmt.Sprint(a[k]); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}

	var dup map[string]any
	f.getJSON(t, fmt.Sprintf("/api/v1/articles/%d", f.id("copy")), http.StatusOK, &dup)
	if dup["duplicate_of"] != float64(id) || dup["partial"] != true || dup["story_id"] != nil || dup["image"] != nil {
		t.Errorf("copy: duplicate_of %v partial %v story_id %v image %v", dup["duplicate_of"], dup["partial"], dup["story_id"], dup["image"])
	}
	if fmt.Sprint(dup["summary"]) != "[]" || fmt.Sprint(dup["hashtags"]) != "[]" {
		t.Errorf("empty lists should be [], got summary %v hashtags %v", dup["summary"], dup["hashtags"])
	}
}

func TestNotFoundAndBadIDs(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		method, path string
		status       int
		want         string
	}{
		{"GET", "/api/v1/articles/999999", 404, "not found"},
		{"GET", "/api/v1/articles/abc", 400, "id"},
		{"GET", "/api/v1/articles/0", 400, "id"},
		{"GET", "/api/v1/articles/-4", 400, "id"},
		{"GET", "/api/v1/articles/99999999999999999999", 400, "id"},
		{"GET", "/api/v1/articles/999999/related", 404, "not found"},
		{"GET", "/api/v1/articles/999999/comments", 404, "not found"},
		{"GET", "/api/v1/stories/999999", 404, "not found"},
		{"GET", "/api/v1/stories/x", 400, "id"},
		{"GET", "/api/v1/nothing-here", 404, "no such endpoint"},
		{"DELETE", "/api/v1/articles/1", 405, "not allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			code, hdr, body := f.do(t, tc.method, tc.path, nil, nil)
			f.wantError(t, code, hdr, body, tc.status, tc.want)
		})
	}
}

func TestRelatedFallback(t *testing.T) {
	f := newFixture(t)
	var l articleList
	f.getJSON(t, fmt.Sprintf("/api/v1/articles/%d/related?limit=5", f.id("0")), http.StatusOK, &l)
	if len(l.Articles) != 5 {
		t.Fatalf("got %d related, want 5", len(l.Articles))
	}
	for _, a := range l.Articles {
		switch a.ID {
		case f.id("0"), f.id("2"), f.id("copy"):
			t.Errorf("related lists %d: itself, its story or its copy", a.ID)
		}
		if a.Section != "world" || a.Lang != "en" {
			t.Errorf("related %d is %s/%s", a.ID, a.Lang, a.Section)
		}
	}
	code, hdr, body := f.do(t, http.MethodGet, fmt.Sprintf("/api/v1/articles/%d/related?limit=50", f.id("0")), nil, nil)
	f.wantError(t, code, hdr, body, http.StatusBadRequest, "limit")
}

type commentList struct {
	Comments []struct {
		ID       int64  `json:"id"`
		Body     string `json:"body"`
		UserName string `json:"user_name"`
		ParentID *int64 `json:"parent_id"`
		Created  string `json:"created"`
	} `json:"comments"`
}

func TestComments(t *testing.T) {
	f := newFixture(t)
	id := f.id("0")
	path := fmt.Sprintf("/api/v1/articles/%d/comments", id)
	var l commentList
	f.getJSON(t, path, http.StatusOK, &l)
	if len(l.Comments) != 1 || l.Comments[0].Body != "First <b>comment</b>" || l.Comments[0].UserName != "alice" || l.Comments[0].ParentID != nil {
		t.Fatalf("comments = %+v, want alice's one visible comment", l.Comments)
	}
	if _, err := time.Parse(time.RFC3339, l.Comments[0].Created); err != nil {
		t.Errorf("created %q: %v", l.Comments[0].Created, err)
	}
	firstID := l.Comments[0].ID

	signedIn := map[string]string{"Cookie": "test_user=alice", "Content-Type": "application/json"}
	withCSRF := map[string]string{"Cookie": "test_user=alice", "X-CSRF-Token": "csrf-alice", "Content-Type": "application/json"}
	otherArticle := f.id("1")
	otherComment := news.Comment{ArticleID: otherArticle, UserID: f.alice.ID, Body: "elsewhere", Status: news.CommentVisible}
	if err := f.st.AddComment(context.Background(), &otherComment); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		path   string
		hdr    map[string]string
		body   string
		status int
		want   string
	}{
		{"anonymous", path, map[string]string{"Content-Type": "application/json"}, `{"body":"hi"}`, 401, "sign in"},
		{"unknown user", path, map[string]string{"Cookie": "test_user=mallory", "X-CSRF-Token": "csrf-mallory"}, `{"body":"hi"}`, 401, "sign in"},
		{"no csrf", path, signedIn, `{"body":"hi"}`, 403, "CSRF"},
		{"wrong csrf", path, map[string]string{"Cookie": "test_user=alice", "X-CSRF-Token": "csrf-bob"}, `{"body":"hi"}`, 403, "CSRF"},
		{"bad json", path, withCSRF, `{"body":`, 400, "JSON"},
		{"not an object", path, withCSRF, `["hi"]`, 400, "JSON"},
		{"unknown field", path, withCSRF, `{"body":"hi","admin":true}`, 400, "JSON"},
		{"trailing data", path, withCSRF, `{"body":"hi"} {"body":"again"}`, 400, "after"},
		{"empty body", path, withCSRF, ``, 400, "empty"},
		{"blank comment", path, withCSRF, `{"body":"   "}`, 400, "empty"},
		{"oversized", path, withCSRF, `{"body":"` + strings.Repeat("a", 70<<10) + `"}`, 400, "larger"},
		{"wrong type", path, map[string]string{"Cookie": "test_user=alice", "X-CSRF-Token": "csrf-alice", "Content-Type": "text/plain"}, `{"body":"hi"}`, 400, "application/json"},
		{"bad id", "/api/v1/articles/zero/comments", withCSRF, `{"body":"hi"}`, 400, "id"},
		{"missing article", "/api/v1/articles/999999/comments", withCSRF, `{"body":"hi"}`, 404, "not found"},
		{"parent on another article", path, withCSRF, fmt.Sprintf(`{"body":"hi","parent_id":%d}`, otherComment.ID), 400, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, hdr, body := f.do(t, http.MethodPost, tc.path, strings.NewReader(tc.body), tc.hdr)
			f.wantError(t, code, hdr, body, tc.status, tc.want)
		})
	}
	// None of the refused posts changed anything.
	all, err := f.st.Comments(context.Background(), id, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Fatalf("article has %d comments after refused posts, want 2", len(all))
	}

	code, hdr, body := f.do(t, http.MethodPost, path, strings.NewReader(fmt.Sprintf(`{"body":"A reply <i>here</i>","parent_id":%d}`, firstID)), withCSRF)
	if code != http.StatusCreated {
		t.Fatalf("post = %d: %s", code, body)
	}
	var c map[string]any
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatal(err)
	}
	if c["body"] != "A reply <i>here</i>" || c["user_name"] != "alice" || c["parent_id"] != float64(firstID) || c["article_id"] != float64(id) || c["status"] != "visible" {
		t.Fatalf("posted comment = %v", c)
	}
	if hdr.Get("Location") != path {
		t.Errorf("Location = %q, want %q", hdr.Get("Location"), path)
	}
	f.getJSON(t, path, http.StatusOK, &l)
	if len(l.Comments) != 2 || l.Comments[1].Body != "A reply <i>here</i>" {
		t.Fatalf("after posting, comments = %+v", l.Comments)
	}
}

func TestStories(t *testing.T) {
	f := newFixture(t)
	var l struct {
		Stories []struct {
			ID           int64  `json:"id"`
			Title        string `json:"title"`
			ArticleCount int    `json:"article_count"`
			WebURL       string `json:"web_url"`
			Lead         *struct {
				ID int64 `json:"id"`
			} `json:"lead"`
		} `json:"stories"`
	}
	f.getJSON(t, "/api/v1/stories?edition=en&section=world", http.StatusOK, &l)
	if len(l.Stories) != 1 {
		t.Fatalf("got %d stories, want 1", len(l.Stories))
	}
	s := l.Stories[0]
	if s.ID != f.story || s.Title != "Crane collapses" || s.ArticleCount != 2 || s.Lead == nil || s.Lead.ID != f.id("0") || s.WebURL != fmt.Sprintf("%s/en/story/%d", baseURL, f.story) {
		t.Fatalf("story = %+v", s)
	}
	f.getJSON(t, "/api/v1/stories?edition=de", http.StatusOK, &l)
	if len(l.Stories) != 0 {
		t.Fatalf("german stories = %+v, want none", l.Stories)
	}

	var d struct {
		ID       int64 `json:"id"`
		Articles []struct {
			ID int64 `json:"id"`
		} `json:"articles"`
	}
	f.getJSON(t, fmt.Sprintf("/api/v1/stories/%d", f.story), http.StatusOK, &d)
	if d.ID != f.story || len(d.Articles) != 2 {
		t.Fatalf("story detail = %+v", d)
	}
	for _, q := range []string{"?limit=0", "?edition=fr", "?section=x"} {
		code, hdr, body := f.do(t, http.MethodGet, "/api/v1/stories"+q, nil, nil)
		f.wantError(t, code, hdr, body, http.StatusBadRequest, "")
	}
}

func TestSectionsAndEditions(t *testing.T) {
	f := newFixture(t)
	var s struct {
		Sections []news.Section `json:"sections"`
	}
	f.getJSON(t, "/api/v1/sections", http.StatusOK, &s)
	if !slices.Equal(s.Sections, news.DefaultSections()) {
		t.Fatalf("sections = %v", s.Sections)
	}
	var e struct {
		Editions []struct {
			Code, Name, Lang string
			WebURL           string `json:"web_url"`
		} `json:"editions"`
	}
	f.getJSON(t, "/api/v1/editions", http.StatusOK, &e)
	if len(e.Editions) != 2 || e.Editions[1].Code != "de" || e.Editions[1].Lang != "de" || e.Editions[0].WebURL != baseURL+"/en/" {
		t.Fatalf("editions = %+v", e.Editions)
	}
}

func TestSearch(t *testing.T) {
	f := newFixture(t)
	var r struct {
		Query string `json:"query"`
		Hits  []struct {
			Article struct {
				ID int64 `json:"id"`
			} `json:"article"`
			Snippet     string   `json:"snippet"`
			SnippetHTML string   `json:"snippet_html"`
			Highlights  [][2]int `json:"highlights"`
		} `json:"hits"`
	}
	f.getJSON(t, "/api/v1/search?q=crane&edition=en", http.StatusOK, &r)
	if len(r.Hits) == 0 {
		t.Fatal("no hits for crane")
	}
	found := false
	for _, h := range r.Hits {
		if h.Article.ID == f.id("0") {
			found = true
		}
		if strings.ContainsAny(h.Snippet, "\ue000\ue001") || strings.ContainsAny(h.SnippetHTML, "\ue000\ue001") {
			t.Errorf("snippet keeps markers: %q", h.Snippet)
		}
		if !strings.Contains(strings.ToLower(h.SnippetHTML), "<mark>crane</mark>") {
			t.Errorf("snippet_html %q does not mark crane", h.SnippetHTML)
		}
		for _, hl := range h.Highlights {
			if got := strings.ToLower(string([]rune(h.Snippet)[hl[0]:hl[1]])); got != "crane" {
				t.Errorf("highlight %v covers %q", hl, got)
			}
		}
	}
	if !found {
		t.Fatal("the crane article is not among the hits")
	}
	f.getJSON(t, "/api/v1/search?q=Hafen&edition=de", http.StatusOK, &r)
	if len(r.Hits) != 1 || r.Hits[0].Article.ID != f.ids["https://berg.example/hafen"] {
		t.Fatalf("german search = %+v", r.Hits)
	}
	for _, q := range []string{"", "?q=", "?q=+++", "?q=crane&edition=xx", "?q=" + strings.Repeat("a", 501)} {
		code, hdr, body := f.do(t, http.MethodGet, "/api/v1/search"+q, nil, nil)
		f.wantError(t, code, hdr, body, http.StatusBadRequest, "")
	}
}

func TestSources(t *testing.T) {
	f := newFixture(t)
	var r struct {
		Sources []struct {
			Slug   string `json:"slug"`
			Health struct {
				Status      string  `json:"status"`
				LastFetch   string  `json:"last_fetch"`
				LastStatus  int     `json:"last_status"`
				LastError   string  `json:"last_error"`
				NextPoll    string  `json:"next_poll"`
				ItemsPerDay float64 `json:"items_per_day"`
				Interval    int     `json:"interval_seconds"`
				Push        *struct {
					Hub        string `json:"hub"`
					State      string `json:"state"`
					LeaseUntil string `json:"lease_until"`
				} `json:"push"`
			} `json:"health"`
		} `json:"sources"`
	}
	srcs, err := f.st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if s.Slug == "harbour-times" {
			sub := news.Subscription{SourceID: s.ID, Hub: "https://hub.example/", Topic: s.FeedURL, Token: "tok1", State: news.SubActive,
				LeaseUntil: time.Date(2025, 6, 8, 12, 0, 0, 0, time.UTC), RenewAt: time.Date(2025, 6, 7, 12, 0, 0, 0, time.UTC)}
			if err := f.st.PutSubscription(context.Background(), &sub); err != nil {
				t.Fatal(err)
			}
		}
	}
	f.getJSON(t, "/api/v1/sources", http.StatusOK, &r)
	if len(r.Sources) != 2 {
		t.Fatalf("got %d sources", len(r.Sources))
	}
	by := map[string]int{}
	for i, s := range r.Sources {
		by[s.Slug] = i
	}
	h := r.Sources[by["harbour-times"]].Health
	if h.Status != "ok" || h.LastFetch != "2025-06-01T12:00:00Z" || h.LastStatus != 200 || h.NextPoll != "2025-06-01T12:15:00Z" || h.ItemsPerDay != 24 || h.Interval != 900 {
		t.Errorf("harbour health = %+v", h)
	}
	if p := h.Push; p == nil || p.Hub != "https://hub.example/" || p.State != "active" || p.LeaseUntil != "2025-06-08T12:00:00Z" {
		t.Errorf("harbour push = %+v", p)
	}
	b := r.Sources[by["bergpost"]].Health
	if b.Status != "failing" || b.LastError != "connection refused" || b.Push != nil {
		t.Errorf("bergpost health = %+v", b)
	}
}

func TestOpenAPICoversEveryRoute(t *testing.T) {
	f := newFixture(t)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	f.getJSON(t, "/api/v1/openapi.json", http.StatusOK, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Fatalf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	routed := map[string]bool{}
	for _, p := range f.api.Patterns() {
		method, path, ok := strings.Cut(p, " ")
		if !ok {
			t.Fatalf("pattern %q has no method", p)
		}
		key := strings.ToLower(method) + " " + path
		routed[key] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("route %q is not in the OpenAPI document", p)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			if !routed[method+" "+path] {
				t.Errorf("OpenAPI lists %s %s, which is not routed", method, path)
			}
		}
	}
	// Every documented path answers something other than "no such endpoint".
	for path := range doc.Paths {
		concrete := strings.ReplaceAll(path, "{id}", strconv.FormatInt(f.id("0"), 10))
		code, _, body := f.do(t, http.MethodGet, concrete+"?q=crane", nil, nil)
		if code == http.StatusNotFound && bytes.Contains(body, []byte("no such endpoint")) {
			t.Errorf("documented path %s is not served", path)
		}
	}
}

// rssFeed is what the tests read from an RSS document.
type rssFeed struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string `xml:"title"`
		// Links holds <link> and <atom:link>, told apart by namespace.
		Links []struct {
			XMLName xml.Name
			Href    string `xml:"href,attr"`
			Value   string `xml:",chardata"`
		} `xml:"link"`
		Items []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			GUID        string `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Description string `xml:"description"`
			Category    string `xml:"category"`
			Source      struct {
				URL  string `xml:"url,attr"`
				Name string `xml:",chardata"`
			} `xml:"source"`
		} `xml:"item"`
	} `xml:"channel"`
}

// atomDoc is what the tests read from an Atom document.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Summary   string `xml:"summary"`
		Links     []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Author struct {
			Name string `xml:"name"`
		} `xml:"author"`
	} `xml:"entry"`
}

// xmlTitle is the hostile title as XML can carry it: the control
// character is replaced.
var xmlTitle = strings.ReplaceAll(hostileTitle, "\x01", "\uFFFD")

func TestFeedsRSS(t *testing.T) {
	f := newFixture(t)
	code, hdr, body := f.do(t, http.MethodGet, "/en/feed.rss", nil, nil)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/rss+xml; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if bytes.Contains(body, []byte("<script>")) || bytes.Contains(body, []byte("\x01")) {
		t.Fatal("feed carries the hostile title unescaped")
	}
	var doc rssFeed
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	var link, self string
	for _, l := range doc.Channel.Links {
		switch l.XMLName.Space {
		case "":
			link = l.Value
		case "http://www.w3.org/2005/Atom":
			self = l.Href
		}
	}
	if doc.Version != "2.0" || link != baseURL+"/en/" || self != baseURL+"/en/feed.rss" {
		t.Errorf("channel: version %q link %q self %q", doc.Version, link, self)
	}
	// Originals only: 25 English articles, not the copy, not the German one.
	if len(doc.Channel.Items) != 25 {
		t.Fatalf("got %d items, want 25", len(doc.Channel.Items))
	}
	first := doc.Channel.Items[0]
	wantLink := fmt.Sprintf("%s/en/article/%d", baseURL, f.id("0"))
	if first.Title != xmlTitle || first.Link != wantLink || first.GUID != wantLink {
		t.Errorf("first item: title %q link %q guid %q", first.Title, first.Link, first.GUID)
	}
	if first.Source.Name != "The Harbour Times" || first.Source.URL != "https://harbour.example/feed.xml" {
		t.Errorf("source = %+v", first.Source)
	}
	if pub, err := time.Parse(time.RFC1123Z, first.PubDate); err != nil || !pub.Equal(t0) {
		t.Errorf("pubDate %q: %v", first.PubDate, err)
	}
	if first.Description != "The crane collapsed & nobody <was> hurt." || first.Category != "World" {
		t.Errorf("description %q category %q", first.Description, first.Category)
	}

	// Conditional requests.
	etag, lastMod := hdr.Get("ETag"), hdr.Get("Last-Modified")
	if etag == "" || lastMod != t0.Add(30*time.Minute).Format(http.TimeFormat) {
		t.Fatalf("ETag %q Last-Modified %q", etag, lastMod)
	}
	for _, h := range []map[string]string{{"If-None-Match": etag}, {"If-None-Match": "W/" + etag}, {"If-Modified-Since": lastMod}} {
		code, _, body := f.do(t, http.MethodGet, "/en/feed.rss", nil, h)
		if code != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%v: status %d with %d bytes, want 304 and none", h, code, len(body))
		}
	}
	if code, _, _ := f.do(t, http.MethodGet, "/en/feed.rss", nil, map[string]string{"If-None-Match": `"stale"`}); code != http.StatusOK {
		t.Errorf("stale ETag gave %d, want 200", code)
	}
}

func TestFeedsAtom(t *testing.T) {
	f := newFixture(t)
	code, hdr, body := f.do(t, http.MethodGet, "/en/section/world/feed.atom", nil, nil)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if bytes.Contains(body, []byte("<script>")) {
		t.Fatal("feed carries the hostile title unescaped")
	}
	var doc atomDoc
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	if doc.ID != baseURL+"/en/section/world/feed.atom" || !strings.Contains(doc.Title, "World") {
		t.Errorf("feed id %q title %q", doc.ID, doc.Title)
	}
	if len(doc.Entries) != 13 {
		t.Fatalf("got %d entries, want the 13 world originals", len(doc.Entries))
	}
	e := doc.Entries[0]
	wantLink := fmt.Sprintf("%s/en/article/%d", baseURL, f.id("0"))
	if e.Title != xmlTitle || e.ID != wantLink || e.Published != "2025-06-01T12:00:00Z" || e.Updated != "2025-06-01T12:30:00Z" {
		t.Errorf("entry: %+v", e)
	}
	if len(e.Links) == 0 || e.Links[0].Href != wantLink || e.Links[0].Rel != "alternate" {
		t.Errorf("entry links = %+v", e.Links)
	}
	if e.Author.Name != "Ann <Lee>, The Harbour Times" || e.Summary != "The crane collapsed & nobody <was> hurt." {
		t.Errorf("author %q summary %q", e.Author.Name, e.Summary)
	}
	if _, err := time.Parse(time.RFC3339, doc.Updated); err != nil {
		t.Errorf("feed updated %q: %v", doc.Updated, err)
	}
}

func TestFeedsRouting(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		path   string
		status int
		items  int
	}{
		{"/de/feed.rss", 200, 1},
		{"/de/section/business/feed.rss", 200, 0},
		{"/en/section/business/feed.rss", 200, 12},
		{"/fr/feed.rss", 404, 0},
		{"/en/section/gossip/feed.atom", 404, 0},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			code, _, body := f.do(t, http.MethodGet, tc.path, nil, nil)
			if code != tc.status {
				t.Fatalf("status %d, want %d", code, tc.status)
			}
			if code != 200 {
				return
			}
			var doc rssFeed
			if err := xml.Unmarshal(body, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Channel.Items) != tc.items {
				t.Fatalf("%d items, want %d", len(doc.Channel.Items), tc.items)
			}
		})
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	if _, err := api.New(api.Options{}); err == nil {
		t.Error("New without a store succeeded")
	}
}
