package data

import (
	"context"
	"testing"
)

func TestCalendarDays(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)

	audits := func() int {
		t.Helper()
		n, err := s.AuditCount(ctx, "calendar_day")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	list := func() []CalendarDay {
		t.Helper()
		days, err := s.CalendarDays(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return days
	}
	write := func(fn func(*Tx) error) error {
		return s.Write(ctx, alice, fn)
	}

	if got := list(); len(got) != 0 {
		t.Fatalf("fresh store has calendar days %v", got)
	}

	// Round trip, out of date order on purpose.
	err := write(func(tx *Tx) error {
		if err := tx.SetCalendarDay(CalendarDay{Day: "2024-10-01", Kind: "holiday", Name: "国庆节"}); err != nil {
			return err
		}
		return tx.SetCalendarDay(CalendarDay{Day: "2024-09-29", Kind: "workday", Name: "国庆节"})
	})
	if err != nil {
		t.Fatalf("set: %v", err)
	}
	got := list()
	if len(got) != 2 || got[0].Day != "2024-09-29" || got[0].Kind != "workday" || got[0].Name != "国庆节" ||
		got[1].Day != "2024-10-01" || got[1].Kind != "holiday" || got[0].ID == "" || got[1].ID == "" {
		t.Fatalf("after insert: %+v", got)
	}
	if n := audits(); n != 2 {
		t.Errorf("%d audit rows after two inserts, want 2", n)
	}
	firstID := got[1].ID

	// Update in place: same record, new kind and name.
	if err := write(func(tx *Tx) error {
		return tx.SetCalendarDay(CalendarDay{Day: "2024-10-01", Kind: "workday", Name: "改"})
	}); err != nil {
		t.Fatalf("update: %v", err)
	}
	got = list()
	if len(got) != 2 || got[1].ID != firstID || got[1].Kind != "workday" || got[1].Name != "改" {
		t.Fatalf("after update: %+v", got)
	}
	if n := audits(); n != 3 {
		t.Errorf("%d audit rows after an update, want 3", n)
	}
	page, err := s.AuditPage(ctx, 0, 1)
	if err != nil || len(page) != 1 || page[0].Action != "update" || page[0].EntityID != firstID || page[0].UserID != alice.UserID {
		t.Errorf("last audit row %+v, %v; want alice's update of %s", page, err, firstID)
	}

	// Delete, delete again, and set the date anew.
	if err := write(func(tx *Tx) error { return tx.DeleteCalendarDay("2024-09-29") }); err != nil {
		t.Fatalf("delete: %v", err)
	}
	got = list()
	if len(got) != 1 || got[0].Day != "2024-10-01" {
		t.Fatalf("after delete: %+v", got)
	}
	if n := audits(); n != 4 {
		t.Errorf("%d audit rows after a delete, want 4", n)
	}
	err = write(func(tx *Tx) error { return tx.DeleteCalendarDay("2024-09-29") })
	if KindOf(err) != ErrNotFound {
		t.Errorf("deleting a deleted day: %v, want ErrNotFound", err)
	}
	if err := write(func(tx *Tx) error {
		return tx.SetCalendarDay(CalendarDay{Day: "2024-09-29", Kind: "workday", Name: "国庆节"})
	}); err != nil {
		t.Fatalf("set a deleted day again: %v", err)
	}
	if got = list(); len(got) != 2 || got[0].Day != "2024-09-29" {
		t.Fatalf("after re-adding: %+v", got)
	}
	if n := audits(); n != 5 {
		t.Errorf("%d audit rows after re-adding, want 5", n)
	}

	// Refusals write nothing.
	for _, bad := range []CalendarDay{
		{Day: "2024-2-10", Kind: "holiday"},
		{Day: "2024-02-30", Kind: "holiday"},
		{Day: "2024-02-10", Kind: "Holiday"},
		{Day: "2024-02-10"},
	} {
		if err := write(func(tx *Tx) error { return tx.SetCalendarDay(bad) }); err == nil {
			t.Errorf("SetCalendarDay(%+v) accepted", bad)
		}
	}
	if n := audits(); n != 5 || len(list()) != 2 {
		t.Errorf("refused writes left %d audit rows and %d days", n, len(list()))
	}
	if b, _, err := s.VerifyAudit(ctx); err != nil || b != nil {
		t.Errorf("audit chain: %+v, %v", b, err)
	}
}
