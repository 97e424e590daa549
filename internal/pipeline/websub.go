package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"newsdesk/internal/feed"
	"newsdesk/internal/news"
	"newsdesk/internal/websub"
)

// Subscriber sends WebSub subscription requests to hubs; *websub.Client
// is one.
type Subscriber interface {
	Subscribe(ctx context.Context, sub news.Subscription, allowPrivate bool) error
	Unsubscribe(ctx context.Context, sub news.Subscription, allowPrivate bool) error
}

// ReceivePush stores the items of a feed a hub pushed for a subscription,
// exactly as a poll stores its items (same conversion, same
// deduplication, queued for the same processing), and returns how many
// were new. The feed state and the polling schedule are left alone.
func (p *Pipeline) ReceivePush(ctx context.Context, sub news.Subscription, f *feed.Feed) (int, error) {
	now := p.o.Now()
	items := feedItems(sub.SourceID, f, now)
	n, err := p.o.Store.SavePushedItems(ctx, sub.SourceID, items, now)
	if err != nil {
		return 0, fmt.Errorf("pipeline: source %d: save pushed items: %w", sub.SourceID, err)
	}
	p.log.Info("feed pushed", "source_id", sub.SourceID, "items", len(items), "new", n)
	return n, nil
}

// pushActive reports whether sub is verified and its lease runs at now.
func pushActive(sub news.Subscription, now time.Time) bool {
	return sub.State == news.SubActive && sub.LeaseUntil.After(now)
}

// currentSubscription returns a source's subscription, or nil when it has
// none or it cannot be read (a poll goes on without it).
func (p *Pipeline) currentSubscription(ctx context.Context, src news.Source) *news.Subscription {
	sub, err := p.o.Store.Subscription(ctx, src.ID)
	if err != nil {
		if !errors.Is(err, news.ErrNotFound) {
			p.log.Warn("websub: cannot read subscription", "source", src.Slug, "error", err)
		}
		return nil
	}
	return &sub
}

// followHub brings a source's subscription in line with the hub its feed
// announces: it subscribes when the feed names a hub (or a topic) other
// than the one subscribed to, and unsubscribes when it names none. An
// unchanged subscription is left to RenewDue. Problems are recorded on
// the subscription and logged; they never fail the poll.
func (p *Pipeline) followHub(ctx context.Context, src news.Source, f *feed.Feed, header http.Header, cur *news.Subscription) {
	if p.o.Subscriber == nil {
		return
	}
	hub, topic := websub.Discover(f, header, src.FeedURL)
	switch {
	case hub == "" && cur == nil:
		return
	case hub == "":
		if cur.State != news.SubUnsubscribing {
			p.unsubscribe(ctx, src, *cur)
		}
		return
	case cur != nil && cur.Hub == hub && cur.Topic == topic && cur.State != news.SubUnsubscribing:
		return
	}
	now := p.o.Now()
	sub := news.Subscription{SourceID: src.ID, Hub: hub, Topic: topic, Token: websub.NewToken(),
		Secret: websub.NewSecret(), State: news.SubPending, RenewAt: now.Add(p.o.SubscribeRetry)}
	if err := p.o.Store.PutSubscription(ctx, &sub); err != nil {
		p.log.Warn("websub: cannot store subscription", "source", src.Slug, "error", err)
		return
	}
	p.log.Info("websub: subscribing", "source", src.Slug, "hub", hub, "topic", topic)
	p.request(ctx, src, sub, "subscribe")
}

// unsubscribe asks the hub to end a subscription; the callback deletes
// it when the hub verifies, and RenewDue at the latest at its RenewAt.
func (p *Pipeline) unsubscribe(ctx context.Context, src news.Source, cur news.Subscription) {
	now := p.o.Now()
	sub, err := p.o.Store.UpdateSubscription(ctx, cur.Token, func(s *news.Subscription) error {
		s.State = news.SubUnsubscribing
		s.RenewAt = now.Add(p.o.SubscribeRetry)
		return nil
	})
	if err != nil {
		p.log.Warn("websub: cannot mark subscription for ending", "source", src.Slug, "error", err)
		return
	}
	p.log.Info("websub: unsubscribing, the feed no longer announces a hub", "source", src.Slug, "hub", sub.Hub)
	p.request(ctx, src, sub, "unsubscribe")
}

// request sends a subscribe or unsubscribe request for sub, whose RenewAt
// is already set for a retry, and records the outcome unless the hub
// verified the request while it was being sent.
func (p *Pipeline) request(ctx context.Context, src news.Source, sub news.Subscription, mode string) {
	var err error
	if mode == "unsubscribe" {
		err = p.o.Subscriber.Unsubscribe(ctx, sub, src.AllowPrivate)
	} else {
		err = p.o.Subscriber.Subscribe(ctx, sub, src.AllowPrivate)
	}
	if ctx.Err() != nil {
		return // shutting down; the retry at RenewAt asks again
	}
	now := p.o.Now()
	_, uerr := p.o.Store.UpdateSubscription(ctx, sub.Token, func(s *news.Subscription) error {
		if !s.VerifiedAt.Equal(sub.VerifiedAt) || s.State != sub.State {
			return nil // the hub answered through the callback already
		}
		if err == nil {
			s.LastError = ""
			return nil
		}
		s.LastError = "the " + mode + " request failed: " + plainError(err)
		if s.State == news.SubActive && !s.LeaseUntil.After(now) {
			s.State = news.SubPending
		}
		return nil
	})
	if uerr != nil && !errors.Is(uerr, news.ErrNotFound) {
		p.log.Warn("websub: cannot record request", "source", src.Slug, "error", uerr)
	}
	if err != nil {
		p.log.Warn("websub: request failed", "source", src.Slug, "mode", mode, "error", err,
			"retry_in", p.o.SubscribeRetry.String())
	}
}

// RenewDue claims the subscriptions that are due (a lease about to end, a
// request the hub never verified or that failed, a denial to ask again,
// an unsubscription the hub never confirmed) and deals with each: it asks
// the hub again, or drops an unconfirmed unsubscription. Several workers
// may run it at once; each subscription goes to one. It returns how many
// subscriptions it claimed; with no Subscriber it does nothing.
func (p *Pipeline) RenewDue(ctx context.Context, limit int) (int, error) {
	if p.o.Subscriber == nil {
		return 0, nil
	}
	subs, err := p.o.Store.ClaimDueSubscriptions(ctx, p.o.Now(), p.o.Lease, limit)
	if err != nil {
		return 0, fmt.Errorf("pipeline: claim subscriptions: %w", err)
	}
	var errs []error
	for _, cur := range subs {
		if ctx.Err() != nil {
			break
		}
		if cur.State == news.SubUnsubscribing {
			if err := p.o.Store.DeleteSubscription(ctx, cur.Token); err != nil && !errors.Is(err, news.ErrNotFound) {
				errs = append(errs, fmt.Errorf("pipeline: drop subscription of source %d: %w", cur.SourceID, err))
			}
			continue
		}
		src, err := p.o.Store.Source(ctx, cur.SourceID)
		if err != nil {
			if !errors.Is(err, news.ErrNotFound) {
				errs = append(errs, fmt.Errorf("pipeline: renew subscription of source %d: %w", cur.SourceID, err))
			}
			continue
		}
		now := p.o.Now()
		sub, err := p.o.Store.UpdateSubscription(ctx, cur.Token, func(s *news.Subscription) error {
			if s.State == news.SubDenied {
				s.State = news.SubPending
			}
			s.RenewAt = now.Add(p.o.SubscribeRetry)
			return nil
		})
		if err != nil {
			if !errors.Is(err, news.ErrNotFound) {
				errs = append(errs, fmt.Errorf("pipeline: renew subscription of source %d: %w", cur.SourceID, err))
			}
			continue
		}
		p.log.Info("websub: renewing", "source", src.Slug, "state", string(cur.State), "lease_until", cur.LeaseUntil)
		p.request(ctx, src, sub, "subscribe")
	}
	return len(subs), errors.Join(errs...)
}
