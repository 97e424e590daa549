package sqlite

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
	t, err := loadTemplate(ctx, s.r, sourceID)
	if err != nil {
		return news.Template{}, fmt.Errorf("sqlite: template of source %d: %w", sourceID, err)
	}
	return t, nil
}

// querier is what loadTemplate reads through: a pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func loadTemplate(ctx context.Context, q querier, sourceID int64) (news.Template, error) {
	t := news.Template{SourceID: sourceID, Blocks: map[uint64]int{}}
	var raw string
	err := q.QueryRowContext(ctx, `SELECT pages, blocks FROM source_templates WHERE source_id = ?`, sourceID).Scan(&t.Pages, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, classify(err)
	}
	var m map[string]int
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
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
// per page, and returns the template.
func (s *Store) LearnTemplate(ctx context.Context, sourceID int64, page string, blocks []uint64) (news.Template, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return news.Template{}, fmt.Errorf("sqlite: learn template: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO template_pages (source_id, page) VALUES (?, ?) ON CONFLICT DO NOTHING`, sourceID, page)
	if err != nil {
		return news.Template{}, fmt.Errorf("sqlite: learn template of source %d: %w", sourceID, classify(err))
	}
	t, err := loadTemplate(ctx, tx, sourceID)
	if err != nil {
		return news.Template{}, fmt.Errorf("sqlite: learn template of source %d: %w", sourceID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return t, nil // this page was learned before
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
		return news.Template{}, fmt.Errorf("sqlite: learn template: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO source_templates (source_id, pages, blocks) VALUES (?, ?, ?)
		ON CONFLICT (source_id) DO UPDATE SET pages = excluded.pages, blocks = excluded.blocks`, sourceID, t.Pages, string(raw)); err != nil {
		return news.Template{}, fmt.Errorf("sqlite: learn template of source %d: %w", sourceID, classify(err))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM template_pages WHERE source_id = ? AND rowid NOT IN
		(SELECT rowid FROM template_pages WHERE source_id = ? ORDER BY rowid DESC LIMIT ?)`, sourceID, sourceID, maxTemplatePages); err != nil {
		return news.Template{}, fmt.Errorf("sqlite: learn template of source %d: %w", sourceID, err)
	}
	if err := tx.Commit(); err != nil {
		return news.Template{}, fmt.Errorf("sqlite: learn template: %w", err)
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
