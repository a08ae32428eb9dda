package data

import (
	"database/sql"
	"errors"
	"fmt"
)

// ExportRecord is one written report in the export history.
type ExportRecord struct {
	ID, Period, FileName, FileSHA256, ContentHash, State, SupersedesID string
	Version                                                            int
}

// RecordExport adds a written report to the history as the period's next version, which
// supersedes the one before it; it returns the record with its id and version.
func (t *Tx) RecordExport(e ExportRecord) (ExportRecord, error) {
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
		e.State = "exported"
	}
	e.ID, err = t.insert("export_record", Row{"period": e.Period, "version": e.Version, "file_name": e.FileName,
		"file_sha256": e.FileSHA256, "content_hash": e.ContentHash, "state": e.State,
		"supersedes_id": nullIfEmpty(e.SupersedesID)})
	return e, err
}
