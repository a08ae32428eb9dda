// Package training keeps the staff roster, training sessions with their attendance, and
// each person's yearly training hours against the target.
//
// Trainers (培训记录员) and administrators keep the roster; a trainer changes only the
// sessions they recorded, an administrator any. Every refusal is a problem.Error with a
// translation key, and field problems come back together as a problem.List.
package training

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/search"
	"townledger/data"
)

// Certificate states (执法证状态).
const (
	CertNone    = ""
	CertValid   = "valid"   // 有效
	CertDue     = "due"     // 待年审
	CertRevoked = "revoked" // 已注销 (on leaving)
)

// CertStatuses lists the certificate states a person may have.
var CertStatuses = []string{CertNone, CertValid, CertDue, CertRevoked}

// Person is a member of the town's staff roster.
type Person struct {
	ID, Name, Unit, Position, Phone string
	IsOfficer                       bool
	CertNo                          string // 执法证号
	CertStatus                      string // "", "valid", "due", "revoked"
	CertDueOn                       string // YYYY-MM-DD annual registration / expiry
	ArchivedOn                      string // "" while on the roster
}

// Form fields of a person, named in refusals.
const (
	FieldName       = "name"
	FieldUnit       = "unit"
	FieldPosition   = "position"
	FieldPhone      = "phone"
	FieldCertNo     = "cert_no"
	FieldCertStatus = "cert_status"
	FieldCertDueOn  = "cert_due_on"
)

// StaffMaxLen is the longest text, in characters, each field of a person accepts.
var StaffMaxLen = map[string]int{FieldName: 30, FieldUnit: 50, FieldPosition: 30, FieldCertNo: 30}

// clean trims white space (including the ideographic space) around s.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
}

// tooLong appends a refusal when v exceeds max characters and reports whether it did.
func tooLong(l *problem.List, field, v string, max int) bool {
	if n := len([]rune(v)); n > max {
		*l = append(*l, problem.OnField(field, KeyTooLong, map[string]any{"Max": max, "Len": n}))
		return true
	}
	return false
}

// parseDate reads a YYYY-MM-DD date (full-width digits accepted) and returns it in that form.
func parseDate(s string) (string, bool) {
	t, err := time.Parse(data.DateLayout, ids.Normalize(s))
	if err != nil {
		return "", false
	}
	return t.Format(data.DateLayout), true
}

// Check normalises the person and lists every rule its own fields break, each on its field;
// whether someone else holds the certificate number is checked when saving.
func (p Person) Check() (Person, problem.List) { return p.check() }

// check normalises the person and lists every rule it breaks, each on its field.
func (p Person) check() (Person, problem.List) {
	var l problem.List
	for _, f := range []*string{&p.Name, &p.Unit, &p.Position, &p.Phone, &p.CertNo, &p.CertStatus, &p.CertDueOn} {
		*f = clean(*f)
	}
	p.CertNo = ids.Normalize(p.CertNo)
	if p.Name == "" {
		l = append(l, problem.OnField(FieldName, KeyStaffNameEmpty, nil))
	} else {
		tooLong(&l, FieldName, p.Name, StaffMaxLen[FieldName])
	}
	tooLong(&l, FieldUnit, p.Unit, StaffMaxLen[FieldUnit])
	tooLong(&l, FieldPosition, p.Position, StaffMaxLen[FieldPosition])
	if p.Phone != "" {
		if ph, err := ids.ValidatePhone(p.Phone); err != nil {
			pe := problem.From(err)
			l = append(l, &problem.Error{Key: pe.Key, Data: pe.Data, Field: FieldPhone, Err: err})
		} else {
			p.Phone = ph
		}
	}
	if !tooLong(&l, FieldCertNo, p.CertNo, StaffMaxLen[FieldCertNo]) && p.IsOfficer && p.CertNo == "" {
		l = append(l, problem.OnField(FieldCertNo, KeyCertNoRequired, nil))
	}
	if !slices.Contains(CertStatuses, p.CertStatus) {
		l = append(l, problem.OnField(FieldCertStatus, KeyCertStatus, map[string]any{"Value": p.CertStatus}))
	}
	if p.CertDueOn != "" {
		if d, ok := parseDate(p.CertDueOn); ok {
			p.CertDueOn = d
		} else {
			l = append(l, problem.OnField(FieldCertDueOn, KeyCertDueOn, map[string]any{"Value": p.CertDueOn}))
		}
	}
	return p, l
}

func (p Person) record() data.Staff {
	return data.Staff{ID: p.ID, Name: p.Name, NameInitials: search.Initials(p.Name), Unit: p.Unit, Position: p.Position,
		Phone: p.Phone, IsOfficer: p.IsOfficer, CertNo: p.CertNo, CertStatus: p.CertStatus, CertDueOn: p.CertDueOn}
}

func personOf(s data.Staff) Person {
	return Person{ID: s.ID, Name: s.Name, Unit: s.Unit, Position: s.Position, Phone: s.Phone, IsOfficer: s.IsOfficer,
		CertNo: s.CertNo, CertStatus: s.CertStatus, CertDueOn: s.CertDueOn, ArchivedOn: s.ArchivedOn}
}

// errUnchanged ends a write transaction that would change nothing; it is not a failure.
var errUnchanged = errors.New("nothing changed")

// SaveStaff adds a person to the roster (ID "") or changes one, and returns the id. The
// name is required (at most 30 characters), a phone must be a valid mobile or landline
// number (stored normalised), an officer needs a certificate number no other person
// holds, the status is one of CertStatuses and the due date a real date. ArchivedOn is
// ignored: people leave through ArchiveStaff, and an archived person is not changed.
func SaveStaff(ctx context.Context, store *data.Store, by auth.Session, p Person) (string, error) {
	if err := by.Require(auth.EditStaff); err != nil {
		return "", err
	}
	p, l := p.check()
	if len(l) > 0 {
		return "", l
	}
	id := p.ID
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		if p.CertNo != "" {
			ex, taken, err := tx.StaffByCertNo(p.CertNo, p.ID)
			if err != nil {
				return err
			}
			if taken {
				return problem.List{problem.OnField(FieldCertNo, KeyCertNoTaken, map[string]any{"Value": p.CertNo, "Name": ex.Name})}
			}
		}
		if p.ID == "" {
			var err error
			id, err = tx.InsertStaff(p.record())
			return err
		}
		old, err := tx.StaffByID(p.ID)
		if err != nil {
			return err
		}
		if old.ArchivedOn != "" {
			return problem.New(KeyStaffArchived, map[string]any{"Name": old.Name, "Date": old.ArchivedOn})
		}
		changed, err := tx.UpdateStaff(p.record())
		if err == nil && !changed {
			return errUnchanged
		}
		return err
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return "", err
	}
	return id, nil
}

// ArchiveStaff records that a person left on the day on (the zero time means today): they
// leave the roster, their certificate becomes revoked, and every record of them stays.
func ArchiveStaff(ctx context.Context, store *data.Store, by auth.Session, id string, on time.Time) error {
	if err := by.Require(auth.EditStaff); err != nil {
		return err
	}
	if on.IsZero() {
		on = time.Now()
	}
	day := on.Format(data.DateLayout)
	if day > time.Now().AddDate(0, 0, 1).Format(data.DateLayout) {
		return problem.New(KeyArchiveDate, map[string]any{"Date": day})
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		old, err := tx.StaffByID(id)
		if err != nil {
			return err
		}
		if old.ArchivedOn != "" {
			return problem.New(KeyStaffArchived, map[string]any{"Name": old.Name, "Date": old.ArchivedOn})
		}
		return tx.ArchiveStaff(id, day)
	})
}

// Roster lists the staff by unit (in pinyin order, units left blank last), then by the
// pinyin initials of their names; includeArchived adds those who left.
func Roster(ctx context.Context, store *data.Store, includeArchived bool) ([]Person, error) {
	rows, err := store.Roster(ctx, includeArchived)
	if err != nil {
		return nil, err
	}
	unitKey := map[string]string{}
	for _, r := range rows {
		if _, ok := unitKey[r.Unit]; !ok {
			unitKey[r.Unit] = search.Initials(r.Unit)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Unit, rows[j].Unit
		if a == b {
			return false // the store's order: initials, then name
		}
		if (a == "") != (b == "") {
			return b == ""
		}
		if unitKey[a] != unitKey[b] {
			return unitKey[a] < unitKey[b]
		}
		return a < b
	})
	out := make([]Person, len(rows))
	for i, r := range rows {
		out[i] = personOf(r)
	}
	return out, nil
}

// CertWindowDays is how far ahead certificates due for registration are listed: a month,
// time enough to book the annual check.
const CertWindowDays = 30

// CertsDue lists the officers on the roster whose certificate is not revoked and falls
// due within days of today, or already has; the earliest first.
func CertsDue(ctx context.Context, store *data.Store, today time.Time, days int) ([]Person, error) {
	if days < 0 {
		days = 0
	}
	rows, err := store.CertsDue(ctx, today.AddDate(0, 0, days).Format(data.DateLayout))
	if err != nil {
		return nil, err
	}
	out := make([]Person, len(rows))
	for i, r := range rows {
		out[i] = personOf(r)
	}
	return out, nil
}
