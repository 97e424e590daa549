package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// testLearnTemplateConcurrent checks that pages learned at the same time
// by several workers are each counted once.
func testLearnTemplateConcurrent(t *testing.T, s Store) {
	const workers, pages, promo = 6, 30, 7
	src := newSource(t, s, 1)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every worker learns every page, in its own order.
			for i := range pages {
				p := (i + w*5) % pages
				page := fmt.Sprintf("https://outlet01.example/p/%d", p)
				if _, err := s.LearnTemplate(t.Context(), src.ID, page, []uint64{promo, uint64(100 + p)}); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("concurrent LearnTemplate: %v", errs[0])
	}
	tpl, err := s.SourceTemplate(t.Context(), src.ID)
	must(t, "SourceTemplate", err)
	if tpl.Pages != pages || tpl.Blocks[promo] != pages || tpl.Blocks[100] != 1 {
		t.Fatalf("template after concurrent learning = %d pages, promo on %d, page block on %d; want %d, %d, 1",
			tpl.Pages, tpl.Blocks[promo], tpl.Blocks[100], pages, pages)
	}
}

// testArticlesUndated checks that articles without a publication time
// list after dated ones, and that paging with Before reaches them.
func testArticlesUndated(t *testing.T, s Store) {
	ctx := ctxOf(t)
	src := newSource(t, s, 1)
	dated := newArticle(t, s, src, "dated", t0, nil)
	undated := newArticle(t, s, src, "undated", time.Time{}, nil)
	got, err := s.Articles(ctx, news.ArticleFilter{})
	must(t, "Articles", err)
	sameIDs(t, "Articles", articleIDs(got), ids(dated, undated))
	if !got[1].Published.IsZero() {
		t.Fatalf("undated article has Published %v, want zero", got[1].Published)
	}
	got, err = s.Articles(ctx, news.ArticleFilter{Before: t0})
	must(t, "Articles(before)", err)
	sameIDs(t, "Articles before the dated one", articleIDs(got), ids(undated))
	got, err = s.Articles(ctx, news.ArticleFilter{Since: t0.Add(-time.Hour)})
	must(t, "Articles(since)", err)
	sameIDs(t, "Articles since an hour before", articleIDs(got), ids(dated))
}
