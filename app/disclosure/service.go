package disclosure

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

// Each is the package's Each on this ledger.
func (v Service) Each(ctx context.Context, from, to, today time.Time, fn func(Row) error) (int, error) {
	return Each(ctx, v.store, from, to, today, fn)
}

// Write is the package's Write on this ledger.
func (v Service) Write(ctx context.Context, from, to time.Time, path string) (int, error) {
	return Write(ctx, v.store, from, to, path)
}

// WriteOn is the package's WriteOn on this ledger.
func (v Service) WriteOn(ctx context.Context, from, to time.Time, path string, today time.Time) (n int, err error) {
	return WriteOn(ctx, v.store, from, to, path, today)
}

// CurrentOptions is the package's CurrentOptions on this ledger.
func (v Service) CurrentOptions(ctx context.Context) (Options, error) {
	return CurrentOptions(ctx, v.store)
}

// SetOptions is the package's SetOptions on this ledger.
func (v Service) SetOptions(ctx context.Context, by auth.Session, o Options) error {
	return SetOptions(ctx, v.store, by, o)
}
