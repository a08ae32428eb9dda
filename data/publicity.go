package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ActivityRow is an activity as stored: the Activity columns and its notes.
type ActivityRow struct {
	Activity
	Notes string
}

const activityCols = `id, held_on, title, type, place_kind, place_name, organisers, partners, banners, boards,
	materials, consultations, people, enterprises, drills, drill_people, cost, notes`

func scanActivity(sc interface{ Scan(...any) error }) (ActivityRow, error) {
	var r ActivityRow
	err := sc.Scan(&r.ID, &r.HeldOn, &r.Title, &r.Type, &r.PlaceKind, &r.PlaceName, &r.Organisers, &r.Partners,
		&r.Banners, &r.Boards, &r.Materials, &r.Consultations, &r.People, &r.Enterprises, &r.Drills,
		&r.DrillPeople, &r.Cost, &r.Notes)
	return r, err
}

func activityRow(r ActivityRow) Row {
	return Row{"held_on": r.HeldOn, "title": r.Title, "type": r.Type, "place_kind": r.PlaceKind,
		"place_name": r.PlaceName, "organisers": r.Organisers, "partners": r.Partners, "banners": r.Banners,
		"boards": r.Boards, "materials": r.Materials, "consultations": r.Consultations, "people": r.People,
		"enterprises": r.Enterprises, "drills": r.Drills, "drill_people": r.DrillPeople, "cost": r.Cost,
		"notes": r.Notes}
}

// CreateActivity adds an activity with its notes and returns its id.
func (t *Tx) CreateActivity(r ActivityRow) (string, error) {
	row := activityRow(r)
	row["id"] = r.ID
	return t.insert("activity", row)
}

// UpdateActivity changes a live activity, auditing only the columns that change; it
// reports whether anything did. A missing activity is ErrNotFound.
func (t *Tx) UpdateActivity(r ActivityRow) (bool, error) {
	return t.updateChanged("activity", r.ID, activityRow(r))
}

// Activity reads a live activity; a missing one is ErrNotFound.
func (s *Store) Activity(ctx context.Context, id string) (ActivityRow, error) {
	r, err := scanActivity(s.r.QueryRowContext(ctx, `SELECT `+activityCols+` FROM activity
		WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, &Error{Kind: ErrNotFound, Err: fmt.Errorf("activity %s", id)}
	}
	if err != nil {
		return r, fmt.Errorf("read activity: %w", s.wrap(err))
	}
	return r, nil
}

// ActivitySums are the figures of the live activities held in a period, added up.
type ActivitySums struct {
	Activities, Banners, Boards, Materials, Consultations, People, Enterprises, Drills, DrillPeople int
	Cost                                                                                            int64
}

// ActivityTotals adds up the figures of the live activities held from from to to
// (YYYY-MM-DD, both included) in one query.
func (s *Store) ActivityTotals(ctx context.Context, from, to string) (ActivitySums, error) {
	var t ActivitySums
	err := s.queryRow(ctx, []any{&t.Activities, &t.Banners, &t.Boards, &t.Materials, &t.Consultations, &t.People,
		&t.Enterprises, &t.Drills, &t.DrillPeople, &t.Cost},
		`SELECT COUNT(*), COALESCE(SUM(banners), 0), COALESCE(SUM(boards), 0), COALESCE(SUM(materials), 0),
			COALESCE(SUM(consultations), 0), COALESCE(SUM(people), 0), COALESCE(SUM(enterprises), 0),
			COALESCE(SUM(drills), 0), COALESCE(SUM(drill_people), 0), COALESCE(SUM(cost), 0)
		FROM activity WHERE deleted_at IS NULL AND held_on >= ? AND held_on <= ?`, from, to)
	if err != nil {
		return ActivitySums{}, fmt.Errorf("activity totals: %w", err)
	}
	return t, nil
}

// ActivityMonth is the number of live activities and the people they reached in one month.
type ActivityMonth struct {
	Month      int // 1–12
	Activities int
	People     int
}

// ActivityMonths counts the live activities held from from to to (YYYY-MM-DD, both
// included) by calendar month, months without activities left out, in month order.
func (s *Store) ActivityMonths(ctx context.Context, from, to string) ([]ActivityMonth, error) {
	rows, err := s.query(ctx, `SELECT CAST(substr(held_on, 6, 2) AS INTEGER) AS m, COUNT(*), COALESCE(SUM(people), 0)
		FROM activity WHERE deleted_at IS NULL AND held_on >= ? AND held_on <= ? GROUP BY m ORDER BY m`, from, to)
	if err != nil {
		return nil, fmt.Errorf("activity months: %w", err)
	}
	defer rows.Close()
	var out []ActivityMonth
	for rows.Next() {
		var m ActivityMonth
		if err := rows.Scan(&m.Month, &m.Activities, &m.People); err != nil {
			return nil, fmt.Errorf("activity months: %w", s.wrap(err))
		}
		out = append(out, m)
	}
	return out, s.wrap(rows.Err())
}

// ActivityPlace is where one live activity was held, with its type.
type ActivityPlace struct {
	HeldOn, Type, PlaceKind, PlaceName string
}

// ActivityPlaces lists the type and place of the live activities held from from to to
// (YYYY-MM-DD, both included), oldest first.
func (s *Store) ActivityPlaces(ctx context.Context, from, to string) ([]ActivityPlace, error) {
	rows, err := s.query(ctx, `SELECT held_on, type, place_kind, place_name FROM activity
		WHERE deleted_at IS NULL AND held_on >= ? AND held_on <= ? ORDER BY held_on, id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("activity places: %w", err)
	}
	defer rows.Close()
	var out []ActivityPlace
	for rows.Next() {
		var p ActivityPlace
		if err := rows.Scan(&p.HeldOn, &p.Type, &p.PlaceKind, &p.PlaceName); err != nil {
			return nil, fmt.Errorf("activity places: %w", s.wrap(err))
		}
		out = append(out, p)
	}
	return out, s.wrap(rows.Err())
}

// ActivityKey names an activity as an import recognises it again: its date, title and place.
type ActivityKey struct{ HeldOn, Title, PlaceName string }

// ActivityExists says whether a live activity with key is recorded, inside the transaction
// (so an import and a person's entry at the same time cannot both add it).
func (t *Tx) ActivityExists(key ActivityKey) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM activity WHERE deleted_at IS NULL
		AND held_on = ? AND title = ? AND place_name = ?`, key.HeldOn, key.Title, key.PlaceName).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("activity lookup: %w", t.s.wrap(err))
	}
	return n > 0, nil
}

// DeleteActivity removes a live activity with its photos (soft deletion: the rows and their
// history stay). A missing activity is ErrNotFound.
func (t *Tx) DeleteActivity(id string) error {
	photos, err := t.attachmentIDs("activity", id)
	if err != nil {
		return err
	}
	for _, p := range photos {
		if err := t.softDelete("attachment", p); err != nil {
			return err
		}
	}
	return t.softDelete("activity", id)
}
