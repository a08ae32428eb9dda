// Package workbooktest gives the import packages' tests the date cells a person may leave
// in a workbook — real Excel dates, dates typed as text, and the slips that must be refused
// (2026.3, 202603, 45, TRUE …) — and the check of what an import made of one. Only tests
// import it.
package workbooktest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/workbook"
)

// DateCell is one way a date cell may be filled in, and what an import must make of it.
type DateCell struct {
	Name  string
	Put   func(x *excelize.File, sheet, cell string) error
	Key   string // "" when the cell must read as the day; else the refusal's key
	Value string // the text the refusal quotes
}

func text(s string) func(x *excelize.File, sheet, cell string) error {
	return func(x *excelize.File, sheet, cell string) error { return x.SetCellStr(sheet, cell, s) }
}

// number puts f into the cell with a style of number format id, or of format code when
// code is not "" (id 0 and no code: General, in a style of its own, as a cell someone made
// bold holds it).
func number(f float64, id int, code string) func(x *excelize.File, sheet, cell string) error {
	return func(x *excelize.File, sheet, cell string) error {
		st := &excelize.Style{NumFmt: id}
		if code != "" {
			st.CustomNumFmt = &code
		}
		if id == 0 && code == "" {
			st.Font = &excelize.Font{Bold: true}
		}
		style, err := x.NewStyle(st)
		if err != nil {
			return err
		}
		if err := x.SetCellFloat(sheet, cell, f, -1, 64); err != nil {
			return err
		}
		return x.SetCellStyle(sheet, cell, cell, style)
	}
}

func boolean(b bool) func(x *excelize.File, sheet, cell string) error {
	return func(x *excelize.File, sheet, cell string) error { return x.SetCellBool(sheet, cell, b) }
}

// DateCells are the cells to try in a date column: day (which must lie in 2000–2099) as
// Excel stores a date — a number in a date-formatted cell, built-in, Chinese custom, or as
// excelize writes a time.Time — and as text in each accepted form; then the slips an outside
// tester found read as dates of 1900–1905 or 2454, which must be refused quoting the cell:
// 2026.3, 2026.10, 2026, 202603, 1, 45 as text, as date-formatted numbers and as plain
// numbers, TRUE and FALSE, and the right day's serial in a cell not formatted as a date.
func DateCells(day time.Time) []DateCell {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	serial := float64(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
	y, m, dd := d.Year(), int(d.Month()), d.Day()
	wide := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, fmt.Sprintf("%d年%d月%d日", y, m, dd))
	list := []DateCell{
		{Name: "Excel date written as a time", Put: func(x *excelize.File, sheet, cell string) error {
			return x.SetCellValue(sheet, cell, d)
		}},
		{Name: "serial, built-in date format 14", Put: number(serial, 14, "")},
		{Name: "serial with a time of day, custom yyyy年m月d日", Put: number(serial+0.75, 0, `yyyy"年"m"月"d"日";@`)},
		{Name: "serial, custom [$-804]yyyy/m/d", Put: number(serial, 0, `[$-804]yyyy/m/d`)},
		{Name: "text with dashes", Put: text(d.Format("2006-01-02"))},
		{Name: "text with slashes", Put: text(fmt.Sprintf("%d/%d/%d", y, m, dd))},
		{Name: "text with dots", Put: text(fmt.Sprintf("%d.%d.%d", y, m, dd))},
		{Name: "text 年月日", Put: text(fmt.Sprintf("%d年%d月%d日", y, m, dd))},
		{Name: "text full-width", Put: text(wide)},
	}
	for _, s := range []string{"2026.3", "2026.10", "2026", "202603", "1", "45", "TRUE", "45000"} {
		list = append(list, DateCell{Name: "text " + s, Put: text(s), Key: workbook.KeyBadDate, Value: s})
	}
	for _, f := range []float64{2026.3, 2026.1, 2026, 202603, 1, 45} {
		s := fmt.Sprint(f)
		list = append(list,
			DateCell{Name: "date-formatted number " + s, Put: number(f, 14, ""), Key: workbook.KeyDateRange, Value: s},
			DateCell{Name: "plain number " + s, Put: number(f, 0, ""), Key: workbook.KeyDateNumber, Value: s})
	}
	list = append(list,
		DateCell{Name: "plain number 45000", Put: number(45000, 0, ""), Key: workbook.KeyDateNumber, Value: "45000"},
		DateCell{Name: "the day's serial, not date-formatted", Put: number(serial, 0, ""), Key: workbook.KeyDateNumber,
			Value: fmt.Sprint(serial)},
		DateCell{Name: "number in a text-formatted cell", Put: number(serial, 49, ""), Key: workbook.KeyDateNumber,
			Value: fmt.Sprint(serial)},
		DateCell{Name: "logical TRUE", Put: boolean(true), Key: workbook.KeyBadDate, Value: "TRUE"},
		DateCell{Name: "logical FALSE", Put: boolean(false), Key: workbook.KeyBadDate, Value: "FALSE"},
	)
	return list
}

func fold(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), "*＊")
}

// PutDate opens the workbook at path and puts dc into row of the column headed header (in
// row 1) of sheet ("" for the first sheet), after clearing the cell's own style.
func PutDate(t testing.TB, path, sheet, header string, row int, dc DateCell) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if sheet == "" {
		sheet = x.GetSheetList()[0]
	}
	rows, err := x.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	col := 0
	for i, h := range rows[0] {
		if first, _, _ := strings.Cut(h, "\n"); fold(first) == header {
			col = i + 1
		}
	}
	if col == 0 {
		t.Fatalf("no column %s in %q", header, rows[0])
	}
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if err := x.SetCellStyle(sheet, cell, cell, 0); err != nil {
		t.Fatal(err)
	}
	if err := dc.Put(x, sheet, cell); err != nil {
		t.Fatal(err)
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
}

// Check checks what an import made of dc put into row of the column headed header: for a
// day, no problem at all; for a slip, the refusal of the file with exactly one problem, in
// that cell, with dc's key, quoting dc's text.
func Check(t testing.TB, err error, dc DateCell, row int, header string) {
	t.Helper()
	if dc.Key == "" {
		if err != nil {
			t.Fatalf("%s: refused: %v", dc.Name, err)
		}
		return
	}
	var p *workbook.Problems
	if !errors.As(err, &p) {
		t.Fatalf("%s: err = %v, want the cell refused", dc.Name, err)
	}
	var got []string
	for _, pr := range p.List {
		got = append(got, fmt.Sprintf("%d|%s|%s|%v", pr.Row, pr.Column, pr.Key, pr.Data["Value"]))
	}
	if want := fmt.Sprintf("%d|%s|%s|%s", row, header, dc.Key, dc.Value); len(got) != 1 || got[0] != want {
		t.Errorf("%s: problems\n%s\nwant\n%s", dc.Name, strings.Join(got, "\n"), want)
	}
}
