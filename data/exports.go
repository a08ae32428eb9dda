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
	// FileKept: the workbook's bytes are kept with the line (see pruneExportFiles).
	FileKept bool
}

// ExportFileKind is the attachment kind of a report's workbook kept with its history line.
const ExportFileKind = "report"

// Issued says the version went to the outbox or further (queued, sent, acknowledged or sent
// back): its number is the one the district sees, and no other version takes it.
func (e ExportRecord) Issued() bool {
	switch e.State {
	case ExportQueued, ExportSent, ExportAcknowledged, ExportRejected:
		return true
	}
	return false
}

// Received says the mail server accepted the version: the district has it (sent,
// acknowledged, or sent back).
func (e ExportRecord) Received() bool {
	return e.State == ExportSent || e.State == ExportAcknowledged || e.State == ExportRejected
}

// Withdrawn says the version was taken back out of the outbox unsent (WithdrawExport): it
// keeps its message id and can never be queued again.
func (e ExportRecord) Withdrawn() bool { return e.State == ExportExported && e.MessageID != "" }

// RecordExport adds a written report to the history as a draft of the period (state
// exported), and keeps the workbook's bytes with it so the outbox can send exactly what was
// written even if the file is moved; it returns the record with its version. A draft takes
// the number after every one the period has used; the number is the district's only once the
// draft is queued (NumberForSending). It supersedes the newest issued version, if any. e.ID
// may carry the export id written into the workbook.
func (t *Tx) RecordExport(e ExportRecord, content []byte) (ExportRecord, error) {
	all, err := t.periodExports(e.Period)
	if err != nil {
		return e, err
	}
	e.Version = topVersion(all) + 1
	if last := lastIssued(all); last != nil {
		e.SupersedesID = last.ID
	}
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
		e.FileKept = true
	}
	if err != nil {
		return e, err
	}
	return e, t.pruneExportFiles(e.Period, e.ID)
}

// Retention of report workbooks (issue 16: storage with a ceiling). A period's history
// lines all stay, each with its file's SHA-256, its data's content hash, who wrote it and
// when; the workbook's bytes stay for
//
//   - every version that went to the outbox or further (queued, sent, acknowledged, sent
//     back): the very file the district holds, or will, and
//   - the newest draft: the one that can still be sent as it is.
//
// A draft that a newer draft replaced, and a version withdrawn from the outbox unsent, never
// reached the district and can never be sent: its bytes are dropped when the period's next
// version is recorded. Its history line says so (FileKept false), and the drop is an audit
// row naming the file by its SHA-256 and size. An auditor so has every file the district
// was sent, and for the rest, what was written, when and from which data (the content hash
// a new export of the same data reproduces); a workbook cannot be re-created byte for byte
// later, as each carries its own export id and time. The file then grows with what was
// sent, not with how often a period was exported.

// pruneExportFiles drops the kept workbooks of period's lines that the retention rule above
// lets go, all but keep.
func (t *Tx) pruneExportFiles(period, keep string) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT a.id, a.sha256, a.size FROM attachment a
		JOIN export_record e ON e.id = a.owner_id
		WHERE a.owner_table = 'export_record' AND a.kind = ? AND a.deleted_at IS NULL AND a.size > 0
		AND e.period = ? AND e.id <> ? AND e.state = ?`, ExportFileKind, period, keep, ExportExported)
	if err != nil {
		return fmt.Errorf("export files of %s: %w", period, t.s.wrap(err))
	}
	type kept struct {
		id, sha string
		size    int64
	}
	var drop []kept
	for rows.Next() {
		var k kept
		if err := rows.Scan(&k.id, &k.sha, &k.size); err != nil {
			rows.Close()
			return fmt.Errorf("export files of %s: %w", period, t.s.wrap(err))
		}
		drop = append(drop, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export files of %s: %w", period, t.s.wrap(err))
	}
	for _, k := range drop {
		// Not through update: its audit row would copy the bytes it drops.
		if _, err := t.tx.ExecContext(t.ctx, `UPDATE attachment SET content = x'', deleted_at = ?, updated_at = ?,
			updated_by = ? WHERE id = ?`, t.at, t.at, t.actor.UserID, k.id); err != nil {
			return fmt.Errorf("drop export file %s: %w", k.id, t.s.wrap(err))
		}
		if err := t.audit(ActionPruneFile, "attachment", k.id, nil, Row{"sha256": k.sha, "size": k.size}); err != nil {
			return err
		}
	}
	return nil
}

// ActionPruneFile is the audit action of a report workbook's bytes dropped under the
// retention rule (see pruneExportFiles).
const ActionPruneFile = "prune_file"

// periodRow is a history line read inside a transaction, deleted ones included (their numbers
// stay taken: the period and version are unique over every row); only the columns numbering
// needs, so a ledger part way through its migrations (a test of an upgrade) can record.
type periodRow struct {
	ExportRecord
	deleted bool
}

// periodExports reads every row of a period's history, deleted ones included.
func (t *Tx) periodExports(period string) ([]periodRow, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, version, state, message_id, COALESCE(supersedes_id, ''),
		deleted_at IS NOT NULL FROM export_record WHERE period = ? ORDER BY version`, period)
	if err != nil {
		return nil, fmt.Errorf("export history: %w", t.s.wrap(err))
	}
	defer rows.Close()
	var out []periodRow
	for rows.Next() {
		r := periodRow{ExportRecord: ExportRecord{Period: period}}
		if err := rows.Scan(&r.ID, &r.Version, &r.State, &r.MessageID, &r.SupersedesID, &r.deleted); err != nil {
			return nil, fmt.Errorf("export history: %w", t.s.wrap(err))
		}
		out = append(out, r)
	}
	return out, t.s.wrap(rows.Err())
}

// topVersion is the highest number any row of the period holds.
func topVersion(all []periodRow) int {
	top := 0
	for _, r := range all {
		top = max(top, r.Version)
	}
	return top
}

// lastIssued is the live issued version with the highest number: the one the district has,
// or will have once the outbox sends it; nil when none.
func lastIssued(all []periodRow) *periodRow {
	var last *periodRow
	for i := range all {
		if r := &all[i]; !r.deleted && r.Issued() && (last == nil || r.Version > last.Version) {
			last = r
		}
	}
	return last
}

// ErrNotDraft refuses to number a version for sending that is not a draft: it was queued
// already, or withdrawn from the outbox (which never takes it again).
var ErrNotDraft = errors.New("this export version is not a draft that can be queued")

// NumberForSending gives a draft about to be queued the district's next number: one more
// than the highest issued version's (1 when none), and makes it supersede that version. The
// district so sees v1, v2, v3 … in the order they went out, however often the period was
// exported in between: drafts hold their numbers only until one of them is sent, and the
// draft holding the number trades numbers with this one. It returns the record as numbered.
func (t *Tx) NumberForSending(exportID string) (ExportRecord, error) {
	var period string
	err := t.tx.QueryRowContext(t.ctx, `SELECT period FROM export_record WHERE id = ? AND deleted_at IS NULL`, exportID).
		Scan(&period)
	if errors.Is(err, sql.ErrNoRows) {
		return ExportRecord{}, &Error{Kind: ErrNotFound, Err: fmt.Errorf("export %s", exportID)}
	}
	if err != nil {
		return ExportRecord{}, fmt.Errorf("export %s: %w", exportID, t.s.wrap(err))
	}
	all, err := t.periodExports(period)
	if err != nil {
		return ExportRecord{}, err
	}
	var e *periodRow
	for i := range all {
		if all[i].ID == exportID {
			e = &all[i]
		}
	}
	if e == nil || e.State != ExportExported || e.Withdrawn() {
		return ExportRecord{}, fmt.Errorf("export %s: %w", exportID, ErrNotDraft)
	}
	next, supersedes := 1, ""
	if last := lastIssued(all); last != nil {
		next, supersedes = last.Version+1, last.ID
	}
	if e.Version != next {
		for _, r := range all {
			if r.Version != next {
				continue
			}
			if r.deleted || r.Issued() {
				return ExportRecord{}, &Error{Kind: ErrConflict, Err: fmt.Errorf("export %s: version %d of %s is taken", exportID, next, period)}
			}
			// The draft holding the number takes this one's: first out of the way, so no two
			// rows ever share a number.
			if err := t.update("export_record", exportID, Row{"version": topVersion(all) + 1}); err != nil {
				return ExportRecord{}, err
			}
			if err := t.update("export_record", r.ID, Row{"version": e.Version}); err != nil {
				return ExportRecord{}, err
			}
		}
	}
	changes := Row{}
	if e.Version != next {
		changes["version"] = next
	}
	if e.SupersedesID != supersedes {
		changes["supersedes_id"] = nullIfEmpty(supersedes)
	}
	if err := t.update("export_record", exportID, changes); err != nil {
		return ExportRecord{}, err
	}
	return t.export(exportID)
}

// exportCols are a history line's columns, the table aliased e.
const exportCols = `e.id, e.period, e.version, e.file_name, e.file_sha256, e.content_hash, e.state,
	COALESCE(e.supersedes_id, ''), e.message_id, COALESCE(e.sent_at, ''), COALESCE(e.acked_at, ''), e.created_at, e.created_by,
	e.reject_reason, EXISTS (SELECT 1 FROM attachment a WHERE a.owner_table = 'export_record' AND a.owner_id = e.id
	AND a.kind = 'report' AND a.deleted_at IS NULL)`

func scanExport(sc interface{ Scan(...any) error }, extra ...any) (ExportRecord, error) {
	var e ExportRecord
	err := sc.Scan(append([]any{&e.ID, &e.Period, &e.Version, &e.FileName, &e.FileSHA256, &e.ContentHash, &e.State,
		&e.SupersedesID, &e.MessageID, &e.SentAt, &e.AckedAt, &e.CreatedAt, &e.CreatedBy,
		&e.RejectReason, &e.FileKept}, extra...)...)
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

// export reads one live history line inside the transaction.
func (t *Tx) export(id string) (ExportRecord, error) {
	e, err := scanExport(t.tx.QueryRowContext(t.ctx, `SELECT `+exportCols+` FROM export_record e
		WHERE id = ? AND deleted_at IS NULL`, id))
	if err != nil {
		return e, fmt.Errorf("read export: %w", t.s.wrap(err))
	}
	return e, nil
}

// ExportFile returns the workbook kept with a history line, checked against its SHA-256. A
// workbook dropped under the retention rule (see pruneExportFiles) is ErrNotFound wrapping
// ErrFilePruned.
func (s *Store) ExportFile(ctx context.Context, exportID string) ([]byte, error) {
	var id string
	var pruned bool
	err := s.queryRow(ctx, []any{&id, &pruned}, `SELECT id, deleted_at IS NOT NULL FROM attachment
		WHERE owner_table = 'export_record' AND owner_id = ? AND kind = ?
		AND (deleted_at IS NULL OR size > 0 AND length(content) = 0)
		ORDER BY deleted_at IS NOT NULL, created_at LIMIT 1`, exportID, ExportFileKind)
	if errors.Is(err, sql.ErrNoRows) || err == nil && id == "" {
		return nil, &Error{Kind: ErrNotFound, Err: fmt.Errorf("report file of export %s", exportID)}
	}
	if err != nil {
		return nil, fmt.Errorf("report file: %w", err)
	}
	if pruned {
		return nil, &Error{Kind: ErrNotFound, Err: fmt.Errorf("report file of export %s: %w", exportID, ErrFilePruned)}
	}
	return s.AttachmentContent(ctx, id)
}

// ErrFilePruned says a history line's workbook is no longer kept (see pruneExportFiles).
var ErrFilePruned = errors.New("the report file was not kept: a newer version replaced it unsent")
