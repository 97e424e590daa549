package storetest

import (
	"context"
	"errors"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// testReserveHost checks that request slots to one host are spaced by the
// interval, also when taken concurrently, and that hosts are independent.
func testReserveHost(t *testing.T, s Store) {
	ctx := context.Background()
	now := time.Unix(1_800_000_000, 0)
	const iv = time.Second
	first, err := s.ReserveHost(ctx, "news.example", now, iv)
	if err != nil || !first.Equal(now) {
		t.Fatalf("first slot = %v, %v; want now", first, err)
	}
	second, _ := s.ReserveHost(ctx, "News.Example", now, iv)
	if !second.Equal(now.Add(iv)) {
		t.Errorf("second slot = %v, want %v (host names ignore case)", second, now.Add(iv))
	}
	other, _ := s.ReserveHost(ctx, "other.example", now, iv)
	if !other.Equal(now) {
		t.Errorf("another host's slot = %v, want now", other)
	}
	later := now.Add(time.Hour)
	if got, _ := s.ReserveHost(ctx, "news.example", later, iv); !got.Equal(later) {
		t.Errorf("slot after a quiet hour = %v, want %v", got, later)
	}
	if _, err := s.ReserveHost(ctx, "", now, iv); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("empty host: %v, want ErrInvalid", err)
	}
	// Concurrent callers get distinct slots an interval apart.
	var mu sync.Mutex
	var slots []time.Time
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				at, err := s.ReserveHost(ctx, "busy.example", now, iv)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				slots = append(slots, at)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	sort.Slice(slots, func(i, j int) bool { return slots[i].Before(slots[j]) })
	for i := 1; i < len(slots); i++ {
		if d := slots[i].Sub(slots[i-1]); d != iv {
			t.Fatalf("concurrent slots %d and %d are %s apart, want %s", i-1, i, d, iv)
		}
	}
}

// testLock checks mutual exclusion, release, expiry of an abandoned lock
// and giving up when the context ends.
func testLock(t *testing.T, s Store) {
	ctx := context.Background()
	var inside, most atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				release, err := s.Lock(ctx, "stories:en", time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				n := inside.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(time.Millisecond)
				inside.Add(-1)
				if err := release(); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d holders at once, want 1", most.Load())
	}
	// Another name is independent.
	r1, err := s.Lock(ctx, "a", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := s.Lock(ctx, "b", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	r2()
	// A held lock makes a waiter give up when its context ends.
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := s.Lock(short, "a", time.Minute); err == nil {
		t.Error("took a lock that is held")
	}
	r1()
	// An abandoned lock expires.
	if _, err := s.Lock(ctx, "abandoned", 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	waitCtx, cancel2 := context.WithTimeout(ctx, 5*time.Second)
	defer cancel2()
	r3, err := s.Lock(waitCtx, "abandoned", time.Minute)
	if err != nil {
		t.Fatalf("abandoned lock never expired: %v", err)
	}
	r3()
	if _, err := s.Lock(ctx, "", time.Minute); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("empty lock name: %v, want ErrInvalid", err)
	}
}
