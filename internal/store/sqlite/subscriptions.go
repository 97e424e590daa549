package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"newsdesk/internal/news"
)

const subCols = `source_id, hub, topic, token, secret, state, lease_until, renew_at, verified_at,
	last_error, last_push_at, created_at`

// scanSub reads one row selected with subCols.
func scanSub(sc scanner) (news.Subscription, error) {
	var (
		sub                                          news.Subscription
		state                                        string
		leaseUntil, renewAt, verified, push, created int64
	)
	err := sc.Scan(&sub.SourceID, &sub.Hub, &sub.Topic, &sub.Token, &sub.Secret, &state, &leaseUntil,
		&renewAt, &verified, &sub.LastError, &push, &created)
	if err != nil {
		return news.Subscription{}, err
	}
	sub.State = news.SubState(state)
	sub.LeaseUntil, sub.RenewAt, sub.VerifiedAt = ft(leaseUntil), ft(renewAt), ft(verified)
	sub.LastPushAt, sub.CreatedAt = ft(push), ft(created)
	return sub, nil
}

// checkSub refuses a subscription that lacks what every one needs.
func checkSub(sub news.Subscription) error {
	if strings.TrimSpace(sub.Hub) == "" || strings.TrimSpace(sub.Topic) == "" || strings.TrimSpace(sub.Token) == "" {
		return fmt.Errorf("hub, topic and token are required: %w", news.ErrInvalid)
	}
	switch sub.State {
	case news.SubPending, news.SubActive, news.SubDenied, news.SubUnsubscribing:
	default:
		return fmt.Errorf("unknown state %q: %w", sub.State, news.ErrInvalid)
	}
	return nil
}

// PutSubscription stores sub as its source's subscription, replacing the
// one the source had, and sets sub.CreatedAt when it is zero.
func (s *Store) PutSubscription(ctx context.Context, sub *news.Subscription) error {
	if err := checkSub(*sub); err != nil {
		return fmt.Errorf("sqlite: put subscription of source %d: %w", sub.SourceID, err)
	}
	created := orNow(sub.CreatedAt)
	_, err := s.w.ExecContext(ctx, `INSERT INTO subscriptions (source_id, hub, topic, token, secret, state,
		lease_until, renew_at, verified_at, last_error, last_push_at, created_at, claim_until)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
		ON CONFLICT (source_id) DO UPDATE SET hub = excluded.hub, topic = excluded.topic,
			token = excluded.token, secret = excluded.secret, state = excluded.state,
			lease_until = excluded.lease_until, renew_at = excluded.renew_at,
			verified_at = excluded.verified_at, last_error = excluded.last_error,
			last_push_at = excluded.last_push_at, created_at = excluded.created_at, claim_until = 0`,
		sub.SourceID, sub.Hub, sub.Topic, sub.Token, sub.Secret, string(sub.State), tn(sub.LeaseUntil),
		tn(sub.RenewAt), tn(sub.VerifiedAt), sub.LastError, tn(sub.LastPushAt), tn(created))
	if err != nil {
		return fmt.Errorf("sqlite: put subscription of source %d: %w", sub.SourceID, classify(err))
	}
	sub.CreatedAt = created
	return nil
}

// Subscription returns a source's subscription.
func (s *Store) Subscription(ctx context.Context, sourceID int64) (news.Subscription, error) {
	sub, err := scanSub(s.r.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE source_id = ?`, sourceID))
	if err != nil {
		return news.Subscription{}, fmt.Errorf("sqlite: subscription of source %d: %w", sourceID, classify(err))
	}
	return sub, nil
}

// SubscriptionByToken returns the subscription named by a callback token.
func (s *Store) SubscriptionByToken(ctx context.Context, token string) (news.Subscription, error) {
	sub, err := scanSub(s.r.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE token = ?`, token))
	if err != nil {
		return news.Subscription{}, fmt.Errorf("sqlite: subscription by token: %w", classify(err))
	}
	return sub, nil
}

// Subscriptions lists every subscription by source ID.
func (s *Store) Subscriptions(ctx context.Context) ([]news.Subscription, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+subCols+` FROM subscriptions ORDER BY source_id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: subscriptions: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: subscriptions: %w", err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: subscriptions: %w", classify(err))
	}
	return out, nil
}

// UpdateSubscription changes the subscription named by token with fn in
// one write transaction, so no other update interleaves, and releases any
// claim on it. fn must not use the store.
func (s *Store) UpdateSubscription(ctx context.Context, token string, fn func(*news.Subscription) error) (news.Subscription, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return news.Subscription{}, fmt.Errorf("sqlite: update subscription: %w", classify(err))
	}
	defer tx.Rollback()
	old, err := scanSub(tx.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE token = ?`, token))
	if err != nil {
		return news.Subscription{}, fmt.Errorf("sqlite: update subscription: %w", classify(err))
	}
	sub := old
	if err := fn(&sub); err != nil {
		return news.Subscription{}, err
	}
	sub.SourceID, sub.Token, sub.CreatedAt = old.SourceID, old.Token, old.CreatedAt
	if err := checkSub(sub); err != nil {
		return news.Subscription{}, fmt.Errorf("sqlite: update subscription of source %d: %w", sub.SourceID, err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET hub = ?, topic = ?, secret = ?, state = ?,
		lease_until = ?, renew_at = ?, verified_at = ?, last_error = ?, last_push_at = ?, claim_until = 0
		WHERE token = ?`,
		sub.Hub, sub.Topic, sub.Secret, string(sub.State), tn(sub.LeaseUntil), tn(sub.RenewAt),
		tn(sub.VerifiedAt), sub.LastError, tn(sub.LastPushAt), token)
	if err != nil {
		return news.Subscription{}, fmt.Errorf("sqlite: update subscription of source %d: %w", sub.SourceID, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return news.Subscription{}, fmt.Errorf("sqlite: update subscription of source %d: %w", sub.SourceID, classify(err))
	}
	return sub, nil
}

// ClaimDueSubscriptions leases up to limit subscriptions whose RenewAt is
// at or before now and that hold no unexpired claim, until now+lease,
// earliest due first.
func (s *Store) ClaimDueSubscriptions(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Subscription, error) {
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("sqlite: claim subscriptions: lease must be positive: %w", news.ErrInvalid)
	}
	n := tn(now)
	rows, err := s.w.QueryContext(ctx, `UPDATE subscriptions SET claim_until = ?
		WHERE source_id IN (SELECT source_id FROM subscriptions WHERE renew_at <= ? AND claim_until <= ?
			ORDER BY renew_at, source_id LIMIT ?)
		RETURNING `+subCols, tn(now.Add(lease)), n, n, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim subscriptions: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: claim subscriptions: %w", err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: claim subscriptions: %w", classify(err))
	}
	sortSubs(out)
	return out, nil
}

// sortSubs orders subscriptions by RenewAt, then source ID.
func sortSubs(subs []news.Subscription) {
	sort.Slice(subs, func(i, j int) bool {
		if !subs[i].RenewAt.Equal(subs[j].RenewAt) {
			return subs[i].RenewAt.Before(subs[j].RenewAt)
		}
		return subs[i].SourceID < subs[j].SourceID
	})
}

// DeleteSubscription removes the subscription named by token.
func (s *Store) DeleteSubscription(ctx context.Context, token string) error {
	res, err := s.w.ExecContext(ctx, `DELETE FROM subscriptions WHERE token = ?`, token)
	if err != nil {
		return fmt.Errorf("sqlite: delete subscription: %w", classify(err))
	}
	return rowsAffected(res, "sqlite: delete subscription")
}

// SavePushedItems queues the items a hub pushed for a source, as
// SaveFeedItems does, in one transaction that also records at as the
// subscription's last push. The feed state and the source's lease are
// left alone. It returns how many items were new.
func (s *Store) SavePushedItems(ctx context.Context, sourceID int64, items []news.Item, at time.Time) (int, error) {
	for i, it := range items {
		if strings.TrimSpace(it.URL) == "" {
			return 0, fmt.Errorf("sqlite: save pushed items of source %d: item %d has no URL: %w", sourceID, i, news.ErrInvalid)
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: save pushed items of source %d: %w", sourceID, classify(err))
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM sources WHERE id = ?`, sourceID).Scan(&one); err != nil {
		return 0, fmt.Errorf("sqlite: save pushed items of source %d: %w", sourceID, classify(err))
	}
	added, err := insertItems(ctx, tx, sourceID, items)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET last_push_at = ? WHERE source_id = ?`, tn(at), sourceID); err != nil {
		return 0, fmt.Errorf("sqlite: save pushed items of source %d: %w", sourceID, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("sqlite: save pushed items of source %d: %w", sourceID, classify(err))
	}
	return added, nil
}
