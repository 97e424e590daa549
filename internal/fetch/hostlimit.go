package fetch

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// hostLimiter keeps the requests to each host under a concurrency limit and
// spaces their starts by a minimum interval.
type hostLimiter struct {
	perHost  int
	interval time.Duration
	// schedule, when set, books request starts across processes instead of
	// spacing them by interval here.
	schedule func(ctx context.Context, host string, interval time.Duration) (time.Time, error)
	// hostInterval, when set, gives a host's own least spacing (its
	// Crawl-delay); the larger of it and interval is kept.
	hostInterval func(host string) time.Duration

	mu    sync.Mutex
	hosts map[string]*hostSlot
}

// hostSlot is one host's semaphore and schedule.
type hostSlot struct {
	sem  chan struct{}
	next time.Time // earliest start of the next request
	refs int       // callers holding or waiting for this slot
}

// newHostLimiter returns a limiter of perHost requests at a time per host,
// started at least interval apart.
func newHostLimiter(perHost int, interval time.Duration) *hostLimiter {
	return &hostLimiter{perHost: perHost, interval: interval, hosts: map[string]*hostSlot{}}
}

// acquire waits for a turn to send a request to host and returns the
// function that gives the turn back.
func (l *hostLimiter) acquire(ctx context.Context, host string) (func(), error) {
	l.mu.Lock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, l.perHost)}
		l.hosts[host] = s
	}
	s.refs++
	l.mu.Unlock()

	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		l.unref(host, s)
		return nil, context.Cause(ctx)
	}
	now := time.Now()
	start := now
	var own time.Duration
	if l.hostInterval != nil {
		own = l.hostInterval(host)
	}
	if l.schedule != nil {
		at, err := l.schedule(ctx, host, own)
		if err != nil {
			<-s.sem
			l.unref(host, s)
			return nil, fmt.Errorf("booking a turn for %s: %w", host, err)
		}
		start = at
	} else {
		l.mu.Lock()
		if s.next.After(now) {
			start = s.next
		}
		s.next = start.Add(max(l.interval, own))
		l.mu.Unlock()
	}

	if wait := start.Sub(now); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-s.sem
			l.unref(host, s)
			return nil, context.Cause(ctx)
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-s.sem
			l.unref(host, s)
		})
	}, nil
}

// unref drops one reference to s and forgets the host once nobody uses it
// and its interval has passed.
func (l *hostLimiter) unref(host string, s *hostSlot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s.refs--
	if s.refs == 0 && !s.next.After(time.Now()) {
		delete(l.hosts, host)
	}
	// Hosts kept only for their interval are swept once the map grows.
	if len(l.hosts) > 1024 {
		now := time.Now()
		for h, hs := range l.hosts {
			if hs.refs == 0 && !hs.next.After(now) {
				delete(l.hosts, h)
			}
		}
	}
}
