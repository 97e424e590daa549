package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"newsdesk/internal/news"
)

const itemCols = `id, source_id, guid, url, title, summary, content, author, published, image_url,
	categories, state, attempts, error, created_at`

// scanItem reads one row selected with itemCols.
func scanItem(sc scanner) (news.Item, error) {
	var (
		it                 news.Item
		published, created time.Time
		cats               []byte
		state              string
	)
	err := sc.Scan(&it.ID, &it.SourceID, &it.GUID, &it.URL, &it.Title, &it.Summary, &it.Content,
		&it.Author, &published, &it.ImageURL, &cats, &state, &it.Attempts, &it.Error, &created)
	if err != nil {
		return news.Item{}, err
	}
	if err := json.Unmarshal(cats, &it.Categories); err != nil {
		return news.Item{}, fmt.Errorf("item %d categories: %w", it.ID, err)
	}
	it.Published = ft(published)
	it.CreatedAt = ft(created)
	it.State = news.ItemState(state)
	return it, nil
}

// ClaimItems leases up to limit pending items that are not leased and not
// waiting for a retry, oldest first, until now+lease, and counts an attempt
// on each. Rows another transaction is claiming are skipped, so concurrent
// callers in any number of processes get disjoint items.
func (s *Store) ClaimItems(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Item, error) {
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("postgres: claim items: lease must be positive: %w", news.ErrInvalid)
	}
	rows, err := s.db.QueryContext(ctx, `WITH due AS (
			SELECT id FROM items WHERE state = 'pending' AND lease_until <= $2 AND not_before <= $2
			ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
		UPDATE items SET lease_until = $1, attempts = items.attempts + 1 FROM due WHERE items.id = due.id
		RETURNING `+qualify("items", itemCols), tv(now.Add(lease)), tv(now), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: claim items: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: claim items: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: claim items: %w", classify(err))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Item returns the item with this ID.
func (s *Store) Item(ctx context.Context, id int64) (news.Item, error) {
	it, err := scanItem(s.db.QueryRowContext(ctx, `SELECT `+itemCols+` FROM items WHERE id = $1`, id))
	if err != nil {
		return news.Item{}, fmt.Errorf("postgres: item %d: %w", id, classify(err))
	}
	return it, nil
}

// RetryItem releases a pending item's lease with an error message so that
// it is claimable again at or after retryAt, or marks it failed once it has
// had maxAttempts attempts. An item that is no longer pending is left as it
// is.
func (s *Store) RetryItem(ctx context.Context, id int64, errMsg string, retryAt time.Time, maxAttempts int) error {
	var found, changed bool
	err := s.db.QueryRowContext(ctx, `WITH upd AS (
			UPDATE items SET lease_until = '0001-01-01 00:00:00+00', error = $1, not_before = $2,
				state = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'pending' END
			WHERE id = $4 AND state = 'pending' RETURNING id)
		SELECT EXISTS (SELECT 1 FROM items WHERE id = $4), EXISTS (SELECT 1 FROM upd)`,
		errMsg, tv(retryAt), maxAttempts, id).Scan(&found, &changed)
	if err != nil {
		return fmt.Errorf("postgres: retry item %d: %w", id, classify(err))
	}
	if !found && !changed {
		return fmt.Errorf("postgres: retry item %d: %w", id, news.ErrNotFound)
	}
	return nil
}

// FinishItem marks an item done without an article of its own.
func (s *Store) FinishItem(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE items SET state = 'done', lease_until = '0001-01-01 00:00:00+00', error = ''
		WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("postgres: finish item %d: %w", id, classify(err))
	}
	return rowsAffected(res, fmt.Sprintf("postgres: finish item %d", id))
}
