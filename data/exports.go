package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Export states, in the order a report goes through them.
const (
	ExportExported     = "exported"     // written, not queued for mail
	ExportQueued       = "queued"       // in the outbox, not yet accepted by the mail server
	ExportSent         = "sent"         // accepted by the mail server
	ExportAcknowledged = "acknowledged" // the district replied to it
	ExportRejected     = "rejected"     // the district sent it back, saying why (RejectReason)
)

// ExportRecord is one written report in the export history.
type ExportRecord struct {
	ID, Period, FileName, FileSHA256, ContentHash, State, SupersedesID string
	MessageID, SentAt, AckedAt, CreatedAt, CreatedBy                   string
	RejectReason                                                       string // the district's words when it sent the version back
	Version                                                            int
}

// ExportFileKind is the attachment kind of a report's workbook kept with its history line.
const ExportFileKind = "report"

// RecordExport adds a written report to the history as the period's next version, which
// supersedes the one before it, and keeps the workbook's bytes with it so the outbox can
// send exactly what was written even if the file is moved; it returns the record with its
// version. e.ID may carry the export id written into the workbook.
func (t *Tx) RecordExport(e ExportRecord, content []byte) (ExportRecord, error) {
	var prevID sql.NullString
	var prev int
	err := t.tx.QueryRowContext(t.ctx, `SELECT id, version FROM export_record WHERE period = ? AND deleted_at IS NULL
		ORDER BY version DESC LIMIT 1`, e.Period).Scan(&prevID, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("export history: %w", t.s.wrap(err))
	}
	e.Version = prev + 1
	e.SupersedesID = prevID.String
	if e.State == "" {
		e.State = ExportExported
	}
	e.ID, err = t.insert("export_record", Row{"id": e.ID, "period": e.Period, "version": e.Version, "file_name": e.FileName,
		"file_sha256": e.FileSHA256, "content_hash": e.ContentHash, "state": e.State,
		"supersedes_id": nullIfEmpty(e.SupersedesID)})
	if err != nil {
		return e, err
	}
	e.CreatedAt, e.CreatedBy = t.at, t.actor.UserID
	if content != nil {
		_, err = t.InsertAttachment(Attachment{OwnerTable: "export_record", OwnerID: e.ID, Kind: ExportFileKind,
			FileName: e.FileName, MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Content: content})
	}
	return e, err
}

// exportCols are a history line's columns, the table aliased e.
const exportCols = `e.id, e.period, e.version, e.file_name, e.file_sha256, e.content_hash, e.state,
	COALESCE(e.supersedes_id, ''), e.message_id, COALESCE(e.sent_at, ''), COALESCE(e.acked_at, ''), e.created_at, e.created_by,
	e.reject_reason`

func scanExport(sc interface{ Scan(...any) error }, extra ...any) (ExportRecord, error) {
	var e ExportRecord
	err := sc.Scan(append([]any{&e.ID, &e.Period, &e.Version, &e.FileName, &e.FileSHA256, &e.ContentHash, &e.State,
		&e.SupersedesID, &e.MessageID, &e.SentAt, &e.AckedAt, &e.CreatedAt, &e.CreatedBy,
		&e.RejectReason}, extra...)...)
	return e, err
}

// Exports lists the history, newest first: one period's versions, or every period's with "".
func (s *Store) Exports(ctx context.Context, period string) ([]ExportRecord, error) {
	rows, err := s.query(ctx, `SELECT `+exportCols+` FROM export_record e
		WHERE deleted_at IS NULL AND (?1 = '' OR period = ?1) ORDER BY created_at DESC, version DESC`, period)
	if err != nil {
		return nil, fmt.Errorf("export history: %w", err)
	}
	defer rows.Close()
	var out []ExportRecord
	for rows.Next() {
		e, err := scanExport(rows)
		if err != nil {
			return nil, fmt.Errorf("export history: %w", s.wrap(err))
		}
		out = append(out, e)
	}
	return out, s.wrap(rows.Err())
}

// Export reads one history line; a missing one is ErrNotFound.
func (s *Store) Export(ctx context.Context, id string) (ExportRecord, error) {
	e, err := scanExport(s.r.QueryRowContext(ctx, `SELECT `+exportCols+` FROM export_record e
		WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, &Error{Kind: ErrNotFound, Err: fmt.Errorf("export %s", id)}
	}
	if err != nil {
		return e, fmt.Errorf("read export: %w", s.wrap(err))
	}
	return e, nil
}

// ExportFile returns the workbook kept with a history line, checked against its SHA-256.
func (s *Store) ExportFile(ctx context.Context, exportID string) ([]byte, error) {
	var id string
	err := s.queryRow(ctx, []any{&id}, `SELECT id FROM attachment WHERE owner_table = 'export_record'
		AND owner_id = ? AND kind = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1`, exportID, ExportFileKind)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &Error{Kind: ErrNotFound, Err: fmt.Errorf("report file of export %s", exportID)}
	}
	if err != nil {
		return nil, fmt.Errorf("report file: %w", err)
	}
	if id == "" {
		return nil, &Error{Kind: ErrNotFound, Err: fmt.Errorf("report file of export %s", exportID)}
	}
	return s.AttachmentContent(ctx, id)
}
