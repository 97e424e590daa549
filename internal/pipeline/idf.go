package pipeline

import (
	"context"
	"fmt"

	"newsdesk/internal/analysis/story"
	"newsdesk/internal/analysis/text"
	"newsdesk/internal/news"
)

// idfSample is how many recent articles of a language seed its term
// statistics when a process first needs them.
const idfSample = 2000

// termStats counts, per language, how many articles hold each term, so
// story assignment can weigh rare terms above common ones. Each process
// seeds its own from the store's recent articles and keeps it current as
// it stores articles; processes agree closely without sharing it. It is
// guarded by Pipeline.storyMu.
type termStats struct {
	docs map[string]int
	df   map[string]map[string]int
}

// weigh adds a document's terms to the statistics of its language and
// returns the terms weighed by inverse document frequency.
func (p *Pipeline) weigh(ctx context.Context, lang string, terms map[string]float64) (map[string]float64, error) {
	ts := &p.terms
	if ts.df == nil {
		ts.docs, ts.df = map[string]int{}, map[string]map[string]int{}
	}
	df, ok := ts.df[lang]
	if !ok {
		df = map[string]int{}
		arts, err := p.o.Store.Articles(ctx, news.ArticleFilter{Lang: lang, Limit: idfSample})
		if err != nil {
			return nil, fmt.Errorf("pipeline: term statistics for %q: %w", lang, err)
		}
		for _, a := range arts {
			for t := range text.Terms(a.Title, a.Text, a.Lang) {
				df[t]++
			}
		}
		ts.df[lang] = df
		ts.docs[lang] = len(arts)
	}
	ts.docs[lang]++
	for t := range terms {
		df[t]++
	}
	return story.Weigh(terms, ts.docs[lang], df), nil
}
