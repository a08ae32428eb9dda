package training

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

// AddAttachment is the package's AddAttachment on this ledger.
func (v Service) AddAttachment(ctx context.Context, by auth.Session, sessionID, kind, fileName string, content []byte) (string, error) {
	return AddAttachment(ctx, v.store, by, sessionID, kind, fileName, content)
}

// RemoveAttachment is the package's RemoveAttachment on this ledger.
func (v Service) RemoveAttachment(ctx context.Context, by auth.Session, id string) error {
	return RemoveAttachment(ctx, v.store, by, id)
}

// Attachments is the package's Attachments on this ledger.
func (v Service) Attachments(ctx context.Context, sessionID string) ([]AttachmentInfo, error) {
	return Attachments(ctx, v.store, sessionID)
}

// AttachmentContent is the package's AttachmentContent on this ledger.
func (v Service) AttachmentContent(ctx context.Context, id string) ([]byte, error) {
	return AttachmentContent(ctx, v.store, id)
}

// Categories is the package's Categories on this ledger.
func (v Service) Categories(ctx context.Context) ([]string, error) {
	return Categories(ctx, v.store)
}

// SetCategories is the package's SetCategories on this ledger.
func (v Service) SetCategories(ctx context.Context, by auth.Session, cats []string) error {
	return SetCategories(ctx, v.store, by, cats)
}

// SaveSession is the package's SaveSession on this ledger.
func (v Service) SaveSession(ctx context.Context, by auth.Session, s Session, attendees []Attendee) (string, error) {
	return SaveSession(ctx, v.store, by, s, attendees)
}

// DeleteSession is the package's DeleteSession on this ledger.
func (v Service) DeleteSession(ctx context.Context, by auth.Session, id string) error {
	return DeleteSession(ctx, v.store, by, id)
}

// LoadSession is the package's LoadSession on this ledger.
func (v Service) LoadSession(ctx context.Context, id string) (Session, []Attendee, error) {
	return LoadSession(ctx, v.store, id)
}

// Sessions is the package's Sessions on this ledger.
func (v Service) Sessions(ctx context.Context, year int) ([]Session, error) {
	return Sessions(ctx, v.store, year)
}

// SaveStaff is the package's SaveStaff on this ledger.
func (v Service) SaveStaff(ctx context.Context, by auth.Session, p Person) (string, error) {
	return SaveStaff(ctx, v.store, by, p)
}

// ArchiveStaff is the package's ArchiveStaff on this ledger.
func (v Service) ArchiveStaff(ctx context.Context, by auth.Session, id string, on time.Time) error {
	return ArchiveStaff(ctx, v.store, by, id, on)
}

// Roster is the package's Roster on this ledger.
func (v Service) Roster(ctx context.Context, includeArchived bool) ([]Person, error) {
	return Roster(ctx, v.store, includeArchived)
}

// CertsDue is the package's CertsDue on this ledger.
func (v Service) CertsDue(ctx context.Context, today time.Time, days int) ([]Person, error) {
	return CertsDue(ctx, v.store, today, days)
}

// Target is the package's Target on this ledger.
func (v Service) Target(ctx context.Context) (float64, error) {
	return Target(ctx, v.store)
}

// Totals is the package's Totals on this ledger.
func (v Service) Totals(ctx context.Context, year int) ([]Total, error) {
	return Totals(ctx, v.store, year)
}

// CertsDueSoon lists the certificates due within CertWindowDays of today, or overdue.
func (v Service) CertsDueSoon(ctx context.Context, today time.Time) ([]Person, error) {
	return CertsDue(ctx, v.store, today, CertWindowDays)
}
