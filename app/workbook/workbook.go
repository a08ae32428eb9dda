// Package workbook reads untrusted import workbooks and writes empty templates, reporting
// every problem by sheet, row and column.
//
// A kind of import is described once by a [Spec]: its sheet, its columns (Chinese header,
// English header, whether required, how a cell is parsed) and an example row. [Read] opens
// a file defensively (size limits before and while unzipping, no panic on damaged input),
// streams the rows of the sheet, parses every cell and hands each row to the importer's
// check; [WriteTemplate] writes the matching empty workbook with a notes sheet.
//
// A file that cannot be read at all is refused with one [*problem.Error]; problems in rows
// are collected in a [Table] and returned together as [*Problems], so an import can store
// all rows or none.
package workbook

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"townledger/app/ids"
	"townledger/app/problem"
)

// Limits on what an import may hold.
const (
	MaxFileSize  = 50 << 20  // bytes on disk
	MaxUnzipped  = 256 << 20 // bytes of all parts once unzipped
	MaxPartInRAM = 16 << 20  // bytes of one worksheet kept in memory; larger ones go to a temp file
	MaxRows      = 100_000   // data rows in one import
	MaxProblems  = 200       // problems kept; the rest are only counted
	HeaderRows   = 10        // the header row is looked for among the first rows
	DefaultMax   = 500       // longest accepted cell text when a column sets no MaxLen
)

// NotesSheet is the name of the templates' notes sheet, which imports skip.
const NotesSheet = "说明"

// Column describes one column of an import sheet.
type Column struct {
	Name     string   // the program's name for the value, e.g. "credit_code"
	Header   string   // Chinese header, e.g. "统一社会信用代码"
	English  string   // English header, also accepted on import
	Required bool     // every row must fill it; its header is marked * in templates
	Desc     string   // what it holds, for the notes sheet (Chinese)
	Format   string   // how to write it, for the notes sheet (Chinese)
	Choices  []string // the values offered in the template's drop-down list
	Width    float64  // column width in templates; 0 picks one from the header and example
	AsText   bool     // long numbers: the template formats the column as text
	// Date: a calendar date, either a number in a date-formatted cell (an Excel date) or text
	// such as 2024-03-15, 2024/3/15, 2024.3.15 or 2024年3月15日 (see ParseTypedDate).
	Date      bool
	MaxLen    int  // longest accepted text in characters; 0 means DefaultMax
	MultiLine bool // the text may have several lines (notes, facts); other columns refuse line breaks
	// Parse checks and converts the trimmed, non-empty text of a cell (not used for Date
	// columns); nil keeps the text. An error with a translation key (*ids.Error,
	// *problem.Error) is reported as it is.
	Parse func(s string) (any, error)
}

// Spec describes one kind of import and its template.
type Spec struct {
	Kind    string   // command-line name, e.g. "enterprises"
	Title   string   // what a row is, in Chinese, e.g. "企业和个人"
	Sheet   string   // the data sheet's name
	Columns []Column // in template order
	Example []string // one example row, in column order; imports skip a row equal to it
	Notes   []string // lines for the top of the notes sheet (Chinese)
}

// Column returns the column called name.
func (s Spec) Column(name string) (Column, int, bool) {
	for i, c := range s.Columns {
		if c.Name == name {
			return c, i, true
		}
	}
	return Column{}, -1, false
}

// Problem is one thing wrong in an import file.
type Problem struct {
	Sheet  string         // sheet name
	Row    int            // spreadsheet row number, from 1; 0 for the sheet as a whole
	Column string         // the column's header as found in the file, "" for the whole row
	Key    string         // translation key, e.g. "import.required" or "ids.credit.check"
	Data   map[string]any // template data for Key
	col    int            // column position, for sorting
	name   string         // the column's Column.Name
	blank  bool           // the cell is empty
}

// Problems is what is wrong in an import file: the first MaxProblems problems in sheet,
// row and column order, and how many more were found. It renders as a one-line summary
// through problem.From (key "import.failed"); Lines gives one line per problem.
type Problems struct {
	List []Problem
	More int // problems found beyond List
	// sheets is how many sheets the problems concern; lines name the sheet only when
	// several do, or when named (Table.NameSheet).
	sheets int
	named  bool
}

// Count is the number of problems found, kept or not.
func (p *Problems) Count() int { return len(p.List) + p.More }

func (p *Problems) add(pr Problem) {
	if len(p.List) >= MaxProblems {
		p.More++
		return
	}
	p.List = append(p.List, pr)
}

func (p *Problems) sort() {
	sort.SliceStable(p.List, func(i, j int) bool {
		a, b := p.List[i], p.List[j]
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.col < b.col
	})
	sheets := map[string]bool{}
	for _, pr := range p.List {
		sheets[pr.Sheet] = true
	}
	p.sheets = len(sheets)
}

// Error lists the problems for logs, in English-ish form.
func (p *Problems) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "import: %d problems", p.Count())
	for i, pr := range p.List {
		if i == 10 {
			b.WriteString("; …")
			break
		}
		fmt.Fprintf(&b, "; %s row %d %q: %s", pr.Sheet, pr.Row, pr.Column, (&problem.Error{Key: pr.Key, Data: pr.Data}).Error())
	}
	return b.String()
}

// As lets problem.From (and so the window's and the command line's error rendering) see
// the problems as one refusal: "import.failed" with N, the number of problems.
func (p *Problems) As(target any) bool {
	if t, ok := target.(**problem.Error); ok {
		*t = problem.New(KeyFailed, map[string]any{"N": p.Count()})
		return true
	}
	return false
}

// Lines renders every problem as one line through t (the caller's translation function,
// e.g. locale.T), ending with "…and N more" when problems were left out.
func (p *Problems) Lines(t func(key string, data map[string]any) string) []string {
	out := make([]string, 0, len(p.List)+1)
	for _, pr := range p.List {
		out = append(out, pr.Line(t, p.sheets > 1 || p.named))
	}
	if p.More > 0 {
		out = append(out, t(KeyMore, map[string]any{"N": p.More}))
	}
	return out
}

// Line renders the problem as one line through t, naming the sheet if withSheet. Text
// from the file is clipped and control characters (line breaks, terminal escapes) become
// spaces, so a line stays one line and prints safely.
func (pr Problem) Line(t func(key string, data map[string]any) string, withSheet bool) string {
	d := map[string]any{"Row": pr.Row, "Column": clip(pr.Column, 40), "Sheet": "", "Message": t(pr.Key, pr.Data)}
	if withSheet || pr.Row == 0 {
		d["Sheet"] = clip(pr.Sheet, 40)
	}
	key := KeyLineCell
	switch {
	case pr.Row == 0:
		key = KeyLineSheet
	case pr.Column == "":
		key = KeyLineRow
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, t(key, d))
}

// clip shortens text from a file for a message to at most n characters.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Translation keys this package produces.
const (
	KeyFailed         = "import.failed"          // N
	KeyMore           = "import.more"            // N
	KeyLineCell       = "import.line.cell"       // Sheet, Row, Column, Message
	KeyLineRow        = "import.line.row"        // Sheet, Row, Message
	KeyLineSheet      = "import.line.sheet"      // Sheet, Message
	KeyNoFile         = "import.no_file"         // Path
	KeyUnreadable     = "import.unreadable"      // Path
	KeyTooBig         = "import.too_big"         // SizeMB, MaxMB
	KeyNotXLSX        = "import.not_xlsx"        // -
	KeyOldOrLocked    = "import.xls_or_password" // -
	KeyUnzipTooBig    = "import.unzip_too_big"   // MaxMB
	KeyNoSheet        = "import.no_sheet"        // -
	KeyMissingColumns = "import.missing_columns" // Sheet, Columns, ColumnsEN
	KeyDuplicateCol   = "import.duplicate_column"
	KeyEmpty          = "import.empty"         // Sheet
	KeyTooManyRows    = "import.too_many_rows" // Max
	KeyRequired       = "import.required"      // -
	KeyTooLong        = "import.too_long"      // Max, Len
	KeyBadDate        = "import.bad_date"      // Value
	KeyBadValue       = "import.bad_value"     // Value, Detail
	KeyNumberLost     = "import.number_lost"   // Value
	KeyChoice         = "import.choice"        // Value, Choices
	KeyDuplicate      = "import.duplicate_in_file"
	KeyTemplateExists = "import.template_exists"  // Path
	KeyTemplateWrite  = "import.template_write"   // Path, Detail
	KeyDateNumber     = "import.date_number"      // Value
	KeyDateRange      = "import.date_range"       // Value, Date ("" for none), Min, Max
	KeyControlChar    = "import.control_char"     // Cell, Char
	KeyLineBreak      = "import.line_break"       // Cell
	KeyFormula        = "import.formula_no_value" // Cell
	KeyMerged         = "import.merged"           // Cell, Area, First
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyFailed, KeyMore, KeyLineCell, KeyLineRow, KeyLineSheet, KeyNoFile, KeyUnreadable,
		KeyTooBig, KeyNotXLSX, KeyOldOrLocked, KeyUnzipTooBig, KeyNoSheet, KeyMissingColumns, KeyDuplicateCol,
		KeyEmpty, KeyTooManyRows, KeyRequired, KeyTooLong, KeyBadDate, KeyBadValue, KeyNumberLost, KeyChoice,
		KeyDuplicate, KeyTemplateExists, KeyTemplateWrite, KeyDateNumber, KeyDateRange, KeyControlChar, KeyLineBreak,
		KeyFormula, KeyMerged}
}

// keyed turns an error into a translation key and data: identifier and refusal errors
// keep theirs, anything else becomes "import.bad_value".
func keyed(err error, value string) (string, map[string]any) {
	var ie *ids.Error
	if errors.As(err, &ie) {
		return ie.Key, ie.Data
	}
	var pe *problem.Error
	if errors.As(err, &pe) {
		return pe.Key, pe.Data
	}
	return KeyBadValue, map[string]any{"Value": value, "Detail": err.Error()}
}

// Cell writes a parsed value back as cell text: dates as 2006-01-02, everything else as
// fmt prints it. Parsing the text again gives the same value.
func Cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format(time.DateOnly)
	}
	return fmt.Sprint(v)
}
