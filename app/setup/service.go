package setup

import (
	"context"

	"townledger/data"
)

// Service is this package's work on one open ledger, for the window and the command line,
// which hold a Service and never the database itself.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// StageOf is the package's StageOf on this ledger.
func (v Service) StageOf(ctx context.Context) (Stage, error) {
	return StageOf(ctx, v.store)
}

// Run is the package's Run on this ledger.
func (v Service) Run(ctx context.Context, t Town, a Admin) error {
	return Run(ctx, v.store, t, a)
}

// InitTown is the package's InitTown on this ledger.
func (v Service) InitTown(ctx context.Context, t Town) error {
	return InitTown(ctx, v.store, t)
}
