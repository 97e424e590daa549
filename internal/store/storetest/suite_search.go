package storetest

import (
	"strings"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// Snippet markers, as documented on news.SearchHit.
const (
	markStart = "\ue000"
	markEnd   = "\ue001"
)

func testSearch(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src1, src2 := newSource(t, s, 1), newSource(t, s, 2)
	bank := newArticle(t, s, src1, "bank", t0, func(a *news.Article) {
		a.Title = "Central bank raises rates"
		a.Text = "The central bank raised interest rates on Tuesday to slow inflation. Markets were calm."
	})
	bridge := newArticle(t, s, src1, "bridge", t0.Add(time.Hour), func(a *news.Article) {
		a.Title = "Harbour bridge reopens"
		a.Text = "The north bank of the river flooded in March. The bridge is central to the city's traffic."
	})
	orchard := newArticle(t, s, src2, "orchard", t0.Add(2*time.Hour), func(a *news.Article) {
		a.Title = "Orchard harvest begins"
		a.Text = "Farmers picked apples and pears in the valley this week."
	})
	zins := newArticle(t, s, src2, "zins", t0.Add(3*time.Hour), func(a *news.Article) {
		a.Title = "Notenbank erhöht Zinsen"
		a.Text = "Die Notenbank hat die Zinsen erhöht, um die Inflation zu bremsen."
		a.Lang = "de"
	})

	tests := []struct {
		name  string
		query string
		f     news.ArticleFilter
		want  []news.Article
		set   bool // any order
	}{
		{"words, title match ranks first", "central bank", news.ArticleFilter{}, []news.Article{bank, bridge}, false},
		{"letter case", "CENTRAL Bank", news.ArticleFilter{}, []news.Article{bank, bridge}, false},
		{"phrase", `"central bank"`, news.ArticleFilter{}, []news.Article{bank}, false},
		{"exclusion", "bank -bridge", news.ArticleFilter{}, []news.Article{bank}, false},
		{"excluded phrase", `bank -"north bank"`, news.ArticleFilter{}, []news.Article{bank}, false},
		{"or", "pears OR bridge", news.ArticleFilter{}, []news.Article{bridge, orchard}, true},
		{"or with a word", "apples OR traffic valley", news.ArticleFilter{}, []news.Article{orchard}, false},
		{"prefix", "infla*", news.ArticleFilter{}, []news.Article{bank, zins}, true},
		{"language", "inflation", news.ArticleFilter{Lang: "de"}, []news.Article{zins}, false},
		{"language without match", "zinsen", news.ArticleFilter{Lang: "en"}, nil, false},
		{"source filter", "the", news.ArticleFilter{SourceID: src2.ID}, []news.Article{orchard}, false},
		{"since filter", "bank", news.ArticleFilter{Since: t0.Add(30 * time.Minute)}, []news.Article{bridge}, false},
		{"limit", "central", news.ArticleFilter{Limit: 1}, []news.Article{bank}, false},
		{"no match", "volcano", news.ArticleFilter{}, nil, false},
		{"empty", "", news.ArticleFilter{}, nil, false},
		{"only exclusions", "-bank", news.ArticleFilter{}, nil, false},
	}
	for _, tc := range tests {
		hits, err := s.Search(ctx, tc.query, tc.f)
		must(t, "Search "+tc.name, err)
		if tc.set {
			sameSetIDs(t, "Search "+tc.name, hitIDs(hits), articleIDs(tc.want))
		} else {
			sameIDs(t, "Search "+tc.name, hitIDs(hits), articleIDs(tc.want))
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Rank > hits[i-1].Rank {
				t.Fatalf("Search %s: hit %d ranks %v above hit %d's %v", tc.name, i, hits[i].Rank, i-1, hits[i-1].Rank)
			}
		}
	}

	hits, err := s.Search(ctx, "inflation", news.ArticleFilter{Lang: "en"})
	must(t, "Search", err)
	if len(hits) != 1 {
		t.Fatalf("Search inflation found %d hits, want 1", len(hits))
	}
	h := hits[0]
	if !strings.Contains(strings.ToLower(h.Snippet), markStart+"inflation"+markEnd) {
		t.Fatalf("snippet %q does not mark the match", h.Snippet)
	}
	if strings.Count(h.Snippet, markStart) != strings.Count(h.Snippet, markEnd) {
		t.Fatalf("snippet %q has unbalanced markers", h.Snippet)
	}
	if h.Article.Title != bank.Title || h.Article.SourceName != src1.Name || h.Article.URL != bank.URL {
		t.Fatalf("hit article = %+v, want %q from %q", h.Article, bank.Title, src1.Name)
	}
	hits, err = s.Search(ctx, `"interest rates"`, news.ArticleFilter{})
	must(t, "Search", err)
	if len(hits) != 1 || !strings.Contains(strings.ToLower(hits[0].Snippet), markStart+"interest") ||
		!strings.Contains(strings.ToLower(hits[0].Snippet), "rates"+markEnd) {
		t.Fatalf("phrase search hits %+v, want one with marked words", hits)
	}
}

func testSearchSyntaxIsSafe(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	a := newArticle(t, s, src, "odd", t0, func(a *news.Article) {
		a.Title = "Rock'n'roll AND jazz: NEAR the C++ club"
		a.Text = "Tickets cost $5; doors open at 8pm (sharp). Title: not a column."
	})
	queries := []string{
		`"`, `-`, `--`, `OR`, `OR OR`, `AND NOT (`, `)`, `title:jazz`, `NEAR(jazz club)`, `*`, `jazz*club`,
		`'; DROP TABLE articles; --`, `"unclosed phrase`, `^jazz`, `{title text}: jazz`, `jazz -`, `- jazz`,
		`\"`, "\x00jazz", `C++`, `$5`, `8pm (sharp)`, `rock'n'roll`, `jazz AND`, `NOT jazz`, `+jazz`,
		strings.Repeat("jazz ", 200), strings.Repeat(`"`, 51),
	}
	for _, q := range queries {
		if _, err := s.Search(ctx, q, news.ArticleFilter{}); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	}
	for _, q := range []string{`jazz`, `"jazz"`, `jazz*`, `club -"the C++ conference"`, `(jazz`} {
		hits, err := s.Search(ctx, q, news.ArticleFilter{})
		must(t, "Search", err)
		sameIDs(t, "Search "+q, hitIDs(hits), ids(a))
	}
	if n := stats(t, s).Articles; n != 1 {
		t.Fatalf("Articles = %d after odd queries, want 1", n)
	}
}
