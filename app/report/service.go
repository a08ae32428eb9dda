package report

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

// DueList is the package's DueList on this ledger.
func (v Service) DueList(ctx context.Context, now time.Time) ([]Due, error) {
	return DueList(ctx, v.store, now)
}

// Changed is the package's Changed on this ledger.
func (v Service) Changed(ctx context.Context, e data.ExportRecord, now time.Time) (bool, error) {
	return Changed(ctx, v.store, e, now)
}

// Record is the package's Record on this ledger.
func (v Service) Record(ctx context.Context, by auth.Session, sum Summary) (data.ExportRecord, error) {
	return Record(ctx, v.store, by, sum)
}

// Export is the package's Export on this ledger.
func (v Service) Export(ctx context.Context, by auth.Session, period, path string, now time.Time, preparer string) (Summary, data.ExportRecord, error) {
	return Export(ctx, v.store, by, period, path, now, preparer)
}

// SaveCopy is the package's SaveCopy on this ledger.
func (v Service) SaveCopy(ctx context.Context, exportID, path string) error {
	return SaveCopy(ctx, v.store, exportID, path)
}

// Author is the package's Author on this ledger.
func (v Service) Author(ctx context.Context, userID string) string {
	return Author(ctx, v.store, userID)
}

// Write is the package's Write on this ledger.
func (v Service) Write(ctx context.Context, period string, path string, now time.Time, preparer string) (Summary, error) {
	return Write(ctx, v.store, period, path, now, preparer)
}

// Fingerprint is the package's Fingerprint on this ledger.
func (v Service) Fingerprint(ctx context.Context, period string, now time.Time) (string, error) {
	return Fingerprint(ctx, v.store, period, now)
}

// Offered is the package's Offered on this ledger.
func (v Service) Offered(ctx context.Context, now time.Time) ([]string, error) {
	return Offered(ctx, v.store, now)
}
