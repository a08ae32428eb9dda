package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CalendarDay is one day on which the working-day calendar differs from the plain week: an
// official holiday ("holiday") or a swapped working weekend day, 调休 ("workday").
type CalendarDay struct {
	ID   string
	Day  string // YYYY-MM-DD
	Kind string // "holiday" or "workday"
	Name string // the festival, e.g. 春节
}

// CalendarDays returns the live calendar days in date order.
func (s *Store) CalendarDays(ctx context.Context) ([]CalendarDay, error) {
	rows, err := s.query(ctx, `SELECT id, day, kind, name FROM calendar_day WHERE deleted_at IS NULL ORDER BY day`)
	if err != nil {
		return nil, fmt.Errorf("list calendar days: %w", err)
	}
	defer rows.Close()
	var out []CalendarDay
	for rows.Next() {
		var d CalendarDay
		if err := rows.Scan(&d.ID, &d.Day, &d.Kind, &d.Name); err != nil {
			return nil, fmt.Errorf("list calendar days: %w", s.wrap(err))
		}
		out = append(out, d)
	}
	return out, s.wrap(rows.Err())
}

// SetCalendarDay records the kind and name of d.Day: it adds the day, or changes the live
// record for that date in place (d.ID is ignored; the date is the key). Saving a day
// unchanged still writes, and audits, an update.
func (t *Tx) SetCalendarDay(d CalendarDay) error {
	if day, err := time.Parse(DateLayout, d.Day); err != nil || day.Format(DateLayout) != d.Day {
		return fmt.Errorf("calendar day %q: not a YYYY-MM-DD date", d.Day)
	}
	if d.Kind != "holiday" && d.Kind != "workday" {
		return fmt.Errorf("calendar day %s: kind %q is neither holiday nor workday", d.Day, d.Kind)
	}
	id, err := t.calendarDayID(d.Day)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = t.insert("calendar_day", Row{"day": d.Day, "kind": d.Kind, "name": d.Name})
		return err
	case err != nil:
		return err
	}
	return t.update("calendar_day", id, Row{"kind": d.Kind, "name": d.Name})
}

// DeleteCalendarDay soft-deletes the live record for day, so that date follows the plain
// week again; ErrNotFound when there is none.
func (t *Tx) DeleteCalendarDay(day string) error {
	id, err := t.calendarDayID(day)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Kind: ErrNotFound, Err: fmt.Errorf("calendar day %s", day)}
	}
	if err != nil {
		return err
	}
	return t.softDelete("calendar_day", id)
}

// calendarDayID finds the live record for a date; sql.ErrNoRows when there is none.
func (t *Tx) calendarDayID(day string) (string, error) {
	var id string
	err := t.tx.QueryRowContext(t.ctx, `SELECT id FROM calendar_day WHERE day = ? AND deleted_at IS NULL`, day).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read calendar day %s: %w", day, t.s.wrap(err))
	}
	return id, err
}
