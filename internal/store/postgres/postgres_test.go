package postgres

import (
	"context"
	"testing"

	"newsdesk/internal/store/postgres/pgtest"
	"newsdesk/internal/store/storetest"
)

// openTemp opens a store on a fresh database and closes it when the test
// ends (before the database is dropped).
func openTemp(t testing.TB) *Store {
	t.Helper()
	dsn := pgtest.FreshDSN(t)
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
