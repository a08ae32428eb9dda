package report

import (
	"context"
	"io"
	"strconv"
	"strings"

	"townledger/app/problem"
	"townledger/app/workbook"

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
