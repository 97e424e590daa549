package auth

import (
	"sync"
	"time"
)

// Limiter is a token bucket per key: each key may spend Burst actions at
// once and earns them back at Rate per second. It is safe for concurrent
// use. Idle keys whose bucket has refilled are pruned as the map grows.
type Limiter struct {
	rate    float64
	burst   float64
	now     func() time.Time
	mu      sync.Mutex
	buckets map[string]*bucket
	lastGC  time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// pruneEvery is how often, at most, the limiter sweeps full buckets away.
const pruneEvery = time.Minute

// NewLimiter returns a limiter that allows burst actions per key at once and
// refills every key at n actions per period. A nil now uses time.Now.
func NewLimiter(n int, per time.Duration, burst int, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	if n < 1 {
		n = 1
	}
	if burst < 1 {
		burst = 1
	}
	if per <= 0 {
		per = time.Second
	}
	return &Limiter{
		rate:    float64(n) / per.Seconds(),
		burst:   float64(burst),
		now:     now,
		buckets: make(map[string]*bucket),
	}
}

// Allow spends one token of key's bucket and reports whether there was one.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.prune(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(l.burst, b.tokens+el*l.rate)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Len reports how many keys the limiter is tracking.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// prune drops buckets that would be full by now; they hold no information.
// It runs at most once per pruneEvery. The caller holds l.mu.
func (l *Limiter) prune(now time.Time) {
	if now.Sub(l.lastGC) < pruneEvery {
		return
	}
	l.lastGC = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
