package jobs

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// queue is a tiny in-process Work with a fixed number of feeds and items.
type queue struct {
	mu           sync.Mutex
	feeds, items int
	polled       atomic.Int64
	processed    atomic.Int64
	panicOnce    atomic.Bool
}

func (q *queue) PollDue(ctx context.Context, limit int) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := min(limit, q.feeds)
	q.feeds -= n
	q.polled.Add(int64(n))
	return n, nil
}

func (q *queue) ProcessDue(ctx context.Context, limit int) (int, error) {
	if q.panicOnce.CompareAndSwap(true, false) {
		panic("boom")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.items == 0 {
		return 0, nil
	}
	q.items--
	q.processed.Add(1)
	if q.items%7 == 0 {
		return 1, errors.New("a failing item")
	}
	return 1, nil
}

func TestRunnerDrainsAndStops(t *testing.T) {
	q := &queue{feeds: 10, items: 100}
	q.panicOnce.Store(true)
	r := &Runner{Work: q, Workers: 3, Idle: 5 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for q.processed.Load() < 100 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if got := q.processed.Load(); got != 100 {
		t.Errorf("processed %d items, want 100 (a panic or error must not stop the loop)", got)
	}
	if got := q.polled.Load(); got != 10 {
		t.Errorf("polled %d feeds, want 10", got)
	}
}
