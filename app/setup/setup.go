// Package setup is the first-run set-up of an office: the town, its district and the first
// administrator, validated field by field so a wizard can explain each problem as it is typed.
package setup

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/ids"
	townmail "townledger/app/mail"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/app/workbook"
	"townledger/app/workdays"
	"townledger/data"
)

// Stage is how far an office's set-up has come.
type Stage int

// The set-up stages, in order.
const (
	NeedsTown  Stage = iota // nothing configured: run the wizard
	NeedsAdmin              // town set up from the command line, no account yet
	Ready                   // sign in
)

// StageOf tells which first-run step the database needs.
func StageOf(ctx context.Context, s *data.Store) (Stage, error) {
	_, ok, err := s.Town(ctx)
	if err != nil {
		return NeedsTown, err
	}
	if !ok {
		return NeedsTown, nil
	}
	n, err := s.CountUsers(ctx)
	if err != nil {
		return NeedsAdmin, err
	}
	if n == 0 {
		return NeedsAdmin, nil
	}
	return Ready, nil
}

// Town is what the wizard's first page asks.
type Town struct {
	Name         string
	ShortName    string // 简称 for case numbers; defaults to Name
	DivisionCode string // 9 or 12 digits; for a bureau also its district's or city's 6
	// Bureau sets up a district (or city) bureau's ledger, which consolidates the offices
	// below it: its code may be its own area's (ids.ValidateAreaCode), and the ledger starts in
	// district mode.
	Bureau        bool
	DistrictName  string
	DistrictEmail string
	// Since is the ledger's start (建账日期, YYYY-MM-DD): reports are due for the periods
	// from then on, so a new town does not start with overdue reports. "" means the day the
	// town is set up.
	Since string
}

// Field names used in refusals, matching the wizard's entries.
const (
	FieldTownName      = "town_name"
	FieldDivisionCode  = "division_code"
	FieldDistrictEmail = "district_email"
	FieldSince         = "since"
	FieldConfirm       = "confirm"
)

// CheckTownName refuses an empty or overlong town name.
func CheckTownName(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return problem.OnField(FieldTownName, "setup.town_name.empty", nil)
	case len([]rune(s)) > 40:
		return problem.OnField(FieldTownName, "setup.town_name.long", map[string]any{"Max": 40})
	}
	return nil
}

// CheckDivisionCode validates a 9- or 12-digit division code and returns the town code.
func CheckDivisionCode(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", problem.OnField(FieldDivisionCode, "setup.division_code.empty", nil)
	}
	code, err := ids.ValidateTownCode(s)
	if err != nil {
		p := problem.From(err)
		p.Field = FieldDivisionCode
		return "", p
	}
	return code, nil
}

// CheckBureauCode validates a bureau's division code: its district's or city's 6 digits (or
// a town code, as bureaus set up before area codes were accepted gave) and returns the code.
func CheckBureauCode(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", problem.OnField(FieldDivisionCode, "setup.division_code.empty", nil)
	}
	code, err := ids.ValidateOfficeCode(s)
	if err != nil {
		p := problem.From(err)
		p.Field = FieldDivisionCode
		return "", p
	}
	return code, nil
}

// code checks the town's or bureau's division code as its kind of office has it.
func (t Town) code() (string, error) {
	if t.Bureau {
		return CheckBureauCode(t.DivisionCode)
	}
	return CheckDivisionCode(t.DivisionCode)
}

// CheckEmail accepts an empty address (filled in later) or one plain address.
func CheckEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	// The district may have several addresses (an office mailbox and the clerk's), typed
	// into the one field as a list: each must be an address.
	for _, piece := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;，；、", r) }) {
		piece = strings.TrimSpace(piece)
		a, err := mail.ParseAddress(piece)
		if err != nil || a.Address != piece || !strings.Contains(piece[strings.IndexByte(piece, '@'):], ".") {
			return problem.OnField(FieldDistrictEmail, "setup.email.invalid", map[string]any{"Email": piece})
		}
	}
	if len(townmail.Addresses(s)) == 0 {
		return problem.OnField(FieldDistrictEmail, "setup.email.invalid", map[string]any{"Email": s})
	}
	return nil
}

// Validate lists every problem of the town page.
func (t Town) Validate() problem.List {
	var l problem.List
	add := func(err error) {
		if err != nil {
			l = append(l, problem.From(err))
		}
	}
	add(CheckTownName(t.Name))
	_, err := t.code()
	add(err)
	add(CheckEmail(t.DistrictEmail))
	if strings.TrimSpace(t.Since) != "" {
		if _, err := workbook.ParseTypedDate(t.Since); err != nil {
			l = append(l, problem.OnField(FieldSince, "setup.since.invalid", map[string]any{"Value": strings.TrimSpace(t.Since)}))
		}
	}
	return l
}

// Admin is the wizard's account page.
type Admin struct {
	auth.NewAccount
	Confirm string
}

// Validate lists every problem of the account page.
func (a Admin) Validate() problem.List {
	l := a.NewAccount.Validate()
	if a.Password != a.Confirm {
		l = append(l, problem.OnField(FieldConfirm, "setup.confirm.mismatch", nil))
	}
	return l
}

// Run records the town (unless it exists already) and its first administrator in one
// transaction, with the default settings; nothing is stored if any field is refused.
func Run(ctx context.Context, s *data.Store, t Town, a Admin) error {
	return RunOn(ctx, s, t, a, time.Now())
}

// RunOn is Run on a given day (the default 建账日期).
func RunOn(ctx context.Context, s *data.Store, t Town, a Admin, now time.Time) error {
	stage, err := StageOf(ctx, s)
	if err != nil {
		return err
	}
	if stage == Ready {
		return problem.New("setup.done_already", nil)
	}
	a.Roles = []auth.Role{auth.Admin}
	var l problem.List
	if stage == NeedsTown {
		l = t.Validate()
	}
	l = append(l, a.Validate()...)
	if err := l.Err(); err != nil {
		return err
	}
	return s.Write(ctx, data.System, func(tx *data.Tx) error {
		if stage == NeedsTown {
			if err := createTown(tx, t, now); err != nil {
				return err
			}
		}
		if _, err := auth.Create(tx, a.NewAccount); err != nil {
			return err
		}
		return writeDefaults(ctx, s, tx, stage == NeedsTown)
	})
}

// writeDefaults stores the default settings and, with a new town, the built-in holiday
// calendar as editable rows.
func writeDefaults(ctx context.Context, s *data.Store, tx *data.Tx, calendar bool) error {
	if err := settings.WriteDefaults(ctx, s, tx); err != nil {
		return err
	}
	if !calendar {
		return nil
	}
	for _, d := range workdays.Builtin() {
		if err := tx.SetCalendarDay(data.CalendarDay{Day: d.Date, Kind: d.Kind.String(), Name: d.Name}); err != nil {
			return fmt.Errorf("built-in calendar: %w", err)
		}
	}
	return nil
}

// InitTown records the town alone, for `townledger init`; the administrator is created at
// the first start of the window (or given on the command line).
func InitTown(ctx context.Context, s *data.Store, t Town) error {
	now := time.Now()
	if err := t.Validate().Err(); err != nil {
		return err
	}
	if _, ok, err := s.Town(ctx); err != nil {
		return err
	} else if ok {
		return problem.New("setup.done_already", nil)
	}
	return s.Write(ctx, data.System, func(tx *data.Tx) error {
		if err := createTown(tx, t, now); err != nil {
			return err
		}
		return writeDefaults(ctx, s, tx, true)
	})
}

func createTown(tx *data.Tx, t Town, now time.Time) error {
	code, err := t.code()
	if err != nil {
		return err
	}
	name := strings.TrimSpace(t.Name)
	short := strings.TrimSpace(t.ShortName)
	if short == "" {
		short = name
	}
	_, err = tx.CreateTown(data.Town{Code: code, Name: name, ShortName: short, DivisionCode: ids.Normalize(t.DivisionCode),
		DistrictName: strings.TrimSpace(t.DistrictName), DistrictEmail: strings.TrimSpace(t.DistrictEmail),
		AgencyName: name})
	if err != nil {
		return fmt.Errorf("record town: %w", err)
	}
	since := now.Format(data.DateLayout)
	if d, ok := sinceDate(t.Since); ok {
		since = d
	}
	if err := tx.SetSetting(settings.LedgerSince, since); err != nil {
		return fmt.Errorf("record the ledger's start: %w", err)
	}
	if t.Bureau {
		if err := tx.SetSetting(settings.OfficeMode, settings.ModeDistrict); err != nil {
			return fmt.Errorf("record the office's mode: %w", err)
		}
	}
	return nil
}

// sinceDate reads a typed 建账日期; ok is false for "" (Validate refuses anything unreadable).
func sinceDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	t, err := workbook.ParseTypedDate(s)
	if err != nil {
		return "", false
	}
	return t.Format(data.DateLayout), true
}
