package trainingimport

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

// ImportStaff is the package's ImportStaff on this ledger.
func (v Service) ImportStaff(ctx context.Context, by auth.Session, path string, today time.Time) (int, error) {
	return ImportStaff(ctx, v.store, by, path, today)
}

// ImportTrainings is the package's ImportTrainings on this ledger.
func (v Service) ImportTrainings(ctx context.Context, by auth.Session, path string, today time.Time) (int, error) {
	return ImportTrainings(ctx, v.store, by, path, today)
}

// ImportAttendance is the package's ImportAttendance on this ledger.
func (v Service) ImportAttendance(ctx context.Context, by auth.Session, path string, today time.Time) (Result, error) {
	return ImportAttendance(ctx, v.store, by, path, today)
}
