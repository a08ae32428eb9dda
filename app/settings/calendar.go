package settings

import (
	"context"
	"fmt"
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
