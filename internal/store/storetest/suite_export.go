package storetest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// exported returns the checksums of every record a store exports, by kind
// and ID, and the order of kinds.
func exported(t *testing.T, s Store) (map[string][32]byte, []string) {
	t.Helper()
	sums := map[string][32]byte{}
	var kinds []string
	err := s.Export(t.Context(), func(r news.Record) error {
		sum, err := r.Checksum()
		if err != nil {
			return err
		}
		sums[r.Kind()+":"+itoa(r.ID())] = sum
		if len(kinds) == 0 || kinds[len(kinds)-1] != r.Kind() {
			kinds = append(kinds, r.Kind())
		}
		return nil
	})
	must(t, "Export", err)
	return sums, kinds
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// testExportImport fills a store, copies it into an empty one by Export
// and Import, twice, and checks that the copy holds the same records with
// the same IDs, works as a store, and gives new rows fresh IDs.
func testExportImport(t *testing.T, src, dst Store) {
	ctx := context.Background()
	a := newSource(t, src, 1)
	b := newSource(t, src, 2)
	must(t, "DeleteSource", src.DeleteSource(ctx, newSource(t, src, 3).ID)) // a gap in the IDs
	st := news.Story{Title: "Bridge closes", Section: "world", Lang: "en", Terms: map[string]float64{"bridg": 0.7, "close": 0.25}}
	must(t, "CreateStory", src.CreateStory(ctx, &st))
	first := newArticle(t, src, a, "bridge", t0, func(x *news.Article) {
		x.StoryID = st.ID
		x.Summary = []string{"The bridge closes."}
		x.KeyPoints = []string{"Six weeks", "Ferries run"}
		x.Hashtags = []news.Hashtag{{Slug: "old-harbour", Name: "Old Harbour", Kind: news.KindPlace}}
		x.Simhash = 1<<63 + 12345
		x.WireCredit = "Meridian Press Agency"
	})
	copyOf := newArticle(t, src, b, "bridge-copy", t0.Add(time.Hour), func(x *news.Article) {
		x.StoryID = st.ID
		x.DuplicateOf = first.ID
		x.Partial = true
	})
	st.LeadArticleID = first.ID
	must(t, "UpdateStory", src.UpdateStory(ctx, &st))
	newItems(t, src, b, b.HomeURL+"/pending") // an item still waiting
	u := news.User{Name: "Rita", Email: "rita@example.org", PasswordHash: "$argon2id$x", Admin: true}
	must(t, "CreateUser", src.CreateUser(ctx, &u))
	top := news.Comment{ArticleID: first.ID, UserID: u.ID, Body: "Good news for cyclists."}
	must(t, "AddComment", src.AddComment(ctx, &top))
	reply := news.Comment{ArticleID: first.ID, UserID: u.ID, ParentID: top.ID, Body: "Agreed.", Status: news.CommentHeld}
	must(t, "AddComment", src.AddComment(ctx, &reply))
	_, err := src.LearnTemplate(ctx, a.ID, "https://a.example/1", []uint64{1, 2, 1 << 62})
	must(t, "LearnTemplate", err)
	sub := news.Subscription{SourceID: a.ID, Hub: "https://hub.example/", Topic: a.FeedURL, Token: "tok-a", Secret: "s3cret",
		State: news.SubActive, LeaseUntil: t0.Add(48 * time.Hour), RenewAt: t0.Add(40 * time.Hour), VerifiedAt: t0,
		LastPushAt: t0.Add(time.Hour), LastError: "hub was slow once"}
	must(t, "PutSubscription", src.PutSubscription(ctx, &sub))

	want, kinds := exported(t, src)
	wantKinds := []string{"source", "user", "item", "story", "article", "comment", "template", "subscription", "story"}
	if len(kinds) != len(wantKinds) {
		t.Fatalf("export order %q, want %q", kinds, wantKinds)
	}
	for i := range kinds {
		if kinds[i] != wantKinds[i] {
			t.Fatalf("export order %q, want %q", kinds, wantKinds)
		}
	}
	for range 2 { // a second run must change nothing
		must(t, "Export into Import", src.Export(ctx, func(r news.Record) error { return dst.Import(ctx, r) }))
	}
	got, _ := exported(t, dst)
	if len(got) != len(want) {
		t.Errorf("copy has %d records, original %d", len(got), len(want))
	}
	for k, sum := range want {
		if got[k] != sum {
			t.Errorf("record %s differs in the copy", k)
		}
	}
	// The copy works as a store.
	ga, err := dst.Article(ctx, first.ID)
	must(t, "Article", err)
	if ga.SourceSlug != a.Slug || len(ga.Hashtags) != 1 || ga.StoryID != st.ID || ga.Simhash != first.Simhash {
		t.Errorf("copied article = %+v", ga)
	}
	gc, err := dst.Article(ctx, copyOf.ID)
	must(t, "Article", err)
	if gc.DuplicateOf != first.ID || !gc.Partial {
		t.Errorf("copied duplicate: duplicate of %d, partial %v", gc.DuplicateOf, gc.Partial)
	}
	gs, err := dst.Story(ctx, st.ID)
	must(t, "Story", err)
	if gs.LeadArticleID != first.ID || gs.ArticleCount != 2 || gs.Lead == nil {
		t.Errorf("copied story: lead %d, %d articles", gs.LeadArticleID, gs.ArticleCount)
	}
	comments, err := dst.Comments(ctx, first.ID, true)
	must(t, "Comments", err)
	if len(comments) != 2 || comments[1].ParentID != top.ID || comments[0].UserName != "Rita" {
		t.Errorf("copied comments = %+v", comments)
	}
	if gu, err := dst.UserByName(ctx, "rita"); err != nil || gu.PasswordHash != u.PasswordHash || !gu.Admin {
		t.Errorf("copied user = %+v, %v", gu, err)
	}
	// The hub's pushes still find their subscription, due for renewal
	// when it was.
	if gs, err := dst.SubscriptionByToken(ctx, "tok-a"); err != nil || gs.SourceID != a.ID || gs.Secret != sub.Secret || !gs.RenewAt.Equal(sub.RenewAt) {
		t.Errorf("copied subscription = %+v, %v", gs, err)
	}
	hits, err := dst.Search(ctx, "bridge", news.ArticleFilter{})
	must(t, "Search", err)
	if len(hits) == 0 {
		t.Error("the copy's search index does not know the copied articles")
	}
	tpl, err := dst.SourceTemplate(ctx, a.ID)
	if err != nil || tpl.Pages != 1 || tpl.Blocks[1<<62] != 1 {
		t.Errorf("copied template = %+v, %v", tpl, err)
	}
	claimed, err := dst.ClaimItems(ctx, time.Now(), lease, 10)
	must(t, "ClaimItems", err)
	if len(claimed) != 1 || claimed[0].URL != b.HomeURL+"/pending" {
		t.Errorf("copied queue gives %v, want the pending item", itemURLs(claimed))
	}
	// New rows get IDs after the copied ones.
	c := newSource(t, dst, 4)
	if c.ID <= b.ID {
		t.Errorf("new source in the copy got ID %d, not after the copied %d", c.ID, b.ID)
	}
	fresh := newArticle(t, dst, c, "fresh", t0, nil)
	if fresh.ID <= copyOf.ID {
		t.Errorf("new article in the copy got ID %d, not after the copied %d", fresh.ID, copyOf.ID)
	}
	nu := news.User{Name: "Sam"}
	must(t, "CreateUser", dst.CreateUser(ctx, &nu))
	if nu.ID <= u.ID {
		t.Errorf("new user got ID %d, not after the copied %d", nu.ID, u.ID)
	}
	ns := news.Story{Title: "Another"}
	must(t, "CreateStory", dst.CreateStory(ctx, &ns))
	if ns.ID <= st.ID {
		t.Errorf("new story got ID %d, not after the copied %d", ns.ID, st.ID)
	}
	nc := news.Comment{ArticleID: first.ID, UserID: nu.ID, Body: "Late."}
	must(t, "AddComment", dst.AddComment(ctx, &nc))
	if nc.ID <= reply.ID {
		t.Errorf("new comment got ID %d, not after the copied %d", nc.ID, reply.ID)
	}
}
