package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"newsdesk/internal/analysis/classify"
	"newsdesk/internal/analysis/dedup"
	"newsdesk/internal/analysis/story"
	"newsdesk/internal/analysis/summary"
	"newsdesk/internal/analysis/text"
	"newsdesk/internal/extract"
	"newsdesk/internal/fetch"
	"newsdesk/internal/news"
	"newsdesk/internal/sanitize"
)

// storyLockTTL bounds how long a process that died keeps others from
// assigning stories.
const storyLockTTL = 10 * time.Second

// minBodyRunes is the shortest extracted body taken as a real article;
// anything shorter falls back to the feed's own content.
const minBodyRunes = 200

// ProcessItem fetches an item's page, extracts and analyses the article and
// stores it. A failure to fetch is retried later with backoff; after the
// last attempt the feed's own content is used when it has any.
func (p *Pipeline) ProcessItem(ctx context.Context, it news.Item) error {
	src, err := p.o.Store.Source(ctx, it.SourceID)
	if errors.Is(err, news.ErrNotFound) {
		return p.o.Store.FinishItem(ctx, it.ID) // the source was removed meanwhile
	}
	if err != nil {
		return fmt.Errorf("pipeline: item %d: %w", it.ID, err)
	}
	resp, err := p.o.Fetcher.Get(ctx, fetch.Request{
		URL:          it.URL,
		AllowPrivate: src.AllowPrivate,
		Accept:       "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
		Header:       sourceHeader(src),
		UserAgent:    src.UserAgent,
		Robots:       true,
	})
	var res *extract.Result
	if err == nil {
		var later bool
		res, later, err = p.extractPage(ctx, it, src, resp)
		if err == nil && later {
			// The outlet's template is still young: come back once more of
			// its pages have been seen, so this page is cleaned with them.
			return p.o.Store.RetryItem(ctx, it.ID, "", p.o.Now().Add(learnDelay), max(p.o.MaxAttempts, it.Attempts+1))
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // shutting down: the lease expires and the item is redone
		}
		if it.Attempts < p.o.MaxAttempts && retryable(err) {
			retryAt := p.o.Now().Add(backoff(30*time.Second, time.Hour, it.Attempts-1))
			if rerr := p.o.Store.RetryItem(ctx, it.ID, plainError(err), retryAt, p.o.MaxAttempts); rerr != nil {
				return errors.Join(err, rerr)
			}
			return fmt.Errorf("pipeline: item %d %s: %w", it.ID, it.URL, err)
		}
		if utf8.RuneCountInString(sanitize.Text(it.Content+" "+it.Summary)) < minBodyRunes {
			// Too little in the feed to make an article of.
			if rerr := p.o.Store.RetryItem(ctx, it.ID, plainError(err), p.o.Now(), 1); rerr != nil {
				return errors.Join(err, rerr)
			}
			return fmt.Errorf("pipeline: item %d %s: giving up: %w", it.ID, it.URL, err)
		}
		res = &extract.Result{URL: it.URL, Wall: true} // keep the feed's text
	}
	a := p.build(it, src, res)
	return p.store(ctx, it, a)
}

// Template learning.
const (
	// learnPages is how many pages of an outlet are learned before its
	// articles are cleaned without waiting for more.
	learnPages = 10
	// learnDelay is how long a page waits for its siblings while its
	// outlet's template is young.
	learnDelay = 5 * time.Second
)

// extractPage extracts a fetched page, cleans it with what has been
// learned about its outlet's pages, and teaches the outlet's template this
// page. later reports that the template is still young and the item should
// be processed again after its siblings.
func (p *Pipeline) extractPage(ctx context.Context, it news.Item, src news.Source, resp *fetch.Response) (res *extract.Result, later bool, err error) {
	tpl, err := p.o.Store.SourceTemplate(ctx, src.ID)
	if err != nil {
		return nil, false, err
	}
	opts := extract.Options{FeedTitle: sanitize.Text(it.Title), FeedPublished: it.Published, Boilerplate: tpl.Boilerplate}
	if res, err = extract.Extract(resp.Body, resp.ContentType, resp.URL, opts); err != nil {
		return nil, false, err
	}
	learned, err := p.o.Store.LearnTemplate(ctx, src.ID, dedup.CanonicalURL(resp.URL), res.Blocks)
	if err != nil {
		return nil, false, err
	}
	if learned.Pages > tpl.Pages && tpl.Pages < learnPages && it.Attempts <= 1 {
		return res, true, nil
	}
	for _, b := range res.Blocks {
		if learned.Boilerplate(b) && !tpl.Boilerplate(b) {
			// This page made a block boilerplate: clean it again.
			opts.Boilerplate = learned.Boilerplate
			res, err = extract.Extract(resp.Body, resp.ContentType, resp.URL, opts)
			break
		}
	}
	return res, false, err
}

// retryable reports whether fetching again later may help.
func retryable(err error) bool {
	if errors.Is(err, fetch.ErrDisallowed) {
		return false
	}
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusTooManyRequests || se.Code >= 500
	}
	return true
}

// sourceHeader is a source's own request headers as an http.Header, nil
// when it has none.
func sourceHeader(src news.Source) http.Header {
	if len(src.Headers) == 0 {
		return nil
	}
	h := make(http.Header, len(src.Headers))
	for k, v := range src.Headers {
		h.Set(k, v)
	}
	return h
}

// build turns an extraction result into an analysed article. It does no I/O.
func (p *Pipeline) build(it news.Item, src news.Source, res *extract.Result) *news.Article {
	a := &news.Article{
		SourceID:     src.ID,
		ItemID:       it.ID,
		URL:          firstNonEmpty(res.URL, it.URL),
		Title:        firstNonEmpty(res.Title, sanitize.Text(it.Title)),
		Byline:       firstNonEmpty(res.Byline, it.Author),
		Published:    res.Published,
		Updated:      res.Updated,
		ImageURL:     firstNonEmpty(res.Image, it.ImageURL),
		ImageCaption: res.ImageCaption,
		HTML:         res.HTML,
		Text:         res.Text,
	}
	if res.Wall || utf8.RuneCountInString(res.Text) < minBodyRunes {
		// A walled or empty page: the feed's own text is better than the wall's.
		body := firstNonEmpty(it.Content, it.Summary)
		if fallback := sanitize.Text(body); utf8.RuneCountInString(fallback) > utf8.RuneCountInString(res.Text) {
			a.HTML = sanitize.HTML(body, a.URL)
			a.Text = fallback
			a.Partial = res.Wall
		}
	}
	if a.Published.IsZero() {
		a.Published = it.Published
	}
	if a.Published.IsZero() {
		a.Published = p.o.Now()
	}
	a.CanonicalURL = dedup.CanonicalURL(firstNonEmpty(res.Canonical, a.URL))
	a.Lang = firstNonEmpty(res.Lang, src.Lang)
	if a.Lang == "" {
		a.Lang = text.Lang(a.Title + "\n" + a.Text)
	}
	a.Section = section(res.Section, a.Title, a.Text, a.Lang)
	a.Excerpt = excerpt(a.Text, 280)
	a.ContentHash = dedup.ContentHash(a.Text)
	a.Simhash = dedup.Simhash(a.Text)
	a.WireCredit = firstNonEmpty(res.WireCredit, dedup.Wire(a.Text, a.Byline))
	a.Summary = summary.Summarize(a.Title, a.Text, a.Lang, 3)
	a.KeyPoints = summary.KeyPoints(a.Title, a.Text, a.Lang, 4)
	a.Hashtags = classify.Hashtags(a.Title, a.Text, a.Lang, 8)
	return a
}

// section keeps the page's own section when it names one of ours and
// classifies the text otherwise.
func section(pageSection, title, body, lang string) string {
	s := strings.ToLower(strings.TrimSpace(pageSection))
	for _, known := range news.DefaultSections() {
		if s == known.Slug || s == strings.ToLower(known.Name) {
			return known.Slug
		}
	}
	return classify.Section(title, body, lang)
}

// store finds duplicates and the story, then saves the article.
func (p *Pipeline) store(ctx context.Context, it news.Item, a *news.Article) error {
	st := p.o.Store
	if other, err := st.ArticleByURL(ctx, a.CanonicalURL); err == nil && other.ItemID != it.ID {
		// Another feed entry already brought this page.
		return st.FinishItem(ctx, it.ID)
	} else if err != nil && !errors.Is(err, news.ErrNotFound) {
		return fmt.Errorf("pipeline: item %d: %w", it.ID, err)
	}
	// Story assignment reads and writes stories: one at a time per process,
	// and per language across every process sharing the store.
	p.storyMu.Lock()
	defer p.storyMu.Unlock()
	release, err := st.Lock(ctx, "stories:"+a.Lang, storyLockTTL)
	if err != nil {
		return fmt.Errorf("pipeline: item %d: story lock: %w", it.ID, err)
	}
	defer func() {
		if err := release(); err != nil {
			p.log.Warn("story lock not released", "error", err)
		}
	}()
	recent, err := st.Articles(ctx, news.ArticleFilter{Lang: a.Lang, Since: a.Published.Add(-72 * time.Hour), Limit: 500})
	if err != nil {
		return fmt.Errorf("pipeline: item %d: recent articles: %w", it.ID, err)
	}
	if orig, err := st.ArticleByHash(ctx, a.ContentHash); err == nil && orig.ItemID != it.ID {
		a.DuplicateOf = orig.ID
		a.StoryID = orig.StoryID
	} else {
		a.DuplicateOf, a.StoryID = nearCopy(it.ID, a, recent)
	}
	weighed, err := p.weigh(ctx, a.Lang, text.Terms(a.Title, a.Text, a.Lang))
	if err != nil {
		return err
	}
	doc := story.Doc{Title: a.Title, Text: a.Text, Lang: a.Lang, Published: a.Published, Terms: weighed}
	var s news.Story
	if a.StoryID == 0 {
		stories, err := st.Stories(ctx, news.StoryFilter{Lang: a.Lang, Since: a.Published.Add(-72 * time.Hour), Limit: 300})
		if err != nil {
			return fmt.Errorf("pipeline: item %d: recent stories: %w", it.ID, err)
		}
		clusters := make([]story.Cluster, len(stories))
		for i, s := range stories {
			clusters[i] = story.Cluster{ID: s.ID, Terms: s.Terms, Size: s.ArticleCount, Last: s.LastPublished}
		}
		if best, _ := story.Assign(doc, clusters, a.Published); best >= 0 {
			s = stories[best]
		} else {
			s = news.Story{Title: a.Title, Section: a.Section, Lang: a.Lang}
			if err := st.CreateStory(ctx, &s); err != nil {
				return fmt.Errorf("pipeline: item %d: new story: %w", it.ID, err)
			}
		}
		a.StoryID = s.ID
	} else if s, err = st.Story(ctx, a.StoryID); err != nil {
		return fmt.Errorf("pipeline: item %d: story %d: %w", it.ID, a.StoryID, err)
	}
	if err := st.SaveArticle(ctx, a); err != nil {
		if errors.Is(err, news.ErrConflict) {
			return st.FinishItem(ctx, it.ID)
		}
		return fmt.Errorf("pipeline: item %d: save: %w", it.ID, err)
	}
	merged := story.Merge(story.Cluster{ID: s.ID, Terms: s.Terms, Size: s.ArticleCount, Last: s.LastPublished}, doc)
	s.Terms = merged.Terms
	if s.LeadArticleID == 0 {
		s.LeadArticleID = a.ID
	}
	if err := st.UpdateStory(ctx, &s); err != nil {
		return fmt.Errorf("pipeline: item %d: update story %d: %w", it.ID, s.ID, err)
	}
	p.log.Debug("article stored", "article_id", a.ID, "story_id", a.StoryID, "duplicate_of", a.DuplicateOf, "url", a.URL)
	return nil
}

// simhashPrefilter is the largest simhash distance at which two texts are
// compared closely; unrelated texts sit near 32.
const simhashPrefilter = 22

// nearCopy finds the earlier original that a copies (syndicated wire copy,
// a re-publication with other boilerplate, a copy with its end cut) and
// returns it with its story, or zeros.
func nearCopy(itemID int64, a *news.Article, recent []news.Article) (int64, int64) {
	var fp []uint64
	best, bestScore := -1, 0.0
	for i, r := range recent {
		if r.ItemID == itemID || r.DuplicateOf != 0 || dedup.Distance(a.Simhash, r.Simhash) > simhashPrefilter {
			continue
		}
		if fp == nil {
			fp = dedup.Fingerprint(a.Text)
		}
		if s := dedup.Containment(fp, dedup.Fingerprint(r.Text)); s >= story.DuplicateContainment && s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return 0, 0
	}
	return recent[best].ID, recent[best].StoryID
}

// excerpt returns the first paragraph of body, cut at a word before n runes.
func excerpt(body string, n int) string {
	para, _, _ := strings.Cut(strings.TrimSpace(body), "\n\n")
	if utf8.RuneCountInString(para) <= n {
		return para
	}
	r := []rune(para)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

func firstNonEmpty(vals ...string) string {
	if i := slices.IndexFunc(vals, func(s string) bool { return strings.TrimSpace(s) != "" }); i >= 0 {
		return strings.TrimSpace(vals[i])
	}
	return ""
}
