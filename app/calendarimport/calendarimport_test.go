package calendarimport_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/calendarimport"
	"townledger/app/officetest"
	"townledger/app/settings"
)

var admin = auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}

func day(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02", s, time.Local)
	return t
}

// The 2027 schedule as a clerk would type a notice: runs of holidays, single working days.
// (Dates invented for the test: the 2027 notice is not out yet.)
func TestImportReplacesTheYearsTheFileCovers(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	path := officetest.Book(t, calendarimport.Spec,
		map[string]any{"from": "2027-01-01", "kind": "节假日", "name": "元旦"},
		map[string]any{"from": "2027-02-06", "to": "2027-02-12", "kind": "节假日", "name": "春节"},
		map[string]any{"from": "2027年2月14日", "kind": "调休上班", "name": "春节"},
		map[string]any{"from": "2027-10-01", "to": "2027-10-07", "kind": "放假", "name": "国庆节"},
		map[string]any{"from": "2027-09-26", "kind": "上班", "name": "国庆节"},
	)
	cal, _ := settings.Calendar(ctx, s)
	if cal.Covers(2027) {
		t.Fatal("2027 already covered")
	}
	r, err := calendarimport.Import(ctx, s, admin, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Years) != 1 || r.Years[0] != 2027 || r.Days != 17 {
		t.Errorf("result %+v", r)
	}
	cal, _ = settings.Calendar(ctx, s)
	// Friday 2027-02-05 + 1 working day: the week of 春节 is off, Sunday 02-14 is worked.
	if got := cal.AddWorkdays(day("2027-02-05"), 1).Format("2006-01-02"); got != "2027-02-14" {
		t.Errorf("first working day after 2027-02-05: %s", got)
	}
	if !cal.Covers(2027) {
		t.Error("2027 not covered after import")
	}
	// Importing a corrected sheet for the year replaces it: the old 国庆 run is gone.
	fixed := officetest.Book(t, calendarimport.Spec,
		map[string]any{"from": "2027-01-01", "kind": "节假日", "name": "元旦"})
	if _, err := calendarimport.Import(ctx, s, admin, fixed); err != nil {
		t.Fatal(err)
	}
	days, _ := settings.CalendarDays(ctx, s)
	n := 0
	for _, d := range days {
		if d.Date[:4] == "2027" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("2027 holds %d days after the corrected import, want 1", n)
	}
	// Other years are untouched: 2026 stays as built in.
	cal, _ = settings.Calendar(ctx, s)
	if got := cal.AddWorkdays(day("2026-09-30"), 5).Format("2006-01-02"); got != "2026-10-13" {
		t.Errorf("2026 changed: 5 working days after 09-30 is %s", got)
	}
}

func TestImportRefusesAndKeepsTheCalendar(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	before, _ := settings.CalendarDays(ctx, s)
	path := officetest.Book(t, calendarimport.Spec,
		map[string]any{"from": "2027-02-12", "to": "2027-02-06", "kind": "节假日"},
		map[string]any{"from": "2027-02-15", "kind": "调休上班"}, // a Monday
		map[string]any{"from": "2027-01-01", "to": "2027-03-01", "kind": "节假日"},
		map[string]any{"from": "2027-05-03", "kind": "节假日"},
		map[string]any{"from": "2027-05-01", "to": "2027-05-05", "kind": "节假日"},
		map[string]any{"from": "2027-06-01", "kind": "休息"},
	)
	_, err := calendarimport.Import(ctx, s, admin, path)
	officetest.Refused(t, err,
		"2|至|import.calendar.to_before",
		"3|日期|import.calendar.weekday",
		"4|至|import.calendar.too_long",
		"6|日期|import.calendar.repeated",
		"7|类型|import.choice",
	)
	after, _ := settings.CalendarDays(ctx, s)
	if len(after) != len(before) {
		t.Errorf("calendar changed by a refused file: %d days, was %d", len(after), len(before))
	}
	officer := auth.Session{UserID: "o", Roles: []auth.Role{auth.Officer}}
	if _, err := calendarimport.Import(ctx, s, officer, path); err == nil {
		t.Error("an officer replaced the calendar")
	}
	empty := officetest.Book(t, calendarimport.Spec)
	if k, _ := officetest.Keys(func() error { _, err := calendarimport.Import(ctx, s, admin, empty); return err }()); len(k) != 1 || k[0] != "import.empty" {
		t.Errorf("empty file: %v", k)
	}
}

// What a district exports, a town imports: the schedule arrives unchanged.
func TestExportedScheduleImportsElsewhere(t *testing.T) {
	ctx := context.Background()
	district, town := officetest.NewStore(t), officetest.NewStore(t)
	path := filepath.Join(t.TempDir(), "节假日安排.xlsx")
	n, err := calendarimport.Export(ctx, district, path, 2026)
	if err != nil || n == 0 {
		t.Fatalf("export: %d days, %v", n, err)
	}
	if _, err := calendarimport.Export(ctx, district, path, 2026); err == nil {
		t.Error("export overwrote a file")
	}
	if _, err := calendarimport.Import(ctx, town, admin, path); err != nil {
		t.Fatal(err)
	}
	a, _ := settings.CalendarDays(ctx, district)
	b, _ := settings.CalendarDays(ctx, town)
	if len(a) != len(b) {
		t.Errorf("district %d days, town %d", len(a), len(b))
	}
}
