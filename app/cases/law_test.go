package cases_test

import (
	"context"
	"testing"

	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/rulesets"
)

// The legal review's case: a notice served on 2026-09-30, before the National Day holiday. Five
// working days (Art. 64, 85) run to 10-13 — 10-01 to 10-07 are holidays and Saturday 10-10 is a
// working day — so a hearing request on 10-09 is lawful and must be accepted.
func TestHearingRequestAcrossNationalDay2026(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
		DiscoveredOn: day("2026-09-29"), FiledOn: day("2026-09-30"), Officers: officers, TierOrdinal: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []rules.Event{
		{Step: rules.StepInvestigation, On: day("2026-09-30"), Officers: officers},
		{Step: rules.StepNotice, On: day("2026-09-30"), Outcome: rules.OutcomeFine, Fine: 3_000_000, HearingOffered: true, Officers: officers},
	} {
		if err := f.svc.Record(ctx, f.officer, id, e); err != nil {
			t.Fatalf("%s: %v", e.Step, err)
		}
	}
	late := rules.Event{Step: rules.StepHearingRequest, On: day("2026-10-14")}
	if err := f.svc.Record(ctx, f.officer, id, late); key(err) != rules.KeyHearingRequestLate {
		t.Errorf("request on 10-14, after the period: %v", err)
	}
	if err := f.svc.Record(ctx, f.officer, id, rules.Event{Step: rules.StepHearingRequest, On: day("2026-10-09")}); err != nil {
		t.Fatalf("lawful hearing request on 10-09 refused: %v", err)
	}
	v, err := f.svc.Load(ctx, id, day("2026-10-09"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Law.ID != "2026" {
		t.Errorf("case filed 2026-09-30 checked under set %q", v.Law.ID)
	}
	for _, d := range v.Deadlines {
		if d.Guessed {
			t.Errorf("deadline %s on %s guessed: 2026 is built in", d.Kind, d.Due.Format("2006-01-02"))
		}
	}
}

// A case is checked under the rule set in force on its filing day: a district's checked 2026
// set with 60 days to decide governs a case filed on 2026-02-02, not one filed on 2026-01-30.
func TestCaseFollowsTheSetInForceOnItsFilingDay(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	admin := auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	checked := rules.BuiltinSets()[1]
	checked.Unconfirmed = nil
	checked.Params.DecideDays = 60
	if err := rulesets.Publish(ctx, f.store, admin, rules.Sets{checked}); err != nil {
		t.Fatal(err)
	}
	due := map[string]string{}
	for _, filed := range []string{"2026-01-30", "2026-02-02"} {
		id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
			DiscoveredOn: day(filed), FiledOn: day(filed), Officers: officers, TierOrdinal: 3})
		if err != nil {
			t.Fatal(err)
		}
		c, _, _ := f.store.Case(ctx, id)
		due[filed] = c.NextDueOn
	}
	// 30 days from 01-30 is 03-01, a Sunday: due Monday 03-02. 60 days from 02-02 is 04-03, a Friday.
	if due["2026-01-30"] != "2026-03-02" || due["2026-02-02"] != "2026-04-03" {
		t.Errorf("decision due: %v", due)
	}
}
