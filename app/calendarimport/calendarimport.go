// Package calendarimport brings a year's holiday schedule (节假日与调休) into the working-day
// calendar from a one-sheet workbook: the State Council's notice typed as rows of date
// ranges, or the sheet the district bureau publishes. The years a file covers are replaced
// whole — the file is the schedule for them — in one transaction, or nothing changes.
package calendarimport

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/app/workdays"
	"townledger/data"

	"github.com/xuri/excelize/v2"
)

// Kind is the import's name on the command line.
const Kind = "calendar"

// Column names.
const (
	FieldFrom = "from"
	FieldTo   = "to"
	FieldKind = "kind"
	FieldName = "name"
)

// Translation keys this package returns, with their data.
const (
	KeyToBefore  = "import.calendar.to_before" // From, To
	KeyTooLong   = "import.calendar.too_long"  // From, To, Max
	KeyWeekday   = "import.calendar.weekday"   // Date
	KeyRepeated  = "import.calendar.repeated"  // Date, First
	KeyEmptyFile = "import.calendar.empty"     //
	KeyExists    = "calendar.export.exists"    // Path
	KeyWrite     = "calendar.export.write"     // Path, Detail
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyToBefore, KeyTooLong, KeyWeekday, KeyRepeated, KeyEmptyFile, KeyExists, KeyWrite}
}

// maxRange is the longest run of days one row may give: the longest holiday (春节, 国庆) is
// 8 or 9 days; a longer range is a typing slip.
const maxRange = 15

var kinds = map[string]string{"节假日": "holiday", "放假": "holiday", "调休上班": "workday", "上班": "workday"}

var kindsShown = []string{"节假日", "调休上班"}

// Spec is the calendar workbook: one row per holiday run or swapped working day.
var Spec = func() workbook.Spec {
	from := workbook.Column{Name: FieldFrom, Header: "日期", English: "Date", Required: true, Desc: "放假或调休上班的日期；连续放假可只写第一天，在「至」列写最后一天"}
	from.Date = true
	to := workbook.Column{Name: FieldTo, Header: "至", English: "To", Desc: "连续放假的最后一天；单日留空"}
	to.Date = true
	kind := workbook.Column{Name: FieldKind, Header: "类型", English: "Kind", Required: true, Desc: "放假填「节假日」，周末调休上班填「调休上班」",
		Choices: kindsShown, Parse: workbook.OneOf(kinds, kindsShown)}
	name := workbook.Column{Name: FieldName, Header: "名称", English: "Name", Desc: "节日名称，如 春节、国庆节", MaxLen: 20}
	return workbook.Spec{
		Kind: Kind, Title: "节假日与调休", Sheet: "节假日与调休",
		Columns: []workbook.Column{from, to, kind, name},
		Example: []string{"2026-02-15", "2026-02-23", "节假日", "示例：春节（导入时跳过）"},
		Notes: []string{
			"按国务院办公厅当年发布的节假日安排填写：每段放假一行（写第一天和最后一天），每个调休上班日一行。",
			"文件中出现的年份，其节假日安排以本文件为准整体替换；其他年份不变。",
			"调休上班日必须是周六或周日。",
		},
	}
}()

// Result is what an import did.
type Result struct {
	Years []int // the years replaced
	Days  int   // calendar days stored for them
}

// Import reads the calendar workbook at path and replaces the schedule of every year it
// covers. by must be allowed to change settings.
func Import(ctx context.Context, store *data.Store, by auth.Session, path string) (Result, error) {
	var res Result
	if err := by.Require(auth.ManageSettings); err != nil {
		return res, err
	}
	days := map[string]workdays.Day{}
	firstRow := map[string]int{}
	check := func(r workbook.Record, report func(string, error)) {
		from, ok := r.Date(FieldFrom)
		if !ok {
			return
		}
		to, hasTo := r.Date(FieldTo)
		if !hasTo {
			to = from
		}
		switch {
		case to.Before(from):
			report(FieldTo, problem.New(KeyToBefore, map[string]any{"From": date(from), "To": date(to)}))
			return
		case to.Sub(from) >= maxRange*24*time.Hour:
			report(FieldTo, problem.New(KeyTooLong, map[string]any{"From": date(from), "To": date(to), "Max": maxRange}))
			return
		}
		kind, _ := r.Values[FieldKind].(string)
		k, err := workdays.ParseKind(kind)
		if err != nil {
			return // the column's own parser has reported it
		}
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			ds := date(d)
			if weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday; k == workdays.Workday && !weekend {
				report(FieldFrom, problem.New(KeyWeekday, map[string]any{"Date": ds}))
				return
			}
			if first, ok := firstRow[ds]; ok {
				report(FieldFrom, problem.New(KeyRepeated, map[string]any{"Date": ds, "First": first}))
				return
			}
			firstRow[ds] = r.Row
			days[ds] = workdays.Day{Date: ds, Kind: k, Name: strings.TrimSpace(r.Text(FieldName))}
		}
	}
	tbl, err := workbook.Read(ctx, path, Spec, check)
	if err != nil {
		return res, err
	}
	if err := tbl.Err(); err != nil {
		return res, err
	}
	if len(days) == 0 {
		return res, problem.New(KeyEmptyFile, nil)
	}
	years := map[string]bool{}
	for ds := range days {
		years[ds[:4]] = true
	}
	existing, err := store.CalendarDays(ctx)
	if err != nil {
		return res, err
	}
	next := make([]data.CalendarDay, 0, len(days))
	for _, d := range days {
		next = append(next, data.CalendarDay{Day: d.Date, Kind: d.Kind.String(), Name: d.Name})
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error { return ReplaceYears(tx, existing, next) })
	if err != nil {
		return res, err
	}
	for y := range years {
		var n int
		fmt.Sscan(y, &n)
		res.Years = append(res.Years, n)
	}
	sort.Ints(res.Years)
	res.Days = len(days)
	return res, nil
}

// ReplaceYears makes the calendar's years that next covers exactly next, in tx (an import's
// transaction, or a district package's): the existing days of those years that next lacks are
// deleted, every day of next is set. Other years are left as they are.
func ReplaceYears(tx *data.Tx, existing, next []data.CalendarDay) error {
	years, keep := map[string]bool{}, map[string]bool{}
	for _, d := range next {
		years[d.Day[:4]], keep[d.Day] = true, true
	}
	for _, d := range existing {
		if years[d.Day[:4]] && !keep[d.Day] {
			if err := tx.DeleteCalendarDay(d.Day); err != nil {
				return fmt.Errorf("replace %s: %w", d.Day, err)
			}
		}
	}
	for _, d := range next {
		if err := tx.SetCalendarDay(d); err != nil {
			return err
		}
	}
	return nil
}

func date(t time.Time) string { return t.Format(data.DateLayout) }

// Service is this package's work on one open ledger.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// Import is the package's Import on this ledger.
func (v Service) Import(ctx context.Context, by auth.Session, path string) (Result, error) {
	return Import(ctx, v.store, by, path)
}

// Export writes the stored schedule of the given years (all years when none) as the sheet
// Import reads, so a district bureau can publish its calendar to its towns.
func Export(ctx context.Context, store *data.Store, path string, years ...int) (int, error) {
	if err := workbook.CheckNew(path); err != nil {
		return 0, workbook.SaveError(err, path, KeyExists, KeyWrite)
	}
	stored, err := store.CalendarDays(ctx)
	if err != nil {
		return 0, err
	}
	want := map[string]bool{}
	for _, y := range years {
		want[fmt.Sprint(y)] = true
	}
	x := excelize.NewFile()
	defer x.Close()
	sheet := Spec.Sheet
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return 0, fmt.Errorf("calendar sheet: %w", err)
	}
	head := make([]any, len(Spec.Columns))
	for i, c := range Spec.Columns {
		head[i] = workbook.HeaderText(c)
	}
	if err := x.SetSheetRow(sheet, "A1", &head); err != nil {
		return 0, fmt.Errorf("calendar sheet: %w", err)
	}
	shown := map[string]string{"holiday": kindsShown[0], "workday": kindsShown[1]}
	n := 0
	for _, d := range stored {
		if len(want) > 0 && !want[d.Day[:4]] {
			continue
		}
		n++
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := x.SetSheetRow(sheet, cell, &[]any{d.Day, "", shown[d.Kind], d.Name}); err != nil {
			return 0, fmt.Errorf("calendar sheet: %w", err)
		}
	}
	for i, w := range []float64{14, 14, 12, 16} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetColWidth(sheet, col, col, w); err != nil {
			return 0, fmt.Errorf("calendar sheet: %w", err)
		}
	}
	return n, workbook.SaveError(workbook.SaveNew(ctx, x, path), path, KeyExists, KeyWrite)
}

// Export is the package's Export on this ledger.
func (v Service) Export(ctx context.Context, path string, years ...int) (int, error) {
	return Export(ctx, v.store, path, years...)
}
