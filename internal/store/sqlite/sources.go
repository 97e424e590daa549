package sqlite

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
		headers                          []byte
		s                                news.Source
		allow                            int
		created, lastFetch, next, ivalNS int64
	)
	err := sc.Scan(&s.ID, &s.Name, &s.Slug, &s.HomeURL, &s.FeedURL, &s.Lang, &s.Region, &allow, &created,
		&s.Feed.ETag, &s.Feed.LastModified, &lastFetch, &s.Feed.LastStatus, &s.Feed.LastError,
		&s.Feed.FailCount, &next, &ivalNS, &s.Feed.ItemsPerDay, &s.UserAgent, &headers)
	if err != nil {
		return news.Source{}, err
	}
	if s.Headers, err = parseHeaders(headers); err != nil {
		return news.Source{}, fmt.Errorf("source %d headers: %w", s.ID, err)
	}
	s.AllowPrivate = allow != 0
	s.CreatedAt = ft(created)
	s.Feed.LastFetchAt = ft(lastFetch)
	s.Feed.NextPollAt = ft(next)
	s.Feed.Interval = time.Duration(ivalNS)
	return s, nil
}

// CreateSource stores src and sets its ID and CreatedAt. A taken feed URL
// or slug gives news.ErrConflict. A source whose Feed.NextPollAt is zero is
// due for polling at once.
func (s *Store) CreateSource(ctx context.Context, src *news.Source) error {
	if strings.TrimSpace(src.Name) == "" || strings.TrimSpace(src.Slug) == "" || strings.TrimSpace(src.FeedURL) == "" {
		return fmt.Errorf("sqlite: create source: name, slug and feed URL are required: %w", news.ErrInvalid)
	}
	created := orNow(src.CreatedAt)
	f := src.Feed
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO sources (name, slug, home_url, feed_url, lang, region,
		allow_private, created_at, etag, last_modified, last_fetch_at, last_status, last_error,
		fail_count, next_poll_at, interval_ns, items_per_day, user_agent, headers)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		src.Name, src.Slug, src.HomeURL, src.FeedURL, src.Lang, src.Region, boolInt(src.AllowPrivate),
		tn(created), f.ETag, f.LastModified, tn(f.LastFetchAt), f.LastStatus, f.LastError,
		f.FailCount, tn(f.NextPollAt), int64(f.Interval), f.ItemsPerDay, src.UserAgent, headersJSON(src.Headers)).Scan(&id)
	if err != nil {
		return fmt.Errorf("sqlite: create source %s: %w", src.FeedURL, classify(err))
	}
	src.ID = id
	src.CreatedAt = created
	return nil
}

// Source returns the source with this ID.
func (s *Store) Source(ctx context.Context, id int64) (news.Source, error) {
	src, err := scanSource(s.r.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE id = ?`, id))
	if err != nil {
		return news.Source{}, fmt.Errorf("sqlite: source %d: %w", id, classify(err))
	}
	return src, nil
}

// SourceBySlug returns the source with this slug.
func (s *Store) SourceBySlug(ctx context.Context, slug string) (news.Source, error) {
	src, err := scanSource(s.r.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE slug = ?`, slug))
	if err != nil {
		return news.Source{}, fmt.Errorf("sqlite: source %q: %w", slug, classify(err))
	}
	return src, nil
}

// Sources lists every source by name.
func (s *Store) Sources(ctx context.Context) ([]news.Source, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+sourceCols+` FROM sources ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: sources: %w", err)
	}
	defer rows.Close()
	var out []news.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: sources: %w", err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: sources: %w", err)
	}
	return out, nil
}

// DeleteSource removes a source with its items, articles and their
// comments.
func (s *Store) DeleteSource(ctx context.Context, id int64) error {
	res, err := s.w.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("sqlite: delete source %d: %w", id, classify(err))
	}
	if err := rowsAffected(res, "sqlite: delete source "+fmt.Sprint(id)); err != nil {
		return err
	}
	return nil
}

// ClaimDueSources leases up to limit sources that are due at now and hold
// no unexpired lease, until now+lease, earliest due first.
func (s *Store) ClaimDueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Source, error) {
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("sqlite: claim sources: lease must be positive: %w", news.ErrInvalid)
	}
	n := tn(now)
	rows, err := s.w.QueryContext(ctx, `UPDATE sources SET lease_until = ?
		WHERE id IN (SELECT id FROM sources WHERE next_poll_at <= ? AND lease_until <= ?
			ORDER BY next_poll_at, id LIMIT ?)
		RETURNING `+sourceCols, tn(now.Add(lease)), n, n, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim sources: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: claim sources: %w", err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: claim sources: %w", classify(err))
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

// SaveFeedItems records one poll of a source in a single transaction: new
// items (by GUID or URL, for this source) are queued as pending, the feed
// state is stored and the source's lease released. It returns how many
// items were new. An item without a URL is invalid and fails the whole
// call; an item without a GUID uses its URL as GUID.
func (s *Store) SaveFeedItems(ctx context.Context, sourceID int64, items []news.Item, state news.FeedState) (int, error) {
	for i, it := range items {
		if strings.TrimSpace(it.URL) == "" {
			return 0, fmt.Errorf("sqlite: save feed items of source %d: item %d has no URL: %w", sourceID, i, news.ErrInvalid)
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: save feed items of source %d: %w", sourceID, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE sources SET etag = ?, last_modified = ?, last_fetch_at = ?,
		last_status = ?, last_error = ?, fail_count = ?, next_poll_at = ?, interval_ns = ?,
		items_per_day = ?, lease_until = 0 WHERE id = ?`,
		state.ETag, state.LastModified, tn(state.LastFetchAt), state.LastStatus, state.LastError,
		state.FailCount, tn(state.NextPollAt), int64(state.Interval), state.ItemsPerDay, sourceID)
	if err != nil {
		return 0, fmt.Errorf("sqlite: save feed items of source %d: %w", sourceID, classify(err))
	}
	if err := rowsAffected(res, fmt.Sprintf("sqlite: save feed items of source %d", sourceID)); err != nil {
		return 0, err
	}
	added, err := insertItems(ctx, tx, sourceID, items)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("sqlite: save feed items of source %d: %w", sourceID, classify(err))
	}
	return added, nil
}

// insertItems queues the items of a source not seen before (by GUID or
// URL) as pending, within tx, and returns how many were new.
func insertItems(ctx context.Context, tx *sql.Tx, sourceID int64, items []news.Item) (int, error) {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO items (source_id, guid, url, title, summary, content,
		author, published, image_url, categories, state, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, fmt.Errorf("sqlite: save feed items of source %d: %w", sourceID, err)
	}
	defer stmt.Close()
	created := tn(now())
	added := 0
	for _, it := range items {
		guid := it.GUID
		if guid == "" {
			guid = it.URL
		}
		cats := it.Categories
		if cats == nil {
			cats = []string{}
		}
		catJSON, err := json.Marshal(cats)
		if err != nil {
			return 0, fmt.Errorf("sqlite: save feed items of source %d: %w", sourceID, err)
		}
		res, err := stmt.ExecContext(ctx, sourceID, guid, it.URL, it.Title, it.Summary, it.Content,
			it.Author, tn(it.Published), it.ImageURL, string(catJSON), created)
		if err != nil {
			return 0, fmt.Errorf("sqlite: save feed item %s: %w", it.URL, classify(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, fmt.Errorf("sqlite: save feed item %s: %w", it.URL, err)
		}
		added += int(n)
	}
	return added, nil
}

// scanner is a row or rows.
type scanner interface{ Scan(...any) error }

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
