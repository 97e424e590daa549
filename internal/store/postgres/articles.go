package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// articleCols selects an article joined with its source as a and s.
const articleCols = `a.id, a.source_id, COALESCE(a.item_id, 0), a.url, COALESCE(a.canonical_url, ''),
	a.title, a.byline, a.published, a.updated, a.lang, a.section, a.image_url, a.image_caption,
	a.html, a.text, a.excerpt, a.content_hash, a.simhash, COALESCE(a.duplicate_of, 0),
	COALESCE(a.story_id, 0), a.wire_credit, a.partial, a.summary, a.key_points, a.created_at,
	s.name, s.slug`

// articleFrom is the join articleCols reads from.
const articleFrom = ` FROM articles a JOIN sources s ON s.id = a.source_id`

// defaultArticleLimit is the list size when a filter asks for none.
const defaultArticleLimit = 50

// scanArticle reads one row selected with articleCols, plus extra
// destinations after them.
func scanArticle(sc scanner, extra ...any) (news.Article, error) {
	var (
		a                           news.Article
		published, updated, created time.Time
		simhash                     int64
		summary, keyPoints          []byte
	)
	dest := []any{&a.ID, &a.SourceID, &a.ItemID, &a.URL, &a.CanonicalURL,
		&a.Title, &a.Byline, &published, &updated, &a.Lang, &a.Section, &a.ImageURL, &a.ImageCaption,
		&a.HTML, &a.Text, &a.Excerpt, &a.ContentHash, &simhash, &a.DuplicateOf,
		&a.StoryID, &a.WireCredit, &a.Partial, &summary, &keyPoints, &created,
		&a.SourceName, &a.SourceSlug}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return news.Article{}, err
	}
	a.Published = ft(published)
	a.Updated = ft(updated)
	a.CreatedAt = ft(created)
	a.Simhash = uint64(simhash)
	if err := json.Unmarshal(summary, &a.Summary); err != nil {
		return news.Article{}, fmt.Errorf("article %d summary: %w", a.ID, err)
	}
	if err := json.Unmarshal(keyPoints, &a.KeyPoints); err != nil {
		return news.Article{}, fmt.Errorf("article %d key points: %w", a.ID, err)
	}
	return a, nil
}

// jsonList encodes a list of strings as JSON, [] for nil.
func jsonList(v []string) (string, error) {
	if v == nil {
		v = []string{}
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// SaveArticle stores a with its hashtags and marks its item done, in one
// transaction, and sets a.ID and a.CreatedAt. An article for an item that
// already has one replaces that article's fields (an upsert on the item,
// so two processes saving one item cannot both insert). A canonical URL
// taken by another article gives news.ErrConflict; a missing source, item,
// story or duplicate-of article gives news.ErrInvalid.
func (s *Store) SaveArticle(ctx context.Context, a *news.Article) error {
	if a.SourceID == 0 || strings.TrimSpace(a.URL) == "" {
		return fmt.Errorf("postgres: save article: source and URL are required: %w", news.ErrInvalid)
	}
	for _, h := range a.Hashtags {
		if strings.TrimSpace(h.Slug) == "" {
			return fmt.Errorf("postgres: save article %s: hashtag without slug: %w", a.URL, news.ErrInvalid)
		}
	}
	summary, err := jsonList(a.Summary)
	if err != nil {
		return fmt.Errorf("postgres: save article %s: %w", a.URL, err)
	}
	keyPoints, err := jsonList(a.KeyPoints)
	if err != nil {
		return fmt.Errorf("postgres: save article %s: %w", a.URL, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: save article %s: %w", a.URL, classify(err))
	}
	defer tx.Rollback()

	var (
		id      int64
		created time.Time
	)
	err = tx.QueryRowContext(ctx, `INSERT INTO articles (source_id, item_id, url, canonical_url, title,
			byline, published, updated, lang, section, image_url, image_caption, html, text, excerpt,
			content_hash, simhash, duplicate_of, story_id, wire_credit, partial, summary, key_points,
			created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
			$20, $21, $22, $23, $24)
		ON CONFLICT (item_id) DO UPDATE SET source_id = excluded.source_id, url = excluded.url,
			canonical_url = excluded.canonical_url, title = excluded.title, byline = excluded.byline,
			published = excluded.published, updated = excluded.updated, lang = excluded.lang,
			section = excluded.section, image_url = excluded.image_url,
			image_caption = excluded.image_caption, html = excluded.html, text = excluded.text,
			excerpt = excluded.excerpt, content_hash = excluded.content_hash, simhash = excluded.simhash,
			duplicate_of = excluded.duplicate_of, story_id = excluded.story_id,
			wire_credit = excluded.wire_credit, partial = excluded.partial, summary = excluded.summary,
			key_points = excluded.key_points
		RETURNING id, created_at`,
		a.SourceID, nullID(a.ItemID), a.URL, nullText(a.CanonicalURL), a.Title, a.Byline,
		tv(a.Published), tv(a.Updated), a.Lang, a.Section, a.ImageURL, a.ImageCaption, a.HTML, a.Text,
		a.Excerpt, a.ContentHash, int64(a.Simhash), nullID(a.DuplicateOf), nullID(a.StoryID),
		a.WireCredit, a.Partial, summary, keyPoints, orNow(a.CreatedAt)).Scan(&id, &created)
	if err != nil {
		return fmt.Errorf("postgres: save article %s: %w", a.URL, classify(err))
	}
	if err := saveHashtags(ctx, tx, id, a.Hashtags); err != nil {
		return fmt.Errorf("postgres: save article %s: %w", a.URL, err)
	}
	if a.ItemID != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET state = 'done', lease_until = '0001-01-01 00:00:00+00',
			error = '' WHERE id = $1`, a.ItemID); err != nil {
			return fmt.Errorf("postgres: save article %s: %w", a.URL, classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("postgres: save article %s: %w", a.URL, classify(err))
	}
	a.ID = id
	a.CreatedAt = ft(created)
	return nil
}

// saveHashtags replaces an article's hashtags, creating or renaming them,
// in one statement. A slug given twice keeps its first position and its
// last name and kind.
func saveHashtags(ctx context.Context, tx *sql.Tx, articleID int64, tags []news.Hashtag) error {
	type tag struct {
		news.Hashtag
		pos int
	}
	bySlug := make(map[string]int, len(tags))
	var list []tag
	for i, h := range tags {
		if j, ok := bySlug[h.Slug]; ok {
			list[j].Name, list[j].Kind = h.Name, h.Kind
			continue
		}
		bySlug[h.Slug] = len(list)
		list = append(list, tag{h, i})
	}
	// Upsert in slug order, so that concurrent saves lock hashtag rows in
	// one order and cannot deadlock.
	slices.SortFunc(list, func(x, y tag) int { return strings.Compare(x.Slug, y.Slug) })
	slugs, names, kinds := make([]string, len(list)), make([]string, len(list)), make([]string, len(list))
	pos := make([]int32, len(list))
	for i, t := range list {
		slugs[i], names[i], kinds[i], pos[i] = t.Slug, t.Name, string(t.Kind), int32(t.pos)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_hashtags WHERE article_id = $1`, articleID); err != nil {
		return classify(err)
	}
	if len(list) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `WITH tags AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::integer[]) AS t (slug, name, kind, pos)),
		up AS (INSERT INTO hashtags (slug, name, kind) SELECT slug, name, kind FROM tags ORDER BY slug
			ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind RETURNING id, slug)
		INSERT INTO article_hashtags (article_id, hashtag_id, position)
		SELECT $1, up.id, tags.pos FROM up JOIN tags ON tags.slug = up.slug`,
		articleID, slugs, names, kinds, pos)
	return classify(err)
}

// Article returns an article with its source name, slug and hashtags.
func (s *Store) Article(ctx context.Context, id int64) (news.Article, error) {
	return s.oneArticle(ctx, fmt.Sprintf("article %d", id), `WHERE a.id = $1`, id)
}

// ArticleByURL finds an article by canonical URL, or else by URL.
func (s *Store) ArticleByURL(ctx context.Context, url string) (news.Article, error) {
	if url == "" {
		return news.Article{}, fmt.Errorf("postgres: article by URL: empty URL: %w", news.ErrNotFound)
	}
	return s.oneArticle(ctx, "article "+url,
		`WHERE a.canonical_url = $1 OR a.url = $1 ORDER BY COALESCE(a.canonical_url = $1, false) DESC, a.id LIMIT 1`, url)
}

// ArticleByHash finds the earliest stored article with this content hash.
func (s *Store) ArticleByHash(ctx context.Context, hash string) (news.Article, error) {
	if hash == "" {
		return news.Article{}, fmt.Errorf("postgres: article by hash: empty hash: %w", news.ErrNotFound)
	}
	return s.oneArticle(ctx, "article with hash "+hash, `WHERE a.content_hash = $1 ORDER BY a.id LIMIT 1`, hash)
}

// oneArticle reads the first article matching a clause, with hashtags.
func (s *Store) oneArticle(ctx context.Context, what, clause string, args ...any) (news.Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleCols+articleFrom+` `+clause, args...))
	if err != nil {
		return news.Article{}, fmt.Errorf("postgres: %s: %w", what, classify(err))
	}
	list := []news.Article{a}
	if err := s.fillHashtags(ctx, list); err != nil {
		return news.Article{}, fmt.Errorf("postgres: %s: %w", what, err)
	}
	return list[0], nil
}

// articleWhere turns a filter into SQL conditions on a, adding their
// arguments to p.
func articleWhere(p *params, f news.ArticleFilter) []string {
	var conds []string
	if f.Lang != "" {
		conds = append(conds, `a.lang = `+p.add(f.Lang))
	}
	if f.Section != "" {
		conds = append(conds, `a.section = `+p.add(f.Section))
	}
	if f.SourceID != 0 {
		conds = append(conds, `a.source_id = `+p.add(f.SourceID))
	}
	if f.StoryID != 0 {
		conds = append(conds, `a.story_id = `+p.add(f.StoryID))
	}
	if f.Hashtag != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM article_hashtags ah JOIN hashtags h ON h.id = ah.hashtag_id
			WHERE ah.article_id = a.id AND h.slug = `+p.add(f.Hashtag)+`)`)
	}
	if !f.Before.IsZero() {
		conds = append(conds, `a.published < `+p.add(tv(f.Before)))
	}
	if !f.Since.IsZero() {
		conds = append(conds, `a.published >= `+p.add(tv(f.Since)))
	}
	if f.Originals {
		conds = append(conds, `a.duplicate_of IS NULL`)
	}
	return conds
}

// Articles lists articles matching f, newest first by Published then ID,
// with source names and hashtags.
func (s *Store) Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error) {
	var p params
	conds := articleWhere(&p, f)
	q := `SELECT ` + articleCols + articleFrom
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	q += ` ORDER BY a.published DESC, a.id DESC LIMIT ` + p.add(limitOr(f.Limit, defaultArticleLimit))
	out, err := s.queryArticles(ctx, q, p.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: articles: %w", err)
	}
	return out, nil
}

// queryArticles runs a query selecting articleCols and fills hashtags.
func (s *Store) queryArticles(ctx context.Context, q string, args ...any) ([]news.Article, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	if err := s.fillHashtags(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// articlesByID loads articles by ID, in no particular order.
func (s *Store) articlesByID(ctx context.Context, ids []int64) (map[int64]news.Article, error) {
	out := make(map[int64]news.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := s.queryArticles(ctx, `SELECT `+articleCols+articleFrom+` WHERE a.id = ANY ($1)`, ids)
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		out[a.ID] = a
	}
	return out, nil
}

// fillHashtags loads the hashtags of a list of articles in one query.
func (s *Store) fillHashtags(ctx context.Context, list []news.Article) error {
	if len(list) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(list))
	ids := make([]int64, len(list))
	for i, a := range list {
		idx[a.ID] = i
		ids[i] = a.ID
	}
	rows, err := s.db.QueryContext(ctx, `SELECT ah.article_id, h.slug, h.name, h.kind
		FROM article_hashtags ah JOIN hashtags h ON h.id = ah.hashtag_id
		WHERE ah.article_id = ANY ($1) ORDER BY ah.article_id, ah.position`, ids)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   int64
			h    news.Hashtag
			kind string
		)
		if err := rows.Scan(&id, &h.Slug, &h.Name, &kind); err != nil {
			return err
		}
		h.Kind = news.HashtagKind(kind)
		i := idx[id]
		list[i].Hashtags = append(list[i].Hashtags, h)
	}
	return classify(rows.Err())
}

// Hashtag returns the hashtag with this slug.
func (s *Store) Hashtag(ctx context.Context, slug string) (news.Hashtag, error) {
	var (
		h    news.Hashtag
		kind string
	)
	err := s.db.QueryRowContext(ctx, `SELECT slug, name, kind FROM hashtags WHERE slug = $1`, slug).Scan(&h.Slug, &h.Name, &kind)
	if err != nil {
		return news.Hashtag{}, fmt.Errorf("postgres: hashtag %q: %w", slug, classify(err))
	}
	h.Kind = news.HashtagKind(kind)
	return h, nil
}

// defaultHashtagLimit is how many hashtags TopHashtags lists when asked
// for none.
const defaultHashtagLimit = 20

// TopHashtags counts hashtags over articles published at or after since,
// in one language when lang is not empty, most used first.
func (s *Store) TopHashtags(ctx context.Context, lang string, since time.Time, limit int) ([]news.HashtagCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT h.slug, h.name, h.kind, COUNT(*) AS n
		FROM article_hashtags ah
		JOIN hashtags h ON h.id = ah.hashtag_id
		JOIN articles a ON a.id = ah.article_id
		WHERE a.published >= $1 AND ($2 = '' OR a.lang = $2)
		GROUP BY h.id ORDER BY n DESC, h.slug COLLATE "C" LIMIT $3`,
		tv(since), lang, limitOr(limit, defaultHashtagLimit))
	if err != nil {
		return nil, fmt.Errorf("postgres: top hashtags: %w", classify(err))
	}
	defer rows.Close()
	var out []news.HashtagCount
	for rows.Next() {
		var (
			hc   news.HashtagCount
			kind string
		)
		if err := rows.Scan(&hc.Slug, &hc.Name, &kind, &hc.Count); err != nil {
			return nil, fmt.Errorf("postgres: top hashtags: %w", err)
		}
		hc.Kind = news.HashtagKind(kind)
		out = append(out, hc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: top hashtags: %w", classify(err))
	}
	return out, nil
}
