package pipeline

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"newsdesk/internal/analysis/story"
	"newsdesk/internal/analysis/text"
	"newsdesk/internal/news"
)

// RelatedStore is what Related reads.
type RelatedStore interface {
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error)
}

// Related finds articles related to one article among recent coverage in
// its language: other stories only, one article per story, never a
// duplicate. It keeps each article's terms and each answer for a while,
// so a page view costs one query and some arithmetic. It is safe for
// concurrent use.
type Related struct {
	store RelatedStore
	// window is how far around the article's time to look.
	window time.Duration
	// ttl is how long an answer is reused.
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	terms   map[int64]map[string]float64
	answers map[relatedKey]relatedAnswer
}

type relatedKey struct {
	id int64
	k  int
}

type relatedAnswer struct {
	list []news.Article
	at   time.Time
}

// Bounds of Related's caches; past them a cache starts afresh.
const (
	maxCachedTerms   = 20000
	maxCachedAnswers = 5000
	relatedWindow    = 14 * 24 * time.Hour
	relatedTTL       = 5 * time.Minute
	relatedPool      = 400
)

// NewRelated returns a Related over s.
func NewRelated(s RelatedStore) *Related {
	return &Related{store: s, window: relatedWindow, ttl: relatedTTL, now: time.Now,
		terms: map[int64]map[string]float64{}, answers: map[relatedKey]relatedAnswer{}}
}

// Related returns up to k related articles, best first.
func (r *Related) Related(ctx context.Context, a news.Article, k int) ([]news.Article, error) {
	key := relatedKey{a.ID, k}
	r.mu.Lock()
	if ans, ok := r.answers[key]; ok && r.now().Sub(ans.at) < r.ttl {
		r.mu.Unlock()
		return ans.list, nil
	}
	r.mu.Unlock()

	cands, err := r.store.Articles(ctx, news.ArticleFilter{Lang: a.Lang, Since: a.Published.Add(-r.window), Originals: true, Limit: relatedPool})
	if err != nil {
		return nil, fmt.Errorf("related: article %d: %w", a.ID, err)
	}
	byID := make(map[string]news.Article, len(cands))
	docs := make([]story.Doc, 0, len(cands)+1)
	target := story.Doc{ID: strconv.FormatInt(a.ID, 10), Lang: a.Lang, Terms: r.termsOf(a)}
	docs = append(docs, target)
	for _, c := range cands {
		if c.ID == a.ID || (a.StoryID != 0 && c.StoryID == a.StoryID) || c.ID == a.DuplicateOf {
			continue
		}
		id := strconv.FormatInt(c.ID, 10)
		byID[id] = c
		docs = append(docs, story.Doc{ID: id, Lang: c.Lang, Terms: r.termsOf(c)})
	}
	docs = story.WeighByIDF(docs)
	seenStory := map[int64]bool{}
	var out []news.Article
	for _, id := range story.Related(docs[0], docs[1:], 4*k) {
		c, ok := byID[id]
		if !ok || c.StoryID != 0 && seenStory[c.StoryID] {
			continue
		}
		seenStory[c.StoryID] = true
		out = append(out, c)
		if len(out) == k {
			break
		}
	}
	r.mu.Lock()
	if len(r.answers) >= maxCachedAnswers {
		r.answers = map[relatedKey]relatedAnswer{}
	}
	r.answers[key] = relatedAnswer{list: out, at: r.now()}
	r.mu.Unlock()
	return out, nil
}

// termsOf returns an article's terms, from the cache when it has them.
func (r *Related) termsOf(a news.Article) map[string]float64 {
	r.mu.Lock()
	t, ok := r.terms[a.ID]
	r.mu.Unlock()
	if ok {
		return t
	}
	t = text.Terms(a.Title, a.Text, a.Lang)
	r.mu.Lock()
	if len(r.terms) >= maxCachedTerms {
		r.terms = map[int64]map[string]float64{}
	}
	r.terms[a.ID] = t
	r.mu.Unlock()
	return t
}
