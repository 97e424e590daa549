package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"newsdesk/internal/news"
)

// defaultStoryLimit is the list size when a filter asks for none.
const defaultStoryLimit = 30

// storyCols selects a story st with counts derived from its articles a.
const storyCols = `st.id, st.title, st.section, st.lang, COALESCE(st.lead_article_id, 0), st.terms,
	COUNT(a.id), COUNT(DISTINCT a.source_id), COALESCE(MIN(a.published), 0), COALESCE(MAX(a.published), 0)`

// scanStory reads one row selected with storyCols.
func scanStory(sc scanner) (news.Story, error) {
	var (
		st          news.Story
		terms       string
		first, last int64
	)
	if err := sc.Scan(&st.ID, &st.Title, &st.Section, &st.Lang, &st.LeadArticleID, &terms,
		&st.ArticleCount, &st.SourceCount, &first, &last); err != nil {
		return news.Story{}, err
	}
	if err := json.Unmarshal([]byte(terms), &st.Terms); err != nil {
		return news.Story{}, fmt.Errorf("story %d terms: %w", st.ID, err)
	}
	st.FirstPublished = ft(first)
	st.LastPublished = ft(last)
	return st, nil
}

// termsJSON encodes a story's terms, an empty object for nil.
func termsJSON(t map[string]float64) (string, error) {
	if t == nil {
		return "{}", nil
	}
	return jsonText(t)
}

// CreateStory stores st and sets st.ID.
func (s *Store) CreateStory(ctx context.Context, st *news.Story) error {
	terms, err := termsJSON(st.Terms)
	if err != nil {
		return fmt.Errorf("sqlite: create story: %w", err)
	}
	var id int64
	err = s.w.QueryRowContext(ctx, `INSERT INTO stories (title, section, lang, lead_article_id, terms, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		st.Title, st.Section, st.Lang, nullID(st.LeadArticleID), terms, tn(now())).Scan(&id)
	if err != nil {
		return fmt.Errorf("sqlite: create story: %w", classify(err))
	}
	st.ID = id
	return nil
}

// UpdateStory stores the title, section, language, lead and terms of st.
func (s *Store) UpdateStory(ctx context.Context, st *news.Story) error {
	terms, err := termsJSON(st.Terms)
	if err != nil {
		return fmt.Errorf("sqlite: update story %d: %w", st.ID, err)
	}
	res, err := s.w.ExecContext(ctx, `UPDATE stories SET title = ?, section = ?, lang = ?, lead_article_id = ?,
		terms = ? WHERE id = ?`, st.Title, st.Section, st.Lang, nullID(st.LeadArticleID), terms, st.ID)
	if err != nil {
		return fmt.Errorf("sqlite: update story %d: %w", st.ID, classify(err))
	}
	return rowsAffected(res, fmt.Sprintf("sqlite: update story %d", st.ID))
}

// Story returns a story with counts and first and last times derived from
// its articles, and its lead article.
func (s *Store) Story(ctx context.Context, id int64) (news.Story, error) {
	st, err := scanStory(s.r.QueryRowContext(ctx, `SELECT `+storyCols+`
		FROM stories st LEFT JOIN articles a ON a.story_id = st.id WHERE st.id = ? GROUP BY st.id`, id))
	if err != nil {
		return news.Story{}, fmt.Errorf("sqlite: story %d: %w", id, classify(err))
	}
	list := []news.Story{st}
	if err := s.fillLeads(ctx, list); err != nil {
		return news.Story{}, fmt.Errorf("sqlite: story %d: %w", id, err)
	}
	return list[0], nil
}

// Stories lists stories that have articles, by latest article, newest
// first, with counts and leads.
func (s *Store) Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+storyCols+`
		FROM stories st JOIN articles a ON a.story_id = st.id
		WHERE (? = '' OR st.lang = ?) AND (? = '' OR st.section = ?)
		GROUP BY st.id
		HAVING MAX(a.published) >= ?
		ORDER BY MAX(a.published) DESC, st.id DESC LIMIT ?`,
		f.Lang, f.Lang, f.Section, f.Section, tn(f.Since), limitOr(f.Limit, defaultStoryLimit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: stories: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	if err := s.fillLeads(ctx, out); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return out, nil
}

// fillLeads sets Lead on each story: its lead article, or when it has none
// its earliest article.
func (s *Store) fillLeads(ctx context.Context, list []news.Story) error {
	ids := make([]int64, 0, len(list))
	for i := range list {
		st := &list[i]
		if st.LeadArticleID != 0 {
			ids = append(ids, st.LeadArticleID)
			continue
		}
		if st.ArticleCount == 0 {
			continue
		}
		var id int64
		err := s.r.QueryRowContext(ctx, `SELECT id FROM articles WHERE story_id = ?
			ORDER BY published, id LIMIT 1`, st.ID).Scan(&id)
		if err != nil {
			return classify(err)
		}
		ids = append(ids, id)
	}
	arts, err := s.articlesByID(ctx, ids)
	if err != nil {
		return err
	}
	j := 0
	for i := range list {
		st := &list[i]
		if st.LeadArticleID == 0 && st.ArticleCount == 0 {
			continue
		}
		if a, ok := arts[ids[j]]; ok {
			st.Lead = &a
		}
		j++
	}
	return nil
}

// SetArticleStory moves an article to a story, or out of any story when
// storyID is 0.
func (s *Store) SetArticleStory(ctx context.Context, articleID, storyID int64) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: set story of article %d: %w", articleID, err)
	}
	defer tx.Rollback()
	if storyID != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stories WHERE id = ?`, storyID).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: set story of article %d: %w", articleID, err)
		}
		if n == 0 {
			return fmt.Errorf("sqlite: set story of article %d: story %d: %w", articleID, storyID, news.ErrNotFound)
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE id = ?`, nullID(storyID), articleID)
	if err != nil {
		return fmt.Errorf("sqlite: set story of article %d: %w", articleID, classify(err))
	}
	if err := rowsAffected(res, fmt.Sprintf("sqlite: set story of article %d", articleID)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: set story of article %d: %w", articleID, err)
	}
	return nil
}
