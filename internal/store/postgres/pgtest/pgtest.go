// Package pgtest gives tests an empty PostgreSQL database of their own on
// the server named by NEWSDESK_TEST_POSTGRES (.ci/test starts one).
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// EnvDSN names the environment variable with the DSN of a PostgreSQL
// server the tests may create databases on.
const EnvDSN = "NEWSDESK_TEST_POSTGRES"

// BaseDSN returns the test server's DSN, failing t when there is none.
func BaseDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		t.Fatalf("%s is not set. Run the tests with 'bash .ci/test', which starts a throwaway server, or start one and point it there, e.g.\n"+
			"  initdb -D /tmp/pg/data -A trust -U postgres\n"+
			"  pg_ctl -D /tmp/pg/data -o '-p 5433 -k /tmp/pg -c listen_addresses=127.0.0.1 -c fsync=off' -l /tmp/pg/log start\n"+
			"  export %s='postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable'", EnvDSN, EnvDSN)
	}
	return dsn
}

// Admin connects to the test server's maintenance database.
func Admin(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// FreshDSN creates an empty database with a unique name on the test
// server, drops it when the test ends, and returns its DSN.
func FreshDSN(t testing.TB) string {
	t.Helper()
	base := BaseDSN(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvDSN, err)
	}
	var b [8]byte
	rand.Read(b[:])
	name := "newsdesk_test_" + hex.EncodeToString(b[:])
	admin, err := Admin(context.Background(), base)
	if err != nil {
		t.Fatalf("connect to %s: %v", EnvDSN, err)
	}
	// The name is ours (hex digits), never input.
	if _, err := admin.ExecContext(context.Background(), `CREATE DATABASE `+name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
