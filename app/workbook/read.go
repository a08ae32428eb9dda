package workbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/problem"
)

// File is an open import workbook. It may hold temporary files: Close it.
type File struct {
	x        *excelize.File
	date1904 bool
}

// oleMagic starts a Compound File: an old .xls workbook or a password-protected .xlsx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func options() excelize.Options {
	return excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxPartInRAM}
}

func tooBig(size int64) error {
	return problem.New(KeyTooBig, map[string]any{"SizeMB": fmt.Sprintf("%.1f", float64(size)/(1<<20)), "MaxMB": MaxFileSize >> 20})
}

// Open opens the workbook at path for reading, refusing (with a *problem.Error) a missing
// or unreadable file, one larger than MaxFileSize, and anything that is not an .xlsx
// workbook, without ever panicking.
func Open(path string) (*File, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &problem.Error{Key: KeyNoFile, Data: map[string]any{"Path": path}, Err: err}
	case err != nil:
		return nil, &problem.Error{Key: KeyUnreadable, Data: map[string]any{"Path": path}, Err: err}
	case !st.Mode().IsRegular():
		return nil, problem.New(KeyNoFile, map[string]any{"Path": path})
	case st.Size() > MaxFileSize:
		return nil, tooBig(st.Size())
	}
	head := make([]byte, len(oleMagic))
	if f, err := os.Open(path); err != nil {
		return nil, &problem.Error{Key: KeyUnreadable, Data: map[string]any{"Path": path}, Err: err}
	} else {
		_, _ = io.ReadFull(f, head)
		f.Close()
	}
	if bytes.Equal(head, oleMagic) {
		return nil, problem.New(KeyOldOrLocked, nil)
	}
	return open(func() (*excelize.File, error) { return excelize.OpenFile(path, options()) })
}

// OpenReader is Open for a workbook in r (at most MaxFileSize bytes are read).
func OpenReader(r io.Reader) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, &problem.Error{Key: KeyUnreadable, Data: map[string]any{"Path": ""}, Err: err}
	}
	if len(b) > MaxFileSize {
		return nil, tooBig(int64(len(b)))
	}
	if bytes.HasPrefix(b, oleMagic) {
		return nil, problem.New(KeyOldOrLocked, nil)
	}
	return open(func() (*excelize.File, error) { return excelize.OpenReader(bytes.NewReader(b), options()) })
}

func open(openFn func() (*excelize.File, error)) (f *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &problem.Error{Key: KeyNotXLSX, Err: fmt.Errorf("excelize panicked: %v", r)}
		}
	}()
	x, err := openFn()
	if err != nil {
		if x != nil {
			x.Close()
		}
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, &problem.Error{Key: KeyUnzipTooBig, Data: map[string]any{"MaxMB": MaxUnzipped >> 20}, Err: err}
		}
		return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
	}
	f = &File{x: x}
	if props, err := x.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		f.date1904 = *props.Date1904
	}
	return f, nil
}

// Close removes the workbook's temporary files.
func (f *File) Close() error { return f.x.Close() }

// Record is one data row of an import sheet.
type Record struct {
	Row    int            // spreadsheet row number, from 1
	Values map[string]any // parsed values by Column.Name; empty and unparsable cells are absent
}

// Text returns the value of a text column, "" if the cell was empty or bad.
func (r Record) Text(name string) string {
	s, _ := r.Values[name].(string)
	return s
}

// Date returns the value of a date column.
func (r Record) Date(name string) (time.Time, bool) {
	t, ok := r.Values[name].(time.Time)
	return t, ok
}

// Check is an importer's rule for a whole row, run as each row is read; it reports
// problems through report, naming the column by Column.Name ("" for the whole row).
type Check func(r Record, report func(column string, err error))

// Table is the data of one import sheet and the problems found in it.
type Table struct {
	Spec    Spec
	Sheet   string   // the sheet read
	Records []Record // the data rows, in order, including rows with problems
	found   map[string]string
	order   map[string]int
	seen    map[cellRef]bool
	probs   Problems
}

type cellRef struct {
	row  int
	name string
}

// Header returns the header the file gives the column called name, or the template's
// when the file lacks the column.
func (t *Table) Header(name string) string {
	if h, ok := t.found[name]; ok {
		return h
	}
	if c, _, ok := t.Spec.Column(name); ok {
		return c.Header
	}
	return name
}

// Report records a problem in row with the column called name ("" for the whole row). A
// second problem for the same cell is dropped: the first says what to fix.
func (t *Table) Report(row int, name string, err error) {
	ref := cellRef{row, name}
	if t.seen[ref] {
		return
	}
	t.seen[ref] = true
	key, data := keyed(err, "")
	col := -1
	header := ""
	if name != "" {
		header = t.Header(name)
		if i, ok := t.order[name]; ok {
			col = i
		}
	}
	t.probs.add(Problem{Sheet: t.Sheet, Row: row, Column: header, Key: key, Data: data, col: col})
}

// Err returns the table's problems as *Problems, or nil if there are none.
func (t *Table) Err() error {
	if t.probs.Count() == 0 {
		return nil
	}
	p := t.probs
	p.List = append([]Problem(nil), t.probs.List...)
	p.sort()
	return &p
}

// Read opens the workbook at path and reads spec's sheet; see File.Read.
func Read(ctx context.Context, path string, spec Spec, check Check) (*Table, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Read(ctx, spec, check)
}

// ReadFrom is Read for a workbook in r.
func ReadFrom(ctx context.Context, r io.Reader, spec Spec, check Check) (*Table, error) {
	f, err := OpenReader(r)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Read(ctx, spec, check)
}

// Read streams spec's sheet (or, if the file has no sheet of that name, its first sheet
// other than the notes sheet). The header row is the one among the first HeaderRows that
// names the most of spec's columns; other columns are ignored, and missing required columns
// are refused at once. Each later non-empty row becomes a Record: every cell is parsed
// (required cells must be filled), then check, if given, judges the row. Rows equal to
// spec's example are skipped. The error is a refusal of the file as a whole; problems in
// rows are in the table (Table.Err).
func (f *File) Read(ctx context.Context, spec Spec, check Check) (t *Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, &problem.Error{Key: KeyNotXLSX, Err: fmt.Errorf("reading the workbook panicked: %v", r)}
		}
	}()
	sheet, ok := f.pickSheet(spec.Sheet)
	if !ok {
		return nil, problem.New(KeyNoSheet, nil)
	}
	rows, err := f.x.Rows(sheet)
	if err != nil {
		return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
	}
	defer rows.Close()
	t = &Table{Spec: spec, Sheet: sheet, found: map[string]string{}, order: map[string]int{}, seen: map[cellRef]bool{}}
	raw := excelize.Options{RawCellValue: true}

	// The header row.
	var early [][]string
	headerAt := 0
	var header map[int]string // file column index → Column.Name
	for n := 1; n <= HeaderRows && rows.Next(); n++ {
		cells, err := rows.Columns(raw)
		if err != nil {
			return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
		}
		early = append(early, cells)
		if m, dup := matchHeader(spec, cells); len(m) > len(header) {
			if dup != "" {
				return nil, problem.New(KeyDuplicateCol, map[string]any{"Column": dup, "Sheet": sheet})
			}
			header, headerAt = m, n
		}
	}
	if err := rows.Error(); err != nil {
		return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
	}
	for i, name := range header {
		// As the file names the column, without the template's required-marks.
		t.found[name] = strings.TrimRightFunc(early[headerAt-1][i], func(r rune) bool { return isSpace(r) || r == '*' || r == '＊' })
		t.found[name] = strings.TrimFunc(t.found[name], isSpace)
	}
	for i, c := range spec.Columns {
		t.order[c.Name] = i
	}
	var missing, missingEN []string
	for _, c := range spec.Columns {
		if _, ok := t.found[c.Name]; c.Required && !ok {
			missing, missingEN = append(missing, c.Header), append(missingEN, c.English)
		}
	}
	if len(missing) > 0 {
		return nil, problem.New(KeyMissingColumns, map[string]any{"Sheet": sheet,
			"Columns": strings.Join(missing, "、"), "ColumnsEN": strings.Join(missingEN, ", ")})
	}
	example := map[string]string{}
	for i, c := range spec.Columns {
		if i < len(spec.Example) {
			example[c.Name] = spec.Example[i]
		}
	}

	// The data rows: those already read after the header, then the rest of the sheet.
	n := 0
	handle := func(row int, cells []string) error {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !t.record(row, cells, header, example, f.date1904, check) {
			return nil
		}
		if n++; n > MaxRows {
			return problem.New(KeyTooManyRows, map[string]any{"Max": MaxRows})
		}
		return nil
	}
	for i := headerAt; i < len(early); i++ {
		if err := handle(i+1, early[i]); err != nil {
			return nil, err
		}
	}
	for row := len(early) + 1; rows.Next(); row++ {
		cells, err := rows.Columns(raw)
		if err != nil {
			return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
		}
		if err := handle(row, cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
	}
	if len(t.Records) == 0 && t.probs.Count() == 0 {
		return nil, problem.New(KeyEmpty, map[string]any{"Sheet": sheet})
	}
	return t, nil
}

// record parses one row into a Record, runs check and keeps it; it reports false for an
// empty row or the example row, which are skipped.
func (t *Table) record(row int, cells []string, header map[int]string, example map[string]string, date1904 bool, check Check) bool {
	texts := make(map[string]string, len(header))
	for i, name := range header {
		if i < len(cells) {
			if s := strings.TrimFunc(cells[i], isSpace); s != "" {
				texts[name] = s
			}
		}
	}
	if len(texts) == 0 {
		return false
	}
	if len(example) > 0 {
		same := true
		for name := range t.found {
			if texts[name] != example[name] {
				same = false
				break
			}
		}
		if same {
			return false
		}
	}
	rec := Record{Row: row, Values: make(map[string]any, len(texts))}
	for _, c := range t.Spec.Columns {
		s, ok := texts[c.Name]
		if !ok {
			if c.Required {
				t.Report(row, c.Name, problem.New(KeyRequired, nil))
			}
			continue
		}
		v, err := parseCell(c, s, date1904)
		if err != nil {
			t.Report(row, c.Name, err)
			continue
		}
		rec.Values[c.Name] = v
	}
	if check != nil {
		check(rec, func(name string, err error) { t.Report(row, name, err) })
	}
	t.Records = append(t.Records, rec)
	return true
}

// pickSheet finds the sheet called name, else the first sheet that is not the notes sheet.
func (f *File) pickSheet(name string) (string, bool) {
	list := f.x.GetSheetList()
	for _, s := range list {
		if foldKey(s) == foldKey(name) {
			return s, true
		}
	}
	for _, s := range list {
		if s != NotesSheet {
			return s, true
		}
	}
	return "", false
}

// matchHeader maps the cells of a candidate header row to spec's columns by their Chinese
// or English header, compared with foldKey (then without a trailing remark in
// parentheses). It also returns the first column the row names twice.
func matchHeader(spec Spec, cells []string) (map[int]string, string) {
	exact := map[string]string{}
	loose := map[string]string{}
	for _, c := range spec.Columns {
		for _, h := range []string{c.Header, c.English} {
			if h == "" {
				continue
			}
			k := foldKey(h)
			exact[k] = c.Name
			if l := withoutRemark(k); l != k {
				loose[l] = c.Name
			}
		}
	}
	m := map[int]string{}
	taken := map[string]bool{}
	dup := ""
	for i, cell := range cells {
		k := foldKey(cell)
		if k == "" {
			continue
		}
		name, ok := exact[k]
		if !ok {
			name, ok = exact[withoutRemark(k)]
		}
		if !ok {
			name, ok = loose[k]
		}
		if !ok {
			continue
		}
		if taken[name] {
			if dup == "" {
				dup = strings.TrimFunc(cell, isSpace)
			}
			continue
		}
		taken[name] = true
		m[i] = name
	}
	return m, dup
}
