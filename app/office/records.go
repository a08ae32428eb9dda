package office

import (
	"context"

	"townledger/data"
)

// The ledger's records as the window and the command line read them.
type (
	Town           = data.Town
	ListKind       = data.ListKind
	ListItem       = data.ListItem
	ListPage       = data.ListPage
	ListKey        = data.ListKey
	ActivityFilter = data.ActivityFilter
	CaseQuery      = data.CaseQuery
	CaseRow        = data.CaseRow
	Case           = data.Case
	Party          = data.Party
	CatalogItem    = data.CatalogItem
	LegalRef       = data.LegalRef
	Staff          = data.Staff
	User           = data.User
	ExportRecord   = data.ExportRecord
	OutboxItem     = data.OutboxItem
	Attachment     = data.Attachment
	StoreError     = data.Error
	DistrictTown   = data.DistrictTown
	ReceivedReport = data.ReceivedReport
)

// The district's towns, the outcomes of a received workbook and where it came from.
const (
	DistrictKindTown   = data.DistrictKindTown
	DistrictKindCentre = data.DistrictKindCentre

	ReceivedMerged     = data.ReceivedMerged
	ReceivedDuplicate  = data.ReceivedDuplicate
	ReceivedSuperseded = data.ReceivedSuperseded
	ReceivedLate       = data.ReceivedLate
	ReceivedRejected   = data.ReceivedRejected

	SourceMail   = data.SourceMail
	SourceFolder = data.SourceFolder
)

// The lists a section shows, the states of an export and of its outbox entry.
const (
	ListCatalog    = data.ListCatalog
	ListCases      = data.ListCases
	ListParties    = data.ListParties
	ListTrainings  = data.ListTrainings
	ListStaff      = data.ListStaff
	ListActivities = data.ListActivities
	ListExports    = data.ListExports

	ExportExported     = data.ExportExported
	ExportQueued       = data.ExportQueued
	ExportSent         = data.ExportSent
	ExportAcknowledged = data.ExportAcknowledged
	ExportRejected     = data.ExportRejected

	OutboxPending = data.OutboxPending
	OutboxSending = data.OutboxSending
	OutboxSent    = data.OutboxSent
	OutboxFailed  = data.OutboxFailed

	// DateLayout is how the ledger writes a calendar date.
	DateLayout = data.DateLayout
	// ErrLocked: another program holds the database.
	ErrLocked = data.ErrLocked
)

// System is the session of work the program does by itself (the demo town, say).
var System = data.System

// Path is the database file's path.
func (o *Office) Path() string { return o.store.Path() }

// SchemaVersion is the database's schema version.
func (o *Office) SchemaVersion(ctx context.Context) (int, error) { return o.store.Version(ctx) }

// Town is the office's town, and whether it is set up.
func (o *Office) Town(ctx context.Context) (Town, bool, error) { return o.store.Town(ctx) }

// Counts is how many live records each list holds.
func (o *Office) Counts(ctx context.Context) (map[ListKind]int, error) { return o.store.Counts(ctx) }

// List is a page of a section's records matching search, and how many match.
func (o *Office) List(ctx context.Context, kind ListKind, search string, offset, limit int) ([]ListItem, int, error) {
	return o.store.List(ctx, kind, search, offset, limit)
}

// ListFrom is List for a page given by position or by the line before it.
func (o *Office) ListFrom(ctx context.Context, kind ListKind, search string, page ListPage) ([]ListItem, int, error) {
	return o.store.ListFrom(ctx, kind, search, page)
}

// ListActivitiesFrom is ListActivities for a page given by position or by the line before it.
func (o *Office) ListActivitiesFrom(ctx context.Context, search string, f ActivityFilter, page ListPage) ([]ListItem, int, error) {
	return o.store.ListActivitiesFrom(ctx, search, f, page)
}

// ListActivities is a page of publicity activities matching search and the filter.
func (o *Office) ListActivities(ctx context.Context, search string, f ActivityFilter, offset, limit int) ([]ListItem, int, error) {
	return o.store.ListActivities(ctx, search, f, offset, limit)
}

// CaseRows is a page of the case table for a query, and how many cases match.
func (o *Office) CaseRows(ctx context.Context, q CaseQuery, offset, limit int) ([]CaseRow, int, error) {
	return o.store.Cases(ctx, q, offset, limit)
}

// CaseYears are the years cases were filed in, for the year filter.
func (o *Office) CaseYears(ctx context.Context) ([]int, error) { return o.store.CaseYears(ctx) }

// CasesOfParty are the cases against a party.
func (o *Office) CasesOfParty(ctx context.Context, partyID string) ([]Case, error) {
	return o.store.CasesOfParty(ctx, partyID)
}

// Party is one enterprise or person.
func (o *Office) Party(ctx context.Context, id string) (Party, bool, error) {
	return o.store.Party(ctx, id)
}

// CatalogItem is one delegated item.
func (o *Office) CatalogItem(ctx context.Context, id string) (CatalogItem, bool, error) {
	return o.store.CatalogItem(ctx, id)
}

// CatalogItemsInForce are the delegated items in force on a day (YYYY-MM-DD).
func (o *Office) CatalogItemsInForce(ctx context.Context, on string) ([]CatalogItem, error) {
	return o.store.CatalogItemsInForce(ctx, on)
}

// Officers are the staff who may act in cases.
func (o *Office) Officers(ctx context.Context) ([]Staff, error) { return o.store.Officers(ctx) }

// Exports is a period's export history ("" = every period), newest first.
func (o *Office) Exports(ctx context.Context, period string) ([]ExportRecord, error) {
	return o.store.Exports(ctx, period)
}

// Export is one exported version.
func (o *Office) Export(ctx context.Context, id string) (ExportRecord, error) {
	return o.store.Export(ctx, id)
}

// OutboxItems is what waits to be mailed, and what was.
func (o *Office) OutboxItems(ctx context.Context) ([]OutboxItem, error) { return o.store.Outbox(ctx) }

// Attachments are the files kept with a record.
func (o *Office) Attachments(ctx context.Context, ownerTable, ownerID string) ([]Attachment, error) {
	return o.store.Attachments(ctx, ownerTable, ownerID)
}
