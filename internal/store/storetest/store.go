// Package storetest is the contract every newsdesk store must pass. Run
// exercises the full store.Store method set against fresh, empty stores, so
// SQLite and PostgreSQL behave the same.
package storetest

import "newsdesk/internal/store"

// Store is the interface under test.
type Store = store.Store
