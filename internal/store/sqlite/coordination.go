package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// ReserveHost books the next request slot to host.
func (s *Store) ReserveHost(ctx context.Context, host string, now time.Time, interval time.Duration) (time.Time, error) {
	host = strings.ToLower(strings.TrimSpace(host))
	if host == "" || interval < 0 {
		return time.Time{}, fmt.Errorf("sqlite: reserve host %q every %s: %w", host, interval, news.ErrInvalid)
	}
	var next int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO host_schedule (host, next_at) VALUES (?, ?)
		ON CONFLICT (host) DO UPDATE SET next_at = max(host_schedule.next_at, ?) + ?
		RETURNING next_at`, host, tn(now)+int64(interval), tn(now), int64(interval)).Scan(&next)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: reserve host %s: %w", host, classify(err))
	}
	return ft(next - int64(interval)), nil
}

// lockPoll bounds how often a waiting Lock tries again.
const (
	lockPollMin = 5 * time.Millisecond
	lockPollMax = 100 * time.Millisecond
)

// Lock takes a named lock, waiting for it.
func (s *Store) Lock(ctx context.Context, name string, ttl time.Duration) (func() error, error) {
	if name == "" || ttl <= 0 {
		return nil, fmt.Errorf("sqlite: lock %q for %s: %w", name, ttl, news.ErrInvalid)
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("sqlite: lock %s: %w", name, err)
	}
	token := hex.EncodeToString(b[:])
	wait := lockPollMin
	for {
		now := time.Now()
		res, err := s.w.ExecContext(ctx, `INSERT INTO named_locks (name, token, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
			WHERE named_locks.expires_at <= ?`, name, token, tn(now.Add(ttl)), tn(now))
		if err != nil {
			return nil, fmt.Errorf("sqlite: lock %s: %w", name, classify(err))
		}
		if n, _ := res.RowsAffected(); n == 1 {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("sqlite: lock %s: %w", name, context.Cause(ctx))
		case <-t.C:
		}
		wait = min(2*wait, lockPollMax)
	}
	release := func() error {
		// A fresh context: releasing must work even when the caller's ended.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := s.w.ExecContext(ctx, `DELETE FROM named_locks WHERE name = ? AND token = ?`, name, token); err != nil {
			return fmt.Errorf("sqlite: unlock %s: %w", name, err)
		}
		return nil
	}
	return release, nil
}
