package backup

import (
	"context"
	"time"

	"townledger/data"
)

// Service is this package's work on one open ledger, for the window and the command line,
// which hold a Service and never the database itself.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// Make is the package's Make on this ledger.
func (v Service) Make(ctx context.Context, out string, now time.Time) (string, error) {
	return Make(ctx, v.store, out, now)
}

// Verify is the package's VerifyAgainst on this ledger: the file, the log, the records and
// the reports given.
func (v Service) Verify(ctx context.Context, against ...string) (Report, error) {
	return VerifyAgainst(ctx, v.store, against...)
}

// Auto is the package's Auto on this ledger.
func (v Service) Auto(ctx context.Context, now time.Time) (string, error) {
	return Auto(ctx, v.store, now)
}

// CheckSound is the package's CheckSound on this ledger.
func (v Service) CheckSound(ctx context.Context) error { return CheckSound(ctx, v.store) }
