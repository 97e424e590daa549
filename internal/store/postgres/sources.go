package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"newsdesk/internal/news"
)

const sourceCols = `id, name, slug, home_url, feed_url, lang, region, allow_private, created_at,
	etag, last_modified, last_fetch_at, last_status, last_error, fail_count, next_poll_at,
	interval_ns, items_per_day, user_agent, headers`

// scanSource reads one row selected with sourceCols.
func scanSource(sc scanner) (news.Source, error) {
	var (
		headers                []byte
		s                      news.Source
		created, lastFetch, nx time.Time
		ivalNS                 int64
	)
	err := sc.Scan(&s.ID, &s.Name, &s.Slug, &s.HomeURL, &s.FeedURL, &s.Lang, &s.Region, &s.AllowPrivate, &created,
		&s.Feed.ETag, &s.Feed.LastModified, &lastFetch, &s.Feed.LastStatus, &s.Feed.LastError,
		&s.Feed.FailCount, &nx, &ivalNS, &s.Feed.ItemsPerDay, &s.UserAgent, &headers)
	if err != nil {
		return news.Source{}, err
	}
	if s.Headers, err = parseHeaders(headers); err != nil {
		return news.Source{}, fmt.Errorf("source %d headers: %w", s.ID, err)
	}
	s.CreatedAt = ft(created)
	s.Feed.LastFetchAt = ft(lastFetch)
	s.Feed.NextPollAt = ft(nx)
	s.Feed.Interval = time.Duration(ivalNS)
	return s, nil
}

// CreateSource stores src and sets its ID and CreatedAt. A taken feed URL
// or slug gives news.ErrConflict. A source whose Feed.NextPollAt is zero is
// due for polling at once.
func (s *Store) CreateSource(ctx context.Context, src *news.Source) error {
	if strings.TrimSpace(src.Name) == "" || strings.TrimSpace(src.Slug) == "" || strings.TrimSpace(src.FeedURL) == "" {
		return fmt.Errorf("postgres: create source: name, slug and feed URL are required: %w", news.ErrInvalid)
	}
	created := orNow(src.CreatedAt)
	f := src.Feed
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO sources (name, slug, home_url, feed_url, lang, region,
		allow_private, created_at, etag, last_modified, last_fetch_at, last_status, last_error,
		fail_count, next_poll_at, interval_ns, items_per_day, user_agent, headers)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
		src.Name, src.Slug, src.HomeURL, src.FeedURL, src.Lang, src.Region, src.AllowPrivate,
		created, f.ETag, f.LastModified, tv(f.LastFetchAt), f.LastStatus, f.LastError,
		f.FailCount, tv(f.NextPollAt), int64(f.Interval), f.ItemsPerDay, src.UserAgent, headersJSON(src.Headers)).Scan(&id)
	if err != nil {
		return fmt.Errorf("postgres: create source %s: %w", src.FeedURL, classify(err))
	}
	src.ID = id
	src.CreatedAt = created
	return nil
}

// Source returns the source with this ID.
func (s *Store) Source(ctx context.Context, id int64) (news.Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE id = $1`, id))
	if err != nil {
		return news.Source{}, fmt.Errorf("postgres: source %d: %w", id, classify(err))
	}
	return src, nil
}

// SourceBySlug returns the source with this slug.
func (s *Store) SourceBySlug(ctx context.Context, slug string) (news.Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE slug = $1`, slug))
	if err != nil {
		return news.Source{}, fmt.Errorf("postgres: source %q: %w", slug, classify(err))
	}
	return src, nil
}

// Sources lists every source by name, ignoring letter case.
func (s *Store) Sources(ctx context.Context) ([]news.Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceCols+` FROM sources ORDER BY lower(name) COLLATE "C", id`)
	if err != nil {
		return nil, fmt.Errorf("postgres: sources: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: sources: %w", err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: sources: %w", classify(err))
	}
	return out, nil
}

// DeleteSource removes a source with its items, articles and their
// comments.
func (s *Store) DeleteSource(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sources WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("postgres: delete source %d: %w", id, classify(err))
	}
	return rowsAffected(res, fmt.Sprintf("postgres: delete source %d", id))
}

// ClaimDueSources leases up to limit sources that are due at now and hold
// no unexpired lease, until now+lease, earliest due first. Rows another
// transaction is claiming are skipped, so concurrent callers in any number
// of processes get disjoint sources.
func (s *Store) ClaimDueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Source, error) {
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("postgres: claim sources: lease must be positive: %w", news.ErrInvalid)
	}
	n := tv(now)
	rows, err := s.db.QueryContext(ctx, `WITH due AS (
			SELECT id FROM sources WHERE next_poll_at <= $2 AND lease_until <= $2
			ORDER BY next_poll_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
		UPDATE sources SET lease_until = $1 FROM due WHERE sources.id = due.id
		RETURNING `+qualify("sources", sourceCols), tv(now.Add(lease)), n, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: claim sources: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: claim sources: %w", err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: claim sources: %w", classify(err))
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Feed.NextPollAt, out[j].Feed.NextPollAt
		if !a.Equal(b) {
			return a.Before(b)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// qualify prefixes each column of a comma-separated list with table.
func qualify(table, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = table + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// SaveFeedItems records one poll of a source in a single transaction: new
// items (by GUID or URL, for this source) are queued as pending, the feed
// state is stored and the source's lease released. It returns how many
// items were new. An item without a URL is invalid and fails the whole
// call; an item without a GUID uses its URL as GUID.
func (s *Store) SaveFeedItems(ctx context.Context, sourceID int64, items []news.Item, state news.FeedState) (int, error) {
	for i, it := range items {
		if strings.TrimSpace(it.URL) == "" {
			return 0, fmt.Errorf("postgres: save feed items of source %d: item %d has no URL: %w", sourceID, i, news.ErrInvalid)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("postgres: save feed items of source %d: %w", sourceID, classify(err))
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE sources SET etag = $1, last_modified = $2, last_fetch_at = $3,
		last_status = $4, last_error = $5, fail_count = $6, next_poll_at = $7, interval_ns = $8,
		items_per_day = $9, lease_until = '0001-01-01 00:00:00+00' WHERE id = $10`,
		state.ETag, state.LastModified, tv(state.LastFetchAt), state.LastStatus, state.LastError,
		state.FailCount, tv(state.NextPollAt), int64(state.Interval), state.ItemsPerDay, sourceID)
	if err != nil {
		return 0, fmt.Errorf("postgres: save feed items of source %d: %w", sourceID, classify(err))
	}
	if err := rowsAffected(res, fmt.Sprintf("postgres: save feed items of source %d", sourceID)); err != nil {
		return 0, err
	}
	added, err := insertItems(ctx, tx, sourceID, items)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("postgres: save feed items of source %d: %w", sourceID, classify(err))
	}
	return added, nil
}

// insertItems queues the items of a source not seen before (by GUID or
// URL) as pending, within tx, and returns how many were new. Every item
// must have a URL.
func insertItems(ctx context.Context, tx *sql.Tx, sourceID int64, items []news.Item) (int, error) {
	n := len(items)
	guids, urls, titles, summaries := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	contents, authors, images, cats := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	published := make([]time.Time, n)
	for i, it := range items {
		guids[i] = it.GUID
		if guids[i] == "" {
			guids[i] = it.URL
		}
		c := it.Categories
		if c == nil {
			c = []string{}
		}
		b, err := json.Marshal(c)
		if err != nil {
			return 0, fmt.Errorf("postgres: save feed items of source %d: %w", sourceID, err)
		}
		urls[i], titles[i], summaries[i], contents[i] = it.URL, it.Title, it.Summary, it.Content
		authors[i], images[i], cats[i], published[i] = it.Author, it.ImageURL, string(b), tv(it.Published)
	}
	added := 0
	if n > 0 {
		// One statement for the whole poll; rows go in in feed order, so
		// the first of two entries with one GUID or URL wins, and IDs (the
		// queue order) follow the feed.
		res, err := tx.ExecContext(ctx, `INSERT INTO items (source_id, guid, url, title, summary, content,
			author, published, image_url, categories, state, created_at)
			SELECT $1, guid, url, title, summary, content, author, published, image_url, categories::jsonb, 'pending', $2
			FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
				$9::timestamptz[], $10::text[], $11::text[]) WITH ORDINALITY
				AS i (guid, url, title, summary, content, author, published, image_url, categories, ord)
			ORDER BY ord
			ON CONFLICT DO NOTHING`,
			sourceID, now(), guids, urls, titles, summaries, contents, authors, published, images, cats)
		if err != nil {
			return 0, fmt.Errorf("postgres: save feed items of source %d: %w", sourceID, classify(err))
		}
		k, err := res.RowsAffected()
		if err != nil {
			return 0, fmt.Errorf("postgres: save feed items of source %d: %w", sourceID, err)
		}
		added = int(k)
	}
	return added, nil
}

// headersJSON encodes a source's request headers as a JSON object.
func headersJSON(h map[string]string) string {
	if len(h) == 0 {
		return "{}"
	}
	b, err := json.Marshal(h)
	if err != nil {
		return "{}" // a map of strings always encodes
	}
	return string(b)
}

// parseHeaders decodes a stored JSON object of request headers; an empty
// object gives nil.
func parseHeaders(b []byte) (map[string]string, error) {
	var h map[string]string
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, err
	}
	if len(h) == 0 {
		return nil, nil
	}
	return h, nil
}
