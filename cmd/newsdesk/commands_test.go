package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsdesk/internal/news"
)

// runCmd runs a command line against the given store and returns its
// output and error.
func runCmd(t *testing.T, db, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append(args[:1:1], append([]string{"--db", db, "--log-level", "warn"}, args[1:]...)...)
	if args[0] == "source" || args[0] == "import" || args[0] == "export" || args[0] == "user" {
		// These take an action word before the flags.
		full = append(args[:2:2], append([]string{"--db", db, "--log-level", "warn"}, args[2:]...)...)
	}
	err := run(context.Background(), full, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cmd.db")
	opml := `<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
<outline text="News"><outline text="Valley Post" type="rss" xmlUrl="https://valley.example/feed.xml" htmlUrl="https://valley.example/"/>
<outline text="Hill Gazette" type="rss" xmlUrl="https://hill.example/rss"/></outline></body></opml>`
	if err := os.WriteFile(filepath.Join(dir, "in.opml"), []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		stdin   string
		args    []string
		wantOut string
		wantErr error // nil: success
	}{
		{"migrate", "", []string{"migrate"}, "up to date", nil},
		{"add", "", []string{"source", "add", "--name", "Harbour Times", "--lang", "en", "https://harbour.example/rss.xml"}, "added harbour-times", nil},
		{"add twice", "", []string{"source", "add", "--name", "Harbour Times", "https://harbour.example/rss.xml"}, "", errConflictLike},
		{"add bad URL", "", []string{"source", "add", "ftp://harbour.example/x"}, "", errInvalidLike},
		{"import", "", []string{"import", "opml", filepath.Join(dir, "in.opml")}, "imported 2 of 2", nil},
		{"list", "", []string{"source", "list"}, "valley-post", nil},
		{"export", "", []string{"export", "opml"}, `xmlUrl="https://hill.example/rss"`, nil},
		{"remove", "", []string{"source", "remove", "harbour-times"}, "removed harbour-times", nil},
		{"remove missing", "", []string{"source", "remove", "harbour-times"}, "", errNotFoundLike},
		{"user", "a long passphrase\n", []string{"user", "create", "--admin", "editor"}, "created administrator editor", nil},
		{"user taken", "another passphrase\n", []string{"user", "create", "Editor"}, "", errConflictLike},
		{"user short password", "short\n", []string{"user", "create", "reader1"}, "", errInvalidLike},
	}
	for _, st := range steps {
		out, errOut, err := runCmd(t, db, st.stdin, st.args...)
		switch {
		case st.wantErr == nil && err != nil:
			t.Errorf("%s: %v\n%s", st.name, err, errOut)
		case st.wantErr != nil && (err == nil || !strings.Contains(strings.ToLower(err.Error()), st.wantErr.Error())):
			t.Errorf("%s: error %v, want one saying %q", st.name, err, st.wantErr)
		case !strings.Contains(out, st.wantOut):
			t.Errorf("%s: output %q, want %q", st.name, out, st.wantOut)
		}
	}
	out, _, err := runCmd(t, db, "", "source", "list")
	if err != nil || strings.Contains(out, "harbour-times") || !strings.Contains(out, "hill-gazette") {
		t.Errorf("final list: %q, %v", out, err)
	}

	// Moving house: copy into a new store, twice, and use the copy.
	moved := filepath.Join(dir, "moved.db")
	for range 2 {
		var mout, merr bytes.Buffer
		err := run(context.Background(), []string{"migrate-store", "--from", "sqlite:" + db, "--to", moved}, strings.NewReader(""), &mout, &merr)
		if err != nil {
			t.Fatalf("migrate-store: %v\n%s", err, merr.String())
		}
		for _, want := range []string{"source", "user"} {
			if !strings.Contains(mout.String(), want) {
				t.Errorf("migrate-store report lacks %s:\n%s", want, mout.String())
			}
		}
	}
	out, _, err = runCmd(t, moved, "", "source", "list")
	if err != nil || !strings.Contains(out, "hill-gazette") || !strings.Contains(out, "valley-post") {
		t.Errorf("sources in the moved store: %q, %v", out, err)
	}
	if _, _, err := runCmd(t, moved, "another passphrase\n", "user", "create", "EDITOR"); err == nil {
		t.Error("the moved store lost the user editor")
	}
	var merr bytes.Buffer
	if err := run(context.Background(), []string{"migrate-store", "--from", db, "--to", db}, strings.NewReader(""), &bytes.Buffer{}, &merr); !errors.Is(err, errUsage) {
		t.Errorf("migrate-store onto itself: %v, want a usage error", err)
	}
}

// Error texts the commands must give for each kind of mistake.
var (
	errConflictLike = errors.New("conflict")
	errInvalidLike  = errors.New("invalid")
	errNotFoundLike = errors.New("not found")
)

func TestUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, strings.NewReader(""), &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("no command: %v, want a usage error", err)
	}
	if err := run(context.Background(), []string{"frobnicate"}, strings.NewReader(""), &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("unknown command: %v, want a usage error", err)
	}
	if err := run(context.Background(), []string{"tool", "nope"}, strings.NewReader(""), &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("unknown stage: %v, want a usage error", err)
	}
	if !strings.Contains(errOut.String(), "extract") {
		t.Errorf("unknown stage message does not list the stages: %q", errOut.String())
	}
}

// lossyStore drops users and changes sources on their way in, as a broken
// copy would.
type lossyStore struct{ importer }

func (l lossyStore) Import(ctx context.Context, rec news.Record) error {
	switch {
	case rec.User != nil:
		return nil
	case rec.Source != nil:
		s := *rec.Source
		s.Name += " (changed)"
		rec.Source = &s
	}
	return l.importer.Import(ctx, rec)
}

// TestMigrateStoreNoticesLoss checks that the comparison at the end of a
// move catches records that went missing or changed.
func TestMigrateStoreNoticesLoss(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src, err := openStore(ctx, filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := openStore(ctx, filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	s := news.Source{Name: "Valley Post", Slug: "valley-post", FeedURL: "https://valley.example/feed.xml"}
	u := news.User{Name: "rita"}
	if err := src.CreateSource(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if err := src.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	rep, err := migrateStore(ctx, src, lossyStore{dst}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ok() || rep["user"].missing != 1 || rep["source"].differ != 1 {
		var b bytes.Buffer
		rep.print(&b)
		t.Errorf("a lossy copy was not noticed:\n%s", b.String())
	}
}

// TestBenchExtract runs the extraction harness on saved pages and checks
// that it reports both methods and the extra time.
func TestBenchExtract(t *testing.T) {
	dir := t.TempDir()
	page := `<html><head><title>Council votes</title></head><body><article><h1>Council votes</h1>` +
		strings.Repeat(`<p>The council met on Tuesday and agreed to repair the old library roof before winter arrives in the valley.</p>`, 6) +
		`</article></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "a.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := cmdBench(context.Background(), []string{"extract", "--pages", dir, "--rounds", "1"}, nil, &out, &errOut); err != nil {
		t.Fatalf("bench extract: %v (%s)", err, errOut.String())
	}
	for _, want := range []string{"1 pages", "underlying extractor alone", "newsdesk extract", "extra time: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if err := cmdBench(context.Background(), []string{"extract", "--pages", t.TempDir()}, nil, &out, &errOut); err == nil {
		t.Error("an empty page directory was accepted")
	}
}
