package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// patchPart rewrites the part called name of the workbook at path through fn.
func patchPart(t *testing.T, path, name string, fn func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if zf.Name == name {
			data, found = []byte(fn(string(data))), true
		}
		w, _ := zw.Create(zf.Name)
		w.Write(data)
	}
	zw.Close()
	if !found {
		t.Fatalf("no part %s", name)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readProblems(t *testing.T, path string, spec Spec) (*Table, []string) {
	t.Helper()
	tbl, err := Read(context.Background(), path, spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tbl.Err() == nil {
		return tbl, nil
	}
	return tbl, where(mustProblems(t, tbl))
}

// A number typed into the template's date column takes the column's date format: the cell
// itself has no style, the column has (<col style=…>), and a row may have one too.
func TestNumberInADateFormattedColumnOrRow(t *testing.T) {
	path := writeBook(t, "测试", [][]any{header, {"甲", nil, "单位", num("45366")}, {"乙", nil, "单位", num("45366")},
		{"丙", nil, "单位", num("45366")}})
	x, _ := excelize.OpenFile(path)
	col, _ := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	x.SetColStyle("测试", "D", col)
	x.Save()
	x.Close()
	// Cells D2 and D4 lose their own style; row 4 gets the date style instead.
	patchPart(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		s = regexp.MustCompile(`(<c r="D[24]") s="[0-9]+"`).ReplaceAllString(s, "$1")
		s = strings.Replace(s, `<row r="4"`, fmt.Sprintf(`<row r="4" s="%d" customFormat="1"`, col), 1)
		return regexp.MustCompile(`(<col [^>]*) style="[0-9]+"`).ReplaceAllString(s, fmt.Sprintf(`$1 style="%d"`, col))
	})
	tbl, got := readProblems(t, path, testSpec)
	if got != nil || len(tbl.Records) != 3 {
		t.Fatalf("problems %v, records %+v", got, tbl.Records)
	}
	for _, r := range tbl.Records {
		if d, ok := r.Date("day"); !ok || d != time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC) {
			t.Errorf("row %d: %v %v", r.Row, d, ok)
		}
	}
	// Without the column's style the same cells are plain numbers.
	patchPart(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		s = regexp.MustCompile(`<cols>.*</cols>`).ReplaceAllString(s, "")
		return regexp.MustCompile(` s="[0-9]+" customFormat="1"`).ReplaceAllString(s, "")
	})
	if _, got := readProblems(t, path, testSpec); !slices.Equal(got, []string{"2/日期（开始）/import.date_number",
		"4/日期（开始）/import.date_number"}) {
		t.Errorf("problems %v", got)
	}
}

func ptr(s string) *string { return &s }

// A formula Excel never calculated has no saved value: the cell is not empty, it is unread.
func TestFormulaWithoutASavedValue(t *testing.T) {
	path := writeBook(t, "测试", [][]any{header, {nil, nil, "单位", nil, nil}, {"乙", nil, "单位", nil, nil},
		{nil, nil, nil, nil, nil}})
	x, _ := excelize.OpenFile(path)
	x.SetCellFormula("测试", "A2", `"甲"&"厂"`)         // required column
	x.SetCellFormula("测试", "E3", `"东"&"街"`)         // optional column
	x.SetCellFormula("测试", "D4", `DATE(2024,3,15)`) // a row holding nothing else
	x.Save()
	x.Close()
	tbl, got := readProblems(t, path, testSpec)
	want := []string{"2/名称/import.formula_no_value", "3/所在村（社区）/import.formula_no_value",
		"4/名称/import.required", "4/类型/import.required", "4/日期（开始）/import.formula_no_value"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems\n%v\nwant\n%v", got, want)
	}
	p := mustProblems(t, tbl)
	if p.List[0].Data["Cell"] != "A2" || p.List[1].Data["Cell"] != "E3" || p.List[4].Data["Cell"] != "D4" {
		t.Errorf("cells named %v %v %v", p.List[0].Data, p.List[1].Data, p.List[4].Data)
	}
	// With the values Excel saves, the same formulas read (D4 as the date it computes).
	patchPart(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		for cell, v := range map[string]string{"A2": "甲厂", "E3": "东街"} {
			s = regexp.MustCompile(`(<c r="`+cell+`"[^>]*><f>[^<]*</f>)</c>`).ReplaceAllString(s, "$1<v>"+v+"</v></c>")
		}
		return regexp.MustCompile(`<c r="D4"[^>]*>(<f>[^<]*</f>)</c>`).ReplaceAllString(s, `<c r="D4" s="1">$1<v>45366</v></c>`)
	})
	tbl, got = readProblems(t, path, testSpec)
	want = []string{"4/名称/import.required", "4/类型/import.required"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems with saved values\n%v\nwant\n%v", got, want)
	}
	if r := tbl.Records; r[0].Text("name") != "甲厂" || r[1].Text("village") != "东街" {
		t.Errorf("records %+v", r)
	}
	if d, ok := tbl.Records[2].Date("day"); !ok || d.Day() != 15 {
		t.Errorf("computed date %v %v", d, ok)
	}
}

// An empty required cell inside a merged area says so, naming the cell and the area; the
// area's first cell reads as usual.
func TestMergedCells(t *testing.T) {
	path := writeBook(t, "测试", [][]any{header, {"甲", nil, "单位"}, {"乙"}, {"丙"}, {nil, nil, nil, nil, "东街"}})
	x, _ := excelize.OpenFile(path)
	x.MergeCell("测试", "C2", "C4")
	x.MergeCell("测试", "A5", "B5")
	x.Save()
	x.Close()
	tbl, got := readProblems(t, path, testSpec)
	want := []string{"3/类型/import.merged", "4/类型/import.merged", "5/名称/import.required", "5/类型/import.required"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems\n%v\nwant\n%v", got, want)
	}
	p := mustProblems(t, tbl)
	if d := p.List[1].Data; d["Cell"] != "C4" || d["Area"] != "C2:C4" || d["First"] != "C2" {
		t.Errorf("merged data %v", d)
	}
	// A problem an importer reports after reading, with a cell in a merged area, says so too.
	tbl.Report(3, "village", fmt.Errorf("x"))
	tbl.Report(4, "day", fmt.Errorf("x"))
	p = mustProblems(t, tbl)
	if got := where(p); !slices.Contains(got, "3/所在村（社区）/import.bad_value") || !slices.Contains(got, "4/日期（开始）/import.bad_value") {
		t.Errorf("late problems %v", got)
	}
	x, _ = excelize.OpenFile(path)
	x.MergeCell("测试", "E3", "E4")
	x.Save()
	x.Close()
	tbl, _ = readProblems(t, path, testSpec)
	tbl.Report(4, "village", fmt.Errorf("x"))
	if got := where(mustProblems(t, tbl)); !slices.Contains(got, "4/所在村（社区）/import.merged") {
		t.Errorf("late problem in a merged area %v", got)
	}
}

var textSpec = Spec{Kind: "t", Sheet: "测试", Columns: []Column{
	{Name: "name", Header: "名称", Required: true},
	{Name: "notes", Header: "备注", MultiLine: true},
	{Name: "flag", Header: "标记", Parse: OneOf(map[string]string{"TRUE": "yes", "FALSE": "no"}, []string{"TRUE", "FALSE"})},
}}

// Control characters are refused in every text column, naming the cell and the
// character; a line break only where a column takes one line.
func TestControlCharactersAndLineBreaks(t *testing.T) {
	path := writeBook(t, "测试", [][]any{{"名称", "备注", "标记"},
		{"青石_x001B_机械厂", "第一行\n第二行", true}, // 2: ESC as a workbook escapes it; notes on two lines
		{"青石", "_x0007_响铃", false},         // 3: the escape itself, undecoded (below); BEL in notes
		{"青石\n机械厂"},                        // 4: a name on two lines
		{"青石\r\n机械厂"},                      // 5
		{"青石\u2028机械厂"},                    // 6
		{"青石\u0085机械厂"},                    // 7
		{"青石\t机械厂", "\x7f"},                // 8: a tab is kept; DEL is refused
		{"  东街  \n"},                       // 9: a trailing line break is trimmed
	})
	// A formula's saved text is not decoded: the escape stays as it is.
	patchPart(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		return regexp.MustCompile(`<c r="A3" t="s"><v>[0-9]+</v></c>`).ReplaceAllString(s,
			`<c r="A3" t="str"><f>B1</f><v>青石_x001B_机械厂</v></c>`)
	})
	tbl, got := readProblems(t, path, textSpec)
	want := []string{"2/名称/import.control_char", "3/名称/import.control_char", "3/备注/import.control_char",
		"4/名称/import.line_break", "5/名称/import.line_break", "6/名称/import.line_break", "7/名称/import.line_break",
		"8/备注/import.control_char"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems\n%v\nwant\n%v", got, want)
	}
	p := mustProblems(t, tbl)
	var data []string
	for _, pr := range p.List {
		data = append(data, fmt.Sprintf("%v %v", pr.Data["Cell"], pr.Data["Char"]))
	}
	if strings.Join(data, ",") != "A2 U+001B,A3 _x001B_,B3 U+0007,A4 <nil>,A5 <nil>,A6 <nil>,A7 <nil>,B8 U+007F" {
		t.Errorf("data %v", data)
	}
	r := tbl.Records
	if r[0].Text("notes") != "第一行\n第二行" || r[0].Text("flag") != "yes" || r[1].Text("flag") != "no" ||
		r[6].Text("name") != "青石\t机械厂" || r[7].Text("name") != "东街" {
		t.Errorf("records %+v", r)
	}
}

// A workbook of several sheets names the sheet on every line when asked to.
func TestNameSheet(t *testing.T) {
	tbl, _ := readProblems(t, writeBook(t, "测试", [][]any{header, {"甲", nil, "未知"}}), testSpec)
	tr := func(key string, d map[string]any) string { return fmt.Sprintf("%v|%v", d["Sheet"], d["Row"]) }
	if got := mustProblems(t, tbl).Lines(tr); got[0] != "|2" {
		t.Errorf("line %q", got[0])
	}
	tbl.NameSheet = true
	if got := mustProblems(t, tbl).Lines(tr); got[0] != "测试|2" {
		t.Errorf("named line %q", got[0])
	}
}

// A sheet excelize finds where the workbook's relations put it, outside xl/worksheets.
func TestSheetPartElsewhere(t *testing.T) {
	path := writeBook(t, "测试", [][]any{header, {"甲", nil, "单位", dateNum("45366")}})
	b, _ := os.ReadFile(path)
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		name := zf.Name
		switch name {
		case "xl/worksheets/sheet1.xml":
			name = "xl/worksheets/sheet9.xml"
		case "xl/_rels/workbook.xml.rels":
			data = bytes.ReplaceAll(data, []byte("worksheets/sheet1.xml"), []byte("/xl/worksheets/sheet9.xml"))
		case "[Content_Types].xml":
			data = bytes.ReplaceAll(data, []byte("sheet1.xml"), []byte("sheet9.xml"))
		}
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	path = filepath.Join(t.TempDir(), "moved.xlsx")
	os.WriteFile(path, out.Bytes(), 0o600)
	tbl, got := readProblems(t, path, testSpec)
	if d, ok := tbl.Records[0].Date("day"); got != nil || !ok || d.Year() != 2024 {
		t.Errorf("problems %v, date %v %v", got, d, ok)
	}
}

// A date cell of ISO type ("d", as some programs write dates) reads its day; an error
// value (#VALUE!) is no date.
func TestISOAndErrorCells(t *testing.T) {
	path := writeBook(t, "测试", [][]any{header, {"甲", nil, "单位", "x"}, {"乙", nil, "单位", "x"}, {"丙", nil, "单位", "x"}})
	patchPart(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		s = regexp.MustCompile(`<c r="D2"[^>]*>.*?</c>`).ReplaceAllString(s, `<c r="D2" t="d"><v>2024-03-15T00:00:00Z</v></c>`)
		s = regexp.MustCompile(`<c r="D3"[^>]*>.*?</c>`).ReplaceAllString(s, `<c r="D3" t="d"><v>1905-07-18T00:00:00Z</v></c>`)
		return regexp.MustCompile(`<c r="D4"[^>]*>.*?</c>`).ReplaceAllString(s, `<c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
	})
	tbl, got := readProblems(t, path, testSpec)
	if !slices.Equal(got, []string{"3/日期（开始）/import.date_range", "4/日期（开始）/import.bad_date"}) {
		t.Errorf("problems %v", got)
	}
	if d, ok := tbl.Records[0].Date("day"); !ok || d != time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC) {
		t.Errorf("ISO date %v %v", d, ok)
	}
	if v := mustProblems(t, tbl).List[1].Data["Value"]; v != "#DIV/0!" {
		t.Errorf("error value quoted as %v", v)
	}
}
