package publicity

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

// Save is the package's Save on this ledger.
func (v Service) Save(ctx context.Context, by auth.Session, a Activity) (string, error) {
	return Save(ctx, v.store, by, a)
}

// Load is the package's Load on this ledger.
func (v Service) Load(ctx context.Context, id string) (Activity, error) {
	return Load(ctx, v.store, id)
}

// Delete is the package's Delete on this ledger.
func (v Service) Delete(ctx context.Context, by auth.Session, id string) error {
	return Delete(ctx, v.store, by, id)
}

// AddPhoto is the package's AddPhoto on this ledger.
func (v Service) AddPhoto(ctx context.Context, by auth.Session, activityID, fileName string, content []byte) (string, error) {
	return AddPhoto(ctx, v.store, by, activityID, fileName, content)
}

// Photos is the package's Photos on this ledger.
func (v Service) Photos(ctx context.Context, activityID string) ([]Photo, error) {
	return Photos(ctx, v.store, activityID)
}

// PhotoContent is the package's PhotoContent on this ledger.
func (v Service) PhotoContent(ctx context.Context, id string) ([]byte, error) {
	return PhotoContent(ctx, v.store, id)
}

// Totals is the package's Totals on this ledger.
func (v Service) Totals(ctx context.Context, from, to time.Time) (Sums, error) {
	return Totals(ctx, v.store, from, to)
}

// Monthly is the package's Monthly on this ledger.
func (v Service) Monthly(ctx context.Context, year int) ([12]MonthFigure, error) {
	return Monthly(ctx, v.store, year)
}

// Coverage is the package's Coverage on this ledger.
func (v Service) Coverage(ctx context.Context, year int) (map[Target][]string, error) {
	return Coverage(ctx, v.store, year)
}

// Types is the package's Types on this ledger.
func (v Service) Types(ctx context.Context) ([]string, error) {
	return Types(ctx, v.store)
}

// SetTypes is the package's SetTypes on this ledger.
func (v Service) SetTypes(ctx context.Context, by auth.Session, entries []string) error {
	return SetTypes(ctx, v.store, by, entries)
}
