package report

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"

	"github.com/google/uuid"
)

// KeyMetaInvalid refuses a workbook whose metadata sheet is not one this program wrote
// (Detail says what is wrong).
const KeyMetaInvalid = "report.meta_invalid"

// Meta is what a report's metadata sheet says: which town and period, which export, and the
// record shown on every data row, so the district can merge the towns' workbooks.
type Meta struct {
	Values  map[string]string      // the key/value lines: town_code, period, export_id, content_hash …
	Records map[string][]RecordRef // by sheet, in row order
}

// RecordRef is one data row's record.
type RecordRef struct {
	Table, ID string
	Row       int // the row on its sheet (2 is the first data row)
}

// ReadMeta reads the metadata sheet of a report workbook at path, streamed, with the
// workbook package's limits for files from outside.
func ReadMeta(ctx context.Context, path string) (Meta, error) {
	f, err := workbook.Open(path)
	if err != nil {
		return Meta{}, err
	}
	defer f.Close()
	return readMeta(ctx, f)
}

// ReadMetaFrom is ReadMeta for a workbook in r (an attachment, say).
func ReadMetaFrom(ctx context.Context, r io.Reader) (Meta, error) {
	f, err := workbook.OpenReader(r)
	if err != nil {
		return Meta{}, err
	}
	defer f.Close()
	return readMeta(ctx, f)
}

func readMeta(ctx context.Context, f *workbook.File) (Meta, error) {
	m := Meta{Values: map[string]string{}, Records: map[string][]RecordRef{}}
	bad := func(detail string) error { return problem.New(KeyMetaInvalid, map[string]any{"Detail": detail}) }
	start := 0
	err := f.EachRow(ctx, SheetMeta, func(row int, cells []string) error {
		switch {
		case row == 1:
			return nil // the header
		case start == 0 || row < start:
			if len(cells) >= 2 && cells[0] != "" {
				m.Values[cells[0]] = cells[1]
			}
			if len(cells) >= 2 && cells[0] == MetaRecordsKey {
				n, err := strconv.Atoi(cells[1])
				if err != nil || n <= row {
					return bad(MetaRecordsKey + " " + cells[1])
				}
				start = n
			}
			return nil
		case row == start:
			return nil // the block's header
		}
		if len(cells) < 4 {
			return bad("row " + strconv.Itoa(row) + " has fewer than four cells")
		}
		first, err := strconv.Atoi(cells[2])
		if err != nil || first < 2 {
			return bad("row " + strconv.Itoa(row) + ": start row " + cells[2])
		}
		for i, id := range strings.Fields(cells[3]) {
			if _, err := uuid.Parse(id); err != nil {
				return bad("row " + strconv.Itoa(row) + ": " + id)
			}
			m.Records[cells[0]] = append(m.Records[cells[0]], RecordRef{Table: cells[1], ID: id, Row: first + i})
		}
		return nil
	})
	if err != nil {
		return Meta{}, err
	}
	if start == 0 || m.Values["town_code"] == "" || m.Values["export_id"] == "" {
		return Meta{}, bad("no record block")
	}
	return m, nil
}

// recordSheets are the sheets whose rows are records, in the metadata's column order.
var recordSheets = []struct{ sheet, table string }{{SheetCases, TableCase}, {SheetDisclosure, TableCase},
	{SheetTrainings, TableTraining}, {SheetAttendance, TableAttendance}, {SheetHours, TableStaff},
	{SheetActivities, TableActivity}}

// MetaAuditSeq and MetaAuditHash name the metadata lines giving the audit chain's last row
// when the report was written.
const (
	MetaAuditSeq  = "audit_seq"
	MetaAuditHash = "audit_hash"
)

// MetaRecordsKey names the metadata line giving the row where the record block starts.
const MetaRecordsKey = "records_from_row"

// uuidsPerCell is how many UUIDs one cell of the record block lists: 800 × 37 characters
// stay under a spreadsheet cell's 32,767.
const uuidsPerCell = 800

// meta writes the machine-readable sheet: the export's key/value lines, then the record block
// the district merges by. Each of its lines names a sheet, the table its rows come from, the
// row it starts at, and the UUIDs of that row and the following ones, in order, separated by
// spaces: a few hundred cells instead of one per record keep the sheet quick to write and
// read at 150,000 attendances.
func (b *book) meta(ctx context.Context, store *data.Store, town data.Town, sum *Summary, now time.Time) error {
	// The audit chain's head pins the town's history up to this report: the district keeps
	// the workbook, so a later rewrite of the log (even one with every hash recomputed) no
	// longer contains this row with this hash.
	head, err := store.Head(ctx)
	if err != nil {
		return err
	}
	cols := []column{{"项目", 22, kindText, false}, {"值", 40, kindText, false}, {"", 10, kindText, false},
		{"", 80, kindText, false}}
	lines := [][2]string{{"town_code", town.Code}, {"period", sum.Period},
		{"schema_version", strconv.Itoa(data.SchemaVersion())}, {"export_id", sum.ExportID},
		{"generated_at", now.UTC().Format(data.TimeLayout)}, {"content_hash", sum.ContentHash},
		{"hash_version", hashVersion}, {"records", strconv.Itoa(sum.Records)},
		{MetaAuditSeq, strconv.FormatInt(head.Seq, 10)}, {MetaAuditHash, head.Hash}}
	start := len(lines) + 4 // header row, the lines, one empty row, then the block's header
	lines = append(lines, [2]string{MetaRecordsKey, strconv.Itoa(start)})
	_, err = b.table(ctx, sheet{SheetMeta, cols, false}, func(emit emitFunc) error {
		for _, kv := range lines {
			if err := emit(record{}, kv[0], kv[1]); err != nil {
				return err
			}
		}
		if err := emit(record{}); err != nil {
			return err
		}
		if err := emit(record{}, "工作表 sheet", "表 table", "起始行 row", "UUID（自起始行起逐行，以空格分隔）"); err != nil {
			return err
		}
		var cell []byte
		for _, rs := range recordSheets {
			ids := b.byName[rs.sheet]
			for first := 0; first < len(ids); first += uuidsPerCell {
				cell = cell[:0]
				for i, id := range ids[first:min(first+uuidsPerCell, len(ids))] {
					if i > 0 {
						cell = append(cell, ' ')
					}
					cell = append(cell, id.String()...)
				}
				if err := emit(record{}, rs.sheet, rs.table, first+2, string(cell)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return err
}
