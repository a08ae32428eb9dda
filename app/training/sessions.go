package training

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/data"
)

// Session is one training or law-study session (培训 / 学法).
type Session struct {
	ID, Title, Category, Organiser, Trainer, TrainerUnit string
	HeldOn                                               string  // YYYY-MM-DD
	StartsAt, EndsAt                                     string  // HH:MM
	Place, Form, Notes                                   string  // Form: one of Forms
	Hours                                                float64 // 学时
	OwnerID                                              string  // the user who recorded it
	Attendance                                           int     // attendees, filled in by Sessions only
}

// Attendee is one person's attendance at a session.
type Attendee struct {
	StaffID    string
	Hours      *float64 // nil = the session's hours (left early → fewer)
	Score      *float64 // exam score 0–100, optional
	SignedInAt string   // HH:MM, optional
}

// Forms are the ways a session is held: in person, online, or as study at a meeting.
var Forms = []string{"集中", "网络", "以会代训"}

// formCodes names each stored form in translation keys, which stay ASCII.
var formCodes = map[string]string{"集中": "central", "网络": "online", "以会代训": "meeting"}

// FormKey is the translation key naming a form for display, e.g. "training.form.kind.online";
// the stored value stays as in Forms. A form not in Forms has no key: "" is returned.
func FormKey(form string) string {
	if c, ok := formCodes[form]; ok {
		return formKeyBase + c
	}
	return ""
}

// MaxHours is the most hours one session may count.
const MaxHours = 12

// Form fields of a session, named in refusals.
const (
	FieldTitle       = "title"
	FieldCategory    = "category"
	FieldOrganiser   = "organiser"
	FieldTrainer     = "trainer"
	FieldTrainerUnit = "trainer_unit"
	FieldHeldOn      = "held_on"
	FieldStartsAt    = "starts_at"
	FieldEndsAt      = "ends_at"
	FieldPlace       = "place"
	FieldForm        = "form"
	FieldNotes       = "notes"
	FieldHours       = "hours"
	FieldAttendees   = "attendees"
)

// SessionMaxLen is the longest text, in characters, each field of a session accepts.
var SessionMaxLen = map[string]int{FieldTitle: 100, FieldCategory: 30, FieldOrganiser: 100, FieldTrainer: 50,
	FieldTrainerUnit: 100, FieldPlace: 100, FieldNotes: 2000}

// parseClock reads HH:MM (or H:MM, full-width digits and colon accepted) and returns HH:MM.
func parseClock(s string) (string, bool) {
	s = strings.ReplaceAll(ids.Normalize(s), "：", ":")
	t, err := time.Parse("15:04", s)
	if err != nil {
		return "", false
	}
	return t.Format("15:04"), true
}

// Span is the time from start to end in hours (HH:MM, full-width accepted), rounded down to
// the half hour as hours are usually counted; ok is false unless both times read and the
// end is after the start.
func Span(start, end string) (hours float64, ok bool) {
	a, okA := parseClock(clean(start))
	b, okB := parseClock(clean(end))
	if !okA || !okB || b <= a {
		return 0, false
	}
	return math.Floor(float64(minutes(b)-minutes(a))/30) / 2, true
}

func minutes(hhmm string) int {
	t, _ := time.Parse("15:04", hhmm)
	return t.Hour()*60 + t.Minute()
}

// check normalises the session and lists the rules its own fields break; today is
// YYYY-MM-DD.
// Check normalises the session and lists the rules its own fields break on today, each on
// its field; the category list and the attendance are checked when saving.
func (s Session) Check(today time.Time) (Session, problem.List) {
	return s.check(today.Format(data.DateLayout))
}

func (s Session) check(today string) (Session, problem.List) {
	var l problem.List
	for _, f := range []*string{&s.Title, &s.Category, &s.Organiser, &s.Trainer, &s.TrainerUnit, &s.HeldOn,
		&s.StartsAt, &s.EndsAt, &s.Place, &s.Form, &s.Notes} {
		*f = clean(*f)
	}
	if s.Title == "" {
		l = append(l, problem.OnField(FieldTitle, KeyTitleEmpty, nil))
	}
	if s.Category == "" {
		l = append(l, problem.OnField(FieldCategory, KeyCategoryEmpty, nil))
	}
	for _, f := range []struct {
		field, v string
	}{{FieldTitle, s.Title}, {FieldCategory, s.Category}, {FieldOrganiser, s.Organiser}, {FieldTrainer, s.Trainer},
		{FieldTrainerUnit, s.TrainerUnit}, {FieldPlace, s.Place}, {FieldNotes, s.Notes}} {
		tooLong(&l, f.field, f.v, SessionMaxLen[f.field])
	}
	switch d, ok := parseDate(s.HeldOn); {
	case s.HeldOn == "":
		l = append(l, problem.OnField(FieldHeldOn, KeyHeldOnEmpty, nil))
	case !ok:
		l = append(l, problem.OnField(FieldHeldOn, KeyHeldOnInvalid, map[string]any{"Value": s.HeldOn}))
	case d > today:
		l = append(l, problem.OnField(FieldHeldOn, KeyHeldOnFuture, map[string]any{"Date": d}))
	default:
		s.HeldOn = d
	}
	times := true
	for _, f := range []struct {
		field string
		v     *string
	}{{FieldStartsAt, &s.StartsAt}, {FieldEndsAt, &s.EndsAt}} {
		if *f.v == "" {
			continue
		}
		if c, ok := parseClock(*f.v); ok {
			*f.v = c
		} else {
			l = append(l, problem.OnField(f.field, KeyTimeInvalid, map[string]any{"Value": *f.v}))
			times = false
		}
	}
	both := times && s.StartsAt != "" && s.EndsAt != ""
	if both && s.EndsAt <= s.StartsAt {
		l = append(l, problem.OnField(FieldEndsAt, KeyTimeReversed, map[string]any{"Start": s.StartsAt, "End": s.EndsAt}))
		both = false
	}
	switch {
	case math.IsNaN(s.Hours) || s.Hours <= 0 || s.Hours > MaxHours:
		l = append(l, problem.OnField(FieldHours, KeyHoursAbsurd, map[string]any{"Max": MaxHours}))
	case both:
		span := minutes(s.EndsAt) - minutes(s.StartsAt)
		if s.Hours*60 > float64(span)+1e-6 {
			l = append(l, problem.OnField(FieldHours, KeyHoursSpan, map[string]any{"Hours": s.Hours,
				"Span": math.Round(float64(span)/60*100) / 100}))
		}
	}
	if s.Form != "" && !slices.Contains(Forms, s.Form) {
		l = append(l, problem.OnField(FieldForm, KeyFormUnknown, map[string]any{"Value": s.Form}))
	}
	return s, l
}

// checkAttendees lists the rules the attendance breaks against the roster (staff by id,
// archived people included) and returns the rows to store.
func checkAttendees(s Session, dateOK, hoursOK bool, list []Attendee, staff map[string]data.Staff) ([]data.Attendance, problem.List) {
	var l problem.List
	seen := map[string]bool{}
	out := make([]data.Attendance, 0, len(list))
	for i, a := range list {
		row := i + 1
		a.StaffID = strings.TrimSpace(a.StaffID)
		st, known := staff[a.StaffID]
		say := func(key string, more map[string]any) {
			d := map[string]any{"Row": row, "Name": st.Name}
			for k, v := range more {
				d[k] = v
			}
			l = append(l, problem.OnField(FieldAttendees, key, d))
		}
		switch {
		case !known:
			say(KeyAttendeeUnknown, nil)
			continue
		case seen[a.StaffID]:
			say(KeyAttendeeTwice, nil)
			continue
		case dateOK && st.ArchivedOn != "" && st.ArchivedOn <= s.HeldOn:
			// People who left may be recorded only at sessions held before they left.
			say(KeyAttendeeArchived, map[string]any{"Date": st.ArchivedOn})
		}
		seen[a.StaffID] = true
		if h := a.Hours; h != nil && (math.IsNaN(*h) || *h <= 0 || (hoursOK && *h > s.Hours) || *h > MaxHours) {
			say(KeyAttendeeHours, map[string]any{"Max": s.Hours})
		}
		if sc := a.Score; sc != nil && (math.IsNaN(*sc) || *sc < 0 || *sc > 100) {
			say(KeyAttendeeScore, nil)
		}
		signed := clean(a.SignedInAt)
		if signed != "" {
			if c, ok := parseClock(signed); ok {
				signed = c
			} else {
				say(KeyAttendeeSignedIn, map[string]any{"Value": signed})
			}
		}
		out = append(out, data.Attendance{StaffID: a.StaffID, Hours: copyFloat(a.Hours), Score: copyFloat(a.Score), SignedInAt: signed})
	}
	return out, l
}

func copyFloat(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func isAdmin(by auth.Session) bool { return slices.Contains(by.Roles, auth.Admin) }

// mayChange refuses a trainer who did not record the session; an administrator may change any.
func mayChange(by auth.Session, ownerID string) error {
	if isAdmin(by) || (ownerID != "" && ownerID == by.UserID) {
		return nil
	}
	return problem.New(KeyNotOwner, nil)
}

// SaveSession records a session (ID "") or changes one, with its whole attendance, in one
// transaction, and returns the id; the attendance replaces the stored one. A trainer may
// change only the sessions they recorded, an administrator any; the recorder (OwnerID)
// is the signed-in user on creation and never changes. Title and category (one of
// Categories, or the one the session already has) are required; the date must be real
// and not after today; the times HH:MM with the end after the start; the hours above zero,
// at most MaxHours and not more than the time between start and end. Each attendee must
// be on the roster (or have left only after the session) and listed once, with their own
// hours above zero and not above the session's, and a score from 0 to 100. On any refusal
// nothing is stored.
func SaveSession(ctx context.Context, store *data.Store, by auth.Session, s Session, attendees []Attendee) (string, error) {
	if err := by.Require(auth.EditTrainings); err != nil {
		return "", err
	}
	cats, err := Categories(ctx, store)
	if err != nil {
		return "", err
	}
	s, l := s.check(time.Now().Format(data.DateLayout))
	hoursOK := !slices.ContainsFunc(l, func(e *problem.Error) bool { return e.Field == FieldHours })
	dateOK := !slices.ContainsFunc(l, func(e *problem.Error) bool { return e.Field == FieldHeldOn })
	id := s.ID
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		var old data.TrainingRow
		if s.ID != "" {
			var err error
			if old, err = tx.Training(s.ID); err != nil {
				return err
			}
			if err := mayChange(by, old.OwnerID); err != nil {
				return err
			}
		}
		if s.Category != "" && !slices.Contains(cats, s.Category) && s.Category != old.Category {
			l = append(l, problem.OnField(FieldCategory, KeyCategoryUnknown, map[string]any{"Value": s.Category}))
		}
		staffIDs := make([]string, 0, len(attendees))
		for _, a := range attendees {
			staffIDs = append(staffIDs, strings.TrimSpace(a.StaffID))
		}
		staff, err := tx.StaffMembers(staffIDs)
		if err != nil {
			return err
		}
		rows, al := checkAttendees(s, dateOK, hoursOK, attendees, staff)
		if l = append(l, al...); len(l) > 0 {
			return l
		}
		// Nobody attends two sessions at the same time.
		clash, err := tx.OverlappingAttendance(staffIDs, s.HeldOn, s.StartsAt, s.EndsAt, s.ID)
		if err != nil {
			return err
		}
		for _, o := range clash {
			l = append(l, problem.OnField(FieldAttendees, KeyAttendeeOverlap, map[string]any{"Name": o.StaffName,
				"Title": o.Title, "From": o.StartsAt, "To": o.EndsAt}))
		}
		if len(l) > 0 {
			return l
		}
		rec := data.TrainingRow{Training: data.Training{ID: s.ID, Title: s.Title, Category: s.Category,
			Organiser: s.Organiser, Trainer: s.Trainer, TrainerUnit: s.TrainerUnit, HeldOn: s.HeldOn, StartsAt: s.StartsAt,
			EndsAt: s.EndsAt, Place: s.Place, Form: s.Form, Hours: s.Hours, OwnerID: by.UserID}, Notes: s.Notes}
		if s.ID == "" {
			if id, err = tx.CreateTraining(rec); err != nil {
				return err
			}
		} else {
			rec.OwnerID = old.OwnerID
			if _, err := tx.UpdateTraining(rec); err != nil {
				return err
			}
		}
		return tx.ReplaceAttendance(id, rows)
	})
	if errors.Is(err, data.ErrNoAudit) {
		return id, nil // saved as it was: nothing to record
	}
	if err != nil {
		return "", err
	}
	return id, nil
}

// DeleteSession removes a session with its attendance and attachments (soft deletion: the
// rows and their history stay). The same people may do it as may change the session.
func DeleteSession(ctx context.Context, store *data.Store, by auth.Session, id string) error {
	if err := by.Require(auth.EditTrainings); err != nil {
		return err
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		old, err := tx.Training(id)
		if err != nil {
			return err
		}
		if err := mayChange(by, old.OwnerID); err != nil {
			return err
		}
		return tx.DeleteTraining(id)
	})
}

func sessionOf(r data.TrainingRow) Session {
	return Session{ID: r.ID, Title: r.Title, Category: r.Category, Organiser: r.Organiser, Trainer: r.Trainer,
		TrainerUnit: r.TrainerUnit, HeldOn: r.HeldOn, StartsAt: r.StartsAt, EndsAt: r.EndsAt, Place: r.Place,
		Form: r.Form, Notes: r.Notes, Hours: r.Hours, OwnerID: r.OwnerID, Attendance: r.Attendance}
}

// LoadSession reads a session and its attendance, in roster order.
func LoadSession(ctx context.Context, store *data.Store, id string) (Session, []Attendee, error) {
	r, rows, err := store.Training(ctx, id)
	if err != nil {
		return Session{}, nil, err
	}
	s := sessionOf(r)
	s.Attendance = len(rows)
	out := make([]Attendee, len(rows))
	for i, a := range rows {
		out[i] = Attendee{StaffID: a.StaffID, Hours: a.Hours, Score: a.Score, SignedInAt: a.SignedInAt}
	}
	return s, out, nil
}

// yearRange is the first and last day of year; year 0 or below means every year.
func yearRange(year int) (string, string) {
	if year <= 0 {
		return "0000-01-01", "9999-12-31"
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	return from.Format(data.DateLayout), from.AddDate(1, 0, -1).Format(data.DateLayout)
}

// Sessions lists the sessions held in year (0: every year), newest first, each with its
// number of attendees in Attendance.
func Sessions(ctx context.Context, store *data.Store, year int) ([]Session, error) {
	from, to := yearRange(year)
	rows, err := store.TrainingSessions(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]Session, len(rows))
	for i, r := range rows {
		out[i] = sessionOf(r)
	}
	return out, nil
}
