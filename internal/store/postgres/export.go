package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"newsdesk/internal/news"
)

// exportBatch is how many rows Export reads at a time.
const exportBatch = 500

// Export calls fn with every record, each with its original ID.
func (s *Store) Export(ctx context.Context, fn func(news.Record) error) error {
	steps := []struct {
		what string
		run  func(context.Context, func(news.Record) error) error
	}{
		{"sources", s.exportSources},
		{"users", s.exportUsers},
		{"items", s.exportItems},
		{"stories", s.exportStories},
		{"articles", s.exportArticles},
		{"comments", s.exportComments},
		{"templates", s.exportTemplates},
		{"subscriptions", s.exportSubscriptions},
		{"story leads", s.exportStories},
	}
	for _, st := range steps {
		if err := st.run(ctx, fn); err != nil {
			return fmt.Errorf("postgres: export %s: %w", st.what, err)
		}
	}
	return nil
}

// pages runs query (which takes the last ID seen and a limit, and selects
// the ID first) batch by batch, calling scan on every row.
func (s *Store) pages(ctx context.Context, query string, scan func(*sql.Rows) (int64, error)) error {
	var last int64
	for {
		rows, err := s.db.QueryContext(ctx, query, last, exportBatch)
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			id, err := scan(rows)
			if err != nil {
				rows.Close()
				return err
			}
			last = id
			n++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if n < exportBatch {
			return nil
		}
	}
}

func (s *Store) exportSources(ctx context.Context, fn func(news.Record) error) error {
	return s.pages(ctx, `SELECT `+sourceCols+` FROM sources WHERE id > $1 ORDER BY id LIMIT $2`, func(rows *sql.Rows) (int64, error) {
		src, err := scanSource(rows)
		if err != nil {
			return 0, err
		}
		return src.ID, fn(news.Record{Source: &src})
	})
}

func (s *Store) exportUsers(ctx context.Context, fn func(news.Record) error) error {
	return s.pages(ctx, `SELECT `+userCols+` FROM users WHERE id > $1 ORDER BY id LIMIT $2`, func(rows *sql.Rows) (int64, error) {
		u, err := scanUser(rows)
		if err != nil {
			return 0, err
		}
		return u.ID, fn(news.Record{User: &u})
	})
}

func (s *Store) exportItems(ctx context.Context, fn func(news.Record) error) error {
	return s.pages(ctx, `SELECT `+itemCols+` FROM items WHERE id > $1 ORDER BY id LIMIT $2`, func(rows *sql.Rows) (int64, error) {
		it, err := scanItem(rows)
		if err != nil {
			return 0, err
		}
		return it.ID, fn(news.Record{Item: &it})
	})
}

func (s *Store) exportStories(ctx context.Context, fn func(news.Record) error) error {
	return s.pages(ctx, `SELECT id, title, section, lang, COALESCE(lead_article_id, 0), terms FROM stories
		WHERE id > $1 ORDER BY id LIMIT $2`, func(rows *sql.Rows) (int64, error) {
		var st news.Story
		var terms []byte
		if err := rows.Scan(&st.ID, &st.Title, &st.Section, &st.Lang, &st.LeadArticleID, &terms); err != nil {
			return 0, err
		}
		if err := json.Unmarshal(terms, &st.Terms); err != nil {
			return 0, fmt.Errorf("story %d terms: %w", st.ID, err)
		}
		return st.ID, fn(news.Record{Story: &st})
	})
}

func (s *Store) exportArticles(ctx context.Context, fn func(news.Record) error) error {
	var last int64
	for {
		list, err := s.queryArticles(ctx, `SELECT `+articleCols+articleFrom+` WHERE a.id > $1 ORDER BY a.id LIMIT $2`, last, exportBatch)
		if err != nil {
			return err
		}
		for i := range list {
			a := list[i]
			a.SourceName, a.SourceSlug = "", ""
			if err := fn(news.Record{Article: &a}); err != nil {
				return err
			}
			last = a.ID
		}
		if len(list) < exportBatch {
			return nil
		}
	}
}

func (s *Store) exportComments(ctx context.Context, fn func(news.Record) error) error {
	return s.pages(ctx, `SELECT id, article_id, COALESCE(parent_id, 0), user_id, body, status, created_at
		FROM comments WHERE id > $1 ORDER BY id LIMIT $2`, func(rows *sql.Rows) (int64, error) {
		var c news.Comment
		var status string
		var created time.Time
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.UserID, &c.Body, &status, &created); err != nil {
			return 0, err
		}
		c.Status = news.CommentStatus(status)
		c.CreatedAt = ft(created)
		return c.ID, fn(news.Record{Comment: &c})
	})
}

func (s *Store) exportTemplates(ctx context.Context, fn func(news.Record) error) error {
	return s.pages(ctx, `SELECT source_id FROM source_templates WHERE source_id > $1 ORDER BY source_id LIMIT $2`, func(rows *sql.Rows) (int64, error) {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		t, err := loadTemplate(ctx, s.db, id, "")
		if err != nil {
			return 0, err
		}
		return id, fn(news.Record{Template: &t})
	})
}

// Import stores a record under its original ID; one already stored is left
// alone, but a story without a lead gets the one named once it exists.
// The table's ID sequence is moved past the record, so rows created later
// get fresh IDs.
func (s *Store) Import(ctx context.Context, rec news.Record) error {
	var (
		err   error
		table string
	)
	switch {
	case rec.Source != nil:
		table, err = "sources", s.importSource(ctx, rec.Source)
	case rec.User != nil:
		u := rec.User
		table = "users"
		_, err = s.db.ExecContext(ctx, `INSERT INTO users (id, name, name_key, email, password_hash, admin, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
			u.ID, u.Name, nameKey(u.Name), u.Email, u.PasswordHash, u.Admin, orNow(u.CreatedAt))
	case rec.Item != nil:
		table, err = "items", s.importItem(ctx, rec.Item)
	case rec.Story != nil:
		table, err = "stories", s.importStory(ctx, rec.Story)
	case rec.Article != nil:
		table, err = "articles", s.importArticle(ctx, rec.Article)
	case rec.Comment != nil:
		c := rec.Comment
		status := c.Status
		if status == "" {
			status = news.CommentVisible
		}
		table = "comments"
		_, err = s.db.ExecContext(ctx, `INSERT INTO comments (id, article_id, parent_id, user_id, body, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
			c.ID, c.ArticleID, nullID(c.ParentID), c.UserID, c.Body, string(status), orNow(c.CreatedAt))
	case rec.Template != nil:
		err = s.importTemplate(ctx, rec.Template)
	case rec.Subscription != nil:
		err = s.importSubscription(ctx, rec.Subscription)
	default:
		return fmt.Errorf("postgres: import: empty record: %w", news.ErrInvalid)
	}
	if err == nil && table != "" {
		// The table name is one of the constants above, never input.
		_, err = s.db.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), max(id)) FROM `+table)
	}
	if err != nil {
		return fmt.Errorf("postgres: import %s %d: %w", rec.Kind(), rec.ID(), classify(err))
	}
	return nil
}

func (s *Store) importSource(ctx context.Context, src *news.Source) error {
	f := src.Feed
	_, err := s.db.ExecContext(ctx, `INSERT INTO sources (id, name, slug, home_url, feed_url, lang, region,
		allow_private, created_at, etag, last_modified, last_fetch_at, last_status, last_error,
		fail_count, next_poll_at, interval_ns, items_per_day, user_agent, headers)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
		ON CONFLICT (id) DO NOTHING`,
		src.ID, src.Name, src.Slug, src.HomeURL, src.FeedURL, src.Lang, src.Region, src.AllowPrivate,
		orNow(src.CreatedAt), f.ETag, f.LastModified, tv(f.LastFetchAt), f.LastStatus, f.LastError,
		f.FailCount, tv(f.NextPollAt), int64(f.Interval), f.ItemsPerDay, src.UserAgent, headersJSON(src.Headers))
	return err
}

func (s *Store) importItem(ctx context.Context, it *news.Item) error {
	cats, err := jsonList(it.Categories)
	if err != nil {
		return err
	}
	state := it.State
	if state == "" {
		state = news.ItemPending
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO items (id, source_id, guid, url, title, summary, content, author,
		published, image_url, categories, state, attempts, error, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING`,
		it.ID, it.SourceID, it.GUID, it.URL, it.Title, it.Summary, it.Content, it.Author, tv(it.Published),
		it.ImageURL, cats, string(state), it.Attempts, it.Error, orNow(it.CreatedAt))
	return err
}

func (s *Store) importStory(ctx context.Context, st *news.Story) error {
	terms, err := termsJSON(st.Terms)
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO stories (id, title, section, lang, terms, created_at)
		VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (id) DO NOTHING`,
		st.ID, st.Title, st.Section, st.Lang, terms, now()); err != nil {
		return err
	}
	if st.LeadArticleID == 0 {
		return nil
	}
	_, err = s.db.ExecContext(ctx, `UPDATE stories SET lead_article_id = $1 WHERE id = $2 AND lead_article_id IS NULL
		AND EXISTS (SELECT 1 FROM articles WHERE id = $1)`, st.LeadArticleID, st.ID)
	return err
}

func (s *Store) importArticle(ctx context.Context, a *news.Article) error {
	summary, err := jsonList(a.Summary)
	if err != nil {
		return err
	}
	keyPoints, err := jsonList(a.KeyPoints)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO articles (id, source_id, item_id, url, canonical_url, title, byline,
		published, updated, lang, section, image_url, image_caption, html, text, excerpt, content_hash, simhash,
		duplicate_of, story_id, wire_credit, partial, summary, key_points, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
			$23::jsonb, $24::jsonb, $25) ON CONFLICT (id) DO NOTHING`,
		a.ID, a.SourceID, nullID(a.ItemID), a.URL, nullText(a.CanonicalURL), a.Title, a.Byline,
		tv(a.Published), tv(a.Updated), a.Lang, a.Section, a.ImageURL, a.ImageCaption, a.HTML, a.Text, a.Excerpt,
		a.ContentHash, int64(a.Simhash), nullID(a.DuplicateOf), nullID(a.StoryID), a.WireCredit, a.Partial,
		summary, keyPoints, orNow(a.CreatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // imported before
	}
	if err := saveHashtags(ctx, tx, a.ID, a.Hashtags); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) importTemplate(ctx context.Context, t *news.Template) error {
	m := make(map[string]int, len(t.Blocks))
	for k, n := range t.Blocks {
		m[strconv.FormatUint(k, 10)] = n
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO source_templates (source_id, pages, blocks) VALUES ($1, $2, $3::jsonb)
		ON CONFLICT (source_id) DO NOTHING`, t.SourceID, t.Pages, string(raw))
	return err
}

func (s *Store) exportSubscriptions(ctx context.Context, fn func(news.Record) error) error {
	subs, err := s.Subscriptions(ctx)
	if err != nil {
		return err
	}
	for i := range subs {
		if err := fn(news.Record{Subscription: &subs[i]}); err != nil {
			return err
		}
	}
	return nil
}

// importSubscription stores a source's subscription unless the source
// has one already, which is left as it is.
func (s *Store) importSubscription(ctx context.Context, sub *news.Subscription) error {
	if _, err := s.Subscription(ctx, sub.SourceID); !errors.Is(err, news.ErrNotFound) {
		return err
	}
	c := *sub
	return s.PutSubscription(ctx, &c)
}
