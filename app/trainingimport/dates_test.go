package trainingimport_test

import (
	"fmt"
	"testing"
	"time"

	"townledger/app/training"
	"townledger/app/trainingimport"
	"townledger/app/workbook/workbooktest"
)

// The date columns of the three workbooks read a real Excel date or a date written out,
// and refuse the slips that used to read as dates of 1900–1905 or 2454 (2026.3, 202603, 45,
// TRUE, a plain number …), quoting the cell.
var dateDay = time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)

func TestStaffDueDates(t *testing.T) {
	s := newStore(t)
	for i, dc := range workbooktest.DateCells(dateDay) {
		t.Run(dc.Name, func(t *testing.T) {
			name := fmt.Sprintf("人员%d", i)
			path := book(t, trainingimport.StaffSpec, map[string]any{"name": name, "cert_due_on": "2030-01-01"})
			workbooktest.PutDate(t, path, "", "年审日期", 2, dc)
			_, err := trainingimport.ImportStaff(ctx, s, admin, path, today)
			workbooktest.Check(t, err, dc, 2, "年审日期")
			for _, p := range roster(t, s) {
				if p.Name == name && (dc.Key != "" || p.CertDueOn != "2024-03-15") {
					t.Errorf("stored %+v", p)
				}
			}
		})
	}
}

func TestTrainingDates(t *testing.T) {
	s := newStore(t)
	for i, dc := range workbooktest.DateCells(dateDay) {
		t.Run(dc.Name, func(t *testing.T) {
			title := fmt.Sprintf("培训%d", i)
			path := book(t, trainingimport.TrainingsSpec, session(title, "2024-01-01"))
			workbooktest.PutDate(t, path, "", "日期", 2, dc)
			_, err := trainingimport.ImportTrainings(ctx, s, admin, path, today)
			workbooktest.Check(t, err, dc, 2, "日期")
			found := false
			for _, x := range sessions(t, s) {
				if x.Title == title {
					found = true
					if x.HeldOn != "2024-03-15" {
						t.Errorf("held on %s", x.HeldOn)
					}
				}
			}
			if found != (dc.Key == "") {
				t.Errorf("stored: %v", found)
			}
		})
	}
}

func TestAttendanceDates(t *testing.T) {
	s := newStore(t)
	cells := workbooktest.DateCells(dateDay)
	for i := range cells {
		if _, err := training.SaveStaff(ctx, s, admin, training.Person{Name: fmt.Sprintf("人员%d", i), Unit: "应急办"}); err != nil {
			t.Fatal(err)
		}
	}
	id, err := training.SaveSession(ctx, s, admin, training.Session{Title: "消防知识", Category: "新法专题",
		HeldOn: "2024-03-15", StartsAt: "09:00", EndsAt: "11:00", Hours: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, dc := range cells {
		t.Run(dc.Name, func(t *testing.T) {
			path := book(t, trainingimport.AttendanceSpec,
				map[string]any{"title": "消防知识", "held_on": "2030-01-01", "name": fmt.Sprintf("人员%d", i)})
			workbooktest.PutDate(t, path, "", "日期", 2, dc)
			res, err := trainingimport.ImportAttendance(ctx, s, admin, path, today)
			workbooktest.Check(t, err, dc, 2, "日期")
			if dc.Key == "" {
				n++
				if res.SessionID != id || res.Date != "2024-03-15" {
					t.Errorf("result %+v", res)
				}
			}
			if _, list, err := training.LoadSession(ctx, s, id); err != nil || len(list) != n {
				t.Errorf("%d attendees, want %d (%v)", len(list), n, err)
			}
		})
	}
}
