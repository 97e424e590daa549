package comment_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsdesk/internal/comment"
	"newsdesk/internal/news"
	"newsdesk/internal/store/sqlite"
)

// setup opens a store with one user and two articles.
func setup(t *testing.T, now *time.Time) (*comment.Service, news.User, [2]int64) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	src := news.Source{Name: "Harbour Times", Slug: "harbour", FeedURL: "https://harbour.example/feed"}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	items := []news.Item{{SourceID: src.ID, GUID: "a", URL: "https://harbour.example/a"}, {SourceID: src.ID, GUID: "b", URL: "https://harbour.example/b"}}
	if _, err := st.SaveFeedItems(ctx, src.ID, items, news.FeedState{}); err != nil {
		t.Fatal(err)
	}
	claimed, err := st.ClaimItems(ctx, *now, time.Minute, 10)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claimed %d items: %v", len(claimed), err)
	}
	var ids [2]int64
	for i, it := range claimed {
		a := news.Article{SourceID: src.ID, ItemID: it.ID, URL: it.URL, CanonicalURL: it.URL, Title: "T " + it.GUID, Lang: "en", ContentHash: it.GUID, Published: *now}
		if err := st.SaveArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		ids[i] = a.ID
	}
	u := news.User{Name: "ada", PasswordHash: "x"}
	if err := st.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	svc := comment.New(st, comment.Options{PerMinute: 3, Now: func() time.Time { return *now }})
	return svc, u, ids
}

func TestPost(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, u, art := setup(t, &now)
	ctx := context.Background()

	c, err := svc.Post(ctx, u, art[0], 0, "  A fair point.  ")
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.Body != "A fair point." || c.Status != news.CommentVisible {
		t.Fatalf("comment %+v", c)
	}
	tests := []struct {
		name    string
		article int64
		parent  int64
		body    string
		kind    error
		msg     string
	}{
		{"empty", art[0], 0, " \n\t ", news.ErrInvalid, "empty"},
		{"too long", art[0], 0, strings.Repeat("a ", 2501), news.ErrInvalid, "limit is 5000"},
		{"parent elsewhere", art[1], c.ID, "reply", news.ErrInvalid, "not on this article"},
		{"missing parent", art[0], 99999, "reply", news.ErrInvalid, "not on this article"},
	}
	for _, tt := range tests {
		_, err := svc.Post(ctx, u, tt.article, tt.parent, tt.body)
		if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v, want %v with %q", tt.name, err, tt.kind, tt.msg)
		}
	}
	reply, err := svc.Post(ctx, u, art[0], c.ID, "Agreed.")
	if err != nil || reply.ParentID != c.ID {
		t.Fatalf("reply %+v %v", reply, err)
	}
	spam, err := svc.Post(ctx, u, art[1], 0, "Great post, click here for free money")
	if err != nil || spam.Status != news.CommentHeld {
		t.Fatalf("spam %+v %v", spam, err)
	}
	// Three posted in this minute: the fourth is refused with a reason.
	_, err = svc.Post(ctx, u, art[1], 0, "One more thing.")
	if !errors.Is(err, news.ErrForbidden) || !strings.Contains(err.Error(), "wait") {
		t.Fatalf("fast fourth comment: %v", err)
	}
	now = now.Add(2 * time.Minute)
	if _, err := svc.Post(ctx, u, art[1], 0, "One more thing."); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
	if _, err := svc.Post(ctx, news.User{}, art[1], 0, "anonymous"); !errors.Is(err, news.ErrForbidden) {
		t.Errorf("anonymous comment: %v", err)
	}
}
