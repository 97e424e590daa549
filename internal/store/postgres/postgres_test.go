package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"newsdesk/internal/store/storetest"
)

// envDSN names the environment variable with the DSN of a PostgreSQL
// server the tests may create databases on.
const envDSN = "NEWSDESK_TEST_POSTGRES"

// baseDSN returns the test server's DSN, failing t when there is none.
func baseDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(envDSN)
	if dsn == "" {
		t.Fatalf("%s is not set. Start a throwaway server and point it there, e.g.\n"+
			"  initdb -D /tmp/pg/data -A trust -U postgres\n"+
			"  pg_ctl -D /tmp/pg/data -o '-p 5433 -k /tmp/pg -c listen_addresses=127.0.0.1 -c fsync=off' -l /tmp/pg/log start\n"+
			"  export %s='postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable'", envDSN, envDSN)
	}
	return dsn
}

// freshDSN creates an empty database with a unique name on the test
// server, drops it when the test ends, and returns its DSN.
func freshDSN(t testing.TB) string {
	t.Helper()
	base := baseDSN(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", envDSN, err)
	}
	var b [8]byte
	rand.Read(b[:])
	name := "newsdesk_test_" + hex.EncodeToString(b[:])
	admin, err := openAdmin(context.Background(), base)
	if err != nil {
		t.Fatalf("connect to %s: %v", envDSN, err)
	}
	// The name is ours (hex digits), never user input.
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

// openTemp opens a store on a fresh database and closes it when the test
// ends (before the database is dropped).
func openTemp(t testing.TB) *Store {
	t.Helper()
	dsn := freshDSN(t)
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return openTemp(t) })
}
