package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// District town kinds: a town (镇、乡、街道) or a centre (中心社区 and the like).
const (
	DistrictKindTown   = "town"
	DistrictKindCentre = "centre"
)

// DistrictTown is a town or centre the district receives reports from.
type DistrictTown struct {
	ID           string
	DivisionCode string // 9 digits, as the town's workbooks carry it
	Name         string
	Kind         string // DistrictKindTown or DistrictKindCentre
	Contact      string
	Phone        string
	Emails       string // the addresses it sends from, comma separated
	Notes        string
}

func districtTownRow(d DistrictTown) Row {
	kind := d.Kind
	if kind == "" {
		kind = DistrictKindTown
	}
	return Row{"division_code": d.DivisionCode, "name": d.Name, "kind": kind, "contact": d.Contact,
		"phone": d.Phone, "emails": d.Emails, "notes": d.Notes}
}

// InsertDistrictTown registers a town; a second live town with the same division code is a
// conflict (ErrConflict).
func (t *Tx) InsertDistrictTown(d DistrictTown) (string, error) {
	return t.insert("district_town", districtTownRow(d))
}

// UpdateDistrictTown changes a registered town's fields.
func (t *Tx) UpdateDistrictTown(d DistrictTown) error {
	return t.update("district_town", d.ID, districtTownRow(d))
}

// DeleteDistrictTown takes a town off the register; what it sent stays.
func (t *Tx) DeleteDistrictTown(id string) error {
	return t.softDelete("district_town", id)
}

const districtTownCols = `id, division_code, name, kind, contact, phone, emails, notes`

func scanDistrictTown(sc interface{ Scan(...any) error }) (DistrictTown, error) {
	var d DistrictTown
	err := sc.Scan(&d.ID, &d.DivisionCode, &d.Name, &d.Kind, &d.Contact, &d.Phone, &d.Emails, &d.Notes)
	return d, err
}

// DistrictTowns lists the registered towns by division code.
func (s *Store) DistrictTowns(ctx context.Context) ([]DistrictTown, error) {
	rows, err := s.query(ctx, `SELECT `+districtTownCols+` FROM district_town WHERE deleted_at IS NULL ORDER BY division_code`)
	if err != nil {
		return nil, fmt.Errorf("district towns: %w", err)
	}
	defer rows.Close()
	var out []DistrictTown
	for rows.Next() {
		d, err := scanDistrictTown(rows)
		if err != nil {
			return nil, fmt.Errorf("district towns: %w", s.wrap(err))
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("district towns: %w", s.wrap(err))
	}
	return out, nil
}

// DistrictTownByCode finds the registered town with a division code; ok=false when none.
func (s *Store) DistrictTownByCode(ctx context.Context, code string) (d DistrictTown, ok bool, err error) {
	d, err = scanDistrictTown(s.r.QueryRowContext(ctx, `SELECT `+districtTownCols+` FROM district_town
		WHERE division_code = ? AND deleted_at IS NULL`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return DistrictTown{}, false, nil
	}
	if err != nil {
		return DistrictTown{}, false, fmt.Errorf("district town %s: %w", code, s.wrap(err))
	}
	return d, true, nil
}

// DistrictTownByCode is the store's DistrictTownByCode inside the transaction.
func (t *Tx) DistrictTownByCode(code string) (d DistrictTown, ok bool, err error) {
	d, err = scanDistrictTown(t.tx.QueryRowContext(t.ctx, `SELECT `+districtTownCols+` FROM district_town
		WHERE division_code = ? AND deleted_at IS NULL`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return DistrictTown{}, false, nil
	}
	if err != nil {
		return DistrictTown{}, false, fmt.Errorf("district town %s: %w", code, t.s.wrap(err))
	}
	return d, true, nil
}

// Outcomes of a received workbook.
const (
	ReceivedMerged     = "merged"     // its rows are the town's period in force (or were, until superseded)
	ReceivedDuplicate  = "duplicate"  // the same content as the version in force, nothing changed
	ReceivedSuperseded = "superseded" // was merged, then replaced by a higher version
	ReceivedLate       = "late"       // an older or equal version that arrived after a newer one
	ReceivedRejected   = "rejected"   // refused (Reason says why), nothing merged
)

// Sources of a received workbook.
const (
	SourceMail   = "mail"
	SourceFolder = "folder"
)

// ReceivedReport is one workbook the district received, with what came of it.
type ReceivedReport struct {
	ID          string
	Source      string // SourceMail or SourceFolder
	MessageID   string
	Sender      string
	ReceivedAt  string // TimeLayout
	FileName    string
	FileSHA256  string
	FileSize    int64
	FromTown    string // the division code its metadata names
	Period      string
	Version     int
	ExportID    string
	ContentHash string
	FiguresJSON string
	Outcome     string
	Reason      string
	InForce     bool
	ReceiptSent bool
}

func receivedRow(r ReceivedReport) Row {
	return Row{"source": r.Source, "message_id": r.MessageID, "sender": r.Sender, "received_at": r.ReceivedAt,
		"file_name": r.FileName, "file_sha256": r.FileSHA256, "file_size": r.FileSize, "from_town": r.FromTown,
		"period": r.Period, "version": r.Version, "export_id": r.ExportID, "content_hash": r.ContentHash,
		"figures_json": r.FiguresJSON, "outcome": r.Outcome, "reason": r.Reason, "in_force": boolInt(r.InForce),
		"receipt_sent": boolInt(r.ReceiptSent)}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

const receivedCols = `id, source, message_id, sender, received_at, file_name, file_sha256, file_size, from_town,
	period, version, export_id, content_hash, figures_json, outcome, reason, in_force, receipt_sent`

func scanReceived(sc interface{ Scan(...any) error }) (ReceivedReport, error) {
	var r ReceivedReport
	err := sc.Scan(&r.ID, &r.Source, &r.MessageID, &r.Sender, &r.ReceivedAt, &r.FileName, &r.FileSHA256, &r.FileSize,
		&r.FromTown, &r.Period, &r.Version, &r.ExportID, &r.ContentHash, &r.FiguresJSON, &r.Outcome, &r.Reason,
		&r.InForce, &r.ReceiptSent)
	return r, err
}

// InsertReceivedReport records a received workbook that is not merged (a duplicate, a late
// version, a refusal). A workbook to merge goes through MergeReport.
func (t *Tx) InsertReceivedReport(r ReceivedReport) (string, error) {
	if r.InForce || r.Outcome == ReceivedMerged {
		return "", errors.New("a merged workbook goes through MergeReport")
	}
	return t.insert("received_report", receivedRow(r))
}

// MarkReceiptSent records that the town was answered about a received workbook.
func (t *Tx) MarkReceiptSent(id string) error {
	return t.update("received_report", id, Row{"receipt_sent": 1})
}

// DistrictRow is one data row of a town's workbook in force.
type DistrictRow struct {
	ReportID string
	FromTown string
	Period   string
	Sheet    string
	Row      int    // its row on the town's sheet
	Table    string // the town's table
	RecordID string
	Cells    []string
}

// ReportInForce is the version in force of a town's period; ok=false when none is.
func (t *Tx) ReportInForce(fromTown, period string) (r ReceivedReport, ok bool, err error) {
	r, err = scanReceived(t.tx.QueryRowContext(t.ctx, `SELECT `+receivedCols+` FROM received_report
		WHERE from_town = ? AND period = ? AND in_force = 1 AND deleted_at IS NULL`, fromTown, period))
	if errors.Is(err, sql.ErrNoRows) {
		return ReceivedReport{}, false, nil
	}
	if err != nil {
		return ReceivedReport{}, false, fmt.Errorf("report in force: %w", t.s.wrap(err))
	}
	return r, true, nil
}

// rowsPerInsert is how many district rows one INSERT statement carries: 8 values each stay
// far below SQLite's limit of bound values.
const rowsPerInsert = 250

// MergeReport records r as the version in force of its town's period and puts rows in the
// place of that period's rows: the version in force before it, if any, is marked superseded
// and every row of it goes, including records the new version no longer has. The rows are
// derived from the kept workbook and are not audited one by one; the report's record is,
// in the same transaction. It returns r's new id.
func (t *Tx) MergeReport(r ReceivedReport, rows []DistrictRow) (string, error) {
	old, ok, err := t.ReportInForce(r.FromTown, r.Period)
	if err != nil {
		return "", err
	}
	if ok {
		if err := t.update("received_report", old.ID, Row{"outcome": ReceivedSuperseded, "in_force": 0}); err != nil {
			return "", err
		}
	}
	r.Outcome, r.InForce = ReceivedMerged, true
	id, err := t.insert("received_report", receivedRow(r))
	if err != nil {
		return "", err
	}
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM district_row WHERE from_town = ? AND period = ?`,
		r.FromTown, r.Period); err != nil {
		return "", fmt.Errorf("replace the rows of %s %s: %w", r.FromTown, r.Period, t.s.wrap(err))
	}
	for start := 0; start < len(rows); start += rowsPerInsert {
		if err := t.ctx.Err(); err != nil {
			return "", err
		}
		batch := rows[start:min(start+rowsPerInsert, len(rows))]
		args := make([]any, 0, 8*len(batch))
		for _, dr := range batch {
			cells, err := json.Marshal(dr.Cells)
			if err != nil {
				return "", fmt.Errorf("district row cells: %w", err)
			}
			args = append(args, id, r.FromTown, r.Period, dr.Sheet, dr.Row, dr.Table, dr.RecordID, string(cells))
		}
		q := `INSERT INTO district_row (report_id, from_town, period, sheet, row_no, tbl, record_id, cells_json) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", len(batch)), ", ")
		if _, err := t.tx.ExecContext(t.ctx, q, args...); err != nil {
			return "", fmt.Errorf("merge the rows of %s %s: %w", r.FromTown, r.Period, t.s.wrap(err))
		}
	}
	return id, nil
}

// ReceivedBefore finds a workbook received before from the same mail (messageID, when not
// empty) or with the same file (its SHA-256): a file once rejected counts only for the same
// source and sender, so a town's own mail is not refused for a stranger's copy. A record of
// the file that was not rejected comes first, else the latest rejection. ok=false when there
// is none.
func (s *Store) ReceivedBefore(ctx context.Context, sha256, messageID, source, sender string) (r ReceivedReport, ok bool, err error) {
	return receivedBefore(ctx, s.r, s, sha256, messageID, source, sender)
}

// ReceivedBefore is the store's ReceivedBefore inside the transaction, so two intakes at once
// cannot both record the same file.
func (t *Tx) ReceivedBefore(sha256, messageID, source, sender string) (r ReceivedReport, ok bool, err error) {
	return receivedBefore(t.ctx, t.tx, t.s, sha256, messageID, source, sender)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func receivedBefore(ctx context.Context, db queryRower, s *Store, sha256, messageID, source, sender string) (ReceivedReport, bool, error) {
	for _, q := range []struct {
		where string
		args  []any
	}{
		{`message_id = ?`, []any{messageID}},
		{`file_sha256 = ? AND (outcome <> 'rejected' OR source = ? AND sender = ?)`, []any{sha256, source, sender}},
	} {
		if q.args[0] == "" {
			continue
		}
		r, err := scanReceived(db.QueryRowContext(ctx, `SELECT `+receivedCols+` FROM received_report
			WHERE deleted_at IS NULL AND `+q.where+` ORDER BY outcome = 'rejected', received_at DESC LIMIT 1`, q.args...))
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return ReceivedReport{}, false, fmt.Errorf("received before: %w", s.wrap(err))
		}
		return r, true, nil
	}
	return ReceivedReport{}, false, nil
}

func (s *Store) receivedList(ctx context.Context, where string, args ...any) ([]ReceivedReport, error) {
	rows, err := s.query(ctx, `SELECT `+receivedCols+` FROM received_report WHERE deleted_at IS NULL AND `+where+
		` ORDER BY from_town, period, version, received_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("received reports: %w", err)
	}
	defer rows.Close()
	var out []ReceivedReport
	for rows.Next() {
		r, err := scanReceived(rows)
		if err != nil {
			return nil, fmt.Errorf("received reports: %w", s.wrap(err))
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("received reports: %w", s.wrap(err))
	}
	return out, nil
}

// ReportsInForce lists the versions in force of a period, one per town, by division code.
func (s *Store) ReportsInForce(ctx context.Context, period string) ([]ReceivedReport, error) {
	return s.receivedList(ctx, `period = ? AND in_force = 1`, period)
}

// ReceivedReports lists every workbook received for a period, whatever came of it, by town,
// version and arrival. Workbooks refused before their period was known have none and are
// listed by ReceivedSince.
func (s *Store) ReceivedReports(ctx context.Context, period string) ([]ReceivedReport, error) {
	return s.receivedList(ctx, `period = ?`, period)
}

// ReceivedSince lists every workbook received at or after since (TimeLayout), by town,
// period, version and arrival.
func (s *Store) ReceivedSince(ctx context.Context, since string) ([]ReceivedReport, error) {
	return s.receivedList(ctx, `received_at >= ?`, since)
}

// ReceivedPeriods lists the periods any workbook was received for, in order.
func (s *Store) ReceivedPeriods(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT period FROM received_report WHERE deleted_at IS NULL AND period <> ''
		ORDER BY period`)
	if err != nil {
		return nil, fmt.Errorf("received periods: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("received periods: %w", s.wrap(err))
		}
		out = append(out, p)
	}
	return out, s.wrap(rows.Err())
}

// DistrictRows streams the rows in force of a period to fn, ordered by town, sheet and row;
// fn's error stops it and is returned.
func (s *Store) DistrictRows(ctx context.Context, period string, fn func(DistrictRow) error) error {
	return s.districtRows(ctx, fn, `SELECT report_id, from_town, period, sheet, row_no, tbl, record_id, cells_json
		FROM district_row WHERE period = ? ORDER BY from_town, sheet, row_no`, period)
}

// DistrictSheetRows streams the rows in force of one sheet of a period to fn, ordered by town
// and row (as a consolidated sheet lists them), straight from the period's index without
// sorting; fn's error stops it and is returned.
func (s *Store) DistrictSheetRows(ctx context.Context, period, sheet string, fn func(DistrictRow) error) error {
	return s.districtRows(ctx, fn, `SELECT report_id, from_town, period, sheet, row_no, tbl, record_id, cells_json
		FROM district_row WHERE period = ? AND sheet = ? ORDER BY from_town, row_no`, period, sheet)
}

func (s *Store) districtRows(ctx context.Context, fn func(DistrictRow) error, q string, args ...any) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("district rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var dr DistrictRow
		var cells string
		if err := rows.Scan(&dr.ReportID, &dr.FromTown, &dr.Period, &dr.Sheet, &dr.Row, &dr.Table, &dr.RecordID, &cells); err != nil {
			return fmt.Errorf("district rows: %w", s.wrap(err))
		}
		if err := json.Unmarshal([]byte(cells), &dr.Cells); err != nil {
			return fmt.Errorf("district row %s %s: %w", dr.Sheet, dr.RecordID, err)
		}
		if err := fn(dr); err != nil {
			return err
		}
	}
	return s.wrap(rows.Err())
}
