package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// ReserveHost books the next request slot to host; the row lock of the
// upsert orders concurrent callers in every process.
func (s *Store) ReserveHost(ctx context.Context, host string, now time.Time, interval time.Duration) (time.Time, error) {
	host = strings.ToLower(strings.TrimSpace(host))
	if host == "" || interval < 0 {
		return time.Time{}, fmt.Errorf("postgres: reserve host %q every %s: %w", host, interval, news.ErrInvalid)
	}
	var next time.Time
	err := s.db.QueryRowContext(ctx, `INSERT INTO host_schedule (host, next_at) VALUES ($1, $2::timestamptz + $3 * interval '1 microsecond')
		ON CONFLICT (host) DO UPDATE SET next_at = GREATEST(host_schedule.next_at, $2::timestamptz) + $3 * interval '1 microsecond'
		RETURNING next_at`, host, tv(now), interval.Microseconds()).Scan(&next)
	if err != nil {
		return time.Time{}, fmt.Errorf("postgres: reserve host %s: %w", host, classify(err))
	}
	return ft(next).Add(-interval.Truncate(time.Microsecond)), nil
}

// Bounds of how often a waiting Lock tries again.
const (
	lockPollMin = 5 * time.Millisecond
	lockPollMax = 100 * time.Millisecond
)

// Lock takes a named lock, waiting for it. The lock is a row with an
// expiry rather than an advisory lock, so it needs no connection held
// for its whole life and a holder that died loses it after ttl.
func (s *Store) Lock(ctx context.Context, name string, ttl time.Duration) (func() error, error) {
	if name == "" || ttl <= 0 {
		return nil, fmt.Errorf("postgres: lock %q for %s: %w", name, ttl, news.ErrInvalid)
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("postgres: lock %s: %w", name, err)
	}
	token := hex.EncodeToString(b[:])
	wait := lockPollMin
	for {
		res, err := s.db.ExecContext(ctx, `INSERT INTO named_locks (name, token, expires_at)
			VALUES ($1, $2, now() + $3 * interval '1 microsecond')
			ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
			WHERE named_locks.expires_at <= now()`, name, token, ttl.Microseconds())
		if err != nil {
			return nil, fmt.Errorf("postgres: lock %s: %w", name, classify(err))
		}
		if n, _ := res.RowsAffected(); n == 1 {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("postgres: lock %s: %w", name, context.Cause(ctx))
		case <-t.C:
		}
		wait = min(2*wait, lockPollMax)
	}
	release := func() error {
		// A fresh context: releasing must work even when the caller's ended.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := s.db.ExecContext(ctx, `DELETE FROM named_locks WHERE name = $1 AND token = $2`, name, token); err != nil {
			return fmt.Errorf("postgres: unlock %s: %w", name, err)
		}
		return nil
	}
	return release, nil
}
