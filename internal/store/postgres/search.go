package postgres

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

// Options of ts_headline for body snippets and for titles. They are
// constants, passed as parameters like everything else.
const (
	snippetOptions = "StartSel=" + markStart + ", StopSel=" + markEnd +
		`, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`
	titleOptions = "StartSel=" + markStart + ", StopSel=" + markEnd + ", HighlightAll=true"
)

// queryTerm is one word or phrase of a web-search query.
type queryTerm struct {
	text   string
	prefix bool // a word that ended in *: match words starting with it
}

// webQuery is a parsed web-search query: a document must match every
// group (any term of a group) and none of the excluded terms.
type webQuery struct {
	groups   [][]queryTerm
	excluded []queryTerm
}

// parseWebQuery reads the web-search syntax the SQLite store accepts:
// words, "quoted phrases", -excluded words or phrases, OR between two
// terms, and word* for a prefix. Control characters separate words; an
// unclosed quote runs to the end; terms without a letter or digit are
// dropped, and so is an OR with nothing before or after it.
func parseWebQuery(q string) webQuery {
	var (
		wq     webQuery
		orNext bool
	)
	rs := []rune(q)
	for i := range rs {
		if unicode.IsControl(rs[i]) {
			rs[i] = ' '
		}
	}
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		negated := rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1])
		if negated {
			i++
		}
		var (
			raw    string
			quoted = rs[i] == '"'
		)
		if quoted {
			end := i + 1
			for end < len(rs) && rs[end] != '"' {
				end++
			}
			raw = string(rs[i+1 : end])
			i = end + 1
		} else {
			end := i
			for end < len(rs) && !unicode.IsSpace(rs[end]) && rs[end] != '"' {
				end++
			}
			raw = string(rs[i:end])
			i = end
		}
		if raw == "OR" && !quoted && !negated {
			orNext = len(wq.groups) > 0
			continue
		}
		t := queryTerm{text: strings.TrimSpace(raw)}
		if !quoted {
			bare := strings.TrimRight(t.text, "*")
			t.prefix, t.text = bare != t.text, bare
		}
		if !strings.ContainsFunc(t.text, isWordRune) {
			orNext = false
			continue
		}
		switch {
		case negated:
			wq.excluded = append(wq.excluded, t)
		case orNext:
			last := len(wq.groups) - 1
			wq.groups[last] = append(wq.groups[last], t)
		default:
			wq.groups = append(wq.groups, []queryTerm{t})
		}
		orNext = false
	}
	return wq
}

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// prefixExpr renders a prefix term as a to_tsquery expression: its runs
// of letters, digits and combining marks, each single-quoted, joined as a
// phrase, the last one a prefix. Nothing else of the user's text gets
// through, so no quote or operator can reach the tsquery parser.
func prefixExpr(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) && !unicode.IsMark(r) })
	for i, w := range words {
		words[i] = "'" + w + "'"
	}
	return strings.Join(words, " <-> ") + ":*"
}

// arrays flattens the query into the parallel arrays the SQL function
// newsdesk_search_query takes: excluded terms first as group 0, then the
// groups numbered from 1. Prefix terms are given as to_tsquery
// expressions, the others as plain text.
func (wq webQuery) arrays() (terms []string, groups []int32, prefixes []bool) {
	add := func(t queryTerm, g int32) {
		text := t.text
		if t.prefix {
			text = prefixExpr(text)
		}
		terms, groups, prefixes = append(terms, text), append(groups, g), append(prefixes, t.prefix)
	}
	for _, t := range wq.excluded {
		add(t, 0)
	}
	for i, g := range wq.groups {
		for _, t := range g {
			add(t, int32(i+1))
		}
	}
	return terms, groups, prefixes
}

// Search runs a web-search query over article titles and bodies, best
// match first, restricted by f. Each article is matched and ranked with
// the query normalised in the article's own language (every language's,
// when f.Lang is empty); the index is searched with the disjunction of
// those forms first. Rank is
// ts_rank_cd with titles weighted above bodies; higher is better. A query
// with nothing to look for gives no hits.
func (s *Store) Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, error) {
	wq := parseWebQuery(query)
	if len(wq.groups) == 0 {
		return nil, nil
	}
	terms, groups, prefixes := wq.arrays()
	var p params
	tArg, gArg, pArg := p.add(terms), p.add(groups), p.add(prefixes)
	// qs holds the query normalised with each configuration the search
	// covers; each article is matched and ranked with the one of its own
	// configuration, after the index was searched with their disjunction.
	q := `WITH qs AS MATERIALIZED (
			SELECT c.config, newsdesk_search_query(` + tArg + `::text[], ` + gArg + `::integer[], ` + pArg + `::boolean[],
				ARRAY[c.config]) AS q
			FROM unnest(newsdesk_search_configs(` + p.add(f.Lang) + `)) AS c (config)),
		top AS MATERIALIZED (
			SELECT a.id, m.q, ts_rank_cd(a.search, m.q) AS score
			FROM articles a
			CROSS JOIN LATERAL (SELECT qs.q FROM qs WHERE qs.config = a.search_config OFFSET 0) AS m
			WHERE a.search @@ (SELECT newsdesk_tsquery_or(DISTINCT qs.q) FROM qs) AND a.search @@ m.q`
	for _, c := range articleWhere(&p, f) {
		q += ` AND ` + c
	}
	q += ` ORDER BY score DESC, a.id DESC LIMIT ` + p.add(limitOr(f.Limit, defaultArticleLimit)) + `)
		SELECT ` + articleCols + `,
			ts_headline(a.search_config, a.text, top.q, ` + p.add(snippetOptions) + `),
			ts_headline(a.search_config, a.title, top.q, ` + p.add(titleOptions) + `),
			top.score
		FROM top JOIN articles a ON a.id = top.id JOIN sources s ON s.id = a.source_id
		ORDER BY top.score DESC, a.id DESC`
	rows, err := s.db.QueryContext(ctx, q, p.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: search %q: %w", query, classify(err))
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
			return nil, fmt.Errorf("postgres: search %q: %w", query, err)
		}
		snip := bodySnip
		if !strings.Contains(snip, markStart) && strings.Contains(titleSnip, markStart) {
			snip = titleSnip
		}
		arts = append(arts, a)
		hits = append(hits, news.SearchHit{Snippet: snip, Rank: score})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: search %q: %w", query, classify(err))
	}
	if err := s.fillHashtags(ctx, arts); err != nil {
		return nil, fmt.Errorf("postgres: search %q: %w", query, err)
	}
	for i := range hits {
		hits[i].Article = arts[i]
	}
	return hits, nil
}
