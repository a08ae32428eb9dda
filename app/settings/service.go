package settings

import (
	"context"
	"time"

	"townledger/app/auth"
	"townledger/app/workdays"
	"townledger/data"
)

// Service is this package's work on one open ledger, for the window and the command line,
// which hold a Service and never the database itself.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// CalendarDays is the package's CalendarDays on this ledger.
func (v Service) CalendarDays(ctx context.Context) ([]workdays.Day, error) {
	return CalendarDays(ctx, v.store)
}

// Calendar is the package's Calendar on this ledger.
func (v Service) Calendar(ctx context.Context) (*workdays.Calendar, error) {
	return Calendar(ctx, v.store)
}

// SetCalendarDay is the package's SetCalendarDay on this ledger.
func (v Service) SetCalendarDay(ctx context.Context, by auth.Session, d workdays.Day) error {
	return SetCalendarDay(ctx, v.store, by, d)
}

// DeleteCalendarDay is the package's DeleteCalendarDay on this ledger.
func (v Service) DeleteCalendarDay(ctx context.Context, by auth.Session, date string) error {
	return DeleteCalendarDay(ctx, v.store, by, date)
}

// ReportKinds is the package's ReportKinds on this ledger.
func (v Service) ReportKinds(ctx context.Context) ([]string, error) {
	return ReportKinds(ctx, v.store)
}

// SetReportKinds is the package's SetReportKinds on this ledger.
func (v Service) SetReportKinds(ctx context.Context, by auth.Session, kinds []string) error {
	return SetReportKinds(ctx, v.store, by, kinds)
}

// SetReviewer is the package's SetReviewer on this ledger.
func (v Service) SetReviewer(ctx context.Context, by auth.Session, name string) error {
	return SetReviewer(ctx, v.store, by, name)
}

// WriteDefaults is the package's WriteDefaults on this ledger.
func (v Service) WriteDefaults(ctx context.Context, tx *data.Tx) error {
	return WriteDefaults(ctx, v.store, tx)
}

// Get is the package's Get on this ledger.
func (v Service) Get(ctx context.Context, key string) (string, error) {
	return Get(ctx, v.store, key)
}

// LanguageOf is the package's LanguageOf on this ledger.
func (v Service) LanguageOf(ctx context.Context) string {
	return LanguageOf(ctx, v.store)
}

// SetLanguage is the package's SetLanguage on this ledger.
func (v Service) SetLanguage(ctx context.Context, by auth.Session, lang string) error {
	return SetLanguage(ctx, v.store, by, lang)
}

// Values is the package's Values on this ledger.
func (v Service) Values(ctx context.Context) (map[string]string, error) {
	return Values(ctx, v.store)
}

// SetValues is the package's SetValues on this ledger.
func (v Service) SetValues(ctx context.Context, by auth.Session, values map[string]string) error {
	return SetValues(ctx, v.store, by, values)
}

// CalendarGap is the package's CalendarGap on this ledger.
func (v Service) CalendarGap(ctx context.Context, today time.Time) (int, error) {
	return CalendarGap(ctx, v.store, today)
}

// Entrust is the package's Entrust on this ledger.
func (v Service) Entrust(ctx context.Context) (EntrustNumbering, error) { return Entrust(ctx, v.store) }

// SetEntrust is the package's SetEntrust on this ledger.
func (v Service) SetEntrust(ctx context.Context, by auth.Session, n EntrustNumbering) error {
	return SetEntrust(ctx, v.store, by, n)
}
