package web_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"newsdesk/internal/analysis/summary"
	"newsdesk/internal/auth"
	"newsdesk/internal/comment"
	"newsdesk/internal/news"
	"newsdesk/internal/sanitize"
	"newsdesk/internal/store/sqlite"
	"newsdesk/internal/web"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is the fixed clock of the test site.
var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// site is a running test site over a real SQLite store.
type site struct {
	t     testing.TB
	store *sqlite.Store
	auth  *auth.Auth
	srv   *httptest.Server
	ids   map[string]int64 // seeded things by name
}

// offlineExplainer answers with the offline question answering of the
// analysis/summary package.
type offlineExplainer struct{}

func (offlineExplainer) Ask(_ context.Context, a news.Article, q string) (web.Answer, error) {
	ans := summary.Ask(q, a.Title, a.Text, a.Lang)
	return web.Answer{Found: ans.Found, Text: ans.Text, Quotes: ans.Quotes}, nil
}

// sameSection is a small related-articles finder for the tests: the
// newest articles of the same section.
type sameSection struct{ s *sqlite.Store }

func (r sameSection) Related(ctx context.Context, a news.Article, k int) ([]news.Article, error) {
	return r.s.Articles(ctx, news.ArticleFilter{Section: a.Section, Limit: k})
}

func newSite(t testing.TB) *site {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := func() time.Time { return now }
	a := auth.New(st, auth.Options{Now: clock})
	h, err := web.New(web.Options{
		Store:     st,
		Auth:      a,
		Comments:  comment.New(st, comment.Options{Now: clock}),
		Explainer: offlineExplainer{},
		Related:   sameSection{st},
		Editions:  []news.Edition{{Code: "en", Name: "English", Lang: "en"}, {Code: "de", Name: "Deutsch", Lang: "de"}},
		SiteName:  "Newsdesk Test",
		Now:       clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s := &site{t: t, store: st, auth: a, srv: srv, ids: map[string]int64{}}
	s.seed()
	return s
}

// seed stores two outlets, four articles, two stories and hashtags.
func (s *site) seed() {
	t := s.t
	ctx := context.Background()
	harbour := news.Source{Name: "Harbour Times", Slug: "harbour-times", HomeURL: "https://harbour.example/", FeedURL: "https://harbour.example/feed", Lang: "en"}
	valley := news.Source{Name: "Valley Post", Slug: "valley-post", HomeURL: "https://valley.example/", FeedURL: "https://valley.example/feed", Lang: "en"}
	for _, src := range []*news.Source{&harbour, &valley} {
		if err := s.store.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	type art struct {
		key   string
		src   *news.Source
		a     news.Article
		story string
	}
	arts := []art{
		{"bridge", &harbour, news.Article{
			Title:        "City council approves the new harbour bridge",
			Byline:       "Mara Olsen",
			Section:      "world",
			Lang:         "en",
			ImageURL:     "https://harbour.example/img/bridge.jpg",
			ImageCaption: "The old ferry pier, where the bridge will start.",
			HTML: sanitize.HTML("<p>The city council voted on Tuesday to build a bridge across the harbour.</p>"+
				`<figure><img src="/img/pier.jpg" alt="The pier" width="1024" height="683" loading="lazy" onerror="alert(1)"><figcaption>The ferry pier at dawn. <span class="credit">Photo: Ana Lopes</span></figcaption></figure>`+
				"<p>Construction starts in spring and will take three years.</p>"+
				`<figure class="embed video"><iframe src="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE" title="YouTube video" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" loading="lazy" referrerpolicy="no-referrer" allowfullscreen></iframe><figcaption><a href="https://www.youtube.com/watch?v=M7lc1UVf-VE">Video: YouTube</a></figcaption></figure>`+
				`<iframe src="https://ads.example/slot"></iframe>`, "https://harbour.example/news/bridge"),
			Text:       "The city council voted on Tuesday to build a bridge across the harbour.\n\nConstruction starts in spring and will take three years.",
			Excerpt:    "The council voted to build a bridge across the harbour.",
			WireCredit: "Reuters",
			Summary:    []string{"The council approved a harbour bridge."},
			KeyPoints:  []string{"Vote on Tuesday", "Three years of work"},
			Hashtags:   []news.Hashtag{{Slug: "harbour-city", Name: "Harbour City", Kind: news.KindPlace}},
			Published:  now.Add(-72 * time.Hour),
		}, "bridge"},
		{"bridge2", &valley, news.Article{
			Title:     "Harbour bridge gets the go-ahead",
			Section:   "world",
			Lang:      "en",
			HTML:      "<p>Councillors backed the bridge plan.</p>",
			Text:      "Councillors backed the bridge plan.",
			Excerpt:   "Councillors backed the bridge plan.",
			Published: now.Add(-70 * time.Hour),
		}, "bridge"},
		{"ferry", &valley, news.Article{
			Title:     "Ferry line to close after a century",
			Section:   "world",
			Lang:      "en",
			HTML:      "<p>The ferry will stop running next year.</p>",
			Text:      "The ferry will stop running next year.",
			Excerpt:   "The ferry will stop running next year.",
			Partial:   true,
			Published: now.Add(-5 * time.Hour),
		}, "ferry"},
		{"xss", &harbour, news.Article{
			Title:     `Markets <script>alert("x")</script> rally`,
			Section:   "business",
			Lang:      "en",
			HTML:      "<p>Shares rose.</p>",
			Text:      "Shares rose.",
			Published: now.Add(-2 * time.Hour),
		}, ""},
	}
	var items []news.Item
	for _, a := range arts {
		items = append(items, news.Item{SourceID: a.src.ID, GUID: a.key, URL: "https://" + a.src.Slug + ".example/" + a.key, Title: a.a.Title})
	}
	for _, src := range []*news.Source{&harbour, &valley} {
		var mine []news.Item
		for _, it := range items {
			if it.SourceID == src.ID {
				mine = append(mine, it)
			}
		}
		if _, err := s.store.SaveFeedItems(ctx, src.ID, mine, news.FeedState{LastFetchAt: now.Add(-time.Hour), LastStatus: 200, NextPollAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	claimed, err := s.store.ClaimItems(ctx, now, time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	itemID := map[string]int64{}
	for _, it := range claimed {
		itemID[it.GUID] = it.ID
	}
	stories := map[string]*news.Story{}
	for _, a := range arts {
		a.a.SourceID = a.src.ID
		a.a.ItemID = itemID[a.key]
		if a.a.ItemID == 0 {
			t.Fatalf("item %s was not claimed", a.key)
		}
		a.a.URL = "https://" + a.src.Slug + ".example/" + a.key
		a.a.CanonicalURL = a.a.URL
		a.a.ContentHash = a.key
		if err := s.store.SaveArticle(ctx, &a.a); err != nil {
			t.Fatal(err)
		}
		s.ids[a.key] = a.a.ID
		if a.story == "" {
			continue
		}
		st, ok := stories[a.story]
		if !ok {
			st = &news.Story{Title: a.a.Title, Section: a.a.Section, Lang: "en", LeadArticleID: a.a.ID}
			if err := s.store.CreateStory(ctx, st); err != nil {
				t.Fatal(err)
			}
			stories[a.story] = st
			s.ids["story-"+a.story] = st.ID
		}
		if err := s.store.SetArticleStory(ctx, a.a.ID, st.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// client is a browser with its own cookies that does not follow redirects.
func (s *site) client() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       20 * time.Second,
	}
}

// get fetches a page and returns its status and parsed document.
func (s *site) get(c *http.Client, path string) (int, *goquery.Document, string) {
	s.t.Helper()
	resp, err := c.Get(s.srv.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, doc, string(body)
}

// post submits a form and returns the response status and Location.
func (s *site) post(c *http.Client, path string, form url.Values) (int, string, string) {
	s.t.Helper()
	resp, err := c.PostForm(s.srv.URL+path, form)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// signUp creates an account through the sign-up form and leaves c signed in.
func (s *site) signUp(c *http.Client, name, password string) {
	s.t.Helper()
	_, doc, _ := s.get(c, "/signup")
	tok, _ := doc.Find(`form[action="/signup"] input[name=csrf]`).Attr("value")
	code, loc, body := s.post(c, "/signup", url.Values{"csrf": {tok}, "name": {name}, "password": {password}, "next": {"/en/"}})
	if code != http.StatusSeeOther || loc != "/en/" {
		s.t.Fatalf("sign up %s: status %d location %q\n%s", name, code, loc, body)
	}
}

func (s *site) path(format string, key string) string {
	return fmt.Sprintf(format, s.ids[key])
}

func TestFrontPage(t *testing.T) {
	s := newSite(t)
	c := s.client()
	code, doc, _ := s.get(c, "/en/")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	if lang, _ := doc.Find("html").Attr("lang"); lang != "en" {
		t.Errorf("html lang = %q", lang)
	}
	cards := doc.Find("main .card")
	if cards.Length() != 2 {
		t.Fatalf("front page has %d story cards, want 2", cards.Length())
	}
	var bridge *goquery.Selection
	cards.Each(func(_ int, c *goquery.Selection) {
		if strings.Contains(c.Find("h3").Text(), "harbour bridge") {
			bridge = c
		}
	})
	if bridge == nil {
		t.Fatal("the bridge story is not on the front page")
	}
	if got := bridge.Find("a.count").Text(); got != "2 sources" {
		t.Errorf("source count %q, want \"2 sources\"", got)
	}
	if got := bridge.Find("p.meta a.outlet").Text(); got != "Harbour Times" {
		t.Errorf("outlet %q", got)
	}
	if got := bridge.Find("p.meta time").Text(); got != "3 days ago" {
		t.Errorf("time %q", got)
	}
	// The other outlet's coverage is listed under the lead.
	if got := bridge.Find("ul.more a.outlet").Text(); got != "Valley Post" {
		t.Errorf("coverage under the lead: outlet %q, want Valley Post", got)
	}
	if doc.Find("section[aria-labelledby=latest-h] li").Length() == 0 {
		t.Error("no latest articles listed")
	}
	if doc.Find(`link[rel=alternate][href="/en/feed.rss"]`).Length() != 1 || doc.Find(`link[rel=alternate][href="/en/feed.atom"]`).Length() != 1 {
		t.Error("feed links missing")
	}
	// The root sends readers to the first edition.
	resp, err := c.Get(s.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/en/" {
		t.Errorf("/ gives %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestArticlePage(t *testing.T) {
	s := newSite(t)
	c := s.client()
	code, doc, _ := s.get(c, s.path("/en/article/%d", "bridge"))
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	art := doc.Find("main article").First()
	checks := []struct {
		what, sel, want string
	}{
		{"headline", "h1", "City council approves the new harbour bridge"},
		{"section", ".kicker a", "World"},
		{"outlet", "header a.outlet", "Harbour Times"},
		{"time", "header time", "3 days ago"},
		{"byline", ".byline", "By Mara Olsen"},
		{"caption", "figure.lead figcaption", "The old ferry pier, where the bridge will start."},
		{"wire credit", ".wire", "Reuters, via Harbour Times"},
		{"body", ".body p:first-child", "The city council voted on Tuesday to build a bridge across the harbour."},
		{"hashtag", `.tags a[href="/en/tag/harbour-city"]`, "#Harbour City"},
	}
	for _, ck := range checks {
		if got := strings.TrimSpace(art.Find(ck.sel).First().Text()); got != ck.want {
			t.Errorf("%s (%s) = %q, want %q", ck.what, ck.sel, got, ck.want)
		}
	}
	if lang, _ := art.Attr("lang"); lang != "en" {
		t.Errorf("article lang = %q", lang)
	}
	if doc.Find("h1").Length() != 1 {
		t.Errorf("%d h1 elements, want 1", doc.Find("h1").Length())
	}
	tm := art.Find("header time").First()
	if dt, _ := tm.Attr("datetime"); dt != now.Add(-72*time.Hour).Format(time.RFC3339) {
		t.Errorf("datetime %q", dt)
	}
	if title, _ := tm.Attr("title"); !strings.Contains(title, "2026") {
		t.Errorf("time title %q lacks the exact time", title)
	}
	// The outlet and the time are separate elements with a separator.
	outlet := art.Find("header a.outlet").First()
	if outlet.Find("time").Length() != 0 || strings.Contains(outlet.Text(), "ago") {
		t.Error("the time is inside the outlet link")
	}
	if !outlet.Next().Is(".sep") || !outlet.Next().Next().Is("time") {
		t.Error("no separator between outlet and time")
	}
	if href, _ := outlet.Attr("href"); href != "/en/outlet/harbour-times" {
		t.Errorf("outlet href %q", href)
	}
	if src, _ := art.Find("figure.lead img").Attr("src"); src != "https://harbour.example/img/bridge.jpg" {
		t.Errorf("lead image %q", src)
	}
	// Figures and embeds of the body, as extract and sanitize leave them.
	fig := art.Find(".body figure").First()
	if src, _ := fig.Find("img").Attr("src"); src != "https://harbour.example/img/pier.jpg" {
		t.Errorf("body figure image %q", src)
	}
	if got := strings.TrimSpace(fig.Find("figcaption").Text()); got != "The ferry pier at dawn. Photo: Ana Lopes" {
		t.Errorf("body figure caption %q", got)
	}
	if got := fig.Find("figcaption .credit").Text(); got != "Photo: Ana Lopes" {
		t.Errorf("credit %q", got)
	}
	if _, ok := fig.Find("img").Attr("onerror"); ok {
		t.Error("event handler on a body image")
	}
	frames := art.Find(".body iframe")
	if frames.Length() != 1 {
		t.Fatalf("%d frames in the body, want the one allow-listed video", frames.Length())
	}
	if src, _ := frames.Attr("src"); src != "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE" {
		t.Errorf("frame src %q", src)
	}
	if sb, ok := frames.Attr("sandbox"); !ok || strings.Contains(sb, "top-navigation") {
		t.Errorf("frame sandbox %q, %v", sb, ok)
	}
	if href, _ := art.Find(".body figure.embed figcaption a").Attr("href"); href != "https://www.youtube.com/watch?v=M7lc1UVf-VE" {
		t.Errorf("video link %q", href)
	}
	if art.Find(".partial").Length() != 0 {
		t.Error("partial notice on a full article")
	}
	ai := doc.Find("section.ai")
	if !strings.Contains(ai.Find("#summary-h").Parent().Text(), "The council approved a harbour bridge.") {
		t.Error("summary missing")
	}
	if ai.Find(".key-points li").Length() != 2 {
		t.Error("key points missing")
	}
	if ai.Find(`form.ask label[for="ask-q"]`).Length() != 1 || ai.Find(`form.ask input#ask-q[name=q]`).Length() != 1 {
		t.Error("ask form or its label missing")
	}
	if got := ai.Find("#coverage-h").Parent().Find("a.outlet").Text(); got != "Valley Post" {
		t.Errorf("coverage lists %q, want Valley Post", got)
	}
	comments := doc.Find("#comments")
	if !strings.Contains(comments.Text(), "No comments yet") {
		t.Error("no \"No comments yet\"")
	}
	if href, _ := comments.Find(`a[href^="/signin"]`).Attr("href"); !strings.HasPrefix(href, "/signin?next=") {
		t.Error("no sign-in link for comments")
	}
	if comments.Find("textarea").Length() != 0 {
		t.Error("comment form shown to a signed-out reader")
	}
	rel := doc.Find("aside .card")
	if rel.Length() == 0 {
		t.Fatal("no related articles")
	}
	rel.Each(func(_ int, r *goquery.Selection) {
		title := r.Find("h3").Text()
		if strings.Contains(title, "City council approves") || strings.Contains(title, "go-ahead") {
			t.Errorf("related lists the article itself or its story: %q", title)
		}
		if r.Find("a.outlet").Length() != 1 || r.Find("time").Length() != 1 {
			t.Errorf("related item %q lacks outlet or time", title)
		}
	})
	// Every form field has a label.
	doc.Find("input:not([type=hidden]), textarea, select").Each(func(_ int, f *goquery.Selection) {
		id, _ := f.Attr("id")
		if id == "" || doc.Find(`label[for="`+id+`"]`).Length() == 0 {
			t.Errorf("field %v has no label", f.Nodes[0].Attr)
		}
	})
	for _, sel := range []string{"header.site-header", "main", "nav[aria-label=Sections]", "form[role=search]"} {
		if doc.Find(sel).Length() == 0 {
			t.Errorf("page lacks %s", sel)
		}
	}
}

func TestArticlePartial(t *testing.T) {
	s := newSite(t)
	_, doc, _ := s.get(s.client(), s.path("/en/article/%d", "ferry"))
	if !strings.Contains(doc.Find("article .partial").Text(), "only part of the article") {
		t.Error("no partial notice")
	}
	if doc.Find(".wire").Length() != 0 {
		t.Error("wire credit without one")
	}
}

func TestAsk(t *testing.T) {
	s := newSite(t)
	code, doc, _ := s.get(s.client(), s.path("/en/article/%d", "bridge")+"?q="+url.QueryEscape("When does construction start?"))
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	q := doc.Find("#ask blockquote")
	if q.Length() != 1 || q.Text() != "Construction starts in spring and will take three years." {
		t.Fatalf("answer quotes %q", q.Text())
	}
	if v, _ := doc.Find("#ask-q").Attr("value"); v != "When does construction start?" {
		t.Errorf("question not kept in the form: %q", v)
	}
	code, _, _ = s.get(s.client(), s.path("/en/article/%d", "bridge")+"?q="+strings.Repeat("x", 400))
	if code != http.StatusBadRequest {
		t.Errorf("overlong question gives %d", code)
	}
}

func TestCommentFlow(t *testing.T) {
	s := newSite(t)
	ada := s.client()
	s.signUp(ada, "ada", "correct horse battery")
	article := s.path("/en/article/%d", "bridge")

	// Signed in: the form is there with a CSRF token.
	_, doc, _ := s.get(ada, article)
	tok, ok := doc.Find(`#comments form input[name=csrf]`).Attr("value")
	if !ok || tok == "" {
		t.Fatal("no CSRF token in the comment form")
	}
	if got := doc.Find(".account strong").Text(); got != "ada" {
		t.Errorf("header shows %q signed in", got)
	}

	// Without the token: 403 and nothing stored.
	code, _, _ := s.post(ada, article+"/comments", url.Values{"body": {"First!"}})
	if code != http.StatusForbidden {
		t.Fatalf("comment without CSRF: %d", code)
	}
	code, _, _ = s.post(ada, article+"/comments", url.Values{"body": {"First!"}, "csrf": {"wrong"}})
	if code != http.StatusForbidden {
		t.Fatalf("comment with a wrong CSRF token: %d", code)
	}
	// Signed out: 403.
	code, _, _ = s.post(s.client(), article+"/comments", url.Values{"body": {"First!"}, "csrf": {tok}})
	if code != http.StatusForbidden {
		t.Fatalf("comment signed out: %d", code)
	}

	code, loc, body := s.post(ada, article+"/comments", url.Values{"body": {"A bridge at last."}, "csrf": {tok}})
	if code != http.StatusSeeOther || !strings.Contains(loc, "#comment-") {
		t.Fatalf("comment: %d %q\n%s", code, loc, body)
	}
	_, doc, _ = s.get(s.client(), article)
	if strings.Contains(doc.Find("#comments").Text(), "No comments yet") {
		t.Error("\"No comments yet\" with a comment")
	}
	first := doc.Find("#comments article.comment")
	if first.Length() != 1 || first.Find(".comment-body").Text() != "A bridge at last." || first.Find("strong").Text() != "ada" {
		t.Fatalf("comment not listed: %q", doc.Find("#comments").Text())
	}
	parentID := strings.TrimPrefix(first.AttrOr("id", ""), "comment-")

	// A reply is nested under its parent.
	code, _, body = s.post(ada, article+"/comments", url.Values{"body": {"Replying to myself."}, "csrf": {tok}, "parent": {parentID}})
	if code != http.StatusSeeOther {
		t.Fatalf("reply: %d\n%s", code, body)
	}
	_, doc, _ = s.get(s.client(), article)
	if got := doc.Find("#comments > ol > li > ol article.comment .comment-body").Text(); got != "Replying to myself." {
		t.Errorf("nested reply = %q", got)
	}

	// An empty comment re-shows the page with the error.
	code, _, body = s.post(ada, article+"/comments", url.Values{"body": {"   "}, "csrf": {tok}})
	if code != http.StatusBadRequest || !strings.Contains(body, "The comment is empty.") {
		t.Errorf("empty comment: %d", code)
	}

	// Spam is held, not shown, and waits on the admin page.
	code, loc, _ = s.post(ada, article+"/comments", url.Values{"body": {"Click here to buy now"}, "csrf": {tok}})
	if code != http.StatusSeeOther || !strings.Contains(loc, "posted=held") {
		t.Fatalf("spam comment: %d %q", code, loc)
	}
	_, doc, _ = s.get(s.client(), article)
	if strings.Contains(doc.Find("#comments").Text(), "Click here") {
		t.Error("held comment is shown")
	}

	// Sign out, then sign in again through the form.
	_, doc, _ = s.get(ada, "/en/")
	outTok, _ := doc.Find(`form[action="/signout"] input[name=csrf]`).Attr("value")
	if code, _, _ := s.post(ada, "/signout", url.Values{}); code != http.StatusForbidden {
		t.Errorf("sign out without CSRF: %d", code)
	}
	if code, _, _ := s.post(ada, "/signout", url.Values{"csrf": {outTok}}); code != http.StatusSeeOther {
		t.Errorf("sign out: %d", code)
	}
	_, doc, _ = s.get(ada, article)
	if doc.Find("#comments textarea").Length() != 0 {
		t.Fatal("still signed in after signing out")
	}
	_, doc, _ = s.get(ada, "/signin")
	formTok, _ := doc.Find(`form[action="/signin"] input[name=csrf]`).Attr("value")
	if code, _, body := s.post(ada, "/signin", url.Values{"csrf": {formTok}, "name": {"ada"}, "password": {"wrong password"}}); code != http.StatusForbidden || !strings.Contains(body, "Wrong user name or password.") {
		t.Errorf("wrong password: %d", code)
	}
	if code, _, body := s.post(ada, "/signin", url.Values{"csrf": {formTok}, "name": {"nobody"}, "password": {"wrong password"}}); code != http.StatusForbidden || !strings.Contains(body, "Wrong user name or password.") {
		t.Errorf("unknown user: %d", code)
	}
	code, loc, _ = s.post(ada, "/signin", url.Values{"csrf": {formTok}, "name": {"ada"}, "password": {"correct horse battery"}, "next": {article + "#comments"}})
	if code != http.StatusSeeOther || loc != article+"#comments" {
		t.Fatalf("sign in: %d %q", code, loc)
	}
	_, doc, _ = s.get(ada, article)
	if doc.Find("#comments form textarea#comment-body").Length() != 1 {
		t.Error("no comment form after signing in")
	}
}

func TestSignUpErrors(t *testing.T) {
	s := newSite(t)
	c := s.client()
	s.signUp(c, "grace", "correct horse battery")
	other := s.client()
	_, doc, _ := s.get(other, "/signup")
	tok, _ := doc.Find(`form[action="/signup"] input[name=csrf]`).Attr("value")
	tests := []struct {
		name, password string
		status         int
		msg            string
	}{
		{"Grace", "another password", http.StatusConflict, "is taken"},
		{"gr", "another password", http.StatusBadRequest, "3 to 32 characters"},
		{"bad name", "another password", http.StatusBadRequest, "only letters"},
		{"hopper", "short", http.StatusBadRequest, "at least 8 characters"},
	}
	for _, tt := range tests {
		code, _, body := s.post(other, "/signup", url.Values{"csrf": {tok}, "name": {tt.name}, "password": {tt.password}})
		if code != tt.status || !strings.Contains(body, tt.msg) {
			t.Errorf("sign up %q/%q: %d, want %d with %q", tt.name, tt.password, code, tt.status, tt.msg)
		}
	}
	// Without the form token nothing happens.
	code, _, _ := s.post(s.client(), "/signup", url.Values{"name": {"hopper"}, "password": {"long enough pw"}})
	if code != http.StatusForbidden {
		t.Errorf("sign up without token: %d", code)
	}
}

func TestAdmin(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	// Anonymous and ordinary readers are refused.
	if code, _, _ := s.get(s.client(), "/admin"); code != http.StatusForbidden {
		t.Errorf("anonymous admin: %d", code)
	}
	reader := s.client()
	s.signUp(reader, "reader", "correct horse battery")
	if code, _, _ := s.get(reader, "/admin"); code != http.StatusForbidden {
		t.Errorf("reader admin: %d", code)
	}
	_, doc, _ := s.get(reader, s.path("/en/article/%d", "bridge"))
	tok, _ := doc.Find(`#comments form input[name=csrf]`).Attr("value")
	if code, _, _ := s.post(reader, s.path("/en/article/%d", "bridge")+"/comments", url.Values{"csrf": {tok}, "body": {"FREE MONEY FOR EVERYONE WHO CLICKS THIS"}}); code != http.StatusSeeOther {
		t.Fatalf("held comment: %d", code)
	}
	if code, _, _ := s.post(reader, "/admin/comments", url.Values{"csrf": {tok}, "id": {"1"}, "action": {"approve"}}); code != http.StatusForbidden {
		t.Errorf("reader moderates: %d", code)
	}

	if _, err := s.auth.CreateUser(ctx, "boss", "", "correct horse battery", true); err != nil {
		t.Fatal(err)
	}
	admin := s.client()
	_, doc, _ = s.get(admin, "/signin")
	formTok, _ := doc.Find(`form[action="/signin"] input[name=csrf]`).Attr("value")
	if code, _, _ := s.post(admin, "/signin", url.Values{"csrf": {formTok}, "name": {"boss"}, "password": {"correct horse battery"}}); code != http.StatusSeeOther {
		t.Fatalf("admin sign in: %d", code)
	}
	srcs, err := s.store.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sub := news.Subscription{SourceID: srcs[0].ID, Hub: "https://hub.example/", Topic: srcs[0].FeedURL, Token: "tok-admin",
		State: news.SubDenied, LastError: "the hub refused: topic not allowed", RenewAt: time.Now().Add(time.Hour)}
	if err := s.store.PutSubscription(context.Background(), &sub); err != nil {
		t.Fatal(err)
	}
	code, doc, _ := s.get(admin, "/admin")
	if code != http.StatusOK {
		t.Fatalf("admin page: %d", code)
	}
	if txt := doc.Find("#src-h").Parent().Text(); !strings.Contains(txt, "denied") || !strings.Contains(txt, "topic not allowed") {
		t.Error("source health lacks the push subscription's state and error")
	}
	if got := doc.Find("#src-h").Parent().Find("tbody tr").Length(); got != 2 {
		t.Errorf("admin lists %d sources, want 2", got)
	}
	if !strings.Contains(doc.Find("#src-h").Parent().Text(), "HTTP 200") {
		t.Error("source health lacks the last status")
	}
	held := doc.Find("#mod-h").Parent().Find("tbody tr")
	if held.Length() != 1 || !strings.Contains(held.Text(), "FREE MONEY") {
		t.Fatalf("held comments: %q", held.Text())
	}
	id, _ := held.Find("input[name=id]").Attr("value")
	adminTok, _ := held.Find("input[name=csrf]").Attr("value")
	if code, _, _ := s.post(admin, "/admin/comments", url.Values{"id": {id}, "action": {"approve"}}); code != http.StatusForbidden {
		t.Errorf("moderation without CSRF: %d", code)
	}
	if code, loc, _ := s.post(admin, "/admin/comments", url.Values{"csrf": {adminTok}, "id": {id}, "action": {"approve"}}); code != http.StatusSeeOther || loc != "/admin" {
		t.Fatalf("approve: %d %q", code, loc)
	}
	_, doc, _ = s.get(s.client(), s.path("/en/article/%d", "bridge"))
	if !strings.Contains(doc.Find("#comments").Text(), "FREE MONEY") {
		t.Error("approved comment not shown")
	}
}

func TestBadInput(t *testing.T) {
	s := newSite(t)
	c := s.client()
	tests := []struct {
		path   string
		status int
	}{
		{"/xx/", http.StatusNotFound},
		{"/xx/article/1", http.StatusNotFound},
		{"/en/article/abc", http.StatusBadRequest},
		{"/en/article/-3", http.StatusBadRequest},
		{"/en/article/99999", http.StatusNotFound},
		{"/en/story/99999", http.StatusNotFound},
		{"/en/story/x", http.StatusBadRequest},
		{"/en/section/nope", http.StatusNotFound},
		{"/en/outlet/nope", http.StatusNotFound},
		{"/en/tag/nope", http.StatusNotFound},
		{"/no/such/page/here", http.StatusNotFound},
		{"/static/nope.css", http.StatusNotFound},
		{"/en/search?q=" + strings.Repeat("a", 300), http.StatusBadRequest},
	}
	for _, tt := range tests {
		code, doc, _ := s.get(c, tt.path)
		if code != tt.status {
			t.Errorf("GET %s = %d, want %d", tt.path, code, tt.status)
		}
		if doc.Find("main h1").Length() != 1 {
			t.Errorf("GET %s: no error page", tt.path)
		}
	}
}

func TestXSSEscaped(t *testing.T) {
	s := newSite(t)
	for _, p := range []string{s.path("/en/article/%d", "xss"), "/en/section/business", "/en/outlet/harbour-times"} {
		_, doc, body := s.get(s.client(), p)
		if strings.Contains(body, `<script>alert`) {
			t.Errorf("%s: script tag from a title is not escaped", p)
		}
		if !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s: escaped title missing", p)
		}
		doc.Find("script").Each(func(_ int, sc *goquery.Selection) {
			if src, _ := sc.Attr("src"); !strings.HasPrefix(src, "/static/app.js") {
				t.Errorf("%s: unexpected script %q", p, src)
			}
		})
	}
}

func TestListPages(t *testing.T) {
	s := newSite(t)
	c := s.client()
	tests := []struct {
		path, h1 string
		items    int
	}{
		{"/en/section/world", "World", 3},
		{"/en/outlet/valley-post", "Valley Post", 2},
		{"/en/tag/harbour-city", "#Harbour City", 1},
	}
	for _, tt := range tests {
		code, doc, _ := s.get(c, tt.path)
		if code != http.StatusOK {
			t.Errorf("%s: %d", tt.path, code)
			continue
		}
		if got := doc.Find("main h1").Text(); got != tt.h1 {
			t.Errorf("%s: h1 %q, want %q", tt.path, got, tt.h1)
		}
		if got := doc.Find("main ul.list > li").Length(); got != tt.items {
			t.Errorf("%s: %d articles, want %d", tt.path, got, tt.items)
		}
	}
	code, doc, _ := s.get(c, s.path("/en/story/%d", "story-bridge"))
	if code != http.StatusOK {
		t.Fatalf("story: %d", code)
	}
	tl := doc.Find("ol.timeline > li h3")
	if tl.Length() != 2 || !strings.Contains(tl.First().Text(), "City council") {
		t.Errorf("timeline %q, want oldest first", tl.Text())
	}
}

func TestSearch(t *testing.T) {
	s := newSite(t)
	code, doc, _ := s.get(s.client(), "/en/search?q=ferry")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	hits := doc.Find("main ul.list > li")
	if hits.Length() == 0 {
		t.Fatal("no hits for ferry")
	}
	if !strings.EqualFold(hits.First().Find("mark").First().Text(), "ferry") {
		t.Errorf("match not marked: %q", hits.First().Find(".excerpt").Text())
	}
	code, doc, _ = s.get(s.client(), "/en/search?q=zeppelin")
	if code != http.StatusOK || !strings.Contains(doc.Find("main").Text(), "Nothing matched") {
		t.Errorf("empty search: %d", code)
	}
}

func TestAppFiles(t *testing.T) {
	s := newSite(t)
	c := s.client()
	for _, tt := range []struct{ path, ctype, contains string }{
		{"/manifest.webmanifest", "application/manifest+json", `"display": "standalone"`},
		{"/sw.js", "text/javascript", "caches.match(\"/offline\")"},
		{"/offline", "text/html", "You are offline"},
	} {
		resp, err := c.Get(s.srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(string(b), tt.contains) {
			t.Errorf("%s: %d %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if strings.Contains(string(b), "__VERSION__") || strings.Contains(string(b), "__PRECACHE__") {
			t.Errorf("%s: placeholders left", tt.path)
		}
	}
	_, doc, _ := s.get(c, "/en/")
	css, _ := doc.Find(`link[rel=stylesheet]`).Attr("href")
	for _, p := range []string{css, "/static/icon-192.png", "/static/icon-512.png", "/static/icon.svg"} {
		resp, err := c.Get(s.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
}

// TestArticleGolden compares one rendered article page with a golden file.
func TestArticleGolden(t *testing.T) {
	s := newSite(t)
	_, _, body := s.get(s.client(), s.path("/en/article/%d", "bridge"))
	// Asset versions change with every stylesheet edit; ids are fixed by
	// the seed order.
	body = regexp.MustCompile(`\?v=[0-9a-f]+`).ReplaceAllString(body, "?v=VERSION")
	golden := filepath.Join("testdata", "article.golden.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if body != string(want) {
		t.Errorf("article page differs from %s; run with -update and review the diff", golden)
	}
}

func TestNewOptions(t *testing.T) {
	s := newSite(t)
	c := comment.New(s.store, comment.Options{})
	ed := []news.Edition{{Code: "en", Name: "English", Lang: "en"}}
	tests := []struct {
		name string
		o    web.Options
	}{
		{"no store", web.Options{Auth: s.auth, Comments: c, Editions: ed}},
		{"no auth", web.Options{Store: s.store, Comments: c, Editions: ed}},
		{"no comments", web.Options{Store: s.store, Auth: s.auth, Editions: ed}},
		{"no editions", web.Options{Store: s.store, Auth: s.auth, Comments: c}},
		{"duplicate edition", web.Options{Store: s.store, Auth: s.auth, Comments: c, Editions: append(ed, ed[0])}},
	}
	for _, tt := range tests {
		if _, err := web.New(tt.o); err == nil {
			t.Errorf("%s: New accepted the options", tt.name)
		}
	}
	if _, err := web.New(web.Options{Store: s.store, Auth: s.auth, Comments: c, Editions: ed}); err != nil {
		t.Errorf("minimal options: %v", err)
	}
}

func BenchmarkArticlePage(b *testing.B) {
	s := newSite(b)
	c := s.client()
	path := s.srv.URL + s.path("/en/article/%d", "bridge")
	for b.Loop() {
		resp, err := c.Get(path)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// TestFramePolicy checks that the site's Content-Security-Policy frames
// exactly the players the sanitizer lets through.
func TestFramePolicy(t *testing.T) {
	s := newSite(t)
	resp, err := s.client().Get(s.srv.URL + s.path("/en/article/%d", "bridge"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	want := "frame-src " + strings.Join(sanitize.FrameOrigins(), " ") + ";"
	if !strings.Contains(csp, want) {
		t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
	}
	for _, bad := range []string{"frame-src *", "frame-src https: ", "frame-src https:;", "'unsafe-inline'", "frame-ancestors *"} {
		if strings.Contains(csp, bad) {
			t.Errorf("Content-Security-Policy %q allows %q", csp, bad)
		}
	}
}
