package catalog

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

// ExportWorkbook is the package's ExportWorkbook on this ledger.
func (v Service) ExportWorkbook(ctx context.Context, path string, on time.Time) (int, error) {
	return ExportWorkbook(ctx, v.store, path, on)
}

// Import is the package's Import on this ledger.
func (v Service) Import(ctx context.Context, by auth.Session, path string, today time.Time) (Result, error) {
	return Import(ctx, v.store, by, path, today)
}

// Create is the package's Create on this ledger.
func (v Service) Create(ctx context.Context, by auth.Session, it Item) (string, error) {
	return Create(ctx, v.store, by, it)
}

// Revise is the package's Revise on this ledger.
func (v Service) Revise(ctx context.Context, by auth.Session, itemID string, next Item) (string, error) {
	return Revise(ctx, v.store, by, itemID, next)
}

// Recall is the package's Recall on this ledger.
func (v Service) Recall(ctx context.Context, by auth.Session, itemID string, on time.Time, reason string) error {
	return Recall(ctx, v.store, by, itemID, on, reason)
}
