// Package activityimport brings publicity activities (宣传活动) into TownLedger from a
// workbook. A file is stored whole or not at all, and every problem is reported by row and
// column.
//
// The rules are app/publicity's: each row goes through publicity.Activity.Check (its own
// fields, today, the office's type list); the rows are then stored together in one
// transaction through data.Tx.CreateActivity.
package activityimport

import (
	"context"
	"slices"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/app/publicity"
	"townledger/app/workbook"
	"townledger/data"
)

func day(r workbook.Record, name string) string {
	if t, ok := r.Date(name); ok {
		return t.Format(data.DateLayout)
	}
	return ""
}

func count(r workbook.Record, name string) int {
	n, _ := r.Values[name].(int)
	return n
}

func activityOf(r workbook.Record) publicity.Activity {
	a := publicity.Activity{HeldOn: day(r, publicity.FieldHeldOn), Title: r.Text(publicity.FieldTitle),
		Type: r.Text(publicity.FieldType), PlaceKind: r.Text(publicity.FieldPlaceKind),
		PlaceName: r.Text(publicity.FieldPlaceName), Organisers: r.Text(publicity.FieldOrganisers),
		Partners: r.Text(publicity.FieldPartners), Banners: count(r, publicity.FieldBanners),
		Boards: count(r, publicity.FieldBoards), Materials: count(r, publicity.FieldMaterials),
		Consultations: count(r, publicity.FieldConsultations), People: count(r, publicity.FieldPeople),
		Enterprises: count(r, publicity.FieldEnterprises), Drills: count(r, publicity.FieldDrills),
		DrillPeople: count(r, publicity.FieldDrillPeople), Notes: r.Text(publicity.FieldNotes)}
	a.Cost, _ = r.Values[publicity.FieldCost].(int64)
	return a
}

type activityRow struct {
	row int
	a   publicity.Activity
}

type sameActivity struct{ date, title, place string }

// Result is what an import did.
type Result struct {
	Recorded int // activities added
	Skipped  int // rows already in the ledger (same date, title and place): not added again
}

// Import reads the activities workbook at path and records every row as an activity in
// one transaction, or nothing. Rows already recorded (the same date, title and place as a
// live activity) are skipped, so importing an updated sheet again adds only its new rows. Each row must pass publicity's rules (Activity.Check): a title, a type
// from the office's list (publicity.Types; an unknown one is refused with the list), a
// real date not after today, a place kind from the sheet's list, counts from 0 to
// publicity.MaxCount (drill participants only with drills), a cost not negative. The
// same date, title and place may appear once in the file. by must be allowed to edit
// activities.
func Import(ctx context.Context, store *data.Store, by auth.Session, path string, today time.Time) (Result, error) {
	var res Result
	if err := by.Require(auth.EditActivities); err != nil {
		return res, err
	}
	types, err := publicity.Types(ctx, store)
	if err != nil {
		return res, err
	}
	list := strings.Join(types, "、")
	var rows []activityRow
	first := map[sameActivity]int{}
	var failed error
	check := func(r workbook.Record, report func(string, error)) {
		if failed != nil {
			return
		}
		a := activityOf(r)
		if a.Type != "" && !slices.Contains(types, a.Type) {
			report(publicity.FieldType, problem.New(KeyTypeUnknown, map[string]any{"Value": a.Type, "Types": list}))
		}
		_, l := a.Check(today, types)
		for _, e := range l {
			report(e.Field, e)
		}
		if a.Title != "" && a.HeldOn != "" {
			k := sameActivity{a.HeldOn, a.Title, a.PlaceName}
			if f, ok := first[k]; ok {
				report(publicity.FieldTitle, problem.New(KeyRepeated, map[string]any{"First": f, "Title": a.Title, "Date": a.HeldOn}))
				return
			}
			first[k] = r.Row
		}
		if len(l) == 0 {
			rows = append(rows, activityRow{r.Row, a})
		}
	}
	tbl, err := workbook.Read(ctx, path, Spec, check)
	if err == nil {
		err = failed
	}
	if err != nil {
		return res, err
	}
	if err := tbl.Err(); err != nil {
		return res, err
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for i, r := range rows {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			a := r.a
			if dup, err := tx.ActivityExists(data.ActivityKey{HeldOn: a.HeldOn, Title: a.Title, PlaceName: a.PlaceName}); err != nil {
				return err
			} else if dup {
				res.Skipped++
				continue
			}
			res.Recorded++
			if _, err := tx.CreateActivity(data.ActivityRow{Activity: data.Activity{HeldOn: a.HeldOn, Title: a.Title,
				Type: a.Type, PlaceKind: a.PlaceKind, PlaceName: a.PlaceName, Organisers: a.Organisers,
				Partners: a.Partners, Banners: a.Banners, Boards: a.Boards, Materials: a.Materials,
				Consultations: a.Consultations, People: a.People, Enterprises: a.Enterprises, Drills: a.Drills,
				DrillPeople: a.DrillPeople, Cost: a.Cost}, Notes: a.Notes}); err != nil {
				return err
			}
		}
		if res.Recorded == 0 {
			return tx.Event("import_nothing_new", "activity", "", map[string]any{"skipped": res.Skipped})
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}
