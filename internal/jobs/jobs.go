// Package jobs runs the ingestion work in the background: a poller that
// claims due feeds and a pool of workers that claim pending items. All work
// lives in the store as leased rows, so stopping at any moment loses
// nothing: unfinished work is released when its lease runs out.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Work is the pipeline as seen by the runner.
type Work interface {
	// PollDue polls up to limit due feeds and returns how many it claimed.
	PollDue(ctx context.Context, limit int) (int, error)
	// ProcessDue processes up to limit pending items and returns how many
	// it claimed.
	ProcessDue(ctx context.Context, limit int) (int, error)
}

// Runner owns the background goroutines.
type Runner struct {
	// Work is what the goroutines run.
	Work Work
	// Workers is the number of item workers; 1 when 0.
	Workers int
	// Pollers is the number of feed pollers; 1 when 0.
	Pollers int
	// Idle is how long a goroutine sleeps when there was nothing to do;
	// one second when 0.
	Idle time.Duration
	// Logger receives errors; discarded when nil.
	Logger *slog.Logger
}

// Run starts the pollers and workers and blocks until ctx ends and every
// goroutine has returned. Work in flight when ctx ends is abandoned to its
// lease.
func (r *Runner) Run(ctx context.Context) error {
	log := r.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	idle := r.Idle
	if idle <= 0 {
		idle = time.Second
	}
	var wg sync.WaitGroup
	start := func(n int, name string, step func(context.Context) (int, error)) {
		for i := range max(n, 1) {
			wg.Go(func() { loop(ctx, log.With("loop", name, "n", i), idle, step) })
		}
	}
	start(r.Pollers, "poll", func(ctx context.Context) (int, error) { return r.Work.PollDue(ctx, 4) })
	start(r.Workers, "process", func(ctx context.Context) (int, error) { return r.Work.ProcessDue(ctx, 1) })
	wg.Wait()
	return nil
}

// loop runs step until ctx ends, sleeping for idle when step found nothing
// to do. A panic in step is logged and the loop goes on.
func loop(ctx context.Context, log *slog.Logger, idle time.Duration, step func(context.Context) (int, error)) {
	for ctx.Err() == nil {
		n, err := safeStep(ctx, step)
		if err != nil && ctx.Err() == nil {
			log.Warn("job failed", "error", err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(idle):
		}
	}
}

func safeStep(ctx context.Context, step func(context.Context) (int, error)) (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("jobs: panic: %v\n%s", p, debug.Stack())
		}
	}()
	return step(ctx)
}
