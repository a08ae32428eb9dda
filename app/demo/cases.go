package demo

import (
	"context"
	"fmt"
	"time"

	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/workdays"
	"townledger/data"
)

// demoCase is a case of the demo town and how far it has come.
type demoCase struct {
	item    string // catalogue code
	tier    int
	daysAgo int // filed this many days before today
	fine    int64
	upTo    rules.Step
	summary bool
}

var demoCases = []demoCase{
	{"AQ-05", 3, 75, 2500000, rules.StepClosing, false},
	{"AQ-07", 0, 60, 1500000, rules.StepPayment, false},
	{"AQ-01", 0, 45, 3000000, rules.StepService, false},
	{"AQ-05", 2, 30, 1500000, rules.StepDecision, false},
	{"AQ-06", 0, 21, 800000, rules.StepNotice, false},
	{"AQ-03", 0, 12, 0, rules.StepInvestigation, false},
	{"AQ-08", 0, 29, 2000000, rules.StepInvestigation, false},
	{"AQ-07", 0, 3, 20000, rules.StepClosing, true},
}

// loadCases files the demo cases through the case service, so each is lawful under the
// rules, and records their steps up to where each stands. Case i is filed against
// parties[i mod len]; a case already filed (a load cut short) is found again by its party,
// item, procedure and filing day, and only its steps not yet recorded are added.
func loadCases(ctx context.Context, s *data.Store, actor data.Actor, today time.Time, parties []string) error {
	sess := auth.Session{UserID: actor.UserID, Username: actor.UserName, Roles: []auth.Role{auth.Admin}}
	svc := cases.New(s)
	cal, err := workdays.New(workdays.Builtin())
	if err != nil {
		return err
	}
	items := map[string]data.CatalogItem{}
	inForce, err := s.CatalogItemsInForce(ctx, today.Format(data.DateLayout))
	if err != nil {
		return err
	}
	for _, it := range inForce {
		items[it.Code] = it
	}
	officers, err := s.Officers(ctx)
	if err != nil || len(officers) < 2 {
		return fmt.Errorf("demo cases need two officers: %w", err)
	}
	team := []rules.Officer{{Name: officers[0].Name, Certified: true}, {Name: officers[1].Name, Certified: true}}
	for i, dc := range demoCases {
		if err := ctx.Err(); err != nil {
			return err
		}
		filed := cal.NextWorkday(today.AddDate(0, 0, -dc.daysAgo))
		proc := rules.General
		if dc.summary {
			proc = rules.Summary
		}
		f := cases.Filing{Procedure: proc, PartyID: parties[i%len(parties)], ItemID: items[dc.item].ID,
			DiscoveredOn: filed.AddDate(0, 0, -2), FiledOn: filed, Officers: team, TierOrdinal: dc.tier}
		id, done, err := filedAlready(ctx, s, f)
		if err != nil {
			return fmt.Errorf("demo case %d: %w", i+1, err)
		}
		if id == "" {
			if id, err = svc.File(ctx, sess, f); err != nil {
				return fmt.Errorf("demo case %d: %w", i+1, err)
			}
			pause(fmt.Sprintf("case %d", i+1))
		}
		for n, ev := range demoSteps(dc, filed, team, cal) {
			if ev.On.After(today) {
				break
			}
			if n >= done {
				if err := svc.Record(ctx, sess, id, ev); err != nil {
					return fmt.Errorf("demo case %d, %s: %w", i+1, ev.Step, err)
				}
				pause(fmt.Sprintf("case %d step %d", i+1, n+1))
			}
			if ev.Step == dc.upTo {
				break
			}
		}
	}
	return nil
}

// filedAlready finds a demo case filed before a load was cut short, and how many of its steps
// after the filing are recorded; "" when it is not filed.
func filedAlready(ctx context.Context, s *data.Store, f cases.Filing) (id string, steps int, err error) {
	existing, err := s.CasesOfParty(ctx, f.PartyID)
	if err != nil {
		return "", 0, err
	}
	for _, c := range existing {
		if c.ItemID != f.ItemID || c.Procedure != string(f.Procedure) || c.FiledOn != f.FiledOn.Format(data.DateLayout) {
			continue
		}
		events, err := s.CaseEvents(ctx, c.ID)
		if err != nil {
			return "", 0, err
		}
		return c.ID, max(len(events)-1, 0), nil // the first is the filing
	}
	return "", 0, nil
}

// demoSteps lays out a case's steps on working days after filing.
func demoSteps(dc demoCase, filed time.Time, team []rules.Officer, cal *workdays.Calendar) []rules.Event {
	on := func(n int) time.Time { return cal.AddWorkdays(filed, n) }
	if dc.summary {
		return []rules.Event{
			{Step: rules.StepDecision, On: filed, Outcome: rules.OutcomeFine, Fine: dc.fine, RightsInformed: true, Officers: team},
			{Step: rules.StepService, On: filed},
			{Step: rules.StepPayment, On: on(1), Amount: dc.fine},
			{Step: rules.StepClosing, On: on(2)},
		}
	}
	large := dc.fine >= 3000000 // 30,000 yuan: a hearing is offered and a legal review needed
	passed := true
	steps := []rules.Event{
		{Step: rules.StepInvestigation, On: on(1), Officers: team},
		{Step: rules.StepNotice, On: on(5), Outcome: rules.OutcomeFine, Fine: dc.fine, HearingOffered: large},
		{Step: rules.StepStatement, On: on(6), WaivesHearing: true},
	}
	if large {
		steps = append(steps, rules.Event{Step: rules.StepLegalReview, On: on(8), Passed: &passed})
	}
	return append(steps, []rules.Event{
		{Step: rules.StepDecision, On: on(10), Outcome: rules.OutcomeFine, Fine: dc.fine},
		{Step: rules.StepService, On: on(11)},
		{Step: rules.StepPublication, On: on(13)},
		{Step: rules.StepPayment, On: on(20), Amount: dc.fine},
		{Step: rules.StepClosing, On: on(22)},
	}...)
}
