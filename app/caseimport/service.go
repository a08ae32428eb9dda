package caseimport

import (
	"context"
	"time"

	"townledger/app/auth"
	"townledger/data"
)

// Service is this package's work on one open ledger, for the window and the command line,
// which hold a Service and never the database itself.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// Import is the package's Import on this ledger.
func (v Service) Import(ctx context.Context, by auth.Session, path string, today time.Time) (Result, error) {
	return Import(ctx, v.store, by, path, today)
}
