package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"newsdesk/internal/news"
)

// defaultStoryLimit is the list size when a filter asks for none.
const defaultStoryLimit = 30

// storyCols selects a story st with counts derived from its articles a.
// A story without articles has the zero time as first and last.
const storyCols = `st.id, st.title, st.section, st.lang, COALESCE(st.lead_article_id, 0), st.terms,
	COUNT(a.id), COUNT(DISTINCT a.source_id),
	COALESCE(MIN(a.published), '0001-01-01 00:00:00+00'), COALESCE(MAX(a.published), '0001-01-01 00:00:00+00')`

// scanStory reads one row selected with storyCols.
func scanStory(sc scanner) (news.Story, error) {
	var (
		st          news.Story
		terms       []byte
		first, last time.Time
	)
	if err := sc.Scan(&st.ID, &st.Title, &st.Section, &st.Lang, &st.LeadArticleID, &terms,
		&st.ArticleCount, &st.SourceCount, &first, &last); err != nil {
		return news.Story{}, err
	}
	if err := json.Unmarshal(terms, &st.Terms); err != nil {
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
	b, err := json.Marshal(t)
	return string(b), err
}

// CreateStory stores st and sets st.ID.
func (s *Store) CreateStory(ctx context.Context, st *news.Story) error {
	terms, err := termsJSON(st.Terms)
	if err != nil {
		return fmt.Errorf("postgres: create story: %w", err)
	}
	var id int64
	err = s.db.QueryRowContext(ctx, `INSERT INTO stories (title, section, lang, lead_article_id, terms, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		st.Title, st.Section, st.Lang, nullID(st.LeadArticleID), terms, now()).Scan(&id)
	if err != nil {
		return fmt.Errorf("postgres: create story: %w", classify(err))
	}
	st.ID = id
	return nil
}

// UpdateStory stores the title, section, language, lead and terms of st.
func (s *Store) UpdateStory(ctx context.Context, st *news.Story) error {
	terms, err := termsJSON(st.Terms)
	if err != nil {
		return fmt.Errorf("postgres: update story %d: %w", st.ID, err)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE stories SET title = $1, section = $2, lang = $3, lead_article_id = $4,
		terms = $5 WHERE id = $6`, st.Title, st.Section, st.Lang, nullID(st.LeadArticleID), terms, st.ID)
	if err != nil {
		return fmt.Errorf("postgres: update story %d: %w", st.ID, classify(err))
	}
	return rowsAffected(res, fmt.Sprintf("postgres: update story %d", st.ID))
}

// Story returns a story with counts and first and last times derived from
// its articles, and its lead article.
func (s *Store) Story(ctx context.Context, id int64) (news.Story, error) {
	st, err := scanStory(s.db.QueryRowContext(ctx, `SELECT `+storyCols+`
		FROM stories st LEFT JOIN articles a ON a.story_id = st.id WHERE st.id = $1 GROUP BY st.id`, id))
	if err != nil {
		return news.Story{}, fmt.Errorf("postgres: story %d: %w", id, classify(err))
	}
	list := []news.Story{st}
	if err := s.fillLeads(ctx, list); err != nil {
		return news.Story{}, fmt.Errorf("postgres: story %d: %w", id, err)
	}
	return list[0], nil
}

// Stories lists stories that have articles, by latest article, newest
// first, with counts and leads.
func (s *Store) Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+storyCols+`
		FROM stories st JOIN articles a ON a.story_id = st.id
		WHERE ($1 = '' OR st.lang = $1) AND ($2 = '' OR st.section = $2)
		GROUP BY st.id
		HAVING MAX(a.published) >= $3
		ORDER BY MAX(a.published) DESC, st.id DESC LIMIT $4`,
		f.Lang, f.Section, tv(f.Since), limitOr(f.Limit, defaultStoryLimit))
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: stories: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", classify(err))
	}
	if err := s.fillLeads(ctx, out); err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	return out, nil
}

// fillLeads sets Lead on each story: its lead article, or when it has none
// its earliest article.
func (s *Store) fillLeads(ctx context.Context, list []news.Story) error {
	var missing []int64
	for _, st := range list {
		if st.LeadArticleID == 0 && st.ArticleCount > 0 {
			missing = append(missing, st.ID)
		}
	}
	earliest := map[int64]int64{}
	if len(missing) > 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT ON (story_id) story_id, id FROM articles
			WHERE story_id = ANY ($1) ORDER BY story_id, published, id`, missing)
		if err != nil {
			return classify(err)
		}
		defer rows.Close()
		for rows.Next() {
			var sid, aid int64
			if err := rows.Scan(&sid, &aid); err != nil {
				return err
			}
			earliest[sid] = aid
		}
		if err := rows.Err(); err != nil {
			return classify(err)
		}
	}
	ids := make([]int64, 0, len(list))
	for i := range list {
		if id := list[i].LeadArticleID; id != 0 {
			ids = append(ids, id)
		} else if id, ok := earliest[list[i].ID]; ok {
			ids = append(ids, id)
		}
	}
	arts, err := s.articlesByID(ctx, ids)
	if err != nil {
		return err
	}
	for i := range list {
		id := list[i].LeadArticleID
		if id == 0 {
			id = earliest[list[i].ID]
		}
		if a, ok := arts[id]; ok && id != 0 {
			list[i].Lead = &a
		}
	}
	return nil
}

// SetArticleStory moves an article to a story, or out of any story when
// storyID is 0. A missing article or story gives news.ErrNotFound.
func (s *Store) SetArticleStory(ctx context.Context, articleID, storyID int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE articles SET story_id = $1 WHERE id = $2`, nullID(storyID), articleID)
	if err != nil {
		err = classify(err)
		if storyID != 0 && errors.Is(err, news.ErrInvalid) {
			return fmt.Errorf("postgres: set story of article %d: story %d: %w", articleID, storyID, news.ErrNotFound)
		}
		return fmt.Errorf("postgres: set story of article %d: %w", articleID, err)
	}
	return rowsAffected(res, fmt.Sprintf("postgres: set story of article %d", articleID))
}
