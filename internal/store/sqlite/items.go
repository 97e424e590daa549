package sqlite

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
		published, created int64
		cats, state        string
	)
	err := sc.Scan(&it.ID, &it.SourceID, &it.GUID, &it.URL, &it.Title, &it.Summary, &it.Content,
		&it.Author, &published, &it.ImageURL, &cats, &state, &it.Attempts, &it.Error, &created)
	if err != nil {
		return news.Item{}, err
	}
	if err := json.Unmarshal([]byte(cats), &it.Categories); err != nil {
		return news.Item{}, fmt.Errorf("item %d categories: %w", it.ID, err)
	}
	it.Published = ft(published)
	it.CreatedAt = ft(created)
	it.State = news.ItemState(state)
	return it, nil
}

// ClaimItems leases up to limit pending items that are not leased and not
// waiting for a retry, oldest first, until now+lease, and counts an attempt
// on each.
func (s *Store) ClaimItems(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Item, error) {
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("sqlite: claim items: lease must be positive: %w", news.ErrInvalid)
	}
	n := tn(now)
	rows, err := s.w.QueryContext(ctx, `UPDATE items SET lease_until = ?, attempts = attempts + 1
		WHERE id IN (SELECT id FROM items WHERE state = 'pending' AND lease_until <= ? AND not_before <= ?
			ORDER BY id LIMIT ?)
		RETURNING `+itemCols, tn(now.Add(lease)), n, n, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim items: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: claim items: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: claim items: %w", classify(err))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Item returns the item with this ID.
func (s *Store) Item(ctx context.Context, id int64) (news.Item, error) {
	it, err := scanItem(s.r.QueryRowContext(ctx, `SELECT `+itemCols+` FROM items WHERE id = ?`, id))
	if err != nil {
		return news.Item{}, fmt.Errorf("sqlite: item %d: %w", id, classify(err))
	}
	return it, nil
}

// RetryItem releases a pending item's lease with an error message so that
// it is claimable again at or after retryAt, or marks it failed once it has
// had maxAttempts attempts. An item that is no longer pending is left as it
// is.
func (s *Store) RetryItem(ctx context.Context, id int64, errMsg string, retryAt time.Time, maxAttempts int) error {
	res, err := s.w.ExecContext(ctx, `UPDATE items SET lease_until = 0, error = ?, not_before = ?,
		state = CASE WHEN attempts >= ? THEN 'failed' ELSE 'pending' END
		WHERE id = ? AND state = 'pending'`, errMsg, tn(retryAt), maxAttempts, id)
	if err != nil {
		return fmt.Errorf("sqlite: retry item %d: %w", id, classify(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: retry item %d: %w", id, err)
	} else if n == 0 {
		return s.itemExists(ctx, id, "retry")
	}
	return nil
}

// FinishItem marks an item done without an article of its own.
func (s *Store) FinishItem(ctx context.Context, id int64) error {
	res, err := s.w.ExecContext(ctx, `UPDATE items SET state = 'done', lease_until = 0, error = '' WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("sqlite: finish item %d: %w", id, classify(err))
	}
	return rowsAffected(res, fmt.Sprintf("sqlite: finish item %d", id))
}

// itemExists returns news.ErrNotFound when there is no item with this ID.
func (s *Store) itemExists(ctx context.Context, id int64, op string) error {
	var n int
	if err := s.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM items WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: %s item %d: %w", op, id, err)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: %s item %d: %w", op, id, news.ErrNotFound)
	}
	return nil
}
