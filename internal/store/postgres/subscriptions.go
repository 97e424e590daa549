package postgres

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
		leaseUntil, renewAt, verified, push, created time.Time
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
		return fmt.Errorf("postgres: put subscription of source %d: %w", sub.SourceID, err)
	}
	created := orNow(sub.CreatedAt)
	_, err := s.db.ExecContext(ctx, `INSERT INTO subscriptions (source_id, hub, topic, token, secret, state,
		lease_until, renew_at, verified_at, last_error, last_push_at, created_at, claim_until)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '0001-01-01 00:00:00+00')
		ON CONFLICT (source_id) DO UPDATE SET hub = excluded.hub, topic = excluded.topic,
			token = excluded.token, secret = excluded.secret, state = excluded.state,
			lease_until = excluded.lease_until, renew_at = excluded.renew_at,
			verified_at = excluded.verified_at, last_error = excluded.last_error,
			last_push_at = excluded.last_push_at, created_at = excluded.created_at,
			claim_until = '0001-01-01 00:00:00+00'`,
		sub.SourceID, sub.Hub, sub.Topic, sub.Token, sub.Secret, string(sub.State), tv(sub.LeaseUntil),
		tv(sub.RenewAt), tv(sub.VerifiedAt), sub.LastError, tv(sub.LastPushAt), created)
	if err != nil {
		return fmt.Errorf("postgres: put subscription of source %d: %w", sub.SourceID, classify(err))
	}
	sub.CreatedAt = created
	return nil
}

// Subscription returns a source's subscription.
func (s *Store) Subscription(ctx context.Context, sourceID int64) (news.Subscription, error) {
	sub, err := scanSub(s.db.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE source_id = $1`, sourceID))
	if err != nil {
		return news.Subscription{}, fmt.Errorf("postgres: subscription of source %d: %w", sourceID, classify(err))
	}
	return sub, nil
}

// SubscriptionByToken returns the subscription named by a callback token.
func (s *Store) SubscriptionByToken(ctx context.Context, token string) (news.Subscription, error) {
	sub, err := scanSub(s.db.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE token = $1`, token))
	if err != nil {
		return news.Subscription{}, fmt.Errorf("postgres: subscription by token: %w", classify(err))
	}
	return sub, nil
}

// Subscriptions lists every subscription by source ID.
func (s *Store) Subscriptions(ctx context.Context) ([]news.Subscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+subCols+` FROM subscriptions ORDER BY source_id`)
	if err != nil {
		return nil, fmt.Errorf("postgres: subscriptions: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: subscriptions: %w", err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: subscriptions: %w", classify(err))
	}
	return out, nil
}

// UpdateSubscription changes the subscription named by token with fn in
// one transaction that holds its row locked, so no other update
// interleaves, and releases any claim on it. fn must not use the store.
func (s *Store) UpdateSubscription(ctx context.Context, token string, fn func(*news.Subscription) error) (news.Subscription, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return news.Subscription{}, fmt.Errorf("postgres: update subscription: %w", classify(err))
	}
	defer tx.Rollback()
	old, err := scanSub(tx.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE token = $1 FOR UPDATE`, token))
	if err != nil {
		return news.Subscription{}, fmt.Errorf("postgres: update subscription: %w", classify(err))
	}
	sub := old
	if err := fn(&sub); err != nil {
		return news.Subscription{}, err
	}
	sub.SourceID, sub.Token, sub.CreatedAt = old.SourceID, old.Token, old.CreatedAt
	if err := checkSub(sub); err != nil {
		return news.Subscription{}, fmt.Errorf("postgres: update subscription of source %d: %w", sub.SourceID, err)
	}
	sub.LeaseUntil, sub.RenewAt, sub.VerifiedAt, sub.LastPushAt = tv(sub.LeaseUntil), tv(sub.RenewAt), tv(sub.VerifiedAt), tv(sub.LastPushAt)
	_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET hub = $1, topic = $2, secret = $3, state = $4,
		lease_until = $5, renew_at = $6, verified_at = $7, last_error = $8, last_push_at = $9,
		claim_until = '0001-01-01 00:00:00+00' WHERE token = $10`,
		sub.Hub, sub.Topic, sub.Secret, string(sub.State), sub.LeaseUntil, sub.RenewAt,
		sub.VerifiedAt, sub.LastError, sub.LastPushAt, token)
	if err != nil {
		return news.Subscription{}, fmt.Errorf("postgres: update subscription of source %d: %w", sub.SourceID, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return news.Subscription{}, fmt.Errorf("postgres: update subscription of source %d: %w", sub.SourceID, classify(err))
	}
	return sub, nil
}

// ClaimDueSubscriptions leases up to limit subscriptions whose RenewAt is
// at or before now and that hold no unexpired claim, until now+lease,
// earliest due first. Concurrent callers skip each other's rows.
func (s *Store) ClaimDueSubscriptions(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Subscription, error) {
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("postgres: claim subscriptions: lease must be positive: %w", news.ErrInvalid)
	}
	n := tv(now)
	rows, err := s.db.QueryContext(ctx, `WITH due AS (
			SELECT source_id FROM subscriptions WHERE renew_at <= $2 AND claim_until <= $2
			ORDER BY renew_at, source_id LIMIT $3 FOR UPDATE SKIP LOCKED)
		UPDATE subscriptions SET claim_until = $1 FROM due WHERE subscriptions.source_id = due.source_id
		RETURNING `+qualify("subscriptions", subCols), tv(now.Add(lease)), n, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: claim subscriptions: %w", classify(err))
	}
	defer rows.Close()
	var out []news.Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: claim subscriptions: %w", err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: claim subscriptions: %w", classify(err))
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].RenewAt.Equal(out[j].RenewAt) {
			return out[i].RenewAt.Before(out[j].RenewAt)
		}
		return out[i].SourceID < out[j].SourceID
	})
	return out, nil
}

// DeleteSubscription removes the subscription named by token.
func (s *Store) DeleteSubscription(ctx context.Context, token string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM subscriptions WHERE token = $1`, token)
	if err != nil {
		return fmt.Errorf("postgres: delete subscription: %w", classify(err))
	}
	return rowsAffected(res, "postgres: delete subscription")
}

// SavePushedItems queues the items a hub pushed for a source, as
// SaveFeedItems does, in one transaction that also records at as the
// subscription's last push. The feed state and the source's lease are
// left alone. It returns how many items were new.
func (s *Store) SavePushedItems(ctx context.Context, sourceID int64, items []news.Item, at time.Time) (int, error) {
	for i, it := range items {
		if strings.TrimSpace(it.URL) == "" {
			return 0, fmt.Errorf("postgres: save pushed items of source %d: item %d has no URL: %w", sourceID, i, news.ErrInvalid)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("postgres: save pushed items of source %d: %w", sourceID, classify(err))
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM sources WHERE id = $1`, sourceID).Scan(&one); err != nil {
		return 0, fmt.Errorf("postgres: save pushed items of source %d: %w", sourceID, classify(err))
	}
	added, err := insertItems(ctx, tx, sourceID, items)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET last_push_at = $1 WHERE source_id = $2`, tv(at), sourceID); err != nil {
		return 0, fmt.Errorf("postgres: save pushed items of source %d: %w", sourceID, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("postgres: save pushed items of source %d: %w", sourceID, classify(err))
	}
	return added, nil
}
