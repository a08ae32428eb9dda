package outbox

import (
	"context"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/data"
)

// Service is this package's work on one open ledger, for the window and the command line,
// which hold a Service and never the database itself.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// Load is the package's Load on this ledger.
func (v Service) Load(ctx context.Context) (Config, error) {
	return Load(ctx, v.store)
}

// Save is the package's Save on this ledger.
func (v Service) Save(ctx context.Context, by auth.Session, c Config, password string) error {
	return Save(ctx, v.store, by, c, password)
}

// SetDistrictEmail is the package's SetDistrictEmail on this ledger.
func (v Service) SetDistrictEmail(ctx context.Context, by auth.Session, address string) error {
	return SetDistrictEmail(ctx, v.store, by, address)
}

// SendPeriod is the package's SendPeriod on this ledger.
func (v Service) SendPeriod(ctx context.Context, by auth.Session, c Config, a townmail.Account, req Request) (Result, error) {
	return SendPeriod(ctx, v.store, by, c, a, req)
}

// CheckReplies is the package's CheckReplies on this ledger.
func (v Service) CheckReplies(ctx context.Context, by auth.Session, a townmail.Account) ([]data.ExportRecord, error) {
	return CheckReplies(ctx, v.store, by, a)
}

// Queue is the package's Queue on this ledger.
func (v Service) Queue(ctx context.Context, by auth.Session, c Config, exportID string) error {
	return Queue(ctx, v.store, by, c, exportID)
}

// Process is the package's Process on this ledger.
func (v Service) Process(ctx context.Context, by auth.Session, a townmail.Account) (Outcome, error) {
	return Process(ctx, v.store, by, a)
}

// Retry is the package's Retry on this ledger.
func (v Service) Retry(ctx context.Context, by auth.Session, a townmail.Account) (Outcome, error) {
	return Retry(ctx, v.store, by, a)
}

// ReportsDir is where one-click sends write their workbooks: reports/ beside the database.
func (v Service) ReportsDir() string { return ReportsDir(v.store) }
