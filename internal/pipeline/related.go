package pipeline

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"newsdesk/internal/analysis/story"
	"newsdesk/internal/analysis/text"
	"newsdesk/internal/news"
)

// RelatedStore is what Related reads.
type RelatedStore interface {
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error)
}

// Related finds articles related to one article among recent coverage in its
// language: other stories only, one article per story, never a duplicate.
type Related struct {
	Store RelatedStore
	// Window is how far around the article's time to look; 14 days when 0.
	Window time.Duration
}

// Related returns up to k related articles, best first.
func (r Related) Related(ctx context.Context, a news.Article, k int) ([]news.Article, error) {
	win := r.Window
	if win <= 0 {
		win = 14 * 24 * time.Hour
	}
	cands, err := r.Store.Articles(ctx, news.ArticleFilter{Lang: a.Lang, Since: a.Published.Add(-win), Originals: true, Limit: 400})
	if err != nil {
		return nil, fmt.Errorf("related: article %d: %w", a.ID, err)
	}
	byID := make(map[string]news.Article, len(cands))
	docs := make([]story.Doc, 0, len(cands))
	for _, c := range cands {
		if c.ID == a.ID || (a.StoryID != 0 && c.StoryID == a.StoryID) || c.ID == a.DuplicateOf {
			continue
		}
		id := strconv.FormatInt(c.ID, 10)
		byID[id] = c
		docs = append(docs, story.Doc{ID: id, Title: c.Title, Text: c.Text, Lang: c.Lang, Published: c.Published, Terms: text.Terms(c.Title, c.Text, c.Lang)})
	}
	target := story.Doc{ID: strconv.FormatInt(a.ID, 10), Title: a.Title, Text: a.Text, Lang: a.Lang, Published: a.Published, Terms: text.Terms(a.Title, a.Text, a.Lang)}
	seenStory := map[int64]bool{}
	var out []news.Article
	for _, id := range story.Related(target, docs, 4*k) {
		c, ok := byID[id]
		if !ok || seenStory[c.StoryID] && c.StoryID != 0 {
			continue
		}
		seenStory[c.StoryID] = true
		out = append(out, c)
		if len(out) == k {
			break
		}
	}
	return out, nil
}
