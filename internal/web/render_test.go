package web

import (
	"errors"
	"fmt"
	"html/template"
	"testing"
	"time"

	"newsdesk/internal/news"
)

func TestMarkSnippet(t *testing.T) {
	tests := []struct {
		in   string
		want template.HTML
	}{
		{"plain text", "plain text"},
		{"the \ue000harbour\ue001 plan", "the <mark>harbour</mark> plan"},
		{"<script>\ue000x\ue001</script>", "&lt;script&gt;<mark>x</mark>&lt;/script&gt;"},
		{"a \ue001stray end", "a stray end"},
		{"\ue000open to the end", "<mark>open to the end</mark>"},
		{"\ue000a\ue000b\ue001", "<mark>ab</mark>"},
		{"Tom & \"Jerry\"", "Tom &amp; &#34;Jerry&#34;"},
	}
	for _, tt := range tests {
		if got := markSnippet(tt.in); got != tt.want {
			t.Errorf("markSnippet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAgo(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	s := &server{now: func() time.Time { return now }}
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, ""},
		{now.Add(-10 * time.Second), "just now"},
		{now.Add(-1 * time.Minute), "1 minute ago"},
		{now.Add(-59 * time.Minute), "59 minutes ago"},
		{now.Add(-5 * time.Hour), "5 hours ago"},
		{now.Add(-72 * time.Hour), "3 days ago"},
		{now.Add(-60 * 24 * time.Hour), "9 Jan 2026"},
		{now.Add(time.Hour), "just now"},
	}
	for _, tt := range tests {
		if got := s.ago(tt.t); got != tt.want {
			t.Errorf("ago(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestPublicMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("auth: user name must be 3 to 32 characters long: %w", news.ErrInvalid), "User name must be 3 to 32 characters long."},
		{fmt.Errorf("auth: the name %q is taken: %w", "ada", news.ErrConflict), "The name \"ada\" is taken."},
		{fmt.Errorf("comment: on article 3: sqlite: insert: %w", news.ErrInvalid), "That input is not valid."},
		{fmt.Errorf("search: bad query: %w", news.ErrInvalid), "Bad query."},
		{fmt.Errorf("comment: you are commenting too fast; please wait a minute and try again: %w", news.ErrForbidden), "You are commenting too fast; please wait a minute and try again."},
		{errors.New(""), ""},
	}
	for _, tt := range tests {
		if got := publicMessage(tt.err); got != tt.want {
			t.Errorf("publicMessage(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestSafeNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/en/article/3#comments", "/en/article/3#comments"},
		{"", ""},
		{"https://evil.example/", ""},
		{"//evil.example/", ""},
		{"/\\evil.example/", ""},
		{"/en/\nSet-Cookie", ""},
		{"javascript:alert(1)", ""},
	}
	for _, tt := range tests {
		if got := safeNext(tt.in); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuildThread(t *testing.T) {
	cs := []news.Comment{
		{ID: 1},
		{ID: 2, ParentID: 1},
		{ID: 3},
		{ID: 4, ParentID: 2},
		{ID: 5, ParentID: 99}, // parent hidden
	}
	roots := buildThread(cs, &threadCtx{})
	var ids []int64
	for _, r := range roots {
		ids = append(ids, r.ID)
	}
	if fmt.Sprint(ids) != "[1 3 5]" {
		t.Fatalf("roots = %v, want [1 3 5]", ids)
	}
	if len(roots[0].Replies) != 1 || roots[0].Replies[0].ID != 2 ||
		len(roots[0].Replies[0].Replies) != 1 || roots[0].Replies[0].Replies[0].ID != 4 {
		t.Fatalf("replies not nested: %+v", roots[0])
	}
}

func TestByline(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"Ada Lovelace": "By Ada Lovelace",
		"by Ada":       "By Ada",
		"BY Ada":       "By Ada",
		"Bystander":    "By Bystander",
	} {
		if got := byline(in); got != want {
			t.Errorf("byline(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkMarkSnippet(b *testing.B) {
	s := "the city council \ue000voted\ue001 on Tuesday to extend the harbour <plan> & fund a \ue000new\ue001 ferry line"
	for b.Loop() {
		markSnippet(s)
	}
}

func TestQuotesOnly(t *testing.T) {
	tests := []struct {
		a    Answer
		want bool
	}{
		{Answer{Text: "A. B.", Quotes: []string{"A.", "B."}}, true},
		{Answer{Text: "A.", Quotes: []string{"A."}}, true},
		{Answer{Text: "In short, yes. A.", Quotes: []string{"A."}}, false},
		{Answer{Text: "Nothing.", Quotes: nil}, false},
	}
	for _, tt := range tests {
		if got := quotesOnly(tt.a); got != tt.want {
			t.Errorf("quotesOnly(%+v) = %v, want %v", tt.a, got, tt.want)
		}
	}
}
