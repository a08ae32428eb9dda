package activityimport_test

import (
	"fmt"
	"testing"
	"time"

	"townledger/app/activityimport"
	"townledger/app/workbook/workbooktest"
)

// The 日期 column reads a real Excel date or a date written out, and refuses the slips that
// used to read as dates of 1900–1905 or 2454 (2026.3, 202603, 45, TRUE, a plain number …),
// quoting the cell.
func TestActivityDates(t *testing.T) {
	s := newStore(t)
	for i, dc := range workbooktest.DateCells(time.Date(2024, 6, 16, 0, 0, 0, 0, time.UTC)) {
		t.Run(dc.Name, func(t *testing.T) {
			row := month()
			row["title"], row["held_on"] = fmt.Sprintf("活动%d", i), "2024-01-01"
			path := book(t, row)
			workbooktest.PutDate(t, path, "", "日期", 2, dc)
			res, err := activityimport.Import(ctx, s, admin, path, today)
			workbooktest.Check(t, err, dc, 2, "日期")
			found := false
			for _, a := range stored(t, s) {
				if a.Title == row["title"] {
					found = true
					if a.HeldOn != "2024-06-16" {
						t.Errorf("held on %s", a.HeldOn)
					}
				}
			}
			if found != (dc.Key == "") || dc.Key == "" && res.Recorded != 1 {
				t.Errorf("stored %v, result %+v", found, res)
			}
		})
	}
}

// Notes keep their lines; a line break in a one-line column is refused, naming the cell.
func TestLineBreaks(t *testing.T) {
	s := newStore(t)
	row := month()
	row["notes"] = "现场有奖问答\n发放宣传品"
	if _, err := activityimport.Import(ctx, s, admin, book(t, row), today); err != nil {
		t.Fatal(err)
	}
	if got := stored(t, s); len(got) != 1 || got[0].Notes != "现场有奖问答\n发放宣传品" {
		t.Errorf("stored %+v", got)
	}
	row = month()
	row["title"], row["place_name"] = "消防宣传", "青石\n社区广场"
	_, err := activityimport.Import(ctx, s, admin, book(t, row), today)
	if probs := refused(t, err, "2|场所名称|import.line_break"); len(probs) == 1 && probs[0].Data["Cell"] != "E2" {
		t.Errorf("cell %v", probs[0].Data)
	}
}
