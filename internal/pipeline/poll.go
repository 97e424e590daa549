package pipeline

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"newsdesk/internal/feed"
	"newsdesk/internal/fetch"
	"newsdesk/internal/news"
)

// PollSource fetches a source's feed with a conditional GET, stores the
// items it has not seen and records the feed's health and next poll time,
// all in one store transaction. A failure is recorded in the source's
// health in plain words and backs the source off; it is also returned.
func (p *Pipeline) PollSource(ctx context.Context, src news.Source) error {
	now := p.o.Now()
	st := src.Feed
	st.LastFetchAt = now
	resp, err := p.o.Fetcher.Get(ctx, fetch.Request{
		URL:          src.FeedURL,
		ETag:         st.ETag,
		LastModified: st.LastModified,
		AllowPrivate: src.AllowPrivate,
		Header:       sourceHeader(src),
		UserAgent:    src.UserAgent,
		Accept:       "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5",
	})
	if err != nil {
		if ctx.Err() != nil {
			// Shutting down: leave the lease to expire so the poll is redone.
			return ctx.Err()
		}
		return p.feedFailed(ctx, src, st, err)
	}
	st.LastStatus = resp.Status
	cached := cacheLifetime(resp.Header)
	sub := p.currentSubscription(ctx, src)
	// A source whose hub pushes its updates is polled only as a safety
	// net, at the longest interval.
	pushed := sub != nil && pushActive(*sub, now)
	if resp.NotModified {
		st.LastError = ""
		st.FailCount = 0
		st.NextPollAt = now.Add(min(max(p.interval(st), cached), p.o.PollMax))
		if pushed {
			st.NextPollAt = now.Add(p.o.PollMax)
		}
		if _, err := p.o.Store.SaveFeedItems(ctx, src.ID, nil, st); err != nil {
			return fmt.Errorf("pipeline: %s: save feed state: %w", src.FeedURL, err)
		}
		return nil
	}
	f, err := feed.Parse(resp.Body, resp.URL, resp.Header)
	if err != nil {
		return p.feedFailed(ctx, src, st, err)
	}
	items := feedItems(src.ID, f, now)
	st.ETag, st.LastModified = resp.ETag, resp.LastModified
	st.LastError = feedWarning(f, resp.ContentType)
	st.FailCount = 0
	st.ItemsPerDay = itemsPerDay(items, now)
	st.Interval = p.adaptiveInterval(st.ItemsPerDay, max(f.TTL, cached))
	if pushed {
		st.Interval = p.o.PollMax
	}
	st.NextPollAt = now.Add(st.Interval)
	n, err := p.o.Store.SaveFeedItems(ctx, src.ID, items, st)
	if err != nil {
		return fmt.Errorf("pipeline: %s: save items: %w", src.FeedURL, err)
	}
	p.log.Info("feed polled", "source", src.Slug, "items", len(items), "new", n, "next_poll_in", st.Interval.String(), "push", pushed)
	p.followHub(ctx, src, f, resp.Header, sub)
	return nil
}

// feedFailed records a failed poll and backs the source off.
func (p *Pipeline) feedFailed(ctx context.Context, src news.Source, st news.FeedState, cause error) error {
	now := p.o.Now()
	st.FailCount++
	st.LastError = plainError(cause)
	wait := backoff(p.o.PollMin, p.o.PollMax, st.FailCount-1)
	var se *fetch.StatusError
	if errors.As(cause, &se) {
		st.LastStatus = se.Code
		if se.RetryAfter > wait {
			wait = min(se.RetryAfter, 24*time.Hour)
		}
	} else {
		st.LastStatus = 0
	}
	st.NextPollAt = now.Add(wait)
	if _, err := p.o.Store.SaveFeedItems(ctx, src.ID, nil, st); err != nil {
		return errors.Join(fmt.Errorf("pipeline: %s: %w", src.FeedURL, cause), fmt.Errorf("pipeline: %s: save feed state: %w", src.FeedURL, err))
	}
	p.log.Warn("feed failed", "source", src.Slug, "error", st.LastError, "failures", st.FailCount, "retry_in", wait.String())
	return fmt.Errorf("pipeline: %s: %w", src.FeedURL, cause)
}

// feedWarning describes, for the source's health, a feed that was read
// although it is damaged: its bytes are not in the charset its header
// names, or its XML is not well-formed. It is "" for a sound feed.
func feedWarning(f *feed.Feed, contentType string) string {
	if f.Wellformed {
		return ""
	}
	_, params, _ := mime.ParseMediaType(contentType)
	if cs := strings.ToLower(strings.Trim(params["charset"], `"' `)); cs != "" && f.Encoding != "" && !sameCharset(cs, f.Encoding) {
		return fmt.Sprintf("the feed's bytes are not in the charset its Content-Type names (%s); it was read as %s", cs, f.Encoding)
	}
	return "the feed is not well-formed XML; the items that could be read were kept"
}

// sameCharset reports whether two charset labels name one encoding.
func sameCharset(a, b string) bool {
	norm := func(s string) string { return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(s)) }
	return norm(a) == norm(b)
}

// plainError turns an error chain into one short sentence for the source
// health pages.
func plainError(err error) string {
	msg := err.Error()
	for _, prefix := range []string{"pipeline: ", "fetch: ", "feed: "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg
}

// interval is the polling interval to keep after a 304.
func (p *Pipeline) interval(st news.FeedState) time.Duration {
	if st.Interval > 0 {
		return min(max(st.Interval, p.o.PollMin), p.o.PollMax)
	}
	return p.o.PollMin
}

// adaptiveInterval polls a feed about as often as it publishes: roughly
// once per new item, bounded by the configured interval and by the least
// wait the feed asks for (its RSS TTL or its HTTP cache lifetime).
func (p *Pipeline) adaptiveInterval(perDay float64, ttl time.Duration) time.Duration {
	d := p.o.PollMax
	if perDay > 0 {
		d = time.Duration(float64(24*time.Hour) / perDay)
	}
	if ttl > 0 && d < ttl {
		d = ttl
	}
	return min(max(d, p.o.PollMin), p.o.PollMax)
}

// cacheLifetime is how long a response says it stays fresh: its
// Cache-Control max-age less its Age, or else its Expires less its Date.
// It is 0 when the response says nothing, or forbids caching (no-store,
// no-cache), or is already stale.
func cacheLifetime(h http.Header) time.Duration {
	if h == nil {
		return 0
	}
	maxAge, found := 0, false
	for _, line := range h.Values("Cache-Control") {
		for _, d := range strings.Split(line, ",") {
			name, val, _ := strings.Cut(strings.TrimSpace(d), "=")
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "no-store", "no-cache":
				return 0
			case "max-age":
				n, err := strconv.Atoi(strings.Trim(strings.TrimSpace(val), `"`))
				if err != nil || n < 0 {
					return 0 // a broken max-age makes the response stale
				}
				maxAge, found = min(n, 7*24*3600), true
			}
		}
	}
	var fresh time.Duration
	switch {
	case found:
		fresh = time.Duration(maxAge) * time.Second
	case h.Get("Expires") != "":
		exp, err := http.ParseTime(h.Get("Expires"))
		if err != nil {
			return 0 // "0" and other invalid dates mean already expired
		}
		date, err := http.ParseTime(h.Get("Date"))
		if err != nil {
			date = time.Now()
		}
		fresh = min(exp.Sub(date), 7*24*time.Hour)
	default:
		return 0
	}
	if age, err := strconv.Atoi(strings.TrimSpace(h.Get("Age"))); err == nil && age > 0 {
		fresh -= time.Duration(age) * time.Second
	}
	return max(fresh, 0)
}

// itemsPerDay estimates a feed's publishing rate from its items' dates.
func itemsPerDay(items []news.Item, now time.Time) float64 {
	var times []time.Time
	for _, it := range items {
		if !it.Published.IsZero() && !it.Published.After(now.Add(time.Hour)) {
			times = append(times, it.Published)
		}
	}
	if len(times) < 2 {
		return 0
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	span := now.Sub(times[0])
	if span < time.Hour {
		span = time.Hour
	}
	return float64(len(times)) / span.Hours() * 24
}

// feedItems converts parsed entries to items, skipping entries without a
// link to fetch.
func feedItems(sourceID int64, f *feed.Feed, now time.Time) []news.Item {
	items := make([]news.Item, 0, len(f.Items))
	for _, e := range f.Items {
		if e.Link == "" {
			continue
		}
		guid := e.ID
		if guid == "" {
			guid = e.Link
		}
		pub := e.Published
		if pub.IsZero() {
			pub = e.Updated
		}
		if pub.After(now.Add(24 * time.Hour)) {
			pub = time.Time{} // a date far in the future is a mistake, not news
		}
		items = append(items, news.Item{
			SourceID:   sourceID,
			GUID:       guid,
			URL:        e.Link,
			Title:      e.Title,
			Summary:    e.Summary,
			Content:    e.Content,
			Author:     e.Author,
			Published:  pub,
			ImageURL:   e.Image,
			Categories: e.Categories,
		})
	}
	return items
}
