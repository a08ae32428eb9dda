package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/ids"
	"townledger/app/problem"
)

func creditCode(s string) (any, error) { return ids.ValidateCreditCode(s) }

var testSpec = Spec{
	Kind: "test", Title: "测试", Sheet: "测试",
	Columns: []Column{
		{Name: "name", Header: "名称", English: "Name", Required: true, MaxLen: 10},
		{Name: "code", Header: "统一社会信用代码", English: "Credit code", AsText: true, Parse: creditCode},
		{Name: "kind", Header: "类型", English: "Type", Required: true, Choices: []string{"单位", "个人"},
			Parse: OneOf(map[string]string{"单位": "org", "个人": "person", "org": "org"}, []string{"单位", "个人"})},
		{Name: "day", Header: "日期（开始）", English: "Date", Date: true},
		{Name: "village", Header: "所在村（社区）", English: "Village"},
	},
	Example: []string{"示例", "91110000600037341L", "单位", "2024-01-02", "东街"},
	Notes:   []string{"测试说明"},
}

// num is a cell written as a number, raw, as Excel would store it, in the General format.
type num string

// dateNum is a number in a cell formatted as a date (built-in format 14), as Excel stores a
// date typed into a cell.
type dateNum string

// writeBook writes rows (from row 1) into sheet of a new workbook and returns its path.
func writeBook(t testing.TB, sheet string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var err error
			switch v := v.(type) {
			case nil:
				continue
			case num:
				err = f.SetCellDefault(sheet, cell, string(v))
			case dateNum:
				if err = f.SetCellDefault(sheet, cell, string(v)); err == nil {
					err = f.SetCellStyle(sheet, cell, cell, dateStyle)
				}
			default:
				err = f.SetCellValue(sheet, cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "in.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func keyOf(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

func mustProblems(t *testing.T, tbl *Table) *Problems {
	t.Helper()
	var p *Problems
	if err := tbl.Err(); !errors.As(err, &p) {
		t.Fatalf("Err() = %v, want *Problems", err)
	}
	return p
}

// where lists problems as "row/column/key" for comparing.
func where(p *Problems) []string {
	var out []string
	for _, pr := range p.List {
		out = append(out, fmt.Sprintf("%d/%s/%s", pr.Row, pr.Column, pr.Key))
	}
	return out
}

var header = []any{"名称*", "统一社会信用代码", "类型*", "日期（开始）", "所在村（社区）"}

func TestReadGoodRows(t *testing.T) {
	path := writeBook(t, "测试", [][]any{
		header,
		{"示例", "91110000600037341L", "单位", "2024-01-02", "东街"}, // the example: skipped
		{"青石机械厂", "９１１１００００６０００３７３４１ｌ", "单位", "2024-03-15", " 东街 "},
		nil, // an empty row: skipped
		{"张三", nil, "个人", dateNum("45366"), nil},
		{"李四", "", "ORG", nil, "西村"},
	})
	tbl, err := Read(context.Background(), path, testSpec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tbl.Err(); err != nil {
		t.Fatal(err)
	}
	if len(tbl.Records) != 3 || tbl.Sheet != "测试" {
		t.Fatalf("records %+v in %s", tbl.Records, tbl.Sheet)
	}
	r := tbl.Records[0]
	if r.Row != 3 || r.Text("name") != "青石机械厂" || r.Text("code") != "91110000600037341L" || r.Text("kind") != "org" || r.Text("village") != "东街" {
		t.Errorf("row 3 = %+v", r)
	}
	if d, ok := r.Date("day"); !ok || d != time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC) {
		t.Errorf("row 3 date = %v, %v", d, ok)
	}
	r = tbl.Records[1]
	if r.Row != 5 || r.Text("kind") != "person" || r.Text("code") != "" {
		t.Errorf("row 5 = %+v", r)
	}
	if d, _ := r.Date("day"); d != time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC) {
		t.Errorf("serial 45366 = %v", d)
	}
	if r := tbl.Records[2]; r.Row != 6 || r.Text("kind") != "org" {
		t.Errorf("row 6 = %+v", r)
	}
}

func TestParseTypedDate(t *testing.T) {
	want := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2024-03-15", "2024/3/15", "2024年3月15日", "２０２４年３月１５日", "2024.03.15", "2024.3.15",
		" 2024-3-15 ", "２０２４／３／１５"} {
		if got, err := ParseTypedDate(in); err != nil || !got.Equal(want) {
			t.Errorf("ParseTypedDate(%q) = %v, %v", in, got, err)
		}
	}
	for _, tc := range []struct{ in, key string }{
		// What an outside tester found read as dates of 1900–1905 and 2454.
		{"2026.3", KeyBadDate}, {"2026.10", KeyBadDate}, {"2026", KeyBadDate}, {"202603", KeyBadDate},
		{"1", KeyBadDate}, {"45", KeyBadDate}, {"TRUE", KeyBadDate}, {"FALSE", KeyBadDate},
		{"45366", KeyBadDate}, {"45366.75", KeyBadDate},
		{"2024-02-30", KeyBadDate}, {"2024-13-01", KeyBadDate}, {"15/3/2024", KeyBadDate}, {"20240315", KeyBadDate},
		{"0", KeyBadDate}, {"-1", KeyBadDate}, {"1e5", KeyBadDate}, {"9999999", KeyBadDate}, {"今天", KeyBadDate}, {"", KeyBadDate},
		{"2024-03-15 10:00", KeyBadDate},
		{"1899-12-31", KeyDateRange}, {"1900-01-01", KeyDateRange}, {"1949-12-31", KeyDateRange},
		{"2101-01-01", KeyDateRange}, {"3000-01-01", KeyDateRange},
	} {
		got, err := ParseTypedDate(tc.in)
		if keyOf(err) != tc.key {
			t.Errorf("ParseTypedDate(%q) = %v, %v; want %s", tc.in, got, err, tc.key)
		} else if v := problem.From(err).Data["Value"]; v != tc.in {
			t.Errorf("ParseTypedDate(%q) quotes %q", tc.in, v)
		}
	}
	for _, in := range []string{"1950-01-01", "2100-12-31"} {
		if _, err := ParseTypedDate(in); err != nil {
			t.Errorf("ParseTypedDate(%q): %v", in, err)
		}
	}
}

func TestSerialDate(t *testing.T) {
	for _, tc := range []struct {
		in       string
		date1904 bool
		want     string // the date, or the refusal's key and the date it quotes
	}{
		{"45366", false, "2024-03-15"},
		{"45366.75", false, "2024-03-15"},
		{"43904", true, "2024-03-15"},
		{"18264", false, "1950-01-01"},
		{"73415", false, "2100-12-31"},
		{"18263", false, KeyDateRange + " 1949-12-31"},
		{"73416", false, KeyDateRange + " 2101-01-01"},
		{"2026.3", false, KeyDateRange + " 1905-07-18"},
		{"2026.1", false, KeyDateRange + " 1905-07-18"},
		{"2026", false, KeyDateRange + " 1905-07-18"},
		{"202603", false, KeyDateRange + " 2454-09-14"},
		{"1", false, KeyDateRange + " 1900-01-01"},
		{"45", false, KeyDateRange + " 1900-02-14"},
		{"0", false, KeyDateRange + " "},
		{"-45366", false, KeyDateRange + " "},
		{"1e300", false, KeyDateRange + " "},
		{"NaN", false, KeyBadDate + " "},
		{"Inf", false, KeyBadDate + " "},
		{"abc", false, KeyBadDate + " "},
	} {
		d, err := SerialDate(tc.in, tc.date1904)
		got := d.Format(time.DateOnly)
		if err != nil {
			p := problem.From(err)
			date, _ := p.Data["Date"].(string)
			got = p.Key + " " + date
			if p.Data["Value"] != tc.in {
				t.Errorf("SerialDate(%q) quotes %v", tc.in, p.Data["Value"])
			}
		}
		if got != tc.want {
			t.Errorf("SerialDate(%q, %v) = %s, want %s", tc.in, tc.date1904, got, tc.want)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	for _, tc := range []struct {
		id   int
		code string
		want bool
	}{
		{0, "", false}, {1, "", false}, {2, "", false}, {10, "", false}, {11, "", false}, {13, "", false},
		{14, "", true}, {17, "", true}, {22, "", true}, {23, "", false}, {26, "", false}, {27, "", true},
		{31, "", true}, {36, "", true}, {37, "", false}, {44, "", false}, {45, "", true}, {47, "", true},
		{48, "", false}, {49, "", false}, {50, "", true}, {58, "", true}, {59, "", false},
		{0, "yyyy-mm-dd", true},
		{0, `yyyy"年"m"月"d"日";@`, true},
		{0, "[$-804]yyyy/m/d", true},
		{0, `[DBNum1][$-804]yyyy\年m\月d\日`, true},
		{0, "YYYY/MM/DD", true},
		{0, "h:mm", true}, // minutes: a time of day is no date in the range anyway
		{0, "General", false},
		{0, "0.00", false},
		{0, "#,##0", false},
		{0, `#,##0.00_);[Red]\(#,##0.00\)`, false},
		{0, `0"天"`, false},
		{0, `0" days"`, false},
		{0, `[$¥-804]#,##0.00`, false},
		{0, `\d0`, false},
		{0, `#,##0_m`, false},
		{0, "@", false},
		{0, `"yyyy`, false},
		{0, `[yyyy`, false},
	} {
		if got := IsDateFormat(tc.id, tc.code); got != tc.want {
			t.Errorf("IsDateFormat(%d, %q) = %v", tc.id, tc.code, got)
		}
	}
}

func TestDatesInAWorkbook(t *testing.T) {
	want := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	path := writeBook(t, "测试", [][]any{
		header,
		{"甲", nil, "单位", want},              // 2: an Excel date, as excelize writes a time
		{"乙", nil, "单位", "2024/3/15"},       // 3
		{"丙", nil, "单位", "2024年3月15日"},      // 4
		{"丁", nil, "单位", "2024-03-15"},      // 5
		{"戊", nil, "单位", dateNum("45366")},  // 6: a date-formatted number
		{"己", nil, "单位", "2024-02-30"},      // 7
		{"庚", nil, "单位", num("45366")},      // 8: the same number, General
		{"辛", nil, "单位", dateNum("2026.3")}, // 9: 1905-07-18
		{"壬", nil, "单位", "2026.3"},          // 10
		{"癸", nil, "单位", true},              // 11
	})
	tbl, err := Read(context.Background(), path, testSpec, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tbl.Records[:5] {
		if d, ok := r.Date("day"); !ok || !d.Equal(want) {
			t.Errorf("row %d: %v, %v", r.Row, d, ok)
		}
	}
	p := mustProblems(t, tbl)
	if got := where(p); !slices.Equal(got, []string{"7/日期（开始）/import.bad_date", "8/日期（开始）/import.date_number",
		"9/日期（开始）/import.date_range", "10/日期（开始）/import.bad_date", "11/日期（开始）/import.bad_date"}) {
		t.Errorf("problems %v", got)
	}
	var values []any
	for _, pr := range p.List {
		values = append(values, pr.Data["Value"])
	}
	if fmt.Sprint(values) != "[2024-02-30 45366 2026.3 2026.3 TRUE]" || p.List[2].Data["Date"] != "1905-07-18" {
		t.Errorf("values quoted %v, %v", values, p.List[2].Data)
	}
}

func TestHeaderMatching(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows [][]any
	}{
		{"template headers", [][]any{header}},
		{"half-width parentheses, no stars", [][]any{{"名称", "统一社会信用代码", "类型", "日期(开始)", "所在村(社区)"}}},
		{"full-width star, spaces, remark", [][]any{{" 名称＊ ", "统一社会信用代码（18位）", "类 型", "日期（开始）*", "所在村"}}},
		{"English headers, other order, extra column", [][]any{{"Village", "Type*", "Remarks", "Name", "Date", "Credit code"}}},
		{"title rows above", [][]any{{"2024年企业名单"}, nil, header}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.rows[len(tc.rows)-1]
			values := map[string]any{"名称": "青石机械厂", "统一社会信用代码": "91110000600037341L", "类型": "单位", "日期": "2024/3/15", "所在村": "东街",
				"NAME": "青石机械厂", "CREDITCODE": "91110000600037341L", "TYPE": "单位", "DATE": "2024/3/15", "VILLAGE": "东街", "REMARKS": "x"}
			row := make([]any, len(h))
			for i, c := range h {
				k := foldKey(c.(string))
				for prefix, v := range values {
					if strings.HasPrefix(k, prefix) {
						row[i] = v
					}
				}
			}
			path := writeBook(t, "测试", append(tc.rows, row))
			tbl, err := Read(context.Background(), path, testSpec, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := tbl.Err(); err != nil {
				t.Fatal(err)
			}
			if len(tbl.Records) != 1 {
				t.Fatalf("records %+v", tbl.Records)
			}
			r := tbl.Records[0]
			if r.Row != len(tc.rows)+1 || r.Text("name") != "青石机械厂" || r.Text("code") != "91110000600037341L" || r.Text("kind") != "org" {
				t.Errorf("record %+v", r)
			}
			if tc.name != "full-width star, spaces, remark" {
				if _, ok := r.Date("day"); !ok || r.Text("village") != "东街" {
					t.Errorf("record %+v", r)
				}
			}
		})
	}
}

func TestMissingAndDuplicateColumns(t *testing.T) {
	path := writeBook(t, "测试", [][]any{{"统一社会信用代码", "所在村"}, {"91110000600037341L", "东街"}})
	_, err := Read(context.Background(), path, testSpec, nil)
	p := problem.From(err)
	if p.Key != KeyMissingColumns || p.Data["Columns"] != "名称、类型" || p.Data["ColumnsEN"] != "Name, Type" || p.Data["Sheet"] != "测试" {
		t.Errorf("missing columns: %v", err)
	}
	path = writeBook(t, "测试", [][]any{{"名称", "类型", "Name"}, {"甲", "单位", "乙"}})
	if _, err := Read(context.Background(), path, testSpec, nil); keyOf(err) != KeyDuplicateCol {
		t.Errorf("duplicate column: %v", err)
	}
	path = writeBook(t, "测试", [][]any{header})
	if _, err := Read(context.Background(), path, testSpec, nil); keyOf(err) != KeyEmpty {
		t.Errorf("header only: %v", err)
	}
}

func TestSheetChoice(t *testing.T) {
	// Another sheet name: the first sheet that is not the notes sheet is read.
	path := writeBook(t, "Sheet1", [][]any{header, {"甲", nil, "单位"}})
	tbl, err := Read(context.Background(), path, testSpec, nil)
	if err != nil || len(tbl.Records) != 1 || tbl.Sheet != "Sheet1" {
		t.Fatalf("%v %+v", err, tbl)
	}
}

func TestCellProblemsAndCheck(t *testing.T) {
	path := writeBook(t, "测试", [][]any{
		header,
		{"甲", "91110000600037341L", "单位"},
		{"乙", "91110000600037341K", "单位", "2024-3-15"},    // row 3: check character
		{"丙", num("1.10105194912311E+17"), "个人"},          // row 4: a number that lost digits
		{nil, nil, "公司", "昨天"},                            // row 5: name, kind and date
		{"一二三四五六七八九十一", nil, "单位"},                        // row 6: too long
		{"丁", "91110000600037341L", "单位", nil, "Village"}, // row 7: the check's own rule
	})
	check := func(r Record, report func(string, error)) {
		if r.Text("village") == "Village" {
			report("village", problem.New("test.rule", nil))
			report("", problem.New("test.row", nil))
		}
		if r.Row == 5 {
			report("name", problem.New("test.not_again", nil)) // the cell has a problem already
		}
	}
	tbl, err := Read(context.Background(), path, testSpec, check)
	if err != nil {
		t.Fatal(err)
	}
	if len(tbl.Records) != 6 {
		t.Errorf("%d records", len(tbl.Records))
	}
	p := mustProblems(t, tbl)
	want := []string{
		"3/统一社会信用代码/ids.credit.check",
		"4/统一社会信用代码/import.number_lost",
		"5/名称/import.required",
		"5/类型/import.choice",
		"5/日期（开始）/import.bad_date",
		"6/名称/import.too_long",
		"7//test.row",
		"7/所在村（社区）/test.rule",
	}
	if got := where(p); !slices.Equal(got, want) {
		t.Errorf("problems\n%v\nwant\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.List[0].Data["Want"] != "L" || p.List[3].Data["Choices"] != "单位、个人" {
		t.Errorf("data %v %v", p.List[0].Data, p.List[3].Data)
	}
	if from := problem.From(tbl.Err()); from.Key != KeyFailed || from.Data["N"] != 8 {
		t.Errorf("summary %+v", from)
	}
	fake := func(key string, d map[string]any) string {
		if key == KeyLineCell {
			return fmt.Sprintf("row %v [%v] %v", d["Row"], d["Column"], d["Message"])
		}
		if key == KeyLineRow {
			return fmt.Sprintf("row %v %v", d["Row"], d["Message"])
		}
		return key
	}
	lines := p.Lines(fake)
	if len(lines) != 8 || lines[0] != "row 3 [统一社会信用代码] ids.credit.check" || lines[6] != "row 7 test.row" {
		t.Errorf("lines %q", lines)
	}
}

func TestProblemsStopAtTheLimit(t *testing.T) {
	rows := [][]any{header}
	for i := 0; i < 250; i++ {
		rows = append(rows, []any{"甲", nil, "未知"})
	}
	tbl, err := Read(context.Background(), writeBook(t, "测试", rows), testSpec, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := mustProblems(t, tbl)
	if len(p.List) != MaxProblems || p.More != 50 || p.Count() != 250 || p.List[199].Row != 201 {
		t.Errorf("kept %d, more %d, last row %d", len(p.List), p.More, p.List[len(p.List)-1].Row)
	}
	lines := p.Lines(func(key string, d map[string]any) string { return fmt.Sprint(key, d["N"]) })
	if len(lines) != MaxProblems+1 || lines[MaxProblems] != "import.more50" {
		t.Errorf("last line %q of %d", lines[len(lines)-1], len(lines))
	}
}

func TestRefusedFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "text.xlsx")
	os.WriteFile(text, []byte("名称,类型\n甲,单位\n"), 0o600)
	empty := filepath.Join(dir, "empty.xlsx")
	os.WriteFile(empty, nil, 0o600)
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, append(append([]byte{}, oleMagic...), make([]byte, 1024)...), 0o600)
	// A zip that is no workbook.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("hello"))
	zw.Close()
	notBook := filepath.Join(dir, "zip.xlsx")
	os.WriteFile(notBook, zb.Bytes(), 0o600)
	// A zip whose part claims to unpack to 1 GB.
	zb.Reset()
	zw = zip.NewWriter(&zb)
	hw, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store,
		CompressedSize64: 5, UncompressedSize64: 1 << 30})
	hw.Write([]byte("<x/>\n"))
	zw.Close()
	bomb := filepath.Join(dir, "bomb.xlsx")
	os.WriteFile(bomb, zb.Bytes(), 0o600)
	// A sparse file over the size limit: refused before a byte is read.
	big := filepath.Join(dir, "big.xlsx")
	f, _ := os.Create(big)
	f.Truncate(MaxFileSize + 1)
	f.Close()
	for _, tc := range []struct{ path, key string }{
		{text, KeyNotXLSX},
		{empty, KeyNotXLSX},
		{xls, KeyOldOrLocked},
		{notBook, KeyNotXLSX},
		{bomb, KeyUnzipTooBig},
		{big, KeyTooBig},
		{filepath.Join(dir, "none.xlsx"), KeyNoFile},
		{dir, KeyNoFile},
	} {
		start := time.Now()
		_, err := Read(context.Background(), tc.path, testSpec, nil)
		if keyOf(err) != tc.key {
			t.Errorf("%s: %v, want %s", filepath.Base(tc.path), err, tc.key)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: refused only after %v", filepath.Base(tc.path), d)
		}
	}
	if _, err := ReadFrom(context.Background(), bytes.NewReader(make([]byte, MaxFileSize+1)), testSpec, nil); keyOf(err) != KeyTooBig {
		t.Errorf("big reader: %v", err)
	}
	if p := problem.From(mustErr(Read(context.Background(), big, testSpec, nil))); p.Data["MaxMB"] != 50 {
		t.Errorf("too big data %v", p.Data)
	}
}

func mustErr(_ *Table, err error) error { return err }

func TestTemplate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "模板.xlsx")
	if err := WriteTemplate(testSpec, path); err != nil {
		t.Fatal(err)
	}
	if err := WriteTemplate(testSpec, path); keyOf(err) != KeyTemplateExists {
		t.Errorf("second write: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := WriteTemplate(testSpec, filepath.Join(t.TempDir(), "no", "such", "dir.xlsx")); keyOf(err) != KeyTemplateWrite {
		t.Errorf("missing folder: %v", err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"测试", NotesSheet}) {
		t.Errorf("sheets %v", got)
	}
	rows, _ := f.GetRows("测试")
	if len(rows) != 2 || !slices.Equal(rows[0], []string{"名称*", "统一社会信用代码", "类型*", "日期（开始）", "所在村（社区）"}) ||
		!slices.Equal(rows[1], testSpec.Example) {
		t.Errorf("rows %q", rows)
	}
	style := func(cell string) *excelize.Style {
		id, _ := f.GetCellStyle("测试", cell)
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := style("A1"); s.Font == nil || !s.Font.Bold {
		t.Errorf("header not bold: %+v", s.Font)
	}
	if s := style("A2"); s.Font == nil || !s.Font.Italic || s.Font.Color != "808080" {
		t.Errorf("example not grey italics: %+v", s.Font)
	}
	if s := style("B2"); s.NumFmt != 49 {
		t.Errorf("credit code example not text: %d", s.NumFmt)
	}
	panes, _ := f.GetPanes("测试")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v", panes)
	}
	dvs, _ := f.GetDataValidations("测试")
	if len(dvs) != 1 || dvs[0].Sqref != "C2:C10001" || !strings.Contains(dvs[0].Formula1, "单位,个人") {
		t.Errorf("validations %+v", dvs)
	}
	if w, _ := f.GetColWidth("测试", "B"); w < 18 {
		t.Errorf("credit code column width %v", w)
	}
	notes, _ := f.GetRows(NotesSheet)
	text := fmt.Sprint(notes)
	for _, want := range []string{"测试导入说明", "测试说明", "统一社会信用代码\nCredit code", "必填", "选填", "单位、个人", "示例：2024-01-02"} {
		if !strings.Contains(text, want) {
			t.Errorf("notes lack %q: %q", want, text)
		}
	}
	// The empty template reads as having no rows; filled in, it reads back.
	if _, err := Read(context.Background(), path, testSpec, nil); keyOf(err) != KeyEmpty {
		t.Errorf("empty template: %v", err)
	}
	f.SetSheetRow("测试", "A3", &[]any{"青石机械厂", "91110000600037341L", "单位", time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), "东街"})
	f.SetSheetRow("测试", "A4", &[]any{"张三", nil, "个人", "2024/3/16"})
	filled := filepath.Join(t.TempDir(), "filled.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	tbl, err := Read(context.Background(), filled, testSpec, nil)
	if err != nil || tbl.Err() != nil || len(tbl.Records) != 2 {
		t.Fatalf("%v %v %+v", err, tbl.Err(), tbl)
	}
	if d, _ := tbl.Records[0].Date("day"); tbl.Records[0].Row != 3 || d != time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC) {
		t.Errorf("first record %+v", tbl.Records[0])
	}
}

func TestCellWritesBackWhatParses(t *testing.T) {
	d := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	if Cell(d) != "2024-03-15" || Cell("x") != "x" || Cell(nil) != "" || Cell(3) != "3" {
		t.Error("Cell")
	}
}

func TestKeysAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Keys() {
		if seen[k] || !strings.HasPrefix(k, "import.") {
			t.Errorf("key %s", k)
		}
		seen[k] = true
	}
}

func TestLinesStayOneLine(t *testing.T) {
	p := Problem{Sheet: "测试", Row: 3, Column: "名称\n" + strings.Repeat("长", 60), Key: "k"}
	tr := func(key string, d map[string]any) string {
		if key == "k" {
			return "bad\x1b[31m\r\nvalue\u2028"
		}
		return fmt.Sprintf("%v|%v|%v", d["Row"], d["Column"], d["Message"])
	}
	got := p.Line(tr, false)
	if strings.ContainsAny(got, "\n\r\x1b\u2028") || !strings.HasSuffix(got, "…|bad [31m  value ") || len([]rune(got)) > 60 {
		t.Errorf("line %q", got)
	}
}
