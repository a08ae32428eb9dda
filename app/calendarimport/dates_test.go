package calendarimport_test

import (
	"context"
	"testing"
	"time"

	"townledger/app/calendarimport"
	"townledger/app/officetest"
	"townledger/app/settings"
	"townledger/app/workbook/workbooktest"
)

// The 日期 and 至 columns read a real Excel date or a date written out, and refuse the slips
// that used to read as dates of 1900–1905 or 2454 (2026.3, 202603, 45, TRUE, a plain
// number …), quoting the cell.
func TestCalendarDates(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	for _, col := range []struct {
		header string
		day    time.Time
		row    map[string]any
	}{
		{"日期", time.Date(2027, 10, 1, 0, 0, 0, 0, time.UTC), map[string]any{"from": "2030-01-01", "kind": "节假日", "name": "国庆节"}},
		{"至", time.Date(2027, 10, 7, 0, 0, 0, 0, time.UTC),
			map[string]any{"from": "2027-10-01", "to": "2030-01-01", "kind": "节假日", "name": "国庆节"}},
	} {
		for _, dc := range workbooktest.DateCells(col.day) {
			t.Run(col.header+"/"+dc.Name, func(t *testing.T) {
				path := officetest.Book(t, calendarimport.Spec, col.row)
				workbooktest.PutDate(t, path, "", col.header, 2, dc)
				_, err := calendarimport.Import(ctx, s, admin, path)
				workbooktest.Check(t, err, dc, 2, col.header)
				if dc.Key != "" {
					return
				}
				days, _ := settings.CalendarDays(ctx, s)
				found := false
				for _, d := range days {
					found = found || d.Date == col.day.Format("2006-01-02")
				}
				if !found {
					t.Errorf("%s not stored", col.day.Format("2006-01-02"))
				}
			})
		}
	}
}
