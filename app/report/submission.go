package report

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"townledger/app/disclosure"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

// This file is the district's side of the report: a town's period workbook read back and
// checked — its metadata, its version, the record block against the sheets' rows, and the
// content hash recomputed from the cells exactly as the writer computed it from the data.

// Translation keys of the refusals of a town's workbook by ReadSubmission; the data each
// carries is noted. A metadata sheet that is not one this program wrote is KeyMetaInvalid.
const (
	KeySubmissionTooBig       = "report.submission.too_big"         // SizeMB, MaxMB
	KeySubmissionNotXLSX      = "report.submission.not_xlsx"        //
	KeySubmissionLocked       = "report.submission.xls_or_password" //
	KeySubmissionUnzipTooBig  = "report.submission.unzip_too_big"   // MaxMB
	KeySubmissionUnreadable   = "report.submission.unreadable"      // Path
	KeySubmissionNotOurs      = "report.submission.not_ours"        //
	KeySubmissionHashOlder    = "report.submission.hash_older"      // Stated, Current
	KeySubmissionHashNewer    = "report.submission.hash_newer"      // Stated, Current
	KeySubmissionSchemaNewer  = "report.submission.schema_newer"    // Stated, Current
	KeySubmissionSchemaOlder  = "report.submission.schema_older"    // Stated, Oldest
	KeySubmissionMissingSheet = "report.submission.missing_sheet"   // Sheet
	KeySubmissionRecordCount  = "report.submission.record_count"    // Sheet, Rows, Listed
	KeySubmissionExtraCell    = "report.submission.extra_cell"      // Sheet, Cell
	KeySubmissionHashMismatch = "report.submission.hash_mismatch"   //
)

// submissionKeys are the keys above, for Keys.
var submissionKeys = []string{KeySubmissionTooBig, KeySubmissionNotXLSX, KeySubmissionLocked,
	KeySubmissionUnzipTooBig, KeySubmissionUnreadable, KeySubmissionNotOurs, KeySubmissionHashOlder,
	KeySubmissionHashNewer, KeySubmissionSchemaNewer, KeySubmissionSchemaOlder, KeySubmissionMissingSheet, KeySubmissionRecordCount,
	KeySubmissionExtraCell, KeySubmissionHashMismatch}

// OldestSubmissionSchema is the oldest town data version whose workbooks the district
// merges: version 13 is the program that takes the district's receipts (and writes the audit
// anchor into the metadata), so an older town could neither see its answer nor be checked
// against its ledger; it is asked to upgrade and export again.
const OldestSubmissionSchema = 13

// Submission is a town's period workbook as the district reads it, checked.
type Submission struct {
	TownCode, Period string    // from the metadata (town_code, period)
	From, To         time.Time // the period's days
	ExportID         string
	ContentHash      string // as stated, and recomputed equal
	SchemaVersion    int
	AuditSeq         int64
	AuditHash        string
	Figures          []SubmittedFigure         // the cover's figures in order
	Rows             map[string][]SubmittedRow // by sheet name (SheetCases …), in row order
	Records          int

	// Columns are each detail sheet's columns as its header row names them, in order (the
	// cells of Rows follow them).
	Columns     map[string][]SubmittedColumn
	TownName    string    // the cover's 报送单位 (not covered by the hash)
	GeneratedAt time.Time // the metadata's generated_at (UTC); zero when missing
	HashVersion string    // the metadata's hash_version (the current one, once accepted)
}

// SubmittedFigure is one figure of the cover.
type SubmittedFigure struct{ Name, Label, Unit, Value string } // Name as the hash uses it, Value as text

// SubmittedRow is one data row of a detail sheet.
type SubmittedRow struct {
	Table, ID string   // from the metadata's record block
	Row       int      // the row on its sheet
	Cells     []string // the row's cells as text, in the sheet's column order
}

// SubmittedColumn is one column of a detail sheet.
type SubmittedColumn struct {
	Header string
	// Date: the column holds dates, given in Cells as YYYY-MM-DD (the sheet stores them as
	// spreadsheet date numbers).
	Date bool
	// Hashed: the column enters the content hash (those that change with the day of export
	// or are worked out from other cells do not).
	Hashed bool
}

// ReadSubmissionFile is ReadSubmission for the workbook at path; a file over the size limit
// is refused before it is read.
func ReadSubmissionFile(ctx context.Context, path string) (Submission, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Submission{}, &problem.Error{Key: KeySubmissionUnreadable, Data: map[string]any{"Path": path}, Err: err}
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil || !st.Mode().IsRegular() {
		if err == nil {
			err = errors.New("not a regular file")
		}
		return Submission{}, &problem.Error{Key: KeySubmissionUnreadable, Data: map[string]any{"Path": path}, Err: err}
	}
	return ReadSubmission(ctx, fh, st.Size())
}

// ReadSubmission reads a town's period workbook from r (size bytes; negative when not known)
// and checks it: an .xlsx within the workbook package's limits for outside files, with this
// program's metadata sheet, the current hash recipe, a schema no newer than this program's,
// a record block naming one record for each data row of each detail sheet, and a content
// hash that the cells give again — every hashed cell of every detail sheet and every figure
// of the cover, as the writer hashed them. Each refusal is a *problem.Error saying why.
func ReadSubmission(ctx context.Context, r io.Reader, size int64) (Submission, error) {
	if size > workbook.MaxFileSize {
		return Submission{}, problem.New(KeySubmissionTooBig, map[string]any{
			"SizeMB": strconv.FormatFloat(float64(size)/(1<<20), 'f', 1, 64), "MaxMB": workbook.MaxFileSize >> 20})
	}
	b, err := io.ReadAll(io.LimitReader(r, workbook.MaxFileSize+1))
	if err != nil {
		return Submission{}, &problem.Error{Key: KeySubmissionUnreadable, Data: map[string]any{"Path": ""}, Err: err}
	}
	// The workbook package opens it first, with its limits and its refusals of what is no
	// workbook; the detail sheets are then read from the same bytes (submission_sheet.go).
	f, err := workbook.OpenReader(bytes.NewReader(b))
	if err != nil {
		return Submission{}, submissionRefusal(err)
	}
	defer f.Close()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return Submission{}, &problem.Error{Key: KeySubmissionNotXLSX, Err: err}
	}
	parts, err := openParts(z)
	if err != nil {
		return Submission{}, &problem.Error{Key: KeySubmissionNotXLSX, Err: err}
	}
	s, err := readSubmission(ctx, f, parts)
	if err != nil {
		return Submission{}, submissionRefusal(err)
	}
	return s, nil
}

// submissionRefusals say the workbook package's refusals of a file as a submission's (an
// import's messages speak of importing).
var submissionRefusals = map[string]string{
	workbook.KeyTooBig:      KeySubmissionTooBig,
	workbook.KeyNotXLSX:     KeySubmissionNotXLSX,
	workbook.KeyOldOrLocked: KeySubmissionLocked,
	workbook.KeyUnzipTooBig: KeySubmissionUnzipTooBig,
	workbook.KeyUnreadable:  KeySubmissionUnreadable,
	workbook.KeyNoFile:      KeySubmissionUnreadable,
	workbook.KeyNoSheet:     KeySubmissionNotOurs,
}

func submissionRefusal(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var p *problem.Error
	if !errors.As(err, &p) { // a damaged part, XML this reader cannot read
		return &problem.Error{Key: KeySubmissionNotXLSX, Err: err}
	}
	key, ok := submissionRefusals[p.Key]
	if !ok {
		return err
	}
	return &problem.Error{Key: key, Data: p.Data, Err: err}
}

// hashedSheets are the detail sheets, in the workbook's (and the hash's) order.
var hashedSheets = func() []string {
	out := make([]string, len(recordSheets))
	for i, rs := range recordSheets {
		out[i] = rs.sheet
	}
	return out
}()

func readSubmission(ctx context.Context, f *workbook.File, parts *bookParts) (Submission, error) {
	m, err := readMeta(ctx, f)
	if err != nil {
		return Submission{}, err
	}
	s, err := checkMeta(m)
	if err != nil {
		return Submission{}, err
	}
	if err := readCover(ctx, f, &s); err != nil {
		return Submission{}, err
	}
	s.Rows = make(map[string][]SubmittedRow, len(hashedSheets))
	s.Columns = make(map[string][]SubmittedColumn, len(hashedSheets))
	for _, name := range hashedSheets {
		cols, rows, err := readDetail(ctx, parts, name, m.Records[name])
		if err != nil {
			return Submission{}, err
		}
		s.Columns[name], s.Rows[name] = cols, rows
	}
	if s.hash() != s.ContentHash {
		return Submission{}, problem.New(KeySubmissionHashMismatch, nil)
	}
	return s, nil
}

// checkMeta checks the metadata's key/value lines and record block and makes the
// submission they describe.
func checkMeta(m Meta) (Submission, error) {
	bad := func(detail string) error { return problem.New(KeyMetaInvalid, map[string]any{"Detail": detail}) }
	v := m.Values
	// The hash recipe first: a workbook of another recipe is refused for that, whatever else
	// its metadata says.
	if hv := v["hash_version"]; hv != hashVersion {
		stated, ok1 := recipeNumber(hv)
		current, ok2 := recipeNumber(hashVersion)
		switch {
		case !ok1 || !ok2:
			return Submission{}, bad("hash_version " + clipText(hv))
		case stated < current:
			return Submission{}, problem.New(KeySubmissionHashOlder, map[string]any{"Stated": hv, "Current": hashVersion})
		default:
			return Submission{}, problem.New(KeySubmissionHashNewer, map[string]any{"Stated": hv, "Current": hashVersion})
		}
	}
	schema, err := strconv.Atoi(v["schema_version"])
	if err != nil || schema < 1 {
		return Submission{}, bad("schema_version " + clipText(v["schema_version"]))
	}
	if schema < OldestSubmissionSchema {
		return Submission{}, problem.New(KeySubmissionSchemaOlder, map[string]any{"Stated": schema,
			"Oldest": OldestSubmissionSchema})
	}
	if schema > data.SchemaVersion() {
		return Submission{}, problem.New(KeySubmissionSchemaNewer, map[string]any{"Stated": schema,
			"Current": data.SchemaVersion()})
	}
	from, to, err := period.Parse(v["period"])
	if err != nil {
		return Submission{}, bad("period " + clipText(v["period"]))
	}
	if _, err := uuid.Parse(v["export_id"]); err != nil {
		return Submission{}, bad("export_id " + clipText(v["export_id"]))
	}
	if h := v["content_hash"]; len(h) != sha256.Size*2 || strings.ToLower(h) != h || !isHex(h) {
		return Submission{}, bad("content_hash " + clipText(h))
	}
	s := Submission{TownCode: v["town_code"], Period: period.Canonical(from, to), From: from, To: to,
		ExportID: v["export_id"], ContentHash: v["content_hash"], SchemaVersion: schema, AuditHash: v[MetaAuditHash],
		HashVersion: v["hash_version"]}
	if a := v[MetaAuditSeq]; a != "" {
		if s.AuditSeq, err = strconv.ParseInt(a, 10, 64); err != nil || s.AuditSeq < 0 {
			return Submission{}, bad(MetaAuditSeq + " " + clipText(a))
		}
	}
	if t, err := time.Parse(data.TimeLayout, v["generated_at"]); err == nil {
		s.GeneratedAt = t
	}
	// The record block: only the detail sheets, each record in the table its sheet shows,
	// row after row from the first data row.
	tables := map[string]string{}
	for _, rs := range recordSheets {
		tables[rs.sheet] = rs.table
	}
	for sheet, refs := range m.Records {
		table, ok := tables[sheet]
		if !ok {
			return Submission{}, bad("record block names sheet " + clipText(sheet))
		}
		for i, ref := range refs {
			if ref.Table != table {
				return Submission{}, bad(sheet + " records of table " + clipText(ref.Table))
			}
			if ref.Row != i+2 {
				return Submission{}, bad(sheet + " record rows out of order at row " + strconv.Itoa(ref.Row))
			}
		}
	}
	s.Records = distinctRecords(m.Records)
	if n, err := strconv.Atoi(v["records"]); err != nil || n != s.Records {
		return Submission{}, bad("records " + clipText(v["records"]) + ", the block lists " + strconv.Itoa(s.Records))
	}
	return s, nil
}

// recipeNumber is N of a hash version "townledger-report-vN".
func recipeNumber(v string) (int, bool) {
	rest, ok := strings.CutPrefix(v, "townledger-report-v")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n > 0
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

// clipText shortens text from a file for a refusal's detail.
func clipText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// distinctRecords counts the records the block lists, each once, as the writer counts them
// (book.distinct): the 双公示 sheet shows cases the case sheet shows too.
func distinctRecords(records map[string][]RecordRef) int {
	n := 0
	onCaseSheet := make(map[string]bool, len(records[SheetCases]))
	for _, r := range records[SheetCases] {
		onCaseSheet[r.ID] = true
	}
	for name, refs := range records {
		if name != SheetDisclosure {
			n += len(refs)
		}
	}
	for _, r := range records[SheetDisclosure] {
		if !onCaseSheet[r.ID] {
			n++
		}
	}
	return n
}

// coverLines are the labels of the cover's lines above its figures.
var coverLines = map[string]bool{"报送单位": true, "行政区划代码": true, "报告期": true, "填报人": true, "审核人": true,
	"填报日期": true}

// readCover reads the cover's figures: the lines after its heading lines down to the first
// empty line (the notes follow). A figure is named by its label and unit; one this program
// does not write keeps no name, and the hash then refuses it.
func readCover(ctx context.Context, f *workbook.File, s *Submission) error {
	names := map[[2]string]string{}
	for _, fg := range (Figures{}).lines() {
		names[[2]string{fg.label, fg.unit}] = fg.name
	}
	done := false
	err := f.EachRow(ctx, SheetCover, func(row int, cells []string) error {
		if row == 1 || done {
			return nil
		}
		label, value, unit := cellAt(cells, 0), cellAt(cells, 1), cellAt(cells, 2)
		switch {
		case label == "":
			done = true // the notes follow
		case coverLines[label] && len(s.Figures) == 0:
			if label == "报送单位" {
				s.TownName = value
			}
		default:
			s.Figures = append(s.Figures, SubmittedFigure{Name: names[[2]string{label, unit}], Label: label, Unit: unit,
				Value: value})
		}
		return nil
	})
	return sheetRefusal(err, SheetCover)
}

func cellAt(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

// sheetRefusal says a missing sheet as the sheet missing from a submission.
func sheetRefusal(err error, sheet string) error {
	var p *problem.Error
	if errors.As(err, &p) && p.Key == workbook.KeyNoSheet {
		return problem.New(KeySubmissionMissingSheet, map[string]any{"Sheet": sheet})
	}
	return err
}

// disclosureStatus heads the 双公示 sheet's last column, which the hash leaves out.
var disclosureStatus = func() string { h := disclosure.Headers(0); return h[len(h)-1] }()

// unhashedColumns are the columns the writer leaves out of the hash, by sheet and header.
var unhashedColumns = map[string]string{SheetCases: ColDecidedInPeriod, SheetDisclosure: disclosureStatus}

// dateHeaders head the detail sheets' date columns (the 双公示 sheet's publication due date
// is headed 应公示日期 with the legal period after it).
var dateHeaders = map[string]bool{"立案日期": true, "决定日期": true, "结案日期": true, "处罚决定日期": true,
	"公示截止期": true, "实际公示日期": true, "培训日期": true, "活动日期": true}

func isDateHeader(h string) bool { return dateHeaders[h] || strings.HasPrefix(h, "应公示日期") }

// readDetail reads a detail sheet: its columns from the header row, then its data rows down
// to the last one with a cell, each paired with the record the block lists for its row.
func readDetail(ctx context.Context, parts *bookParts, sheet string, refs []RecordRef) ([]SubmittedColumn, []SubmittedRow, error) {
	var cols []SubmittedColumn
	rows := make([]SubmittedRow, 0, len(refs))
	last := 1 // the last row read with a cell (1: the header)
	more := 0 // data rows beyond the records listed, only counted
	add := func(row int, cells []string) {
		if len(rows) == len(refs) {
			more++
			return
		}
		out := make([]string, len(cols))
		for i := range cols {
			out[i] = cellAt(cells, i)
			if cols[i].Date {
				out[i] = dateText(out[i])
			}
		}
		rows = append(rows, SubmittedRow{Row: row, Cells: out})
	}
	err := parts.eachSheetRow(sheet, func(row int, cells []string) error {
		if row%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if row == 1 {
			cols = make([]SubmittedColumn, len(cells))
			left, ok := unhashedColumns[sheet]
			for i, h := range cells {
				cols[i] = SubmittedColumn{Header: h, Date: isDateHeader(h), Hashed: !ok || h != left}
			}
			return nil
		}
		blank := true
		for i, c := range cells {
			if c == "" {
				continue
			}
			blank = false
			if i >= len(cols) {
				ref, _ := excelize.CoordinatesToCellName(i+1, row)
				return problem.New(KeySubmissionExtraCell, map[string]any{"Sheet": sheet, "Cell": ref})
			}
		}
		if blank {
			return nil
		}
		for r := last + 1; r < row; r++ { // empty rows between data rows are data rows with nothing in them
			add(r, nil)
		}
		add(row, cells)
		last = row
		return nil
	})
	if err != nil {
		return nil, nil, sheetRefusal(err, sheet)
	}
	if more > 0 || len(rows) != len(refs) {
		return nil, nil, problem.New(KeySubmissionRecordCount, map[string]any{"Sheet": sheet, "Rows": len(rows) + more,
			"Listed": len(refs)})
	}
	for i := range rows {
		rows[i].Table, rows[i].ID = refs[i].Table, refs[i].ID
	}
	return cols, rows, nil
}

// dateText gives a date cell's value as the hash reads it: a spreadsheet date number as
// YYYY-MM-DD; anything else (text the writer could not read as a date, nothing) as it is.
func dateText(raw string) string {
	n, err := strconv.Atoi(raw)
	if err != nil || n < -700_000 || n > 3_000_000 { // about year 0 to 9999
		return raw
	}
	return excelEpoch.AddDate(0, 0, n).Format(data.DateLayout)
}

// hash recomputes the content hash from the submission's cells as the writer computes it
// from the data (book.content, book.table, book.finish): the recipe's name, town and period;
// for each detail sheet in order the SHA-256 of its name and rows, each row its record and
// its hashed cells; then the cover's figures.
func (s *Submission) hash() string {
	h := sha256.New()
	h.Write([]byte(hashVersion + "\n"))
	h.Write([]byte("town=" + s.TownCode + "\nperiod=" + day(s.From) + ".." + day(s.To) + "\n"))
	var line []byte
	for _, name := range hashedSheets {
		sh := sha256.New()
		sh.Write([]byte("sheet=" + name + "\n"))
		cols := s.Columns[name]
		for _, r := range s.Rows[name] {
			line = append(append(append(append(line[:0], r.Table...), ':'), r.ID...), 0x1f)
			for i, c := range cols {
				if c.Hashed {
					line = append(append(line, cellAt(r.Cells, i)...), 0x1f)
				}
			}
			sh.Write(append(line, 0x1e))
		}
		h.Write(sh.Sum(nil))
	}
	for _, f := range s.Figures {
		h.Write([]byte(f.Name + "=" + f.Value + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
