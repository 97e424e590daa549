package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"newsdesk/internal/news"
)

// Snippet markers, as documented on news.SearchHit.
const (
	markStart = "\ue000"
	markEnd   = "\ue001"
)

// titleWeight is how much more a match in the title counts than one in the
// body.
const titleWeight = 4.0

// searchTerm is one word or phrase of a web-search query.
type searchTerm struct {
	text   string
	prefix bool // the word ended in *, match words starting with it
}

// fts renders the term as a quoted FTS5 string, so no character of the
// user's text is read as FTS5 syntax.
func (t searchTerm) fts() string {
	q := `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
	if t.prefix {
		q += "*"
	}
	return q
}

// parsedQuery is a web-search query: every group must match (a group
// matches when any of its terms does) and no excluded term may.
type parsedQuery struct {
	groups   [][]searchTerm
	excluded []searchTerm
}

// parseQuery reads the web-search syntax: words, "quoted phrases",
// -excluded words or phrases, and OR between two terms. Anything else is
// text to look for; terms without a letter or digit are dropped.
func parseQuery(q string) parsedQuery {
	var (
		pq        parsedQuery
		pendingOr bool
	)
	// Control characters (NUL ends an FTS5 string early) separate words.
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q))
	i := 0
	for i < len(rs) {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		neg := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			neg = true
			i++
		}
		var (
			text   string
			quoted bool
		)
		if rs[i] == '"' {
			quoted = true
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			text = string(rs[i+1 : j])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
				j++
			}
			text = string(rs[i:j])
			i = j
		}
		if !quoted && !neg && text == "OR" {
			pendingOr = len(pq.groups) > 0
			continue
		}
		t := searchTerm{text: strings.TrimSpace(text)}
		if !quoted {
			trimmed := strings.TrimRight(t.text, "*")
			t.prefix = trimmed != t.text
			t.text = trimmed
		}
		if !hasWordChar(t.text) {
			pendingOr = false
			continue
		}
		switch {
		case neg:
			pq.excluded = append(pq.excluded, t)
			pendingOr = false
		case pendingOr:
			last := len(pq.groups) - 1
			pq.groups[last] = append(pq.groups[last], t)
			pendingOr = false
		default:
			pq.groups = append(pq.groups, []searchTerm{t})
		}
	}
	return pq
}

// hasWordChar reports whether s has a letter or a digit.
func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// match renders the query as an FTS5 MATCH expression, "" when nothing is
// left to look for.
func (pq parsedQuery) match() string {
	if len(pq.groups) == 0 {
		return ""
	}
	parts := make([]string, 0, len(pq.groups))
	for _, g := range pq.groups {
		alts := make([]string, len(g))
		for i, t := range g {
			alts[i] = t.fts()
		}
		if len(alts) == 1 {
			parts = append(parts, alts[0])
		} else {
			parts = append(parts, "("+strings.Join(alts, " OR ")+")")
		}
	}
	expr := strings.Join(parts, " AND ")
	if len(pq.excluded) > 0 {
		ex := make([]string, len(pq.excluded))
		for i, t := range pq.excluded {
			ex[i] = t.fts()
		}
		expr = "(" + expr + ") NOT (" + strings.Join(ex, " OR ") + ")"
	}
	return expr
}

// Search runs a web-search query over article titles and bodies, best
// match first, restricted by f. Rank is higher for better matches. A query
// with nothing to look for gives no hits.
func (s *Store) Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, error) {
	expr := parseQuery(query).match()
	if expr == "" {
		return nil, nil
	}
	conds, args := articleWhere(f)
	// Rank every match cheaply first; build snippets and read whole
	// articles only for the page of hits that is returned. The title is
	// the snippet when the body holds no match.
	rank := `bm25(articles_fts, ` + fmt.Sprint(titleWeight) + `, 1.0)`
	q := `WITH top AS MATERIALIZED (
			SELECT a.id AS id, ` + rank + ` AS score
			FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
			WHERE articles_fts MATCH ?`
	for _, c := range conds {
		q += ` AND ` + c
	}
	q += ` ORDER BY score, a.id DESC LIMIT ?)
		SELECT ` + articleCols + `,
			snippet(articles_fts, 1, char(57344), char(57345), '…', 24),
			highlight(articles_fts, 0, char(57344), char(57345)),
			top.score
		FROM top
		CROSS JOIN articles_fts ON articles_fts.rowid = top.id
		JOIN articles a ON a.id = top.id
		JOIN sources s ON s.id = a.source_id
		WHERE articles_fts MATCH ?
		ORDER BY top.score, a.id DESC`
	all := append([]any{expr}, args...)
	all = append(all, limitOr(f.Limit, defaultArticleLimit), expr)
	rows, err := s.r.QueryContext(ctx, q, all...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search %q: %w", query, classify(err))
	}
	defer rows.Close()
	var (
		hits []news.SearchHit
		arts []news.Article
	)
	for rows.Next() {
		var (
			bodySnip, titleSnip string
			score               float64
		)
		a, err := scanArticle(rows, &bodySnip, &titleSnip, &score)
		if err != nil {
			return nil, fmt.Errorf("sqlite: search %q: %w", query, err)
		}
		snip := bodySnip
		if !strings.Contains(snip, markStart) && strings.Contains(titleSnip, markStart) {
			snip = titleSnip
		}
		arts = append(arts, a)
		hits = append(hits, news.SearchHit{Snippet: snip, Rank: -score})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search %q: %w", query, classify(err))
	}
	if err := s.fillHashtags(ctx, arts); err != nil {
		return nil, fmt.Errorf("sqlite: search %q: %w", query, err)
	}
	for i := range hits {
		hits[i].Article = arts[i]
	}
	return hits, nil
}
