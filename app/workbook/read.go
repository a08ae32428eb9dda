package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/problem"
)

// File is an open import workbook. It may hold temporary files: Close it.
type File struct {
	x        *excelize.File
	date1904 bool
	zip      *zip.Reader  // the same workbook, for what excelize's row iterator does not tell
	file     *os.File     // what zip reads, when the workbook was opened from a path
	styles   map[int]bool // whether a style shows numbers as dates
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
	fh, err := os.Open(path)
	if err != nil {
		return nil, &problem.Error{Key: KeyUnreadable, Data: map[string]any{"Path": path}, Err: err}
	}
	head := make([]byte, len(oleMagic))
	_, _ = io.ReadFull(fh, head)
	if bytes.Equal(head, oleMagic) {
		fh.Close()
		return nil, problem.New(KeyOldOrLocked, nil)
	}
	f, err := open(func() (*excelize.File, error) { return excelize.OpenFile(path, options()) })
	if err != nil {
		fh.Close()
		return nil, err
	}
	f.file = fh
	if z, err := zip.NewReader(fh, st.Size()); err == nil {
		f.zip = z
	}
	return f, nil
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
	f, err := open(func() (*excelize.File, error) { return excelize.OpenReader(bytes.NewReader(b), options()) })
	if err != nil {
		return nil, err
	}
	if z, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
		f.zip = z
	}
	return f, nil
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
	f = &File{x: x, styles: map[int]bool{}}
	if props, err := x.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		f.date1904 = *props.Date1904
	}
	return f, nil
}

// Close removes the workbook's temporary files.
func (f *File) Close() error {
	if f.file != nil {
		f.file.Close()
	}
	return f.x.Close()
}

// dateStyle tells whether the cell style numbered style shows numbers as dates.
func (f *File) dateStyle(style int) (date bool) {
	if d, ok := f.styles[style]; ok {
		return d
	}
	defer func() {
		if recover() != nil {
			date = false
		}
		f.styles[style] = date
	}()
	s, err := f.x.GetStyle(style)
	if err != nil || s == nil {
		return false
	}
	code := ""
	if s.CustomNumFmt != nil {
		code = *s.CustomNumFmt
	}
	return IsDateFormat(s.NumFmt, code)
}

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
	// NameSheet makes every problem line name its sheet, as for a workbook of several
	// sheets; otherwise lines name it only when the problems concern several sheets.
	NameSheet bool
	found     map[string]string
	order     map[string]int
	fileCol   map[string]int // column of the file (1-based) by Column.Name
	seen      map[cellRef]bool
	probs     Problems
	meta      *sheetMeta        // kept after reading for the merged areas
	row       int               // the row being read, 0 when none
	texts     map[string]string // its cells' text by Column.Name
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
// second problem for the same cell is dropped: the first says what to fix. A problem with
// an empty cell inside a merged area (whose content only the area's first cell holds) is
// reported as that.
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
	pr := Problem{Sheet: t.Sheet, Row: row, Column: header, Key: key, Data: data, col: col, name: name,
		blank: key != KeyFormula && t.blank(row, name)}
	if t.meta != nil && t.meta.mergeOK {
		pr = t.mergedProblem(pr)
	}
	t.probs.add(pr)
}

// blank tells whether the cell of row in the column called name is empty.
func (t *Table) blank(row int, name string) bool {
	if name == "" || row < 1 {
		return false
	}
	if _, ok := t.fileCol[name]; !ok {
		return false
	}
	if row == t.row {
		return t.texts[name] == ""
	}
	i := sort.Search(len(t.Records), func(i int) bool { return t.Records[i].Row >= row })
	if i == len(t.Records) || t.Records[i].Row != row {
		return false
	}
	_, ok := t.Records[i].Values[name]
	return !ok
}

// mergedProblem turns a problem with an empty cell inside a merged area into KeyMerged.
func (t *Table) mergedProblem(pr Problem) Problem {
	if !pr.blank {
		return pr
	}
	col := t.fileCol[pr.name]
	a, ok := t.meta.merged(pr.Row, col)
	if !ok {
		return pr
	}
	c, _ := excelize.CoordinatesToCellName(col, pr.Row)
	first, _ := excelize.CoordinatesToCellName(a.col1, a.row1)
	pr.Key, pr.Data = KeyMerged, map[string]any{"Cell": c, "Area": a.String(), "First": first}
	return pr
}

// Err returns the table's problems as *Problems, or nil if there are none.
func (t *Table) Err() error {
	if t.probs.Count() == 0 {
		return nil
	}
	p := t.probs
	p.List = append([]Problem(nil), t.probs.List...)
	p.named = t.NameSheet
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
//
// Cells are read as the file stores them: a number is taken for a date only in a
// date-formatted cell, a logical value reads as TRUE or FALSE, a formula Excel never
// calculated (no saved value) is refused, and so is an empty required cell inside a merged
// area, each naming the cell.
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
	meta := openSheetMeta(f.zip, sheet)
	defer meta.close()
	t = &Table{Spec: spec, Sheet: sheet, found: map[string]string{}, order: map[string]int{}, fileCol: map[string]int{},
		seen: map[cellRef]bool{}}
	raw := excelize.Options{RawCellValue: true}

	// The header row.
	type early struct {
		cells []string
		info  map[int]cellInfo
	}
	var first []early
	headerAt := 0
	var header map[int]string // file column index → Column.Name
	for n := 1; n <= HeaderRows && rows.Next(); n++ {
		cells, err := rows.Columns(raw)
		if err != nil {
			return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
		}
		first = append(first, early{cells, maps.Clone(meta.at(n))})
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
		t.found[name] = strings.TrimRightFunc(first[headerAt-1].cells[i], func(r rune) bool { return isSpace(r) || r == '*' || r == '＊' })
		t.found[name] = strings.TrimFunc(t.found[name], isSpace)
		t.fileCol[name] = i + 1
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
	handle := func(row int, cells []string, info map[int]cellInfo) error {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !t.record(f, row, cells, info, header, example, check) {
			return nil
		}
		if n++; n > MaxRows {
			return problem.New(KeyTooManyRows, map[string]any{"Max": MaxRows})
		}
		return nil
	}
	for i := headerAt; i < len(first); i++ {
		if err := handle(i+1, first[i].cells, first[i].info); err != nil {
			return nil, err
		}
	}
	for row := len(first) + 1; rows.Next(); row++ {
		cells, err := rows.Columns(raw)
		if err != nil {
			return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
		}
		if err := handle(row, cells, meta.at(row)); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, &problem.Error{Key: KeyNotXLSX, Err: err}
	}
	if len(t.Records) == 0 && t.probs.Count() == 0 {
		return nil, problem.New(KeyEmpty, map[string]any{"Sheet": sheet})
	}
	// The merged areas, listed after the rows: problems with empty cells inside one say so.
	meta.finish()
	if meta != nil && meta.mergeOK {
		t.meta = &sheetMeta{merges: meta.merges, mergeOK: true}
		for i, pr := range t.probs.List {
			t.probs.List[i] = t.mergedProblem(pr)
		}
	}
	return t, nil
}

// booleans are the texts of a logical cell's raw values.
var booleans = map[string]string{"1": "TRUE", "0": "FALSE"}

// cellOf is the cell at (1-based) column col of a row read as cells, described by info.
func (f *File) cellOf(row, col int, cells []string, info map[int]cellInfo, date bool) cell {
	x := cell{}
	if col-1 < len(cells) {
		x.text = cells[col-1]
	}
	x.ref, _ = excelize.CoordinatesToCellName(col, row)
	ci, ok := info[col]
	if !ok {
		return x
	}
	switch ci.typ {
	case "", "n":
		x.kind = kindNumber
		x.dateFmt = date && f.dateStyle(ci.style)
	case "b":
		x.kind = kindBool
		if b, ok := booleans[strings.TrimSpace(x.text)]; ok {
			x.text = b
		}
	case "e":
		x.kind = kindError
	case "d":
		x.kind = kindISO
	}
	return x
}

// record parses one row into a Record, runs check and keeps it; it reports false for an
// empty row or the example row, which are skipped.
func (t *Table) record(f *File, row int, raw []string, info map[int]cellInfo, header map[int]string, example map[string]string, check Check) bool {
	texts := make(map[string]string, len(header))
	cells := make(map[string]cell, len(header))
	var formulas []string // columns holding a formula without a saved value
	for i, name := range header {
		c, _, _ := t.Spec.Column(name)
		x := f.cellOf(row, i+1, raw, info, c.Date)
		if s := strings.TrimFunc(x.text, isSpace); s != "" {
			texts[name], cells[name] = s, x
		} else if ci := info[i+1]; ci.formula && !ci.value {
			formulas = append(formulas, name)
		}
	}
	if len(texts) == 0 && len(formulas) == 0 {
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
	t.row, t.texts = row, texts
	defer func() { t.row, t.texts = 0, nil }()
	for _, name := range formulas {
		c, _ := excelize.CoordinatesToCellName(t.fileCol[name], row)
		t.Report(row, name, problem.New(KeyFormula, map[string]any{"Cell": c}))
	}
	rec := Record{Row: row, Values: make(map[string]any, len(texts))}
	for _, c := range t.Spec.Columns {
		x, ok := cells[c.Name]
		if !ok {
			if c.Required {
				t.Report(row, c.Name, problem.New(KeyRequired, nil))
			}
			continue
		}
		v, err := parseCell(c, x, f.date1904)
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
