package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// checkArticle fails t unless got holds every stored field of want, with
// source name and slug filled in from src.
func checkArticle(t *testing.T, got, want news.Article, src news.Source) {
	t.Helper()
	type view struct {
		ID, SourceID, ItemID                         int64
		URL, CanonicalURL, Title, Byline             string
		Lang, Section, ImageURL, ImageCaption        string
		HTML, Text, Excerpt, ContentHash, WireCredit string
		Simhash                                      uint64
		DuplicateOf, StoryID                         int64
		Partial                                      bool
		Summary, KeyPoints                           []string
		Hashtags                                     []news.Hashtag
		SourceName, SourceSlug                       string
	}
	v := func(a news.Article) view {
		return view{a.ID, a.SourceID, a.ItemID, a.URL, a.CanonicalURL, a.Title, a.Byline,
			a.Lang, a.Section, a.ImageURL, a.ImageCaption, a.HTML, a.Text, a.Excerpt, a.ContentHash,
			a.WireCredit, a.Simhash, a.DuplicateOf, a.StoryID, a.Partial,
			emptyNil(a.Summary), emptyNil(a.KeyPoints), emptyNilTags(a.Hashtags), a.SourceName, a.SourceSlug}
	}
	want.SourceName, want.SourceSlug = src.Name, src.Slug
	if g, w := v(got), v(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("article\n got %+v\nwant %+v", g, w)
	}
	if !got.Published.Equal(want.Published) || !got.Updated.Equal(want.Updated) {
		t.Fatalf("article times published %v updated %v, want %v and %v", got.Published, got.Updated, want.Published, want.Updated)
	}
	if got.CreatedAt.Sub(want.CreatedAt).Abs() > time.Millisecond {
		t.Fatalf("article CreatedAt %v, want %v", got.CreatedAt, want.CreatedAt)
	}
}

// emptyNil maps an empty slice to nil so either reads as "none".
func emptyNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// emptyNilTags maps an empty slice to nil so either reads as "none".
func emptyNilTags(s []news.Hashtag) []news.Hashtag {
	if len(s) == 0 {
		return nil
	}
	return s
}

func testSaveArticle(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	st := news.Story{Title: "Harbour", Lang: "en"}
	must(t, "CreateStory", s.CreateStory(ctx, &st))
	orig := newArticle(t, s, src, "orig", t0, nil)
	it := newItems(t, s, src, "https://outlet01.example/full?utm=x")[0]
	start := time.Now()
	a := news.Article{
		SourceID: src.ID, ItemID: it.ID,
		URL:          "https://outlet01.example/full?utm=x",
		CanonicalURL: "https://outlet01.example/full",
		Title:        "Ferry service resumes after storm",
		Byline:       "Ann Writer",
		Published:    t0.Add(2 * time.Hour),
		Updated:      t0.Add(3 * time.Hour),
		Lang:         "en", Section: "business",
		ImageURL: "https://outlet01.example/ferry.jpg", ImageCaption: "The ferry at dawn",
		HTML:    "<p>The ferry runs again.</p><p>Crews cleared debris.</p>",
		Text:    "The ferry runs again.\n\nCrews cleared debris.",
		Excerpt: "The ferry runs again.", ContentHash: "c0ffee", Simhash: 1<<63 | 0xdeadbeef,
		DuplicateOf: orig.ID, StoryID: st.ID, WireCredit: "Reuters", Partial: true,
		Summary:   []string{"The ferry runs again.", "Crews cleared debris."},
		KeyPoints: []string{"Service resumed", "Debris cleared"},
		Hashtags: []news.Hashtag{
			{Slug: "harbour-ferries", Name: "Harbour Ferries", Kind: news.KindOrg},
			{Slug: "storm-ida", Name: "Storm Ida", Kind: news.KindTopic},
			{Slug: "port-town", Name: "Port Town", Kind: news.KindPlace},
		},
	}
	must(t, "SaveArticle", s.SaveArticle(ctx, &a))
	if a.ID == 0 || a.ID == orig.ID {
		t.Fatalf("SaveArticle set ID %d", a.ID)
	}
	recent(t, "CreatedAt", a.CreatedAt, start)
	got, err := s.Article(ctx, a.ID)
	must(t, "Article", err)
	checkArticle(t, got, a, src)
	item, err := s.Item(ctx, it.ID)
	must(t, "Item", err)
	if item.State != news.ItemDone {
		t.Fatalf("item of a saved article is %q, want done", item.State)
	}
	_, err = s.Article(ctx, a.ID+100)
	wantErr(t, "Article(missing)", err, news.ErrNotFound)
}

func testSaveArticleIdempotent(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	a := newArticle(t, s, src, "again", t0, func(a *news.Article) {
		a.Title, a.Text = "Pelicans return", "Pelicans return to the estuary."
		a.Hashtags = []news.Hashtag{{Slug: "pelicans", Name: "Pelicans", Kind: news.KindTopic}}
	})
	b := a
	b.ID, b.CreatedAt = 0, time.Time{}
	b.Title, b.Text = "Cormorants return", "Cormorants return to the estuary."
	b.Hashtags = []news.Hashtag{{Slug: "cormorants", Name: "Cormorants", Kind: news.KindTopic}}
	must(t, "SaveArticle again", s.SaveArticle(ctx, &b))
	if b.ID != a.ID {
		t.Fatalf("saving the same item again gave ID %d, want %d", b.ID, a.ID)
	}
	if b.CreatedAt.Sub(a.CreatedAt).Abs() > time.Millisecond {
		t.Fatalf("saving again changed CreatedAt from %v to %v", a.CreatedAt, b.CreatedAt)
	}
	got, err := s.Article(ctx, a.ID)
	must(t, "Article", err)
	checkArticle(t, got, b, src)
	if n := stats(t, s).Articles; n != 1 {
		t.Fatalf("Articles = %d after saving one item twice, want 1", n)
	}
	hits, err := s.Search(ctx, "pelicans", news.ArticleFilter{})
	must(t, "Search", err)
	if len(hits) != 0 {
		t.Fatalf("search finds the replaced text: %v", hitIDs(hits))
	}
	hits, err = s.Search(ctx, "cormorants", news.ArticleFilter{})
	must(t, "Search", err)
	sameIDs(t, "search for the new text", hitIDs(hits), ids(a))
	list, err := s.Articles(ctx, news.ArticleFilter{Hashtag: "pelicans"})
	must(t, "Articles", err)
	if len(list) != 0 {
		t.Fatalf("the replaced hashtag still lists %v", articleIDs(list))
	}
}

func testSaveArticleConflict(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	first := newArticle(t, s, src, "first", t0, func(a *news.Article) {
		a.CanonicalURL = "https://outlet01.example/canonical"
	})
	it := newItems(t, s, src, "https://outlet01.example/second")[0]
	second := news.Article{SourceID: src.ID, ItemID: it.ID, URL: it.URL,
		CanonicalURL: "https://outlet01.example/canonical", Title: "Second"}
	wantErr(t, "SaveArticle(taken canonical URL)", s.SaveArticle(ctx, &second), news.ErrConflict)
	got, err := s.Item(ctx, it.ID)
	must(t, "Item", err)
	if got.State != news.ItemPending {
		t.Fatalf("the refused article's item is %q, want still pending", got.State)
	}
	if n := stats(t, s).Articles; n != 1 {
		t.Fatalf("Articles = %d after a refused save, want 1", n)
	}
	// The same item may keep its own canonical URL on a re-save.
	again := first
	again.Title = "First, updated"
	must(t, "SaveArticle(same item)", s.SaveArticle(ctx, &again))
	if again.ID != first.ID {
		t.Fatalf("re-save gave ID %d, want %d", again.ID, first.ID)
	}
}

func testSaveArticleInvalid(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	it := newItems(t, s, src, "https://outlet01.example/x")[0]
	tests := []struct {
		name string
		a    news.Article
	}{
		{"missing source", news.Article{SourceID: src.ID + 100, URL: "https://outlet01.example/y", Title: "Y"}},
		{"missing item", news.Article{SourceID: src.ID, ItemID: it.ID + 100, URL: "https://outlet01.example/z", Title: "Z"}},
		{"no URL", news.Article{SourceID: src.ID, ItemID: it.ID, Title: "No URL"}},
	}
	for _, tc := range tests {
		a := tc.a
		wantErr(t, "SaveArticle("+tc.name+")", s.SaveArticle(ctx, &a), news.ErrInvalid)
	}
	if n := stats(t, s).Articles; n != 0 {
		t.Fatalf("Articles = %d after refused saves, want 0", n)
	}
}

func testArticleLookups(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	a := newArticle(t, s, src, "a?ref=feed", t0, func(a *news.Article) {
		a.CanonicalURL = "https://outlet01.example/a"
		a.ContentHash = "same-body"
	})
	b := newArticle(t, s, src, "b", t0.Add(-time.Hour), func(a *news.Article) { a.ContentHash = "same-body" })
	tests := []struct {
		name string
		url  string
		want int64
	}{
		{"canonical", "https://outlet01.example/a", a.ID},
		{"url", "https://outlet01.example/a?ref=feed", a.ID},
		{"other", b.URL, b.ID},
	}
	for _, tc := range tests {
		got, err := s.ArticleByURL(ctx, tc.url)
		must(t, "ArticleByURL "+tc.name, err)
		if got.ID != tc.want || got.SourceName != src.Name {
			t.Fatalf("ArticleByURL(%s) = ID %d source %q, want %d %q", tc.url, got.ID, got.SourceName, tc.want, src.Name)
		}
	}
	_, err := s.ArticleByURL(ctx, "https://outlet01.example/none")
	wantErr(t, "ArticleByURL(missing)", err, news.ErrNotFound)
	got, err := s.ArticleByHash(ctx, "same-body")
	must(t, "ArticleByHash", err)
	if got.ID != a.ID {
		t.Fatalf("ArticleByHash = %d, want the earliest stored, %d", got.ID, a.ID)
	}
	_, err = s.ArticleByHash(ctx, "other-body")
	wantErr(t, "ArticleByHash(missing)", err, news.ErrNotFound)
}

func testArticlesFilters(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src1, src2 := newSource(t, s, 1), newSource(t, s, 2)
	st := news.Story{Title: "Bridge"}
	must(t, "CreateStory", s.CreateStory(ctx, &st))
	tag := func(slug string) []news.Hashtag {
		return []news.Hashtag{{Slug: slug, Name: slug, Kind: news.KindTopic}}
	}
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	a1 := newArticle(t, s, src1, "a1", h(1), func(a *news.Article) { a.Hashtags = tag("bridges"); a.StoryID = st.ID })
	a2 := newArticle(t, s, src1, "a2", h(2), func(a *news.Article) { a.Lang, a.Section = "de", "business" })
	a3 := newArticle(t, s, src2, "a3", h(3), func(a *news.Article) {
		a.Hashtags = tag("bridges")
		a.StoryID = st.ID
		a.DuplicateOf = a1.ID
	})
	a4 := newArticle(t, s, src2, "a4", h(3), func(a *news.Article) { a.Section = "business" })
	a5 := newArticle(t, s, src2, "a5", h(5), nil)

	tests := []struct {
		name string
		f    news.ArticleFilter
		want []news.Article
	}{
		{"all newest first, ties by ID", news.ArticleFilter{}, []news.Article{a5, a4, a3, a2, a1}},
		{"lang", news.ArticleFilter{Lang: "de"}, []news.Article{a2}},
		{"section", news.ArticleFilter{Section: "business"}, []news.Article{a4, a2}},
		{"source", news.ArticleFilter{SourceID: src1.ID}, []news.Article{a2, a1}},
		{"story", news.ArticleFilter{StoryID: st.ID}, []news.Article{a3, a1}},
		{"hashtag", news.ArticleFilter{Hashtag: "bridges"}, []news.Article{a3, a1}},
		{"before", news.ArticleFilter{Before: h(3)}, []news.Article{a2, a1}},
		{"since", news.ArticleFilter{Since: h(3)}, []news.Article{a5, a4, a3}},
		{"originals", news.ArticleFilter{Originals: true}, []news.Article{a5, a4, a2, a1}},
		{"limit", news.ArticleFilter{Limit: 2}, []news.Article{a5, a4}},
		{"combined", news.ArticleFilter{Lang: "en", Section: "world", SourceID: src2.ID, Originals: true}, []news.Article{a5}},
		{"nothing", news.ArticleFilter{Hashtag: "none"}, nil},
	}
	for _, tc := range tests {
		got, err := s.Articles(ctx, tc.f)
		must(t, "Articles "+tc.name, err)
		sameIDs(t, "Articles "+tc.name, articleIDs(got), articleIDs(tc.want))
	}
	got, err := s.Articles(ctx, news.ArticleFilter{Hashtag: "bridges"})
	must(t, "Articles", err)
	for _, a := range got {
		if len(a.Hashtags) != 1 || a.Hashtags[0].Slug != "bridges" || a.SourceName == "" || a.SourceSlug == "" {
			t.Fatalf("listed article lacks hashtags or source: %+v", a)
		}
	}
}

func testArticlesDefaultLimit(t *testing.T, s Store) {
	src := newSource(t, s, 1)
	urls := make([]string, 55)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://outlet01.example/n%d", i)
	}
	items := newItems(t, s, src, urls...)
	for i, it := range items {
		a := news.Article{SourceID: src.ID, ItemID: it.ID, URL: it.URL, Title: it.Title,
			Published: t0.Add(time.Duration(i) * time.Minute)}
		must(t, "SaveArticle", s.SaveArticle(t.Context(), &a))
	}
	got, err := s.Articles(t.Context(), news.ArticleFilter{})
	must(t, "Articles", err)
	if len(got) != 50 {
		t.Fatalf("Articles with no limit listed %d, want the default 50", len(got))
	}
	if !got[0].Published.Equal(t0.Add(54 * time.Minute)) {
		t.Fatalf("newest listed is from %v, want %v", got[0].Published, t0.Add(54*time.Minute))
	}
	// Paging with Before continues where the first page ended.
	next, err := s.Articles(t.Context(), news.ArticleFilter{Before: got[len(got)-1].Published})
	must(t, "Articles page 2", err)
	if len(next) != 5 || slices.ContainsFunc(next, func(a news.Article) bool { return slices.Contains(articleIDs(got), a.ID) }) {
		t.Fatalf("second page has %d articles overlapping the first, want 5 new ones", len(next))
	}
}
