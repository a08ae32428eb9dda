package cases_test

import (
	"context"
	"testing"

	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/data"
)

// A step stored without a day in its record (an older or outside writer) takes its row's
// day; a step with no day at all makes no deadline — never one in year 1, overdue by two
// thousand years — and the home page's agenda counts what the case list counts.
func TestAMissingDateIsNeverADeadline(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	file := func() string {
		id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
			DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04"), Officers: officers})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	dated, undated := file(), file()
	for id, on := range map[string]string{dated: "2024-03-20", undated: ""} {
		err := f.store.Write(ctx, data.System, func(tx *data.Tx) error {
			_, err := tx.InsertCaseEvent(data.CaseEvent{CaseID: id, Step: string(rules.StepDecision), OccurredOn: on,
				Payload: `{"Step":"decision","Outcome":"fine","Fine":100000}`})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	today := day("2024-11-20")
	for _, id := range []string{dated, undated} {
		v, err := f.svc.Load(ctx, id, today)
		if err != nil {
			t.Fatal(err)
		}
		var service *cases.Due
		for i, d := range v.Deadlines {
			if d.Due.Year() < 2000 {
				t.Errorf("case %s: deadline %s on %s", v.Case.CaseNo, d.Kind, d.Due.Format("2006-01-02"))
			}
			if d.Kind == rules.DeadlineService {
				service = &v.Deadlines[i]
			}
		}
		if id == dated && (service == nil || service.Due.Format("2006-01-02") != "2024-03-29") {
			t.Errorf("decided 2024-03-20 (on the step's row only): service deadline %+v, want 2024-03-29", service)
		}
	}
	a, err := f.svc.AgendaOn(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := f.svc.DueWindow(ctx, today)
	_, overdue, _ := f.store.Cases(ctx, data.CaseQuery{Due: "overdue", Today: w.Today, SoonTo: w.SoonTo}, 0, 0)
	_, soon, _ := f.store.Cases(ctx, data.CaseQuery{Due: "soon", Today: w.Today, SoonTo: w.SoonTo}, 0, 0)
	if a.Overdue != overdue || a.DueSoon != soon || a.Overdue == 0 {
		t.Errorf("home: %d overdue, %d due soon; case list: %d, %d", a.Overdue, a.DueSoon, overdue, soon)
	}
	for _, it := range a.Items {
		if it.Deadline.Due.Year() < 2000 {
			t.Errorf("agenda line %s due %s", it.CaseNo, it.Deadline.Due.Format("2006-01-02"))
		}
	}
}
