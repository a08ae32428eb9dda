package demo

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

// Load is the package's Load on this ledger.
func (v Service) Load(ctx context.Context, actor data.Actor, today time.Time) error {
	return Load(ctx, v.store, actor, today)
}

// LoadAs is the package's LoadAs on this ledger.
func (v Service) LoadAs(ctx context.Context, by auth.Session, today time.Time) error {
	return LoadAs(ctx, v.store, by, today)
}
