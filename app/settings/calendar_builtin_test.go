package settings_test

import (
	"context"
	"testing"
	"time"

	"townledger/app/officetest"
	"townledger/app/settings"
	"townledger/data"
)

// A ledger set up before 2026 was shipped gets 2026 at its next start; a year the office
// entered itself stays as it was.
func TestBuiltinYearsAreAddedToOlderLedgers(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	// As set up by an older program: no 2026, and one day of 2027 entered by hand.
	err := s.Write(ctx, data.System, func(tx *data.Tx) error {
		days, err := s.CalendarDays(ctx)
		if err != nil {
			return err
		}
		for _, d := range days {
			if d.Day[:4] == "2026" {
				if err := tx.DeleteCalendarDay(d.Day); err != nil {
					return err
				}
			}
		}
		return tx.SetCalendarDay(data.CalendarDay{Day: "2027-01-01", Kind: "holiday", Name: "元旦"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if y, _ := settings.CalendarGap(ctx, s, time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local)); y != 2026 {
		t.Errorf("the gap in March 2026 is %d, want 2026", y)
	}
	years, err := settings.AddBuiltinYears(ctx, s)
	if err != nil || len(years) != 1 || years[0] != 2026 {
		t.Fatalf("added %v (%v), want [2026]", years, err)
	}
	cal, err := settings.Calendar(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	// Notice served on 30 September 2026: 5 working days run to 13 October (National Day).
	if got := cal.AddWorkdays(time.Date(2026, 9, 30, 0, 0, 0, 0, time.Local), 5).Format("2006-01-02"); got != "2026-10-13" {
		t.Errorf("5 working days after 2026-09-30 end on %s, want 2026-10-13", got)
	}
	if again, _ := settings.AddBuiltinYears(ctx, s); len(again) != 0 {
		t.Errorf("added %v a second time", again)
	}
	for _, c := range []struct {
		today string
		want  int
	}{{"2026-11-30", 0}, {"2026-12-01", 0}, {"2027-12-01", 2028}} {
		today, _ := time.ParseInLocation("2006-01-02", c.today, time.Local)
		if y, _ := settings.CalendarGap(ctx, s, today); y != c.want {
			t.Errorf("gap on %s: %d, want %d", c.today, y, c.want)
		}
	}
}
