package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"newsdesk/internal/news"
)

// Bounds of a learned template.
const (
	// maxTemplateBlocks caps the blocks kept per source; beyond it the
	// rarest are forgotten.
	maxTemplateBlocks = 5000
	// maxTemplatePages caps the page keys kept per source for counting
	// each page once.
	maxTemplatePages = 2000
)

// SourceTemplate returns what has been learned about a source's pages.
func (s *Store) SourceTemplate(ctx context.Context, sourceID int64) (news.Template, error) {
	t, err := loadTemplate(ctx, s.db, sourceID, "")
	if err != nil {
		return news.Template{}, fmt.Errorf("postgres: template of source %d: %w", sourceID, err)
	}
	return t, nil
}

// querier is what loadTemplate reads through: a pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// loadTemplate reads a source's template; lock is appended to the query
// ("FOR UPDATE" inside a transaction that will change it).
func loadTemplate(ctx context.Context, q querier, sourceID int64, lock string) (news.Template, error) {
	t := news.Template{SourceID: sourceID, Blocks: map[uint64]int{}}
	var raw []byte
	err := q.QueryRowContext(ctx, `SELECT pages, blocks FROM source_templates WHERE source_id = $1 `+lock, sourceID).Scan(&t.Pages, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, classify(err)
	}
	var m map[string]int
	if err := json.Unmarshal(raw, &m); err != nil {
		return t, fmt.Errorf("blocks: %w", err)
	}
	for k, n := range m {
		key, err := strconv.ParseUint(k, 10, 64)
		if err != nil {
			return t, fmt.Errorf("block key %q: %w", k, err)
		}
		t.Blocks[key] = n
	}
	return t, nil
}

// LearnTemplate counts a page's blocks into its source's template, once
// per page, and returns the template. The source's template row is locked
// for the transaction, so concurrent learners in any process count every
// page. A missing source gives news.ErrInvalid.
func (s *Store) LearnTemplate(ctx context.Context, sourceID int64, page string, blocks []uint64) (news.Template, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template: %w", classify(err))
	}
	defer tx.Rollback()
	// Make sure the row exists, then lock it: learners of one source take
	// turns from here on.
	if _, err := tx.ExecContext(ctx, `INSERT INTO source_templates (source_id) VALUES ($1) ON CONFLICT DO NOTHING`, sourceID); err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template of source %d: %w", sourceID, classify(err))
	}
	t, err := loadTemplate(ctx, tx, sourceID, "FOR UPDATE")
	if err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template of source %d: %w", sourceID, err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO template_pages (source_id, page) VALUES ($1, $2) ON CONFLICT DO NOTHING`, sourceID, page)
	if err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template of source %d: %w", sourceID, classify(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template of source %d: %w", sourceID, err)
	} else if n == 0 {
		// This page was learned before; nothing changes.
		return t, nil
	}
	t.Pages++
	seen := make(map[uint64]bool, len(blocks))
	for _, b := range blocks {
		if !seen[b] {
			seen[b] = true
			t.Blocks[b]++
		}
	}
	pruneTemplate(&t)
	m := make(map[string]int, len(t.Blocks))
	for k, n := range t.Blocks {
		m[strconv.FormatUint(k, 10)] = n
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE source_templates SET pages = $1, blocks = $2 WHERE source_id = $3`,
		t.Pages, string(raw), sourceID); err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template of source %d: %w", sourceID, classify(err))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM template_pages WHERE source_id = $1 AND seq <=
		(SELECT seq FROM template_pages WHERE source_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1)`,
		sourceID, maxTemplatePages); err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template of source %d: %w", sourceID, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return news.Template{}, fmt.Errorf("postgres: learn template: %w", classify(err))
	}
	return t, nil
}

// pruneTemplate forgets the rarest blocks beyond maxTemplateBlocks.
func pruneTemplate(t *news.Template) {
	if len(t.Blocks) <= maxTemplateBlocks {
		return
	}
	keys := make([]uint64, 0, len(t.Blocks))
	for k := range t.Blocks {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b uint64) int {
		if d := t.Blocks[b] - t.Blocks[a]; d != 0 {
			return d
		}
		if a < b {
			return -1
		}
		return 1
	})
	for _, k := range keys[maxTemplateBlocks:] {
		delete(t.Blocks, k)
	}
}
