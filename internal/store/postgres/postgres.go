// Package postgres is newsdesk's scale-out store: the same behaviour as the
// SQLite store on a PostgreSQL server, so that several newsdesk processes
// can share one database. Work rows (feeds due for polling, items waiting
// for extraction) are claimed with FOR UPDATE SKIP LOCKED, so concurrent
// workers get disjoint rows; search uses a tsvector per article in the
// article's language.
//
// The store talks to the server through database/sql with the pgx driver
// (github.com/jackc/pgx/v5/stdlib) rather than through a pgxpool: the
// project writes plain SQL through database/sql everywhere, which keeps this
// store line by line comparable with the SQLite one, and pgx still encodes
// arrays, jsonb and timestamptz natively because its database/sql driver
// passes arguments through untouched.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"newsdesk/internal/news"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// maxOpenConns bounds the connections one Store holds to the server.
const maxOpenConns = 16

// Store is a newsdesk store on a PostgreSQL database. It is safe for
// concurrent use by many goroutines and by many processes.
type Store struct {
	db *sql.DB
}

// Open connects to the PostgreSQL database at dsn, a postgres:// or
// postgresql:// URL, and applies pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return nil, fmt.Errorf("postgres: open: DSN must start with postgres:// or postgresql://: %w", news.ErrInvalid)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w: %w", news.ErrInvalid, err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxOpenConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db}
	if err := s.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if err := s.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes every connection to the server.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("postgres: close: %w", err)
	}
	return nil
}

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("postgres: ping: %w: %w", news.ErrUnavailable, err)
	}
	return nil
}

// migrationLockKey is the pg_advisory_lock key under which migrations run,
// so that processes starting at once migrate one after the other.
func migrationLockKey() int64 {
	h := fnv.New64a()
	h.Write([]byte("newsdesk schema_migrations"))
	return int64(h.Sum64())
}

// migration is one numbered migration file.
type migration struct {
	version int
	name    string
}

// migrations lists the embedded migrations in order.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("bad migration name %q", base)
		}
		ms = append(ms, migration{v, base})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("two migrations numbered %d", ms[i].version)
		}
	}
	return ms, nil
}

// Migrate applies the embedded migrations that the database has not seen
// yet, in order, each in its own transaction, recording each in the
// schema_migrations table. It holds a session-level advisory lock while it
// runs, so several processes starting at once migrate once.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", classify(err))
	}
	defer conn.Close()
	key := migrationLockKey()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", classify(err))
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key); err != nil {
			// A connection that may still hold the lock must not return to
			// the pool; closing it ends its session and the lock.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer     PRIMARY KEY,
		name       text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("postgres: migrate: %w", classify(err))
	}
	for _, m := range ms {
		if err := applyMigration(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration runs one migration file unless it was applied before.
func applyMigration(ctx context.Context, conn *sql.Conn, m migration) error {
	body, err := migrationFiles.ReadFile("migrations/" + m.name)
	if err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.name, err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.name, classify(err))
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&n); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.name, classify(err))
	}
	if n > 0 {
		return nil
	}
	// A statement without parameters goes through the simple protocol,
	// which runs a file of several statements.
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.name, classify(err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`,
		m.version, m.name); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.name, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.name, classify(err))
	}
	return nil
}

// classify turns driver errors into the news error kinds: unique
// violations are conflicts, broken references, checks and text the server
// cannot store (a NUL byte, say) are invalid input, lock and connection
// trouble is unavailability, and a missing row is not found.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", news.ErrNotFound, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505":
			return fmt.Errorf("%w: %w", news.ErrConflict, err)
		case pe.Code == "23503", pe.Code == "23514", pe.Code == "23502",
			pe.Code == "22021", pe.Code == "22P05", pe.Code == "22001":
			return fmt.Errorf("%w: %w", news.ErrInvalid, err)
		case pe.Code == "40001", pe.Code == "40P01", pe.Code == "55P03", pe.Code == "53300",
			strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "57P"):
			return fmt.Errorf("%w: %w", news.ErrUnavailable, err)
		}
		return err
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ne) || errors.As(err, &ce) {
		return fmt.Errorf("%w: %w", news.ErrUnavailable, err)
	}
	return err
}

// tv converts a time to what is stored: UTC, to the microsecond the server
// keeps. The zero time stays the zero time, which the schema uses for "no
// time".
func tv(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

// ft converts a stored time back, in UTC.
func ft(t time.Time) time.Time {
	t = t.UTC()
	if t.IsZero() {
		return time.Time{}
	}
	return t
}

// now is the store's clock for creation times, as it is stored.
func now() time.Time { return tv(time.Now()) }

// orNow returns t as stored, or the current time when t is zero.
func orNow(t time.Time) time.Time {
	if t.IsZero() {
		return now()
	}
	return tv(t)
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

// limitOr returns n, or def when n is not positive.
func limitOr(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// scanner is a row or rows.
type scanner interface{ Scan(...any) error }

// params numbers the arguments of a query as it is built: each add
// returns the placeholder of a new argument.
type params struct{ args []any }

// add appends v and returns its placeholder, "$n".
func (p *params) add(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}

// CreateDatabase creates an empty database named name on the server that
// adminDSN reaches and returns a DSN for it. The name must be lower-case
// letters, digits and underscores.
func CreateDatabase(ctx context.Context, adminDSN, name string) (string, error) {
	if err := validDatabaseName(name); err != nil {
		return "", err
	}
	u, err := url.Parse(adminDSN)
	if err != nil {
		return "", fmt.Errorf("postgres: create database %s: %w: %w", name, news.ErrInvalid, err)
	}
	db, err := sql.Open("pgx", adminDSN)
	if err != nil {
		return "", fmt.Errorf("postgres: create database: %w", err)
	}
	defer db.Close()
	// The name was checked above to hold only safe characters.
	if _, err := db.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		return "", fmt.Errorf("postgres: create database %s: %w", name, classify(err))
	}
	u.Path = "/" + name
	return u.String(), nil
}

// DropDatabase drops the database named name, closing its connections.
func DropDatabase(ctx context.Context, adminDSN, name string) error {
	if err := validDatabaseName(name); err != nil {
		return err
	}
	db, err := sql.Open("pgx", adminDSN)
	if err != nil {
		return fmt.Errorf("postgres: drop database: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("postgres: drop database %s: %w", name, classify(err))
	}
	return nil
}

// validDatabaseName accepts names of lower-case letters, digits and
// underscores, which need no quoting.
func validDatabaseName(name string) error {
	if name == "" || len(name) > 63 {
		return fmt.Errorf("postgres: database name %q: 1 to 63 characters: %w", name, news.ErrInvalid)
	}
	for _, r := range name {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return fmt.Errorf("postgres: database name %q: use a-z, 0-9 and _: %w", name, news.ErrInvalid)
		}
	}
	return nil
}
