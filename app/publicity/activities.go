// Package publicity records safety and law publicity activities and sums their figures for a period: the totals, the monthly series, the 五进 coverage and the sentence a report quotes.
package publicity

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/data"
)

// Activity is one publicity or law-education activity (宣传活动) with its figures.
type Activity struct {
	ID         string
	HeldOn     string // YYYY-MM-DD
	Title      string
	Type       string // one of Types
	PlaceKind  string // one of PlaceKinds, or ""
	PlaceName  string
	Organisers string
	Partners   string

	Banners       int   // 横幅 (条)
	Boards        int   // 展板 (块)
	Materials     int   // 资料 (份/册)
	Consultations int   // 咨询 (人次)
	People        int   // 受教育 (人次)
	Enterprises   int   // 覆盖企业 (家)
	Drills        int   // 演练 (场次)
	DrillPeople   int   // 参演 (人次)
	Cost          int64 // 经费, in fen
	Notes         string
}

// PlaceKinds are the kinds of place an activity may be held at.
var PlaceKinds = []string{"village", "community", "enterprise", "school", "family", "other"}

// MaxCount is the largest figure one activity may report.
const MaxCount = 10_000_000

// Form fields of an activity, named in refusals.
const (
	FieldHeldOn        = "held_on"
	FieldTitle         = "title"
	FieldType          = "type"
	FieldPlaceKind     = "place_kind"
	FieldPlaceName     = "place_name"
	FieldOrganisers    = "organisers"
	FieldPartners      = "partners"
	FieldBanners       = "banners"
	FieldBoards        = "boards"
	FieldMaterials     = "materials"
	FieldConsultations = "consultations"
	FieldPeople        = "people"
	FieldEnterprises   = "enterprises"
	FieldDrills        = "drills"
	FieldDrillPeople   = "drill_people"
	FieldCost          = "cost"
	FieldNotes         = "notes"
)

// MaxLen is the longest text, in characters, each text field accepts.
var MaxLen = map[string]int{FieldTitle: 100, FieldType: 30, FieldPlaceName: 100, FieldOrganisers: 200,
	FieldPartners: 200, FieldNotes: 2000}

func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
}

func parseDate(s string) (string, bool) {
	t, err := time.Parse(data.DateLayout, ids.Normalize(s))
	if err != nil {
		return "", false
	}
	return t.Format(data.DateLayout), true
}

// check normalises the activity and lists the rules its own fields break, each on its
// field; today is YYYY-MM-DD. Whether the type is in the list is checked when saving.
// Check normalises an activity and lists every rule its fields break on today, each on its
// field, including a type that is not in types (the office's list).
func (a Activity) Check(today time.Time, types []string) (Activity, problem.List) {
	a, l := a.check(today.Format(data.DateLayout))
	if a.Type != "" && !slices.Contains(types, a.Type) {
		l = append(l, problem.OnField(FieldType, KeyTypeUnknown, map[string]any{"Value": a.Type}))
	}
	return a, l
}

func (a Activity) check(today string) (Activity, problem.List) {
	var l problem.List
	for _, f := range []*string{&a.HeldOn, &a.Title, &a.Type, &a.PlaceKind, &a.PlaceName, &a.Organisers,
		&a.Partners, &a.Notes} {
		*f = clean(*f)
	}
	if a.Title == "" {
		l = append(l, problem.OnField(FieldTitle, KeyTitleEmpty, nil))
	}
	if a.Type == "" {
		l = append(l, problem.OnField(FieldType, KeyTypeEmpty, nil))
	}
	for _, f := range []struct{ field, v string }{{FieldTitle, a.Title}, {FieldType, a.Type},
		{FieldPlaceName, a.PlaceName}, {FieldOrganisers, a.Organisers}, {FieldPartners, a.Partners},
		{FieldNotes, a.Notes}} {
		if n := len([]rune(f.v)); n > MaxLen[f.field] {
			l = append(l, problem.OnField(f.field, KeyTooLong, map[string]any{"Max": MaxLen[f.field], "Len": n}))
		}
	}
	switch d, ok := parseDate(a.HeldOn); {
	case a.HeldOn == "":
		l = append(l, problem.OnField(FieldHeldOn, KeyHeldOnEmpty, nil))
	case !ok:
		l = append(l, problem.OnField(FieldHeldOn, KeyHeldOnInvalid, map[string]any{"Value": a.HeldOn}))
	case d > today:
		l = append(l, problem.OnField(FieldHeldOn, KeyHeldOnFuture, map[string]any{"Date": d}))
	default:
		a.HeldOn = d
	}
	if a.PlaceKind != "" && !slices.Contains(PlaceKinds, a.PlaceKind) {
		l = append(l, problem.OnField(FieldPlaceKind, KeyPlaceKindUnknown, map[string]any{"Value": a.PlaceKind}))
	}
	for _, f := range []struct {
		field string
		v     int
	}{{FieldBanners, a.Banners}, {FieldBoards, a.Boards}, {FieldMaterials, a.Materials},
		{FieldConsultations, a.Consultations}, {FieldPeople, a.People}, {FieldEnterprises, a.Enterprises},
		{FieldDrills, a.Drills}, {FieldDrillPeople, a.DrillPeople}} {
		if f.v < 0 || f.v > MaxCount {
			l = append(l, problem.OnField(f.field, KeyCountInvalid, map[string]any{"Max": MaxCount}))
		}
	}
	if a.DrillPeople > 0 && a.Drills <= 0 {
		l = append(l, problem.OnField(FieldDrillPeople, KeyDrillPeople, nil))
	}
	if a.Cost < 0 {
		l = append(l, problem.OnField(FieldCost, KeyCostNegative, nil))
	}
	return a, l
}

func rowOf(a Activity) data.ActivityRow {
	return data.ActivityRow{Activity: data.Activity{ID: a.ID, HeldOn: a.HeldOn, Title: a.Title, Type: a.Type,
		PlaceKind: a.PlaceKind, PlaceName: a.PlaceName, Organisers: a.Organisers, Partners: a.Partners,
		Banners: a.Banners, Boards: a.Boards, Materials: a.Materials, Consultations: a.Consultations,
		People: a.People, Enterprises: a.Enterprises, Drills: a.Drills, DrillPeople: a.DrillPeople, Cost: a.Cost},
		Notes: a.Notes}
}

func activityOf(r data.ActivityRow) Activity {
	return Activity{ID: r.ID, HeldOn: r.HeldOn, Title: r.Title, Type: r.Type, PlaceKind: r.PlaceKind,
		PlaceName: r.PlaceName, Organisers: r.Organisers, Partners: r.Partners, Banners: r.Banners,
		Boards: r.Boards, Materials: r.Materials, Consultations: r.Consultations, People: r.People,
		Enterprises: r.Enterprises, Drills: r.Drills, DrillPeople: r.DrillPeople, Cost: r.Cost, Notes: r.Notes}
}

// Save records an activity (ID "") or changes one and returns its id; publicists and
// administrators may. Title and type are required, the type one of Types (or the one the
// activity already has); the date must be real and not after today; the place kind one
// of PlaceKinds or empty; every count from 0 to MaxCount, drill participants only with
// drills; the cost (fen) not negative. Every refusal is on its field, all at once; on any
// refusal nothing is stored.
func Save(ctx context.Context, store *data.Store, by auth.Session, a Activity) (string, error) {
	if err := by.Require(auth.EditActivities); err != nil {
		return "", err
	}
	types, err := Types(ctx, store)
	if err != nil {
		return "", err
	}
	a, l := a.check(time.Now().Format(data.DateLayout))
	var old data.ActivityRow
	if a.ID != "" {
		if old, err = store.Activity(ctx, a.ID); err != nil {
			return "", err
		}
	}
	if a.Type != "" && !slices.Contains(types, a.Type) && a.Type != old.Type {
		l = append(l, problem.OnField(FieldType, KeyTypeUnknown, map[string]any{"Value": a.Type}))
	}
	if err := l.Err(); err != nil {
		return "", err
	}
	id := a.ID
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		if a.ID == "" {
			var err error
			id, err = tx.CreateActivity(rowOf(a))
			return err
		}
		_, err := tx.UpdateActivity(rowOf(a))
		return err
	})
	if errors.Is(err, data.ErrNoAudit) {
		return id, nil // saved as it was: nothing to record
	}
	if err != nil {
		return "", err
	}
	return id, nil
}

// Load reads a live activity.
func Load(ctx context.Context, store *data.Store, id string) (Activity, error) {
	r, err := store.Activity(ctx, id)
	if err != nil {
		return Activity{}, err
	}
	return activityOf(r), nil
}

// Delete removes an activity and its photos (soft deletion: the records and their history
// stay in the database); publicists and administrators may.
func Delete(ctx context.Context, store *data.Store, by auth.Session, id string) error {
	if err := by.Require(auth.EditActivities); err != nil {
		return err
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.DeleteActivity(id) })
}
