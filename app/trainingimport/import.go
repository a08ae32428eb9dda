// Package trainingimport brings the staff roster (人员花名册), training sessions (培训记录)
// and sign-in sheets (培训签到表) into TownLedger from workbooks. Each file is stored whole or
// not at all, and every problem is reported by row and column.
//
// The rules are app/training's: each row is checked by the same call the forms make
// (training.SaveStaff, training.SaveSession) in a form that cannot store anything — see
// checkPerson and checkSession — and the checked rows are then stored in one transaction
// (the roster and sessions) or through one training.SaveSession (a sign-in sheet).
package trainingimport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/search"
	"townledger/app/training"
	"townledger/app/workbook"
	"townledger/data"
)

// checkPerson applies training's rules to a roster row: the person's own fields, and a
// certificate number no one on the roster holds (certs: number → holder, read once).
func checkPerson(p training.Person, certs map[string]string) problem.List {
	p, l := p.Check()
	if holder, ok := certs[p.CertNo]; ok && p.CertNo != "" {
		l = append(l, problem.OnField(training.FieldCertNo, training.KeyCertNoTaken, map[string]any{"Value": p.CertNo, "Name": holder}))
	}
	return l
}

// checkSession applies training's rules to a session row: its own fields on today, and a
// category from the office's list.
func checkSession(s training.Session, cats []string, today time.Time) problem.List {
	s, l := s.Check(today)
	if s.Category != "" && !slices.Contains(cats, s.Category) {
		l = append(l, problem.OnField(training.FieldCategory, training.KeyCategoryUnknown, map[string]any{"Value": s.Category}))
	}
	return l
}

func day(r workbook.Record, name string) string {
	if t, ok := r.Date(name); ok {
		return t.Format(data.DateLayout)
	}
	return ""
}

func number(r workbook.Record, name string) (float64, bool) {
	f, ok := r.Values[name].(float64)
	return f, ok
}

// ---- staff ----

type staffRow struct {
	row int
	p   training.Person
}

type nameUnit struct{ name, unit string }

func personOf(r workbook.Record) training.Person {
	p := training.Person{Name: r.Text(training.FieldName), Unit: r.Text(training.FieldUnit),
		Position: r.Text(training.FieldPosition), Phone: r.Text(training.FieldPhone), IsOfficer: r.Text(colOfficer) == yes,
		CertNo: ids.Normalize(r.Text(training.FieldCertNo)), CertStatus: r.Text(training.FieldCertStatus),
		CertDueOn: day(r, training.FieldCertDueOn)}
	if ph, err := ids.ValidatePhone(p.Phone); err == nil && p.Phone != "" {
		p.Phone = ph // stored normalised, as SaveStaff stores it
	}
	return p
}

// ImportStaff reads the roster workbook at path and adds every row to the roster in one
// transaction, or nothing. Each row must pass training.SaveStaff's rules; a certificate
// number may appear once in the file, and a name once per unit, in the file and among the
// people on the roster (those who left are not). by must be allowed to edit the roster. It
// returns the number of people added.
func ImportStaff(ctx context.Context, store *data.Store, by auth.Session, path string, _ time.Time) (int, error) {
	if err := by.Require(auth.EditStaff); err != nil {
		return 0, err
	}
	roster, err := training.Roster(ctx, store, false)
	if err != nil {
		return 0, err
	}
	held := map[string]string{} // certificate number → holder
	for _, p := range roster {
		if p.CertNo != "" {
			held[p.CertNo] = p.Name
		}
	}
	var rows []staffRow
	first := map[nameUnit]int{}
	certs := map[string]staffRow{}
	var names []string
	var failed error
	check := func(r workbook.Record, report func(string, error)) {
		if failed != nil {
			return
		}
		p := personOf(r)
		l := checkPerson(p, held)
		for _, e := range l {
			report(e.Field, e)
		}
		if p.Name != "" {
			k := nameUnit{p.Name, p.Unit}
			if f, ok := first[k]; ok {
				report(training.FieldName, problem.New(KeyStaffRepeated, map[string]any{"First": f, "Name": p.Name, "Unit": p.Unit}))
				return
			}
			first[k] = r.Row
			names = append(names, p.Name)
		}
		if p.CertNo != "" {
			if f, ok := certs[p.CertNo]; ok {
				report(training.FieldCertNo, problem.New(KeyCertRepeated, map[string]any{"First": f.row, "Name": f.p.Name, "Value": p.CertNo}))
				return
			}
			certs[p.CertNo] = staffRow{r.Row, p}
		}
		if len(l) == 0 {
			rows = append(rows, staffRow{r.Row, p})
		}
	}
	tbl, err := workbook.Read(ctx, path, StaffSpec, check)
	if err == nil {
		err = failed
	}
	if err != nil {
		return 0, err
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		existing, err := tx.StaffNamed(names)
		if err != nil {
			return err
		}
		for _, ex := range existing {
			if row, ok := first[nameUnit{ex.Name, ex.Unit}]; ok && ex.ArchivedOn == "" {
				tbl.Report(row, training.FieldName, problem.New(KeyStaffOnRoster,
					map[string]any{"Name": ex.Name, "Unit": ex.Unit, "Position": ex.Position}))
			}
		}
		if err := tbl.Err(); err != nil {
			return err
		}
		for i, r := range rows {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			p := r.p
			if _, err := tx.InsertStaff(data.Staff{Name: p.Name, NameInitials: search.Initials(p.Name), Unit: p.Unit,
				Position: p.Position, Phone: p.Phone, IsOfficer: p.IsOfficer, CertNo: p.CertNo, CertStatus: p.CertStatus,
				CertDueOn: p.CertDueOn}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// ---- sessions ----

type sessionRow struct {
	row int
	s   training.Session
}

type titleDate struct{ title, date string }

func sessionOf(r workbook.Record) training.Session {
	s := training.Session{Title: r.Text(training.FieldTitle), Category: r.Text(training.FieldCategory),
		HeldOn: day(r, training.FieldHeldOn), StartsAt: r.Text(training.FieldStartsAt), EndsAt: r.Text(training.FieldEndsAt),
		Form: r.Text(training.FieldForm), Place: r.Text(training.FieldPlace), Organiser: r.Text(training.FieldOrganiser),
		Trainer: r.Text(training.FieldTrainer), TrainerUnit: r.Text(training.FieldTrainerUnit), Notes: r.Text(training.FieldNotes)}
	s.Hours, _ = number(r, training.FieldHours)
	return s
}

// ImportTrainings reads the sessions workbook at path and records every row as a session
// (without attendance; see ImportAttendance) in one transaction, or nothing. Each row must
// pass training.SaveSession's rules; the same title on the same date may appear once in the
// file and not already be recorded. by must be allowed to edit trainings and becomes the
// sessions' recorder. It returns the number of sessions recorded.
func ImportTrainings(ctx context.Context, store *data.Store, by auth.Session, path string, today time.Time) (int, error) {
	if err := by.Require(auth.EditTrainings); err != nil {
		return 0, err
	}
	cats, err := training.Categories(ctx, store)
	if err != nil {
		return 0, err
	}
	var rows []sessionRow
	first := map[titleDate]int{}
	var failed error
	from, to := "", ""
	check := func(r workbook.Record, report func(string, error)) {
		if failed != nil {
			return
		}
		s := sessionOf(r)
		l := checkSession(s, cats, today)
		for _, e := range l {
			report(e.Field, e)
		}
		if s.Title != "" && s.HeldOn != "" {
			k := titleDate{s.Title, s.HeldOn}
			if f, ok := first[k]; ok {
				report(training.FieldTitle, problem.New(KeySessionTwice, map[string]any{"First": f, "Title": s.Title, "Date": s.HeldOn}))
				return
			}
			first[k] = r.Row
			if from == "" || s.HeldOn < from {
				from = s.HeldOn
			}
			to = max(to, s.HeldOn)
		}
		if len(l) == 0 {
			rows = append(rows, sessionRow{r.Row, s})
		}
	}
	tbl, err := workbook.Read(ctx, path, TrainingsSpec, check)
	if err == nil {
		err = failed
	}
	if err != nil {
		return 0, err
	}
	if from != "" {
		stored, err := store.TrainingSessions(ctx, from, to)
		if err != nil {
			return 0, err
		}
		for _, st := range stored {
			if row, ok := first[titleDate{st.Title, st.HeldOn}]; ok {
				tbl.Report(row, training.FieldTitle, problem.New(KeySessionExists, map[string]any{"Title": st.Title, "Date": st.HeldOn}))
			}
		}
	}
	if err := tbl.Err(); err != nil {
		return 0, err
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for i, r := range rows {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			s := r.s
			if _, err := tx.CreateTraining(data.TrainingRow{Training: data.Training{Title: s.Title, Category: s.Category,
				Organiser: s.Organiser, Trainer: s.Trainer, TrainerUnit: s.TrainerUnit, HeldOn: s.HeldOn,
				StartsAt: s.StartsAt, EndsAt: s.EndsAt, Place: s.Place, Form: s.Form, Hours: s.Hours, OwnerID: by.UserID},
				Notes: s.Notes}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// ---- attendance ----

// Result is what a sign-in sheet recorded.
type Result struct {
	Attendees int    // people added to the session's attendance
	SessionID string // the session
	Title     string
	Date      string // YYYY-MM-DD
}

// foldName compares names as written on sign-in sheets: without any white space (张  三).
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

func foldUnit(s string) string { return foldName(ids.Normalize(s)) }

func unitsOf(people []training.Person) string {
	var out []string
	for _, p := range people {
		u := p.Unit
		if u == "" {
			u = "（未填单位）"
		}
		out = append(out, u)
	}
	return strings.Join(out, "、")
}

type attendeeRow struct {
	row int
	a   training.Attendee
}

// ImportAttendance reads a sign-in sheet at path and adds its people to the attendance of
// the session it names, keeping those already recorded, or adds nobody.
//
// The session is named by the sheet's 培训主题 and 日期 columns: the first row must give
// both, a later row may leave them empty (the same session) but may not name another. One
// recorded session must have that exact title on that date.
//
// Each row's name is looked up on the roster (people who left count only if they left
// after the session date): exactly one person → that person; nobody → refused; several →
// the row's 单位 must single one out, else the row is refused with the candidates' units.
// A 单位 that is not the matched person's is refused too: the import never guesses. A
// person may appear once in the sheet and not already be recorded at the session. The
// attendance is then saved through training.SaveSession, so its rules (own hours, score,
// sign-in time, people who left) hold, and its refusals are reported on the sheet's rows.
func ImportAttendance(ctx context.Context, store *data.Store, by auth.Session, path string, _ time.Time) (Result, error) {
	var res Result
	if err := by.Require(auth.EditTrainings); err != nil {
		return res, err
	}
	var sess struct {
		title, date       string
		titleRow, dateRow int
	}
	check := func(r workbook.Record, report func(string, error)) {
		for _, c := range []struct {
			name  string
			value string
			first *string
			row   *int
		}{{training.FieldTitle, r.Text(training.FieldTitle), &sess.title, &sess.titleRow},
			{training.FieldHeldOn, day(r, training.FieldHeldOn), &sess.date, &sess.dateRow}} {
			switch {
			case c.value == "":
				if *c.row == 0 {
					report(c.name, problem.New(workbook.KeyRequired, nil))
					*c.row = -1 // said once
				}
			case *c.row <= 0:
				*c.first, *c.row = c.value, r.Row
			case c.value != *c.first:
				report(c.name, problem.New(KeyOtherSession, map[string]any{"First": *c.row, "Title": sess.title, "Date": sess.date}))
			}
		}
	}
	tbl, err := workbook.Read(ctx, path, AttendanceSpec, check)
	if err != nil {
		return res, err
	}
	res.Title, res.Date = sess.title, sess.date

	// The session.
	var s training.Session
	var existing []training.Attendee
	if sess.title != "" && sess.date != "" {
		t, _ := time.Parse(data.DateLayout, sess.date)
		list, err := training.Sessions(ctx, store, t.Year())
		if err != nil {
			return res, err
		}
		var found []training.Session
		for _, x := range list {
			if x.HeldOn == sess.date && x.Title == sess.title {
				found = append(found, x)
			}
		}
		d := map[string]any{"Title": sess.title, "Date": sess.date, "N": len(found)}
		switch len(found) {
		case 0:
			tbl.Report(sess.titleRow, training.FieldTitle, problem.New(KeyNoSession, d))
		case 1:
			if s, existing, err = training.LoadSession(ctx, store, found[0].ID); err != nil {
				return res, err
			}
		default:
			tbl.Report(sess.titleRow, training.FieldTitle, problem.New(KeySessions, d))
		}
	}
	already := map[string]bool{}
	for _, a := range existing {
		already[a.StaffID] = true
	}

	// The people.
	roster, err := training.Roster(ctx, store, true)
	if err != nil {
		return res, err
	}
	byName := map[string][]training.Person{}
	for _, p := range roster {
		k := foldName(p.Name)
		byName[k] = append(byName[k], p)
	}
	var added []attendeeRow
	firstRow := map[string]int{}
	for _, r := range tbl.Records {
		name := r.Text(training.FieldName)
		if name == "" {
			continue
		}
		var cands []training.Person
		var left *training.Person
		for _, p := range byName[foldName(name)] {
			if p.ArchivedOn == "" || sess.date != "" && p.ArchivedOn > sess.date {
				cands = append(cands, p)
			} else if left == nil {
				left = &p
			}
		}
		var match *training.Person
		unit := r.Text(training.FieldUnit)
		switch {
		case len(cands) == 0 && left != nil:
			tbl.Report(r.Row, training.FieldName, problem.New(KeyLeft, map[string]any{"Name": name, "Date": left.ArchivedOn}))
		case len(cands) == 0:
			tbl.Report(r.Row, training.FieldName, problem.New(KeyNotOnRoster, map[string]any{"Name": name}))
		case unit == "" && len(cands) == 1:
			match = &cands[0]
		case unit == "":
			tbl.Report(r.Row, training.FieldUnit, problem.New(KeyAmbiguous,
				map[string]any{"Name": name, "N": len(cands), "Units": unitsOf(cands)}))
		default:
			var in []training.Person
			for _, p := range cands {
				if foldUnit(p.Unit) == foldUnit(unit) {
					in = append(in, p)
				}
			}
			switch len(in) {
			case 1:
				match = &in[0]
			case 0:
				tbl.Report(r.Row, training.FieldUnit, problem.New(KeyUnitMismatch,
					map[string]any{"Name": name, "Unit": unit, "Units": unitsOf(cands)}))
			default:
				tbl.Report(r.Row, training.FieldUnit, problem.New(KeyAmbiguousUnit,
					map[string]any{"Name": name, "N": len(in), "Unit": unit}))
			}
		}
		if match == nil {
			continue
		}
		if f, ok := firstRow[match.ID]; ok {
			tbl.Report(r.Row, training.FieldName, problem.New(KeyPersonTwice, map[string]any{"First": f, "Name": match.Name}))
			continue
		}
		firstRow[match.ID] = r.Row
		if already[match.ID] {
			tbl.Report(r.Row, training.FieldName, problem.New(KeyAlreadyThere, map[string]any{"Name": match.Name}))
			continue
		}
		a := training.Attendee{StaffID: match.ID, SignedInAt: r.Text(colSignedIn)}
		if h, ok := number(r, training.FieldHours); ok {
			a.Hours = &h
		}
		if sc, ok := number(r, colScore); ok {
			a.Score = &sc
		}
		added = append(added, attendeeRow{r.Row, a})
	}
	if err := tbl.Err(); err != nil {
		return res, err
	}
	if len(added) == 0 {
		return res, fmt.Errorf("trainingimport: no attendee read") // unreachable: Read refuses an empty sheet
	}

	// The attendance, through SaveSession.
	all := slices.Clone(existing)
	for _, a := range added {
		all = append(all, a.a)
	}
	_, err = training.SaveSession(ctx, store, by, s, all)
	var l problem.List
	if errors.As(err, &l) {
		for _, e := range l {
			i, _ := e.Data["Row"].(int)
			if e.Field != training.FieldAttendees || i <= len(existing) || i > len(all) {
				tbl.Report(0, "", e)
				continue
			}
			r := added[i-1-len(existing)]
			d := map[string]any{}
			for k, v := range e.Data {
				d[k] = v
			}
			delete(d, "Row") // the form's row; the line names the sheet's
			key := e.Key
			if k, ok := attendeeKeys[key]; ok {
				key = k
			}
			column := training.FieldName
			switch e.Key {
			case training.KeyAttendeeHours:
				column = training.FieldHours
			case training.KeyAttendeeScore:
				column = colScore
			case training.KeyAttendeeSignedIn:
				column = colSignedIn
			}
			tbl.Report(r.row, column, &problem.Error{Key: key, Data: d, Field: e.Field, Err: e.Err})
		}
		if err := tbl.Err(); err != nil {
			return res, err
		}
	}
	if err != nil {
		return res, err
	}
	res.Attendees, res.SessionID = len(added), s.ID
	return res, nil
}
