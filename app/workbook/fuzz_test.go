package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/ids"
	"townledger/app/problem"
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
				again, err := parseCell(c, textCell(Cell(v)), false)
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

// slips are what an outside tester found read as dates of 1900–1905 and 2454; no cell
// holding one is a date, whatever its type or format.
var slips = map[string]bool{"2026.3": true, "2026.10": true, "2026.1": true, "2026": true, "202603": true, "1": true,
	"45": true, "TRUE": true, "FALSE": true}

// FuzzDateCell feeds arbitrary text to a date column as each kind of cell: anything read
// must be a day between MinDate and MaxDate, at midnight UTC, that reads again the same from
// the text Cell writes; the slips are refused, and so is any number not in a date-formatted
// number cell; a refusal has one of the date keys and quotes the cell.
func FuzzDateCell(f *testing.F) {
	for _, s := range []string{"2024-03-15", "2024/3/15", "2024.3.15", "2024年3月15日", "２０２４年３月１５日", "45366",
		"45366.75", "2026.3", "2026.10", "2026", "202603", "1", "45", "TRUE", "FALSE", "0", "-1", "1e300", "NaN",
		"2958465", "2024-03-15T00:00:00Z", "1949-12-31", "2101-01-01", "18264", "73415", " 2024-3-15 "} {
		for kind := range uint8(5) {
			f.Add(s, kind, true, false)
			f.Add(s, kind, false, true)
		}
	}
	col := Column{Name: "day", Header: "日期", Date: true}
	numberRE := regexp.MustCompile(`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
	f.Fuzz(func(t *testing.T, s string, kind uint8, dateFmt, date1904 bool) {
		x := cell{text: s, kind: cellKind(kind % 5), dateFmt: dateFmt}
		v, err := parseCell(col, x, date1904)
		trimmed := ids.Normalize(strings.TrimFunc(s, isSpace))
		if err != nil {
			p := problem.From(err)
			switch p.Key {
			case KeyBadDate, KeyDateRange, KeyDateNumber:
				if p.Data["Value"] != clip(strings.TrimFunc(s, isSpace), 40) {
					t.Fatalf("%q refused quoting %q", s, p.Data["Value"])
				}
			case KeyTooLong:
			default:
				t.Fatalf("%q refused with %s", s, p.Key)
			}
			return
		}
		d, ok := v.(time.Time)
		if !ok || d.Before(MinDate) || d.After(MaxDate) || d.Location() != time.UTC || d.Hour()+d.Minute()+d.Second()+d.Nanosecond() != 0 {
			t.Fatalf("%q (kind %d, date format %v) read as %v", s, x.kind, dateFmt, v)
		}
		if slips[trimmed] || slips[strings.ToUpper(trimmed)] {
			t.Fatalf("the slip %q (kind %d, date format %v) read as %v", s, x.kind, dateFmt, d)
		}
		if numberRE.MatchString(trimmed) && (x.kind != kindNumber || !dateFmt) {
			t.Fatalf("the number %q (kind %d, date format %v) read as %v", s, x.kind, dateFmt, d)
		}
		again, err := parseCell(col, textCell(Cell(d)), false)
		if err != nil || !again.(time.Time).Equal(d) {
			t.Fatalf("%v written as %q reads as %v, %v", d, Cell(d), again, err)
		}
	})
}
