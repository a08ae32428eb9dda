package settings

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/app/workdays"
	"townledger/data"
)

// CalendarDays lists the holiday calendar's overrides: official holidays and swapped
// working weekends (调休), as stored and edited by the office.
func CalendarDays(ctx context.Context, s *data.Store) ([]workdays.Day, error) {
	rows, err := s.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]workdays.Day, 0, len(rows))
	for _, r := range rows {
		k, err := workdays.ParseKind(r.Kind)
		if err != nil {
			return nil, fmt.Errorf("calendar day %s: %w", r.Day, err)
		}
		out = append(out, workdays.Day{Date: r.Day, Kind: k, Name: r.Name})
	}
	return out, nil
}

// Calendar builds the working-day calendar from the stored days.
func Calendar(ctx context.Context, s *data.Store) (*workdays.Calendar, error) {
	days, err := CalendarDays(ctx, s)
	if err != nil {
		return nil, err
	}
	cal, err := workdays.New(days)
	if err != nil {
		return nil, fmt.Errorf("working-day calendar: %w", err)
	}
	return cal, nil
}

// SetCalendarDay records a holiday or a working weekend day, e.g. from the State Council's
// notice for a new year; an administrator's work.
func SetCalendarDay(ctx context.Context, s *data.Store, by auth.Session, d workdays.Day) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	d.Date = strings.TrimSpace(d.Date)
	t, err := time.Parse(workdays.DateLayout, d.Date)
	if err != nil || t.Format(workdays.DateLayout) != d.Date {
		return problem.OnField("date", "calendar.date.invalid", map[string]any{"Value": d.Date})
	}
	weekend := t.Weekday() == time.Saturday || t.Weekday() == time.Sunday
	switch {
	case d.Kind == workdays.Workday && !weekend:
		return problem.OnField("kind", "calendar.workday.weekday", map[string]any{"Date": d.Date})
	case d.Kind == workdays.Holiday && weekend:
		return problem.OnField("kind", "calendar.holiday.weekend", map[string]any{"Date": d.Date})
	case d.Kind != workdays.Holiday && d.Kind != workdays.Workday:
		return problem.OnField("kind", "calendar.kind.invalid", nil)
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		return tx.SetCalendarDay(data.CalendarDay{Day: d.Date, Kind: d.Kind.String(), Name: strings.TrimSpace(d.Name)})
	})
}

// DeleteCalendarDay returns a day to the ordinary week.
func DeleteCalendarDay(ctx context.Context, s *data.Store, by auth.Session, date string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.DeleteCalendarDay(date) })
}

// AddBuiltinYears stores the built-in schedule of every year the office's calendar holds no
// day of yet — so a ledger set up with an older program gets the years shipped since — and
// returns those years. A year the office entered or imported itself is left as it is.
func AddBuiltinYears(ctx context.Context, s *data.Store) ([]int, error) {
	stored, err := CalendarDays(ctx, s)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, d := range stored {
		have[d.Date[:4]] = true
	}
	var add []workdays.Day
	var years []int
	for _, d := range workdays.Builtin() {
		y := d.Date[:4]
		if have[y] {
			continue
		}
		if len(years) == 0 || strconv.Itoa(years[len(years)-1]) != y {
			n, _ := strconv.Atoi(y)
			years = append(years, n)
		}
		add = append(add, d)
	}
	if len(add) == 0 {
		return nil, nil
	}
	err = s.Write(ctx, data.System, func(tx *data.Tx) error {
		for _, d := range add {
			if err := tx.SetCalendarDay(data.CalendarDay{Day: d.Date, Kind: d.Kind.String(), Name: d.Name}); err != nil {
				return fmt.Errorf("built-in calendar %s: %w", d.Date, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return years, nil
}

// CalendarGap is the year whose holiday schedule the office should enter now: this year
// when the calendar lacks it, and from December on next year (the State Council publishes it
// in November). 0 when nothing is missing.
func CalendarGap(ctx context.Context, s *data.Store, today time.Time) (int, error) {
	cal, err := Calendar(ctx, s)
	if err != nil {
		return 0, err
	}
	switch y := today.Year(); {
	case !cal.Covers(y):
		return y, nil
	case today.Month() == time.December && !cal.Covers(y+1):
		return y + 1, nil
	}
	return 0, nil
}
