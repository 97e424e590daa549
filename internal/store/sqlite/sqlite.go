// Package sqlite is newsdesk's embedded store: one SQLite file in WAL mode,
// with numbered migrations, an FTS5 index for search, and leased work rows
// for the feed poller and the extraction queue.
//
// Writes go through a pool of exactly one connection whose transactions
// begin IMMEDIATE, so concurrent goroutines queue in Go instead of failing
// with SQLITE_BUSY; reads use a separate pool of read-only connections that
// WAL lets run beside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"newsdesk/internal/news"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// busyTimeoutMS is how long a connection waits for a lock held by another
// process before giving up.
const busyTimeoutMS = 10000

// Store is a newsdesk store on one SQLite file. It is safe for concurrent
// use by many goroutines and by several processes on the same machine.
type Store struct {
	w *sql.DB // the single writer connection
	r *sql.DB // read-only connections
}

// Open opens (creating if needed) the SQLite database at dsn, a file path
// or a "file:" URI, configures it and applies pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, fmt.Errorf("sqlite: open: empty DSN: %w", news.ErrInvalid)
	}
	base := dsn
	if !strings.HasPrefix(base, "file:") {
		base = "file:" + (&url.URL{Path: dsn}).EscapedPath()
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	common := "_pragma=busy_timeout(" + strconv.Itoa(busyTimeoutMS) + ")" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	w, err := sql.Open("sqlite", base+sep+common+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", dsn, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", dsn, err)
	}
	r, err := sql.Open("sqlite", base+sep+common+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", dsn, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s := &Store{w: w, r: r}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database after asking SQLite to refresh its query
// planner statistics.
func (s *Store) Close() error {
	_, optErr := s.w.Exec("PRAGMA optimize")
	if err := errors.Join(optErr, s.r.Close(), s.w.Close()); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// Ping checks that both connection pools reach the database.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.w.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlite: ping: %w: %w", news.ErrUnavailable, err)
	}
	if err := s.r.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlite: ping: %w: %w", news.ErrUnavailable, err)
	}
	return nil
}

// Migrate applies the embedded migrations that the database has not seen
// yet, in order, each in its own transaction, recording each in the
// schema_migrations table. It is safe to run from several processes at once.
func (s *Store) Migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	type migration struct {
		version int
		name    string
	}
	var ms []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return fmt.Errorf("sqlite: migrate: bad migration name %q", base)
		}
		ms = append(ms, migration{v, base})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return fmt.Errorf("sqlite: migrate: two migrations numbered %d", ms[i].version)
		}
	}
	for _, m := range ms {
		if err := s.applyMigration(ctx, m.version, m.name); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration runs one migration file unless it was applied before.
func (s *Store) applyMigration(ctx context.Context, version int, name string) error {
	body, err := migrationFiles.ReadFile("migrations/" + name)
	if err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, name, time.Now().UnixNano()); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", name, err)
	}
	return nil
}

// Backup writes a consistent, compacted copy of the database to path with
// VACUUM INTO. The file at path must not exist yet. Readers and writers
// keep working while it runs.
func (s *Store) Backup(ctx context.Context, path string) error {
	if path == "" {
		return fmt.Errorf("sqlite: backup: empty path: %w", news.ErrInvalid)
	}
	conn, err := s.r.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: backup %s: %w", path, err)
	}
	defer conn.Close()
	// VACUUM INTO writes only the new file, but query_only forbids it; lift
	// it on this connection for the duration and restore it afterwards.
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return fmt.Errorf("sqlite: backup %s: %w", path, err)
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, path)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`); rerr != nil {
		// A connection that cannot be made read-only again must not return
		// to the pool.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		err = errors.Join(err, rerr)
	}
	if err != nil {
		return fmt.Errorf("sqlite: backup %s: %w", path, err)
	}
	return nil
}

// classify turns driver errors into the news error kinds: unique and
// primary-key violations are conflicts, broken references and checks are
// invalid input, and a missing row is not found.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", news.ErrNotFound, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %w", news.ErrConflict, err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, sqlite3.SQLITE_CONSTRAINT_CHECK,
			sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return fmt.Errorf("%w: %w", news.ErrInvalid, err)
		}
		if se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED {
			return fmt.Errorf("%w: %w", news.ErrUnavailable, err)
		}
	}
	return err
}

// tn converts a time to stored nanoseconds; the zero time is stored as 0.
func tn(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// ft converts stored nanoseconds back to a UTC time; 0 is the zero time.
func ft(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// now is the store's clock for creation times, in UTC.
func now() time.Time { return time.Now().UTC().Round(0) }

// orNow returns t in UTC, or the current time when t is zero.
func orNow(t time.Time) time.Time {
	if t.IsZero() {
		return now()
	}
	return t.UTC().Round(0)
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullText stores "" as NULL for optional unique text.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// jsonText encodes v as JSON text for a JSON column.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// boolInt stores a bool as 0 or 1.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// placeholders returns "?, ?, ..." for n parameters.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// rowsAffected reports whether a statement changed a row, turning no
// change into news.ErrNotFound.
func rowsAffected(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", what, news.ErrNotFound)
	}
	return nil
}
