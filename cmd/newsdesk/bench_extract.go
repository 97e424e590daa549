package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"newsdesk/internal/demo"
	"newsdesk/internal/extract"
)

// benchPage is one page of the extraction benchmark.
type benchPage struct {
	url  string
	body []byte
	// contentType is the Content-Type header the page was served with,
	// "" for saved pages, whose charset is then found in the page itself.
	contentType string
}

// benchExtractCmd measures extraction: newsdesk's Extract beside the
// underlying extractor alone, on the same pages, in alternating rounds.
func benchExtractCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("bench extract", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dir := fset.String("pages", "", "directory of saved pages (.html, .htm, .html.gz, searched recursively); empty uses the demo publishers' article pages")
	rounds := fset.Int("rounds", 5, "rounds over all pages per method; the median round is reported")
	seed := fset.Int64("seed", 1, "seed of the demo publishers")
	profile := fset.String("cpuprofile", "", "write a CPU profile of all rounds (both methods) to this file")
	memProfile := fset.String("memprofile", "", "write an allocation profile of the allocation pass (both methods) to this file")
	fset.Usage = func() {
		fmt.Fprintln(stderr, `Usage: newsdesk bench extract [flags]

Measures article extraction on one set of pages: newsdesk's extraction
(main text, cleaning rules, metadata, walls, sanitizing) beside the
underlying main-text extractor alone, in alternating rounds in one process,
and reports pages per second, allocations per page and the extra time.
newsdesk's extraction is given each demo page with the Content-Type header
the demo publisher served it with, as a fetched page is; saved pages come
without one, and their charset is read from the page.

Flags:`)
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *rounds < 1 {
		fmt.Fprintln(stderr, "newsdesk bench extract: --rounds must be at least 1")
		return errUsage
	}
	var pages []benchPage
	var err error
	what := "demo article pages, seed " + fmt.Sprint(*seed)
	if *dir != "" {
		pages, err = loadBenchPages(*dir)
		what = *dir
	} else {
		pages, err = demoBenchPages(*seed)
	}
	if err != nil {
		return fmt.Errorf("bench extract: %w", err)
	}
	if len(pages) == 0 {
		return fmt.Errorf("bench extract: no pages in %s", what)
	}

	methods := []struct {
		name string
		run  func(p benchPage) error
	}{
		{"underlying extractor alone", func(p benchPage) error {
			_, err := extract.Baseline(p.body, p.url)
			return err
		}},
		{"newsdesk extract", func(p benchPage) error {
			_, err := extract.Extract(p.body, p.contentType, p.url, extract.Options{})
			return err
		}},
	}
	// Allocations: one pass of each method over all pages.
	type memory struct{ allocs, bytes uint64 }
	mem := make([]memory, len(methods))
	if *memProfile != "" {
		runtime.MemProfileRate = 1
	}
	for m := range methods {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for _, p := range pages {
			// A page that fails fails for both methods; it still costs time.
			_ = methods[m].run(p)
		}
		runtime.ReadMemStats(&after)
		mem[m] = memory{after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc}
	}
	if *memProfile != "" {
		// The profile holds what was allocated up to the last collection.
		runtime.GC()
		if err := writeAllocProfile(*memProfile); err != nil {
			return err
		}
	}
	// Time: in every round each page is extracted by both methods one
	// right after the other, in alternating order, so that a busier or
	// quieter spell of the machine falls on both alike.
	if *profile != "" {
		if err := startProfile(*profile); err != nil {
			return err
		}
	}
	took := make([][]time.Duration, len(methods)) // [method][round]
	cpu := make([][]time.Duration, len(methods))  // the same, thread CPU time
	for m := range took {
		took[m] = make([]time.Duration, *rounds)
		cpu[m] = make([]time.Duration, *rounds)
	}
	// The measuring goroutine keeps its thread, whose CPU clock then
	// counts the extraction's own work only: not time the machine gave
	// to other programs, nor the collector's background work.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ratios := make([]float64, *rounds)
	cpuRatios := make([]float64, *rounds)
	for r := 0; r < *rounds; r++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i, p := range pages {
			for k := range methods {
				m := k
				if (i+r)%2 == 1 {
					m = len(methods) - 1 - k
				}
				c0 := threadCPU()
				start := time.Now()
				_ = methods[m].run(p)
				took[m][r] += time.Since(start)
				cpu[m][r] += threadCPU() - c0
			}
		}
		ratios[r] = float64(took[1][r]) / float64(took[0][r])
		cpuRatios[r] = float64(cpu[1][r]) / float64(cpu[0][r])
	}
	if *profile != "" {
		pprof.StopCPUProfile()
	}
	median := func(xs []time.Duration) time.Duration {
		s := slices.Clone(xs)
		slices.Sort(s)
		return s[len(s)/2]
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "# extract: %d pages (%s), %d rounds, %d CPUs, %s\n", len(pages), what, *rounds, runtime.NumCPU(), runtime.Version())
	fmt.Fprintln(tw, "method\tpages/s\tms/page\tallocs/page\tKB/page")
	n := float64(len(pages))
	for m := range methods {
		med := median(took[m])
		fmt.Fprintf(tw, "%s\t%.1f\t%.2f\t%.0f\t%.0f\n", methods[m].name, n/med.Seconds(),
			float64(med.Microseconds())/1000/n, float64(mem[m].allocs)/n, float64(mem[m].bytes)/1024/n)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, x := range []struct {
		name   string
		ratios []float64
	}{{"extra time", ratios}, {"extra CPU time", cpuRatios}} {
		if math.IsNaN(x.ratios[0]) {
			continue // no thread clock here
		}
		slices.Sort(x.ratios)
		fmt.Fprintf(stdout, "%s: %+.0f%% (median of %d rounds; lowest %+.0f%%, highest %+.0f%%)\n", x.name,
			(x.ratios[len(x.ratios)/2]-1)*100, len(x.ratios), (x.ratios[0]-1)*100, (x.ratios[len(x.ratios)-1]-1)*100)
	}
	return nil
}

// startProfile starts CPU profiling into path.
func startProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench extract: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("bench extract: %w", err)
	}
	return nil
}

// writeAllocProfile writes the allocations profiled so far to path.
func writeAllocProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench extract: %w", err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("bench extract: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("bench extract: %w", err)
	}
	return nil
}

// loadBenchPages reads the saved pages under dir.
func loadBenchPages(dir string) ([]benchPage, error) {
	var pages []benchPage
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.ToLower(d.Name())
		gz := strings.HasSuffix(name, ".gz")
		name = strings.TrimSuffix(name, ".gz")
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".htm") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if gz {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if b, err = io.ReadAll(io.LimitReader(zr, 32<<20)); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		pages = append(pages, benchPage{url: "https://bench.example/" + filepath.ToSlash(path), body: b})
		return nil
	})
	return pages, err
}

// demoBenchPages renders every article page of the demo publishers' initial
// set, without a network.
func demoBenchPages(seed int64) ([]benchPage, error) {
	d := demo.New(demo.Options{Seed: seed})
	d.SetBaseURL("http://demo.invalid")
	h := d.Handler()
	var pages []benchPage
	for _, a := range d.Published() {
		req := httptest.NewRequest(http.MethodGet, a.URL, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("demo page %s: status %d", a.URL, rec.Code)
		}
		pages = append(pages, benchPage{url: a.URL, body: rec.Body.Bytes(), contentType: rec.Header().Get("Content-Type")})
	}
	return pages, nil
}
