package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Town is the office this database belongs to.
type Town struct {
	ID            string
	Code          string // 9-digit township-level division code
	Name          string
	ShortName     string // 简称, used in case numbers
	DivisionCode  string // as entered: 9 or 12 digits
	DistrictName  string
	DistrictEmail string
	AgencyName    string
}

// Town returns the configured town, or ok=false before first-run setup.
func (s *Store) Town(ctx context.Context) (t Town, ok bool, err error) {
	err = s.queryRow(ctx, []any{&t.ID, &t.Code, &t.Name, &t.ShortName, &t.DivisionCode, &t.DistrictName, &t.DistrictEmail, &t.AgencyName},
		`SELECT id, town_code, name, short_name, division_code, district_name, district_email, agency_name
		 FROM town WHERE deleted_at IS NULL LIMIT 1`)
	if errors.Is(err, sql.ErrNoRows) {
		return Town{}, false, nil
	}
	if err != nil {
		return Town{}, false, fmt.Errorf("read town: %w", err)
	}
	return t, true, nil
}

func townRow(t Town) Row {
	return Row{"name": t.Name, "short_name": t.ShortName, "division_code": t.DivisionCode,
		"district_name": t.DistrictName, "district_email": t.DistrictEmail, "agency_name": t.AgencyName}
}

// CreateTown records the town; from then on every record carries its code.
func (t *Tx) CreateTown(town Town) (string, error) {
	if t.town != "" {
		return "", &Error{Kind: ErrConflict, Err: errors.New("town already configured")}
	}
	row := townRow(town)
	row["town_code"] = town.Code
	t.town = town.Code
	return t.insert("town", row)
}

// UpdateTown changes the town's descriptive fields; its code never changes.
func (t *Tx) UpdateTown(town Town) error {
	return t.update("town", town.ID, townRow(town))
}

// Setting returns a setting's value, or ok=false when it has never been set.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.queryRow(ctx, []any{&v}, `SELECT value FROM setting WHERE key = ? AND deleted_at IS NULL`, key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores a setting's value, creating it if needed.
func (t *Tx) SetSetting(key, value string) error {
	var id string
	err := t.tx.QueryRowContext(t.ctx, `SELECT id FROM setting WHERE key = ? AND deleted_at IS NULL`, key).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = t.insert("setting", Row{"key": key, "value": value})
		return err
	case err != nil:
		return fmt.Errorf("read setting %s: %w", key, t.s.wrap(err))
	}
	return t.update("setting", id, Row{"value": value})
}

// Settings returns every stored setting by key.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.query(ctx, `SELECT key, value FROM setting WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read settings: %w", s.wrap(err))
		}
		out[k] = v
	}
	return out, s.wrap(rows.Err())
}

// DeleteSetting removes a setting, so its default applies again; nothing when it is not set.
func (t *Tx) DeleteSetting(key string) error {
	var id string
	err := t.tx.QueryRowContext(t.ctx, `SELECT id FROM setting WHERE key = ? AND deleted_at IS NULL`, key).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("read setting %s: %w", key, t.s.wrap(err))
	}
	return t.softDelete("setting", id)
}
