package report

import (
	"context"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/xuri/excelize/v2"

	"townledger/app/workbook"
	"townledger/data"
)

type cellKind int

const (
	kindText cellKind = iota
	kindWrap
	kindDate
	kindInt
	kindDecimal // two decimals
	kindMoney   // yuan, two decimals with thousands
	kindWan     // 万元, four decimals
)

type column struct {
	header string
	width  float64
	kind   cellKind
	// unhashed columns are left out of the content hash: those that change with the day of
	// export, not with the data, and those worked out from other hashed cells (a sent
	// version's hash then still matches the same data after the column was added).
	unhashed bool
}

// book is a workbook being written, with its styles; with no file (x nil) it only adds the
// rows up into the content hash, which is how a period's current data is compared with what
// was sent.
type book struct {
	x         *excelize.File
	styles    map[cellKind]int
	header    int
	note      int                    // the style of the cover's note: wrapped, across the columns
	hash      hash.Hash              // over every hashed sheet's rows
	ids       []uuid.UUID            // the records shown on the sheet this book (a fork) wrote, in row order
	byName    map[string][]uuid.UUID // the main book: each sheet's records, joined from the forks
	onTime    int
	published int
	figs      Figures // the cover's figures, once the sheets are written
	// mu guards the workbook's shared state (starting and flushing a sheet) when sheets are
	// written at once by forks of the book; the rows of one sheet touch only its writer.
	mu *sync.Mutex
}

// fork is a book writing into the same workbook with its own hash and records, for one sheet
// written alongside others.
func (b *book) fork() *book {
	return &book{x: b.x, styles: b.styles, header: b.header, hash: sha256.New(), mu: b.mu}
}

func newFingerprint() *book {
	b := &book{hash: sha256.New(), mu: &sync.Mutex{}}
	b.hash.Write([]byte(hashVersion + "\n"))
	return b
}

func newBook() (*book, error) {
	x := excelize.NewFile()
	b := newFingerprint()
	b.x, b.styles = x, map[cellKind]int{}
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10}
	center := &excelize.Alignment{Vertical: "center"}
	dateFmt, wanFmt, moneyFmt := "yyyy-mm-dd", "0.0000", "#,##0.00"
	kinds := map[cellKind]excelize.Style{
		kindText:    {NumFmt: 49, Alignment: center},
		kindWrap:    {NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		kindDate:    {CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center"}},
		kindInt:     {NumFmt: 1, Alignment: center},
		kindDecimal: {NumFmt: 2, Alignment: center},
		kindMoney:   {CustomNumFmt: &moneyFmt, Alignment: center},
		kindWan:     {CustomNumFmt: &wanFmt, Alignment: center},
	}
	for k, s := range kinds {
		s.Border, s.Font = border, font
		id, err := x.NewStyle(&s)
		if err != nil {
			x.Close()
			return nil, err
		}
		b.styles[k] = id
	}
	var err error
	b.header, err = x.NewStyle(&excelize.Style{Border: border, NumFmt: 49,
		Font:      &excelize.Font{Family: "宋体", Size: 10, Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		x.Close()
		return nil, err
	}
	b.note, err = x.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: "宋体", Size: 10},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		x.Close()
		return nil, err
	}
	// Create the sheets up front so they stand in order; each is then streamed in turn.
	if err := x.SetSheetName("Sheet1", Sheets[0]); err != nil {
		x.Close()
		return nil, err
	}
	for _, s := range Sheets[1:] {
		if _, err := x.NewSheet(s); err != nil {
			x.Close()
			return nil, err
		}
	}
	x.SetActiveSheet(0)
	return b, nil
}

// hashVersion names the content hash's recipe; change it when the recipe changes.
const hashVersion = "townledger-report-v2"

// sheet describes one sheet: its columns, and whether its rows enter the content hash (the
// cover and the metadata describe the export, not the data).
type sheet struct {
	name   string
	cols   []column
	hashed bool
}

// note is a text written below a sheet's rows across all its columns, wrapped, in a row lines
// tall (the cover's counting rule); it is no record and not hashed.
type note struct {
	text  string
	lines int
}

// emitFunc writes one row; rec names the record the row shows (zero for none).
type emitFunc func(rec record, vals ...any) error

// table streams one sheet: widths and column styles, a frozen header row, then the rows fill
// gives it, each added to the hash and its record to the metadata; it returns how many rows
// were written. Printing is A4 landscape with the header row on every page.
func (b *book) table(ctx context.Context, sh sheet, fill func(emit emitFunc) error) (int, error) {
	return b.tableWithNotes(ctx, sh, nil, fill)
}

// tableWithNotes is table with notes below the rows, after an empty row.
func (b *book) tableWithNotes(ctx context.Context, sh sheet, notes []note, fill func(emit emitFunc) error) (int, error) {
	var sw *excelize.StreamWriter
	if b.x != nil {
		var err error
		b.mu.Lock()
		sw, err = b.startSheet(sh)
		b.mu.Unlock()
		if err != nil {
			return 0, err
		}
	}
	if sh.hashed {
		b.hash.Write([]byte("sheet=" + sh.name + "\n"))
	}
	row := 1
	cells := make([]any, len(sh.cols))
	var line []byte // the row as hashed, reused
	err := fill(func(rec record, vals ...any) error {
		if row%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row++
		line = line[:0]
		if rec.table != "" {
			id, err := uuid.Parse(rec.id)
			if err != nil {
				return fmt.Errorf("%s %q is no UUID: %w", rec.table, rec.id, err)
			}
			b.ids = append(b.ids, id)
			if sh.hashed {
				line = append(append(append(append(line, rec.table...), ':'), rec.id...), 0x1f)
			}
		}
		for i, c := range sh.cols {
			var v any
			if i < len(vals) {
				v = vals[i]
			}
			if c.kind == kindDate {
				v = dateCell(v)
			}
			if sh.hashed && !c.unhashed {
				line = append(appendCell(line, v), 0x1f)
			}
			if d, ok := v.(time.Time); ok {
				v = serial(d) // a number in the date style: the same cell, without excelize's per-cell workbook lookup
			} else if f, ok := v.(float64); ok {
				v = sheetFloat(f)
			} else if c, ok := v.(excelize.Cell); ok {
				if f, ok := c.Value.(float64); ok {
					c.Value = sheetFloat(f)
					v = c
				}
			}
			// Plain values take their column's style; nil writes no cell (the metadata's
			// record columns are ragged).
			cells[i] = v
		}
		if sh.hashed {
			b.hash.Write(append(line, 0x1e))
		}
		if sw == nil {
			return nil
		}
		return sw.SetRow("A"+strconv.Itoa(row), cells)
	})
	if err != nil || sw == nil {
		return row - 1, err
	}
	for i, n := range notes {
		at := strconv.Itoa(row + 2 + i) // after an empty row
		last, err := excelize.CoordinatesToCellName(len(sh.cols), row+2+i)
		if err != nil {
			return 0, err
		}
		err = sw.SetRow("A"+at, []any{excelize.Cell{StyleID: b.note, Value: n.text}},
			excelize.RowOpts{Height: 14 * float64(n.lines)})
		if err == nil {
			err = sw.MergeCell("A"+at, last)
		}
		if err != nil {
			return 0, err
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	return row - 1, nil
}

// startSheet sets a sheet's widths and column styles and writes its frozen header row.
func (b *book) startSheet(sh sheet) (*excelize.StreamWriter, error) {
	if err := b.finishSheet(sh.name); err != nil {
		return nil, err
	}
	if err := b.x.SetSheetDimension(sh.name, ""); err != nil {
		return nil, err
	}
	sw, err := b.x.NewStreamWriter(sh.name)
	if err != nil {
		return nil, err
	}
	for i, c := range sh.cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
		if err := sw.SetColStyle(i+1, i+1, b.styles[c.kind]); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	head := make([]any, len(sh.cols))
	lines := 2
	for i, c := range sh.cols {
		head[i] = excelize.Cell{StyleID: b.header, Value: c.header}
		lines = max(lines, headerLines(c.header, c.width))
	}
	return sw, sw.SetRow("A1", head, excelize.RowOpts{Height: 15 * float64(lines)})
}

// headerLines is how many lines a header wraps to in a column width characters wide: a
// Chinese character takes two of Excel's character widths, a Latin one.
func headerLines(text string, width float64) int {
	w := 0
	for _, r := range text {
		if r < 0x2E80 {
			w++
		} else {
			w += 2
		}
	}
	per := max(int(width)-1, 2)
	return (w + per - 1) / per
}

// finishSheet sets A4 landscape printing with page numbers and the header row on every page.
func (b *book) finishSheet(name string) error {
	size, landscape := 9, "landscape"
	if err := b.x.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape}); err != nil {
		return err
	}
	if err := b.x.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	return b.x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: "'" + name + "'!$1:$1"})
}

// appendCell appends a cell's value as the content hash reads it.
func appendCell(dst []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return append(dst, x...)
	case time.Time:
		return x.AppendFormat(dst, data.DateLayout)
	case excelize.Cell:
		return appendCell(dst, x.Value)
	case int:
		return strconv.AppendInt(dst, int64(x), 10)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case float64:
		return strconv.AppendFloat(dst, sheetFloat(x), 'f', -1, 64)
	}
	return dst
}

// sheetFloat is a number as a spreadsheet keeps it: 15 significant digits. The cell is
// written and hashed so, and a district reading the sheet back gets the same hash.
func sheetFloat(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// dateCell turns a stored date (YYYY-MM-DD) or a time into a date; empty stays empty.
func dateCell(v any) any {
	switch x := v.(type) {
	case string:
		t, err := time.Parse(data.DateLayout, x)
		if err != nil {
			return x
		}
		return t
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x
	}
	return v
}

// excelEpoch is day 0 of spreadsheet dates (1900 date system, after its 1900-02-29 quirk).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is a calendar date as a spreadsheet date number.
func serial(t time.Time) float64 {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return float64(d.Sub(excelEpoch) / (24 * time.Hour))
}

// refuseExisting refuses a path that exists, whatever it is.
func refuseExisting(path string) error {
	return workbook.SaveError(workbook.CheckNew(path), path, KeyExists, KeyWrite)
}

// saveTo writes the workbook into its held temporary file and notes it complete with its
// SHA-256. The zip goes straight into the file (excelize would first build it whole in
// memory), compressed at the fastest level: the parts are repetitive XML, so the file grows
// only a little.
func saveTo(ctx context.Context, b *book, pend *pending, path string) error {
	h := sha256.New()
	w := io.MultiWriter(pend.tmp, h)
	b.x.SetZipWriter(func(io.Writer) excelize.ZipWriter { return workbook.FastZip(w) })
	if _, err := b.x.WriteTo(io.Discard); err != nil { // everything went to w; excelize's own buffer stays empty
		return writeFailed(path, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeFailed(path, pend.written(h.Sum(nil)))
}

func writeFailed(path string, err error) error {
	return workbook.SaveError(err, path, KeyExists, KeyWrite)
}
