package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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
		published, updated, created int64
		simhash                     int64
		partial                     int
		summary, keyPoints          string
	)
	dest := []any{&a.ID, &a.SourceID, &a.ItemID, &a.URL, &a.CanonicalURL,
		&a.Title, &a.Byline, &published, &updated, &a.Lang, &a.Section, &a.ImageURL, &a.ImageCaption,
		&a.HTML, &a.Text, &a.Excerpt, &a.ContentHash, &simhash, &a.DuplicateOf,
		&a.StoryID, &a.WireCredit, &partial, &summary, &keyPoints, &created,
		&a.SourceName, &a.SourceSlug}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return news.Article{}, err
	}
	a.Published = ft(published)
	a.Updated = ft(updated)
	a.CreatedAt = ft(created)
	a.Simhash = uint64(simhash)
	a.Partial = partial != 0
	if err := json.Unmarshal([]byte(summary), &a.Summary); err != nil {
		return news.Article{}, fmt.Errorf("article %d summary: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(keyPoints), &a.KeyPoints); err != nil {
		return news.Article{}, fmt.Errorf("article %d key points: %w", a.ID, err)
	}
	return a, nil
}

// SaveArticle stores a with its hashtags and marks its item done, in one
// transaction, and sets a.ID and a.CreatedAt. An article for an item that
// already has one replaces that article's fields. A canonical URL taken by
// another article gives news.ErrConflict; a missing source, item, story or
// duplicate-of article gives news.ErrInvalid.
func (s *Store) SaveArticle(ctx context.Context, a *news.Article) error {
	if a.SourceID == 0 || strings.TrimSpace(a.URL) == "" {
		return fmt.Errorf("sqlite: save article: source and URL are required: %w", news.ErrInvalid)
	}
	for _, h := range a.Hashtags {
		if strings.TrimSpace(h.Slug) == "" {
			return fmt.Errorf("sqlite: save article %s: hashtag without slug: %w", a.URL, news.ErrInvalid)
		}
	}
	summary, err := jsonText(nonNil(a.Summary))
	if err != nil {
		return fmt.Errorf("sqlite: save article %s: %w", a.URL, err)
	}
	keyPoints, err := jsonText(nonNil(a.KeyPoints))
	if err != nil {
		return fmt.Errorf("sqlite: save article %s: %w", a.URL, err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: save article %s: %w", a.URL, err)
	}
	defer tx.Rollback()

	var (
		id      int64
		created int64
	)
	if a.ItemID != 0 {
		err := tx.QueryRowContext(ctx, `SELECT id, created_at FROM articles WHERE item_id = ?`, a.ItemID).Scan(&id, &created)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sqlite: save article %s: %w", a.URL, err)
		}
	}
	args := []any{a.SourceID, nullID(a.ItemID), a.URL, nullText(a.CanonicalURL), a.Title, a.Byline,
		tn(a.Published), tn(a.Updated), a.Lang, a.Section, a.ImageURL, a.ImageCaption, a.HTML, a.Text,
		a.Excerpt, a.ContentHash, int64(a.Simhash), nullID(a.DuplicateOf), nullID(a.StoryID),
		a.WireCredit, boolInt(a.Partial), summary, keyPoints}
	if id == 0 {
		created = tn(orNow(a.CreatedAt))
		err = tx.QueryRowContext(ctx, `INSERT INTO articles (source_id, item_id, url, canonical_url, title,
			byline, published, updated, lang, section, image_url, image_caption, html, text, excerpt,
			content_hash, simhash, duplicate_of, story_id, wire_credit, partial, summary, key_points,
			created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			append(args, created)...).Scan(&id)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE articles SET source_id = ?, item_id = ?, url = ?,
			canonical_url = ?, title = ?, byline = ?, published = ?, updated = ?, lang = ?, section = ?,
			image_url = ?, image_caption = ?, html = ?, text = ?, excerpt = ?, content_hash = ?,
			simhash = ?, duplicate_of = ?, story_id = ?, wire_credit = ?, partial = ?, summary = ?,
			key_points = ? WHERE id = ?`, append(args, id)...)
		if err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM article_hashtags WHERE article_id = ?`, id)
		}
	}
	if err != nil {
		return fmt.Errorf("sqlite: save article %s: %w", a.URL, classify(err))
	}
	if err := saveHashtags(ctx, tx, id, a.Hashtags); err != nil {
		return fmt.Errorf("sqlite: save article %s: %w", a.URL, err)
	}
	if a.ItemID != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET state = 'done', lease_until = 0, error = '' WHERE id = ?`, a.ItemID); err != nil {
			return fmt.Errorf("sqlite: save article %s: %w", a.URL, classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: save article %s: %w", a.URL, classify(err))
	}
	a.ID = id
	a.CreatedAt = ft(created)
	return nil
}

// saveHashtags links an article to its hashtags, creating or renaming them.
func saveHashtags(ctx context.Context, tx *sql.Tx, articleID int64, tags []news.Hashtag) error {
	for i, h := range tags {
		var hid int64
		err := tx.QueryRowContext(ctx, `INSERT INTO hashtags (slug, name, kind) VALUES (?, ?, ?)
			ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind RETURNING id`,
			h.Slug, h.Name, string(h.Kind)).Scan(&hid)
		if err != nil {
			return classify(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_hashtags (article_id, hashtag_id, position)
			VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, articleID, hid, i); err != nil {
			return classify(err)
		}
	}
	return nil
}

// nonNil returns an empty slice for nil so JSON columns hold [] not null.
func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// Article returns an article with its source name, slug and hashtags.
func (s *Store) Article(ctx context.Context, id int64) (news.Article, error) {
	return s.oneArticle(ctx, fmt.Sprintf("article %d", id), `WHERE a.id = ?`, id)
}

// ArticleByURL finds an article by canonical URL, or else by URL.
func (s *Store) ArticleByURL(ctx context.Context, url string) (news.Article, error) {
	if url == "" {
		return news.Article{}, fmt.Errorf("sqlite: article by URL: empty URL: %w", news.ErrNotFound)
	}
	return s.oneArticle(ctx, "article "+url,
		`WHERE a.canonical_url = ? OR a.url = ? ORDER BY (a.canonical_url IS ?) DESC, a.id LIMIT 1`, url, url, url)
}

// ArticleByHash finds the earliest stored article with this content hash.
func (s *Store) ArticleByHash(ctx context.Context, hash string) (news.Article, error) {
	if hash == "" {
		return news.Article{}, fmt.Errorf("sqlite: article by hash: empty hash: %w", news.ErrNotFound)
	}
	return s.oneArticle(ctx, "article with hash "+hash, `WHERE a.content_hash = ? ORDER BY a.id LIMIT 1`, hash)
}

// oneArticle reads the first article matching a clause, with hashtags.
func (s *Store) oneArticle(ctx context.Context, what, clause string, args ...any) (news.Article, error) {
	a, err := scanArticle(s.r.QueryRowContext(ctx, `SELECT `+articleCols+articleFrom+` `+clause, args...))
	if err != nil {
		return news.Article{}, fmt.Errorf("sqlite: %s: %w", what, classify(err))
	}
	list := []news.Article{a}
	if err := s.fillHashtags(ctx, list); err != nil {
		return news.Article{}, fmt.Errorf("sqlite: %s: %w", what, err)
	}
	return list[0], nil
}

// articleWhere turns a filter into SQL conditions on a and their arguments.
func articleWhere(f news.ArticleFilter) ([]string, []any) {
	var (
		conds []string
		args  []any
	)
	if f.Lang != "" {
		conds, args = append(conds, `a.lang = ?`), append(args, f.Lang)
	}
	if f.Section != "" {
		conds, args = append(conds, `a.section = ?`), append(args, f.Section)
	}
	if f.SourceID != 0 {
		conds, args = append(conds, `a.source_id = ?`), append(args, f.SourceID)
	}
	if f.StoryID != 0 {
		conds, args = append(conds, `a.story_id = ?`), append(args, f.StoryID)
	}
	if f.Hashtag != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM article_hashtags ah JOIN hashtags h ON h.id = ah.hashtag_id
			WHERE ah.article_id = a.id AND h.slug = ?)`)
		args = append(args, f.Hashtag)
	}
	if !f.Before.IsZero() {
		conds, args = append(conds, `a.published < ?`), append(args, tn(f.Before))
	}
	if !f.Since.IsZero() {
		conds, args = append(conds, `a.published >= ?`), append(args, tn(f.Since))
	}
	if f.Originals {
		conds = append(conds, `a.duplicate_of IS NULL`)
	}
	return conds, args
}

// limitOr returns n, or def when n is not positive.
func limitOr(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// Articles lists articles matching f, newest first by Published then ID,
// with source names and hashtags.
func (s *Store) Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error) {
	conds, args := articleWhere(f)
	q := `SELECT ` + articleCols + articleFrom
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	q += ` ORDER BY a.published DESC, a.id DESC LIMIT ?`
	args = append(args, limitOr(f.Limit, defaultArticleLimit))
	out, err := s.queryArticles(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	return out, nil
}

// queryArticles runs a query selecting articleCols and fills hashtags.
func (s *Store) queryArticles(ctx context.Context, q string, args ...any) ([]news.Article, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
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
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	list, err := s.queryArticles(ctx, `SELECT `+articleCols+articleFrom+` WHERE a.id IN (`+placeholders(len(ids))+`)`, args...)
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
	args := make([]any, len(list))
	for i, a := range list {
		idx[a.ID] = i
		args[i] = a.ID
	}
	rows, err := s.r.QueryContext(ctx, `SELECT ah.article_id, h.slug, h.name, h.kind
		FROM article_hashtags ah JOIN hashtags h ON h.id = ah.hashtag_id
		WHERE ah.article_id IN (`+placeholders(len(list))+`) ORDER BY ah.article_id, ah.position`, args...)
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
	return rows.Err()
}

// Hashtag returns the hashtag with this slug.
func (s *Store) Hashtag(ctx context.Context, slug string) (news.Hashtag, error) {
	var (
		h    news.Hashtag
		kind string
	)
	err := s.r.QueryRowContext(ctx, `SELECT slug, name, kind FROM hashtags WHERE slug = ?`, slug).Scan(&h.Slug, &h.Name, &kind)
	if err != nil {
		return news.Hashtag{}, fmt.Errorf("sqlite: hashtag %q: %w", slug, classify(err))
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
	rows, err := s.r.QueryContext(ctx, `SELECT h.slug, h.name, h.kind, COUNT(*) AS n
		FROM article_hashtags ah
		JOIN hashtags h ON h.id = ah.hashtag_id
		JOIN articles a ON a.id = ah.article_id
		WHERE a.published >= ? AND (? = '' OR a.lang = ?)
		GROUP BY h.id ORDER BY n DESC, h.slug LIMIT ?`,
		tn(since), lang, lang, limitOr(limit, defaultHashtagLimit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: top hashtags: %w", classify(err))
	}
	defer rows.Close()
	var out []news.HashtagCount
	for rows.Next() {
		var (
			hc   news.HashtagCount
			kind string
		)
		if err := rows.Scan(&hc.Slug, &hc.Name, &kind, &hc.Count); err != nil {
			return nil, fmt.Errorf("sqlite: top hashtags: %w", err)
		}
		hc.Kind = news.HashtagKind(kind)
		out = append(out, hc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: top hashtags: %w", err)
	}
	return out, nil
}
