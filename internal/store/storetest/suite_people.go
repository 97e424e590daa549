package storetest

import (
	"reflect"
	"testing"
	"time"

	"newsdesk/internal/news"
)

func testStories(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src1, src2 := newSource(t, s, 1), newSource(t, s, 2)
	st := news.Story{Title: "Dam repairs", Section: "world", Lang: "en",
		Terms: map[string]float64{"dam": 0.8, "repair": 0.5}}
	must(t, "CreateStory", s.CreateStory(ctx, &st))
	if st.ID == 0 {
		t.Fatal("CreateStory left ID zero")
	}
	empty, err := s.Story(ctx, st.ID)
	must(t, "Story", err)
	if empty.ArticleCount != 0 || empty.SourceCount != 0 || empty.Lead != nil || !empty.LastPublished.IsZero() {
		t.Fatalf("story without articles = %+v, want zero counts and no lead", empty)
	}
	a1 := newArticle(t, s, src1, "d1", t0, func(a *news.Article) { a.StoryID = st.ID })
	a2 := newArticle(t, s, src1, "d2", t0.Add(2*time.Hour), nil)
	a3 := newArticle(t, s, src2, "d3", t0.Add(time.Hour), nil)
	must(t, "SetArticleStory", s.SetArticleStory(ctx, a2.ID, st.ID))
	must(t, "SetArticleStory", s.SetArticleStory(ctx, a3.ID, st.ID))
	st.LeadArticleID = a3.ID
	st.Title = "Dam repairs finish"
	st.Terms = map[string]float64{"dam": 0.9}
	must(t, "UpdateStory", s.UpdateStory(ctx, &st))

	got, err := s.Story(ctx, st.ID)
	must(t, "Story", err)
	if got.Title != "Dam repairs finish" || got.Section != "world" || got.Lang != "en" ||
		got.ArticleCount != 3 || got.SourceCount != 2 ||
		!got.FirstPublished.Equal(t0) || !got.LastPublished.Equal(t0.Add(2*time.Hour)) ||
		got.LeadArticleID != a3.ID || !reflect.DeepEqual(got.Terms, st.Terms) {
		t.Fatalf("Story = %+v, want the update with 3 articles from 2 sources, %v to %v", got, t0, t0.Add(2*time.Hour))
	}
	if got.Lead == nil || got.Lead.ID != a3.ID || got.Lead.Title != a3.Title || got.Lead.SourceName != src2.Name {
		t.Fatalf("Story lead = %+v, want article %d", got.Lead, a3.ID)
	}

	// Moving an article out changes the derived counts.
	other := news.Story{Title: "Other"}
	must(t, "CreateStory", s.CreateStory(ctx, &other))
	must(t, "SetArticleStory", s.SetArticleStory(ctx, a2.ID, other.ID))
	got, err = s.Story(ctx, st.ID)
	must(t, "Story", err)
	if got.ArticleCount != 2 || !got.LastPublished.Equal(t0.Add(time.Hour)) {
		t.Fatalf("after moving an article out: %d articles, last %v; want 2, %v", got.ArticleCount, got.LastPublished, t0.Add(time.Hour))
	}
	list, err := s.Articles(ctx, news.ArticleFilter{StoryID: other.ID})
	must(t, "Articles", err)
	sameIDs(t, "articles of the other story", articleIDs(list), ids(a2))
	a, err := s.Article(ctx, a1.ID)
	must(t, "Article", err)
	if a.StoryID != st.ID {
		t.Fatalf("article StoryID = %d, want %d", a.StoryID, st.ID)
	}

	_, err = s.Story(ctx, other.ID+100)
	wantErr(t, "Story(missing)", err, news.ErrNotFound)
	missing := news.Story{ID: other.ID + 100, Title: "x"}
	wantErr(t, "UpdateStory(missing)", s.UpdateStory(ctx, &missing), news.ErrNotFound)
	wantErr(t, "SetArticleStory(missing article)", s.SetArticleStory(ctx, a3.ID+100, st.ID), news.ErrNotFound)
	wantErr(t, "SetArticleStory(missing story)", s.SetArticleStory(ctx, a3.ID, other.ID+100), news.ErrNotFound)
}

func testStoriesList(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src1, src2 := newSource(t, s, 1), newSource(t, s, 2)
	mk := func(title, section, lang string) news.Story {
		st := news.Story{Title: title, Section: section, Lang: lang}
		must(t, "CreateStory", s.CreateStory(ctx, &st))
		return st
	}
	world := mk("World story", "world", "en")
	biz := mk("Business story", "business", "en")
	de := mk("Deutsche Geschichte", "world", "de")
	mk("Story without articles", "world", "en")
	in := func(st news.Story) func(*news.Article) { return func(a *news.Article) { a.StoryID = st.ID } }
	newArticle(t, s, src1, "w1", t0, in(world))
	newArticle(t, s, src2, "w2", t0.Add(5*time.Hour), in(world))
	newArticle(t, s, src1, "b1", t0.Add(3*time.Hour), in(biz))
	newArticle(t, s, src2, "g1", t0.Add(4*time.Hour), func(a *news.Article) { a.StoryID, a.Lang = de.ID, "de" })

	tests := []struct {
		name string
		f    news.StoryFilter
		want []int64
	}{
		{"all by latest article", news.StoryFilter{}, []int64{world.ID, de.ID, biz.ID}},
		{"lang", news.StoryFilter{Lang: "en"}, []int64{world.ID, biz.ID}},
		{"section", news.StoryFilter{Section: "world"}, []int64{world.ID, de.ID}},
		{"since", news.StoryFilter{Since: t0.Add(4 * time.Hour)}, []int64{world.ID, de.ID}},
		{"limit", news.StoryFilter{Limit: 1}, []int64{world.ID}},
	}
	for _, tc := range tests {
		got, err := s.Stories(ctx, tc.f)
		must(t, "Stories "+tc.name, err)
		gotIDs := make([]int64, len(got))
		for i, st := range got {
			gotIDs[i] = st.ID
			if st.Lead == nil || st.ArticleCount == 0 {
				t.Fatalf("Stories %s: story %d lacks lead or counts: %+v", tc.name, st.ID, st)
			}
		}
		sameIDs(t, "Stories "+tc.name, gotIDs, tc.want)
	}
	got, err := s.Stories(ctx, news.StoryFilter{Lang: "en", Section: "world"})
	must(t, "Stories", err)
	if len(got) != 1 || got[0].ArticleCount != 2 || got[0].SourceCount != 2 ||
		!got[0].FirstPublished.Equal(t0) || !got[0].LastPublished.Equal(t0.Add(5*time.Hour)) {
		t.Fatalf("Stories(en, world) = %+v, want the world story with 2 articles from 2 sources", got)
	}
}

func testHashtags(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	tag := func(slug, name string, kind news.HashtagKind) news.Hashtag {
		return news.Hashtag{Slug: slug, Name: name, Kind: kind}
	}
	merkel := tag("angela-merkel", "Angela Merkel", news.KindPerson)
	berlin := tag("berlin", "Berlin", news.KindPlace)
	un := tag("united-nations", "United Nations", news.KindOrg)
	with := func(lang string, tags ...news.Hashtag) func(*news.Article) {
		return func(a *news.Article) { a.Lang, a.Hashtags = lang, tags }
	}
	newArticle(t, s, src, "h1", t0, with("en", merkel, berlin))
	newArticle(t, s, src, "h2", t0.Add(time.Hour), with("en", berlin, un))
	newArticle(t, s, src, "h3", t0.Add(2*time.Hour), with("de", berlin, merkel))
	newArticle(t, s, src, "h4", t0.Add(-48*time.Hour), with("en", un, un))

	got, err := s.Hashtag(ctx, "angela-merkel")
	must(t, "Hashtag", err)
	if got != merkel {
		t.Fatalf("Hashtag = %+v, want %+v", got, merkel)
	}
	_, err = s.Hashtag(ctx, "nobody")
	wantErr(t, "Hashtag(missing)", err, news.ErrNotFound)

	count := func(h news.Hashtag, n int) news.HashtagCount { return news.HashtagCount{Hashtag: h, Count: n} }
	tests := []struct {
		name  string
		lang  string
		since time.Time
		limit int
		want  []news.HashtagCount
	}{
		{"all time", "", time.Time{}, 10, []news.HashtagCount{count(berlin, 3), count(merkel, 2), count(un, 2)}},
		{"since", "", t0, 10, []news.HashtagCount{count(berlin, 3), count(merkel, 2), count(un, 1)}},
		{"lang", "en", t0, 10, []news.HashtagCount{count(berlin, 2), count(merkel, 1), count(un, 1)}},
		{"limit", "", t0, 1, []news.HashtagCount{count(berlin, 3)}},
		{"nothing", "fr", time.Time{}, 10, nil},
	}
	for _, tc := range tests {
		got, err := s.TopHashtags(ctx, tc.lang, tc.since, tc.limit)
		must(t, "TopHashtags "+tc.name, err)
		if len(got) != len(tc.want) || (len(got) > 0 && !reflect.DeepEqual(got, tc.want)) {
			t.Fatalf("TopHashtags %s = %+v, want %+v", tc.name, got, tc.want)
		}
	}
	list, err := s.Articles(ctx, news.ArticleFilter{Hashtag: "united-nations"})
	must(t, "Articles", err)
	if len(list) != 2 {
		t.Fatalf("articles tagged united-nations: %d, want 2", len(list))
	}
	for _, a := range list {
		if a.Title == "Story h4" && len(a.Hashtags) != 1 {
			t.Fatalf("a hashtag given twice is stored twice: %+v", a.Hashtags)
		}
	}
}

func testComments(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	art := newArticle(t, s, src, "c", t0, nil)
	alice := news.User{Name: "Alice"}
	bob := news.User{Name: "bob"}
	must(t, "CreateUser", s.CreateUser(ctx, &alice))
	must(t, "CreateUser", s.CreateUser(ctx, &bob))
	cs, err := s.Comments(ctx, art.ID, true)
	must(t, "Comments", err)
	if len(cs) != 0 {
		t.Fatalf("new article has comments %+v", cs)
	}
	start := time.Now()
	top := news.Comment{ArticleID: art.ID, UserID: alice.ID, Body: "First!"}
	must(t, "AddComment", s.AddComment(ctx, &top))
	if top.ID == 0 {
		t.Fatal("AddComment left ID zero")
	}
	recent(t, "comment CreatedAt", top.CreatedAt, start)
	reply := news.Comment{ArticleID: art.ID, ParentID: top.ID, UserID: bob.ID, Body: "Welcome.", Status: news.CommentVisible}
	must(t, "AddComment", s.AddComment(ctx, &reply))
	held := news.Comment{ArticleID: art.ID, ParentID: top.ID, UserID: bob.ID, Body: "Buy pills", Status: news.CommentHeld}
	must(t, "AddComment", s.AddComment(ctx, &held))

	visible, err := s.Comments(ctx, art.ID, false)
	must(t, "Comments", err)
	if len(visible) != 2 || visible[0].ID != top.ID || visible[1].ID != reply.ID {
		t.Fatalf("visible comments %+v, want the first and the reply", visible)
	}
	if visible[0].UserName != "Alice" || visible[1].UserName != "bob" || visible[1].ParentID != top.ID ||
		visible[0].ParentID != 0 || visible[0].Body != "First!" || visible[0].Status != news.CommentVisible ||
		visible[0].ArticleID != art.ID || visible[1].UserID != bob.ID {
		t.Fatalf("comments lack fields: %+v", visible)
	}
	all, err := s.Comments(ctx, art.ID, true)
	must(t, "Comments(all)", err)
	if len(all) != 3 || all[2].ID != held.ID || all[2].Status != news.CommentHeld {
		t.Fatalf("all comments %+v, want three with the held one last", all)
	}
	queue, err := s.CommentsByStatus(ctx, news.CommentHeld, 10)
	must(t, "CommentsByStatus", err)
	if len(queue) != 1 || queue[0].ID != held.ID || queue[0].UserName != "bob" {
		t.Fatalf("held comments %+v, want the held one", queue)
	}
	must(t, "SetCommentStatus", s.SetCommentStatus(ctx, held.ID, news.CommentRemoved))
	queue, err = s.CommentsByStatus(ctx, news.CommentHeld, 10)
	must(t, "CommentsByStatus", err)
	if len(queue) != 0 {
		t.Fatalf("held comments after removal %+v, want none", queue)
	}
	removed, err := s.CommentsByStatus(ctx, news.CommentRemoved, 10)
	must(t, "CommentsByStatus", err)
	if len(removed) != 1 || removed[0].ID != held.ID {
		t.Fatalf("removed comments %+v, want the spam", removed)
	}
	visible, err = s.Comments(ctx, art.ID, false)
	must(t, "Comments", err)
	if len(visible) != 2 {
		t.Fatalf("visible comments after removal: %d, want 2", len(visible))
	}

	n, err := s.CountRecentComments(ctx, bob.ID, start.Add(-time.Minute))
	must(t, "CountRecentComments", err)
	if n != 2 {
		t.Fatalf("bob's recent comments = %d, want 2", n)
	}
	n, err = s.CountRecentComments(ctx, bob.ID, time.Now().Add(time.Hour))
	must(t, "CountRecentComments", err)
	if n != 0 {
		t.Fatalf("bob's comments after an hour from now = %d, want 0", n)
	}
}

func testCommentErrors(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	a1 := newArticle(t, s, src, "e1", t0, nil)
	a2 := newArticle(t, s, src, "e2", t0, nil)
	u := news.User{Name: "carol"}
	must(t, "CreateUser", s.CreateUser(ctx, &u))
	onA1 := news.Comment{ArticleID: a1.ID, UserID: u.ID, Body: "On one"}
	must(t, "AddComment", s.AddComment(ctx, &onA1))
	tests := []struct {
		name string
		c    news.Comment
	}{
		{"missing article", news.Comment{ArticleID: a2.ID + 100, UserID: u.ID, Body: "x"}},
		{"parent on another article", news.Comment{ArticleID: a2.ID, ParentID: onA1.ID, UserID: u.ID, Body: "x"}},
		{"missing parent", news.Comment{ArticleID: a1.ID, ParentID: onA1.ID + 100, UserID: u.ID, Body: "x"}},
		{"missing user", news.Comment{ArticleID: a1.ID, UserID: u.ID + 100, Body: "x"}},
		{"empty body", news.Comment{ArticleID: a1.ID, UserID: u.ID, Body: "  "}},
		{"unknown status", news.Comment{ArticleID: a1.ID, UserID: u.ID, Body: "x", Status: "pinned"}},
	}
	for _, tc := range tests {
		c := tc.c
		wantErr(t, "AddComment("+tc.name+")", s.AddComment(ctx, &c), news.ErrInvalid)
	}
	if n := stats(t, s).Comments; n != 1 {
		t.Fatalf("Comments = %d after refused ones, want 1", n)
	}
	wantErr(t, "SetCommentStatus(missing)", s.SetCommentStatus(ctx, onA1.ID+100, news.CommentRemoved), news.ErrNotFound)
	wantErr(t, "SetCommentStatus(bad status)", s.SetCommentStatus(ctx, onA1.ID, "pinned"), news.ErrInvalid)
}

func testUsers(t *testing.T, s Store) {
	ctx := ctxOf(t)
	start := time.Now()
	u := news.User{Name: "Zoë", Email: "zoe@example.org", PasswordHash: "$argon2id$v=19$x", Admin: true}
	must(t, "CreateUser", s.CreateUser(ctx, &u))
	if u.ID == 0 {
		t.Fatal("CreateUser left ID zero")
	}
	recent(t, "user CreatedAt", u.CreatedAt, start)
	got, err := s.User(ctx, u.ID)
	must(t, "User", err)
	if got.ID != u.ID || got.Name != u.Name || got.Email != u.Email || got.PasswordHash != u.PasswordHash ||
		!got.Admin || got.CreatedAt.Sub(u.CreatedAt).Abs() > time.Millisecond {
		t.Fatalf("User = %+v, want %+v", got, u)
	}
	for _, name := range []string{"Zoë", "zoë", "ZOË"} {
		got, err := s.UserByName(ctx, name)
		must(t, "UserByName "+name, err)
		if got.ID != u.ID || got.Name != "Zoë" {
			t.Fatalf("UserByName(%q) = %+v, want %d named Zoë", name, got, u.ID)
		}
		dup := news.User{Name: name}
		wantErr(t, "CreateUser("+name+")", s.CreateUser(ctx, &dup), news.ErrConflict)
	}
	plain := news.User{Name: "zoe"}
	must(t, "CreateUser(zoe)", s.CreateUser(ctx, &plain))
	if plain.ID == u.ID {
		t.Fatal("zoe and Zoë share an ID")
	}
	_, err = s.UserByName(ctx, "nobody")
	wantErr(t, "UserByName(missing)", err, news.ErrNotFound)
	_, err = s.User(ctx, plain.ID+100)
	wantErr(t, "User(missing)", err, news.ErrNotFound)
	empty := news.User{Name: ""}
	wantErr(t, "CreateUser(empty)", s.CreateUser(ctx, &empty), news.ErrInvalid)
	if n := stats(t, s).Users; n != 2 {
		t.Fatalf("Users = %d, want 2", n)
	}
}

func testSessions(t *testing.T, s Store) {
	ctx := ctxOf(t)
	u := news.User{Name: "dave"}
	must(t, "CreateUser", s.CreateUser(ctx, &u))
	now := time.Now().UTC().Truncate(time.Second)
	sess := news.Session{Token: "hash-1", UserID: u.ID, CSRF: "csrf-1", ExpiresAt: now.Add(time.Hour)}
	must(t, "CreateSession", s.CreateSession(ctx, sess))
	other := news.Session{Token: "hash-2", UserID: u.ID, CSRF: "csrf-2", ExpiresAt: now.Add(2 * time.Hour)}
	must(t, "CreateSession", s.CreateSession(ctx, other))
	got, err := s.Session(ctx, "hash-1", now)
	must(t, "Session", err)
	if got.Token != sess.Token || got.UserID != u.ID || got.CSRF != "csrf-1" || !got.ExpiresAt.Equal(sess.ExpiresAt) {
		t.Fatalf("Session = %+v, want %+v", got, sess)
	}
	for _, at := range []time.Time{now.Add(time.Hour), now.Add(90 * time.Minute)} {
		_, err = s.Session(ctx, "hash-1", at)
		wantErr(t, "Session(expired at "+at.Sub(now).String()+")", err, news.ErrNotFound)
	}
	_, err = s.Session(ctx, "hash-2", now.Add(90*time.Minute))
	must(t, "Session(other)", err)
	_, err = s.Session(ctx, "unknown", now)
	wantErr(t, "Session(unknown)", err, news.ErrNotFound)
	wantErr(t, "CreateSession(same token)", s.CreateSession(ctx, sess), news.ErrConflict)
	wantErr(t, "CreateSession(missing user)", s.CreateSession(ctx,
		news.Session{Token: "hash-3", UserID: u.ID + 100, ExpiresAt: now.Add(time.Hour)}), news.ErrInvalid)

	must(t, "DeleteSession", s.DeleteSession(ctx, "hash-1"))
	_, err = s.Session(ctx, "hash-1", now)
	wantErr(t, "Session(deleted)", err, news.ErrNotFound)
	must(t, "DeleteSession(again)", s.DeleteSession(ctx, "hash-1"))
	if _, err := s.Session(ctx, "hash-2", now); err != nil {
		t.Fatalf("deleting one session removed another: %v", err)
	}
}
