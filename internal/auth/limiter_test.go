package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestLimiter(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	l := NewLimiter(5, time.Minute, 3, clk.Now)
	for i := range 3 {
		if !l.Allow("a") {
			t.Fatalf("call %d refused within the burst", i)
		}
	}
	if l.Allow("a") {
		t.Fatal("fourth call allowed beyond the burst")
	}
	if !l.Allow("b") {
		t.Fatal("another key is limited by the first")
	}
	clk.Add(12 * time.Second) // one token at 5 per minute
	if !l.Allow("a") {
		t.Fatal("refill did not give a token")
	}
	if l.Allow("a") {
		t.Fatal("refill gave more than one token")
	}
	// After a long idle time, full buckets are pruned.
	clk.Add(time.Hour)
	l.Allow("c")
	if n := l.Len(); n != 1 {
		t.Fatalf("after pruning %d keys remain, want 1", n)
	}
}

func TestLimiterConcurrent(t *testing.T) {
	l := NewLimiter(1, time.Hour, 10, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l.Allow(fmt.Sprint("k", i%2)) {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if allowed != 20 {
		t.Fatalf("allowed %d, want 20 (burst 10 for each of 2 keys)", allowed)
	}
}

func BenchmarkLimiterAllow(b *testing.B) {
	l := NewLimiter(1000, time.Second, 1000, nil)
	i := 0
	for b.Loop() {
		l.Allow(fmt.Sprint(i % 100))
		i++
	}
}
