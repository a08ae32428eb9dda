package settings

import (
	"context"
	"path/filepath"
	"testing"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/app/workdays"
	"townledger/data"
)

func TestCalendarEditing(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "c.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	})
	admin := auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	officer := auth.Session{UserID: "o", Username: "li", Roles: []auth.Role{auth.Officer}}
	cases := []struct {
		by   auth.Session
		day  workdays.Day
		want string
	}{
		{admin, workdays.Day{Date: "2026-01-01", Kind: workdays.Holiday, Name: "元旦"}, ""},
		{admin, workdays.Day{Date: "2026-02-14", Kind: workdays.Workday, Name: "春节调休"}, ""}, // a Saturday
		{admin, workdays.Day{Date: "2026-02-16", Kind: workdays.Workday}, "calendar.workday.weekday"},
		{admin, workdays.Day{Date: "2026-02-15", Kind: workdays.Holiday}, "calendar.holiday.weekend"},
		{admin, workdays.Day{Date: "2026-2-1", Kind: workdays.Holiday}, "calendar.date.invalid"},
		{officer, workdays.Day{Date: "2026-01-02", Kind: workdays.Holiday}, "perm.denied"},
	}
	for _, c := range cases {
		err := SetCalendarDay(ctx, s, c.by, c.day)
		got := ""
		if p := problem.From(err); p != nil {
			got = p.Key
		}
		if got != c.want {
			t.Errorf("%+v: %q, want %q", c.day, got, c.want)
		}
	}
	days, _ := CalendarDays(ctx, s)
	if len(days) != 2 || days[1].Kind != workdays.Workday {
		t.Errorf("days %+v", days)
	}
	if err := DeleteCalendarDay(ctx, s, admin, "2026-01-01"); err != nil {
		t.Fatal(err)
	}
	if days, _ := CalendarDays(ctx, s); len(days) != 1 {
		t.Errorf("after delete: %+v", days)
	}
}
