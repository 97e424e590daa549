package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"newsdesk/internal/demo"
	"newsdesk/internal/store/postgres"
)

// cmdBench runs newsdesk's measurement harness.
func cmdBench(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "extract" {
		return benchExtractCmd(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "ingest" {
		fmt.Fprintln(stderr, "Usage: newsdesk bench ingest [--postgres ADMIN_DSN] [--workers 1,3] [--seed N]")
		fmt.Fprintln(stderr, "       newsdesk bench extract [--pages DIR] [--rounds N]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := flag.NewFlagSet("bench ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pg := fs.String("postgres", os.Getenv("NEWSDESK_BENCH_POSTGRES"), "DSN of a PostgreSQL server where throwaway databases may be created; empty measures SQLite only")
	workers := fs.String("workers", "1,3", "worker process counts to measure on PostgreSQL")
	threads := fs.Int("threads", 2, "pages extracted at once in each worker process")
	seed := fs.Int64("seed", 1, "seed of the demo publishers")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: newsdesk bench ingest [flags]

Measures ingest throughput: the demo publishers' whole initial set, from the
first poll until every article is stored, on SQLite with one worker process
and on PostgreSQL with each count of worker processes, one after another in
one run on this machine.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	var counts []int
	for _, f := range strings.Split(*workers, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 16 {
			fmt.Fprintf(stderr, "newsdesk bench: --workers %q: want counts from 1 to 16\n", *workers)
			return errUsage
		}
		counts = append(counts, n)
	}
	bin, err := os.Executable()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "newsdesk-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	type run struct {
		store   string
		workers int
		dsn     func() (string, func(), error)
	}
	runs := []run{{"SQLite", 1, func() (string, func(), error) {
		return filepath.Join(dir, fmt.Sprintf("bench-%d.db", time.Now().UnixNano())), func() {}, nil
	}}}
	if *pg != "" {
		for _, n := range counts {
			runs = append(runs, run{"PostgreSQL", n, func() (string, func(), error) {
				var b [6]byte
				rand.Read(b[:])
				name := "newsdesk_bench_" + hex.EncodeToString(b[:])
				dsn, err := postgres.CreateDatabase(ctx, *pg, name)
				return dsn, func() { postgres.DropDatabase(context.Background(), *pg, name) }, err
			}})
		}
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "# ingest: %d CPUs, %s, demo seed %d, %d pages at once per worker\n", runtime.NumCPU(), runtime.Version(), *seed, *threads)
	fmt.Fprintln(tw, "store\tworker processes\tarticles\tseconds\tarticles/s")
	for _, r := range runs {
		dsn, drop, err := r.dsn()
		if err != nil {
			return fmt.Errorf("bench: %s: %w", r.store, err)
		}
		n, took, err := benchIngest(ctx, bin, dsn, r.workers, *threads, *seed, stderr)
		drop()
		if err != nil {
			return fmt.Errorf("bench: %s with %d workers: %w", r.store, r.workers, err)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.1f\n", r.store, r.workers, n, took.Seconds(), float64(n)/took.Seconds())
		fmt.Fprintf(stderr, "%s, %d workers: %d articles in %s\n", r.store, r.workers, n, took.Round(100*time.Millisecond))
	}
	return tw.Flush()
}

// benchIngest ingests the demo's initial set into the store at dsn with
// the given number of worker processes and returns how many articles were
// stored and how long it took.
func benchIngest(ctx context.Context, bin, dsn string, workers, threads int, seed int64, stderr io.Writer) (int, time.Duration, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	d := demo.New(demo.Options{Seed: seed})
	if err := d.Start(ctx); err != nil {
		return 0, 0, err
	}
	defer d.Close()
	st, err := openStore(ctx, dsn)
	if err != nil {
		return 0, 0, err
	}
	defer st.Close()
	if err := registerDemo(ctx, &Main{Store: st}, d); err != nil {
		return 0, 0, err
	}
	want := len(d.Published())
	start := time.Now()
	var procs []*exec.Cmd
	defer func() {
		for _, p := range procs {
			p.Process.Signal(syscall.SIGTERM)
			p.Wait()
		}
	}()
	for range workers {
		cmd := exec.CommandContext(ctx, bin, "serve", "--role", "worker", "--db", dsn, "--workers", strconv.Itoa(threads),
			"--host-interval", "0s", "--poll-min", "1s", "--poll-max", "5s", "--log-level", "error")
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			return 0, 0, err
		}
		procs = append(procs, cmd)
	}
	deadline := time.Now().Add(10 * time.Minute)
	for time.Now().Before(deadline) {
		s, err := st.Stats(ctx)
		if err != nil {
			return 0, 0, err
		}
		if s.Articles >= want && s.ItemsPending == 0 {
			return s.Articles, time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return 0, 0, fmt.Errorf("not done after 10 minutes")
}
