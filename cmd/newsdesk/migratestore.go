package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"

	"newsdesk/internal/news"
)

// cmdMigrateStore copies an installation from one store to another, with
// the same IDs, then checks that the copy holds every record unchanged.
// It is safe to run again after an interruption.
func cmdMigrateStore(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate-store", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "DSN of the store to copy from: sqlite:PATH or postgres://...")
	to := fs.String("to", "", "DSN of the store to copy into")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: newsdesk migrate-store --from DSN --to DSN

Copies every source, user, feed item, story, article, comment, learned
template and WebSub subscription, with their IDs, and compares counts and
content checksums at the end. Stop newsdesk while it runs; sessions are not copied, so readers sign
in again. Running it again copies only what is missing.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *from == "" || *to == "" || *from == *to {
		fmt.Fprintln(stderr, "newsdesk migrate-store: --from and --to must name two different stores")
		return errUsage
	}
	src, err := openStore(ctx, *from)
	if err != nil {
		return fmt.Errorf("migrate-store: open %s: %w", *from, err)
	}
	defer src.Close()
	dst, err := openStore(ctx, *to)
	if err != nil {
		return fmt.Errorf("migrate-store: open %s: %w", *to, err)
	}
	defer dst.Close()
	rep, err := migrateStore(ctx, src, dst, stderr)
	if err != nil {
		return err
	}
	rep.print(stdout)
	if !rep.ok() {
		return fmt.Errorf("migrate-store: the copy differs from the original (see above)")
	}
	return nil
}

// exporter and importer are the two ends of a move.
type exporter interface {
	Export(ctx context.Context, fn func(news.Record) error) error
}

type importer interface {
	exporter
	Import(ctx context.Context, rec news.Record) error
}

// kindCount is what the check found for one kind of record.
type kindCount struct {
	source, same, differ, missing int
}

// migrateReport counts records by kind.
type migrateReport map[string]*kindCount

func (r migrateReport) ok() bool {
	for _, c := range r {
		if c.differ > 0 || c.missing > 0 {
			return false
		}
	}
	return true
}

func (r migrateReport) print(w io.Writer) {
	kinds := make([]string, 0, len(r))
	for k := range r {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "KIND\tORIGINAL\tSAME\tDIFFERENT\tMISSING\t")
	for _, k := range kinds {
		c := r[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", k, c.source, c.same, c.differ, c.missing)
	}
	tw.Flush()
}

// recordKey names a record across stores.
type recordKey struct {
	kind string
	id   int64
}

// migrateStore copies src into dst and compares the two.
func migrateStore(ctx context.Context, src exporter, dst importer, progress io.Writer) (migrateReport, error) {
	want := map[recordKey][32]byte{}
	rep := migrateReport{}
	n, start := 0, time.Now()
	err := src.Export(ctx, func(rec news.Record) error {
		sum, err := rec.Checksum()
		if err != nil {
			return err
		}
		key := recordKey{rec.Kind(), rec.ID()}
		if _, seen := want[key]; !seen {
			// Stories pass twice (the second time for their leads).
			if rep[key.kind] == nil {
				rep[key.kind] = &kindCount{}
			}
			rep[key.kind].source++
		}
		want[key] = sum
		if err := dst.Import(ctx, rec); err != nil {
			return fmt.Errorf("%s %d: %w", key.kind, key.id, err)
		}
		if n++; n%5000 == 0 {
			fmt.Fprintf(progress, "copied %d records in %s\n", n, time.Since(start).Round(time.Second))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("migrate-store: copy: %w", err)
	}
	found := map[recordKey]bool{}
	err = dst.Export(ctx, func(rec news.Record) error {
		key := recordKey{rec.Kind(), rec.ID()}
		sum, ok := want[key]
		if !ok || found[key] {
			return nil
		}
		got, err := rec.Checksum()
		if err != nil {
			return err
		}
		found[key] = true
		if got == sum {
			rep[key.kind].same++
		} else {
			rep[key.kind].differ++
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("migrate-store: check: %w", err)
	}
	for key := range want {
		if !found[key] {
			rep[key.kind].missing++
		}
	}
	return rep, nil
}
