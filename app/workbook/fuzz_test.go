package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// bookBytes builds a workbook in memory for fuzz seeds.
func bookBytes(tb testing.TB, sheet string, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", sheet)
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if n, ok := v.(num); ok {
				f.SetCellDefault(sheet, cell, string(n))
			} else if v != nil {
				f.SetCellValue(sheet, cell, v)
			}
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// FuzzReadWorkbook feeds arbitrary bytes to the reader: it must refuse or read them without
// panicking, and every value it reads must parse again, unchanged, from the text Cell
// writes for it (what an export or a corrected re-import would do).
func FuzzReadWorkbook(f *testing.F) {
	f.Add(bookBytes(f, "测试", [][]any{header,
		{"青石机械厂", "91110000600037341L", "单位", "2024-03-15", "东街"},
		{"张三", nil, "个人", num("45366"), nil},
		{"乙", "91110000600037341K", "公司", "昨天"},
	}))
	f.Add(bookBytes(f, "Sheet1", [][]any{{"标题"}, nil, {"Name", "Type", "Date"}, {"甲", "org", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}}))
	tpl, err := buildTemplate(testSpec)
	if err != nil {
		f.Fatal(err)
	}
	b, _ := tpl.WriteToBuffer()
	f.Add(b.Bytes())
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte(`<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>7</v></c></row></sheetData></worksheet>`))
	zw.Close()
	f.Add(zb.Bytes())
	f.Add([]byte("名称,类型\n甲,单位\n"))
	f.Add([]byte{})
	f.Add(append([]byte{}, oleMagic...))

	f.Fuzz(func(t *testing.T, data []byte) {
		tbl, err := ReadFrom(context.Background(), bytes.NewReader(data), testSpec, nil)
		if err != nil {
			if keyOf(err) == "" || keyOf(err) == "error.unexpected" {
				t.Fatalf("refusal without a key: %v", err)
			}
			return
		}
		last := 0
		for _, r := range tbl.Records {
			if r.Row <= last {
				t.Fatalf("row %d after row %d", r.Row, last)
			}
			last = r.Row
			for name, v := range r.Values {
				c, _, ok := testSpec.Column(name)
				if !ok {
					t.Fatalf("value for unknown column %s", name)
				}
				again, err := parseCell(c, Cell(v), false)
				if err != nil || !reflect.DeepEqual(again, v) {
					t.Fatalf("row %d %s: %#v written as %q reads as %#v, %v", r.Row, name, v, Cell(v), again, err)
				}
			}
		}
		if err := tbl.Err(); err != nil {
			p := err.(*Problems)
			if len(p.List) > MaxProblems {
				t.Fatalf("%d problems kept", len(p.List))
			}
			for _, pr := range p.List {
				if pr.Row < 1 || pr.Key == "" {
					t.Fatalf("problem %+v", pr)
				}
			}
			p.Lines(func(key string, d map[string]any) string { return key })
		}
	})
}
