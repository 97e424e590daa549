// Package pipeline is newsdesk's ingestion flow written out in order: poll
// a feed, store its new items, then fetch, extract, clean and analyse each
// item's page and store the article with its story. Work is claimed from the
// store with leases, so a crash loses nothing and a restart resumes.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"time"

	"newsdesk/internal/fetch"
	"newsdesk/internal/news"
)

// Store is what the pipeline needs from a store.
type Store interface {
	Source(ctx context.Context, id int64) (news.Source, error)
	ClaimDueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Source, error)
	SaveFeedItems(ctx context.Context, sourceID int64, items []news.Item, state news.FeedState) (int, error)
	SourceTemplate(ctx context.Context, sourceID int64) (news.Template, error)
	LearnTemplate(ctx context.Context, sourceID int64, page string, blocks []uint64) (news.Template, error)
	ClaimItems(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Item, error)
	RetryItem(ctx context.Context, id int64, errMsg string, retryAt time.Time, maxAttempts int) error
	FinishItem(ctx context.Context, id int64) error
	SaveArticle(ctx context.Context, a *news.Article) error
	ArticleByURL(ctx context.Context, url string) (news.Article, error)
	ArticleByHash(ctx context.Context, hash string) (news.Article, error)
	Article(ctx context.Context, id int64) (news.Article, error)
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error)
	CreateStory(ctx context.Context, s *news.Story) error
	UpdateStory(ctx context.Context, s *news.Story) error
	Story(ctx context.Context, id int64) (news.Story, error)
	Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error)
	Lock(ctx context.Context, name string, ttl time.Duration) (release func() error, err error)

	Subscription(ctx context.Context, sourceID int64) (news.Subscription, error)
	PutSubscription(ctx context.Context, sub *news.Subscription) error
	UpdateSubscription(ctx context.Context, token string, fn func(*news.Subscription) error) (news.Subscription, error)
	ClaimDueSubscriptions(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Subscription, error)
	DeleteSubscription(ctx context.Context, token string) error
	SavePushedItems(ctx context.Context, sourceID int64, items []news.Item, at time.Time) (int, error)
}

// Fetcher gets a URL; *fetch.Client is one.
type Fetcher interface {
	Get(ctx context.Context, r fetch.Request) (*fetch.Response, error)
}

// Options configure a Pipeline.
type Options struct {
	Store   Store
	Fetcher Fetcher
	Logger  *slog.Logger
	// Now tells the time; time.Now when nil.
	Now func() time.Time
	// PollMin and PollMax bound the polling interval of a feed.
	PollMin, PollMax time.Duration
	// Lease is how long a claimed feed or item is reserved for one worker
	// before another may take it over.
	Lease time.Duration
	// MaxAttempts is how often an item's page is tried before it fails.
	MaxAttempts int
	// Subscriber, when set, subscribes sources whose feeds announce a
	// WebSub hub and keeps the subscriptions renewed (PollDue runs
	// RenewDue). When nil, nothing is subscribed; pushes for existing
	// subscriptions are still saved by ReceivePush.
	Subscriber Subscriber
	// SubscribeRetry is how long after a subscription request the hub
	// has not verified (or that failed) it is sent again; one hour when 0.
	SubscribeRetry time.Duration
}

// Pipeline runs the ingestion steps. Its methods are safe for concurrent use.
type Pipeline struct {
	o   Options
	log *slog.Logger
	// storyMu serialises story assignment within this process, so two
	// workers never open two stories for one event at the same moment.
	storyMu sync.Mutex
	terms   termStats // guarded by storyMu
}

// New returns a Pipeline with defaults filled in.
func New(o Options) *Pipeline {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.PollMin <= 0 {
		o.PollMin = 2 * time.Minute
	}
	if o.PollMax < o.PollMin {
		o.PollMax = max(2*time.Hour, o.PollMin)
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.SubscribeRetry <= 0 {
		o.SubscribeRetry = time.Hour
	}
	return &Pipeline{o: o, log: o.Logger}
}

// PollDue claims the feeds that are due and polls them one after another,
// then renews the WebSub subscriptions that are due (see RenewDue). It
// returns how many feeds and subscriptions it claimed.
func (p *Pipeline) PollDue(ctx context.Context, limit int) (int, error) {
	renewed, renewErr := p.RenewDue(ctx, limit)
	srcs, err := p.o.Store.ClaimDueSources(ctx, p.o.Now(), p.o.Lease, limit)
	if err != nil {
		return renewed, errors.Join(renewErr, fmt.Errorf("pipeline: claim feeds: %w", err))
	}
	errs := []error{renewErr}
	for _, s := range srcs {
		if ctx.Err() != nil {
			break
		}
		if err := p.PollSource(ctx, s); err != nil {
			errs = append(errs, err)
		}
	}
	return renewed + len(srcs), errors.Join(errs...)
}

// ProcessDue claims up to limit pending items and processes them one after
// another. It returns how many it claimed.
func (p *Pipeline) ProcessDue(ctx context.Context, limit int) (int, error) {
	items, err := p.o.Store.ClaimItems(ctx, p.o.Now(), p.o.Lease, limit)
	if err != nil {
		return 0, fmt.Errorf("pipeline: claim items: %w", err)
	}
	var errs []error
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		if err := p.ProcessItem(ctx, it); err != nil {
			errs = append(errs, err)
		}
	}
	return len(items), errors.Join(errs...)
}

// backoff is the delay after n consecutive failures, doubling from base up
// to limit.
func backoff(base, limit time.Duration, n int) time.Duration {
	if n <= 0 {
		return base
	}
	d := float64(base) * math.Pow(2, float64(min(n, 20)))
	if d > float64(limit) {
		return limit
	}
	return time.Duration(d)
}
