package cases_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/data"
)

type fixture struct {
	svc     *cases.Service
	store   *data.Store
	officer auth.Session
	party   data.Party
	item    data.CatalogItem // the signs item, with four tiers
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	s := officetest.DemoStore(t) // demo cases fall in 2023
	f := fixture{svc: cases.New(s), store: s, officer: auth.Session{UserID: "u1", Username: "li", Roles: []auth.Role{auth.Officer}}}
	items, _ := s.CatalogItemsInForce(ctx, "2024-03-01")
	for _, it := range items {
		if it.Code == "AQ-05" {
			f.item, _, _ = s.CatalogItem(ctx, it.ID)
		}
	}
	list, _, _ := s.List(ctx, data.ListParties, "", 0, 1)
	f.party, _, _ = s.Party(ctx, list[0].ID)
	if f.item.ID == "" || f.party.Kind != "org" {
		t.Fatalf("fixture: item %+v party %+v", f.item, f.party)
	}
	return f
}

func day(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02", s, time.Local)
	return t
}

// keys lists every refusal in err: each of a problem.List, or the one it is.
func keys(err error) []string {
	var l problem.List
	if errors.As(err, &l) {
		out := make([]string, len(l))
		for i, p := range l {
			out[i] = p.Key
		}
		return out
	}
	if k := key(err); k != "" {
		return []string{k}
	}
	return nil
}

func key(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

var officers = []rules.Officer{{Name: "李明", Certified: true}, {Name: "张强", Certified: true}}

func TestGeneralCaseFromFilingToClosing(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	steps0, _ := f.store.AuditCount(ctx, "case_event")
	id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
		DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04"), Officers: officers, TierOrdinal: 3})
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.svc.Load(ctx, id, day("2024-03-04"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Case.CaseNo != "青石镇应急罚〔2024〕1号" || len(v.Steps) != 1 || v.Steps[0].DocNo != "青石镇应急立〔2024〕1号" {
		t.Fatalf("filed case: no %q, steps %+v", v.Case.CaseNo, v.Steps)
	}
	record := func(e rules.Event) error { return f.svc.Record(ctx, f.officer, id, e) }

	// Refusals first: each says why, and nothing is recorded.
	if err := record(rules.Event{Step: rules.StepDecision, On: day("2024-03-06"), Outcome: rules.OutcomeFine, Fine: 2500000}); key(err) == "" {
		t.Fatal("a decision without notice was accepted")
	}
	if err := record(rules.Event{Step: rules.StepInvestigation, On: day("2024-03-05"), Officers: officers[:1]}); key(err) != "case.rule.officers" {
		t.Errorf("one officer: %v", err)
	}
	steps := []rules.Event{
		{Step: rules.StepInvestigation, On: day("2024-03-05"), Officers: officers},
		{Step: rules.StepNotice, On: day("2024-03-11"), Outcome: rules.OutcomeFine, Fine: 2500000},
	}
	for _, e := range steps {
		if err := record(e); err != nil {
			t.Fatalf("%s: %v", e.Step, err)
		}
	}
	// 60,000 yuan lies outside tier 3 (20,000–30,000): refused with the range in words.
	err = record(rules.Event{Step: rules.StepDecision, On: day("2024-03-18"), Outcome: rules.OutcomeFine, Fine: 6000000})
	if err == nil {
		t.Fatal("a fine outside the tier was accepted")
	}
	rest := []rules.Event{
		{Step: rules.StepDecision, On: day("2024-03-18"), Outcome: rules.OutcomeFine, Fine: 2500000},
		{Step: rules.StepService, On: day("2024-03-19")},
		{Step: rules.StepPublication, On: day("2024-03-20")},
		{Step: rules.StepPayment, On: day("2024-03-25"), Amount: 2500000},
		{Step: rules.StepClosing, On: day("2024-03-26")},
	}
	for _, e := range rest {
		if err := record(e); err != nil {
			t.Fatalf("%s: %v", e.Step, err)
		}
	}
	v, err = f.svc.Load(ctx, id, day("2024-03-27"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Case.Stage != "closing" || v.Case.Fine != 2500000 || v.Case.DecidedOn != "2024-03-18" || v.Case.ClosedOn != "2024-03-26" {
		t.Errorf("closed case: %+v", v.Case)
	}
	if len(v.Steps) != 8 {
		t.Errorf("timeline has %d steps, want 8", len(v.Steps))
	}
	for _, d := range v.Deadlines {
		if d.Status == "overdue" {
			t.Errorf("a closed case still has an overdue %s (due %s)", d.Kind, d.Due.Format("2006-01-02"))
		}
	}
	if n, _ := f.store.AuditCount(ctx, "case_event"); n-steps0 != 8 {
		t.Errorf("%d audited steps, want 8", n)
	}
}

func TestOnlyOfficersFileAndNumbersFollowTheIssuer(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	trainer := auth.Session{UserID: "u2", Roles: []auth.Role{auth.Trainer}}
	filing := cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
		DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04"), Officers: officers}
	if _, err := f.svc.File(ctx, trainer, filing); key(err) != "perm.denied" {
		t.Errorf("a trainer filed a case: %v", err)
	}
	_, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, ItemID: f.item.ID, FiledOn: day("2024-03-04")})
	if got := keys(err); !slices.Equal(got, []string{"casefile.party.missing", "casefile.discovered_on.missing"}) {
		t.Errorf("no party, no discovery date: %v", got)
	}
	for i := 1; i <= 3; i++ {
		id, err := f.svc.File(ctx, f.officer, filing)
		if err != nil {
			t.Fatal(err)
		}
		c, _, _ := f.store.Case(ctx, id)
		if c.Seq != i {
			t.Errorf("case %d got sequence %d", i, c.Seq)
		}
	}
}

func TestAgendaCountsOverdueAndSoonDueOpenCases(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// Filed 2024-03-04: the decision is due 30 days later, on 2024-04-03.
	id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
		DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04"), Officers: officers})
	if err != nil {
		t.Fatal(err)
	}
	find := func(a cases.Agenda) *cases.Attention {
		for i := range a.Items {
			if a.Items[i].CaseID == id {
				return &a.Items[i]
			}
		}
		return nil
	}
	a, err := f.svc.AgendaOn(ctx, day("2024-03-10"))
	if err != nil || find(a) != nil {
		t.Fatalf("a fresh case needs no attention yet: %+v %v", find(a), err)
	}
	a, _ = f.svc.AgendaOn(ctx, day("2024-04-02"))
	if it := find(a); it == nil || it.Status != rules.StatusDueSoon || it.Kind != rules.DeadlineDecide {
		t.Fatalf("a day before the decision is due: %+v", it)
	}
	a, _ = f.svc.AgendaOn(ctx, day("2024-04-10"))
	if it := find(a); it == nil || it.Status != rules.StatusOverdue || a.Overdue == 0 || a.Items[0].Status != rules.StatusOverdue {
		t.Fatalf("after the decision was due: %+v", a)
	}
}

func TestNextDueFollowsTheSteps(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
		DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04"), Officers: officers})
	if err != nil {
		t.Fatal(err)
	}
	c, _, _ := f.store.Case(ctx, id)
	if c.NextDueOn != "2024-04-03" || c.NextDueKind != rules.DeadlineDecide || c.Officers != "李明、张强" {
		t.Errorf("after filing: next due %s %s, officers %q", c.NextDueOn, c.NextDueKind, c.Officers)
	}
	for _, e := range []rules.Event{
		{Step: rules.StepInvestigation, On: day("2024-03-05"), Officers: officers},
		{Step: rules.StepNotice, On: day("2024-03-11"), Outcome: rules.OutcomeWarning},
		{Step: rules.StepDecision, On: day("2024-03-18"), Outcome: rules.OutcomeWarning},
	} {
		if err := f.svc.Record(ctx, f.officer, id, e); err != nil {
			t.Fatal(err)
		}
	}
	// Decided on Monday 2024-03-18: service within 7 working days, by 2024-03-27.
	c, _, _ = f.store.Case(ctx, id)
	if c.NextDueOn != "2024-03-27" {
		t.Errorf("after the decision: next due %s %s", c.NextDueOn, c.NextDueKind)
	}
}

func TestMissingNamesEveryEmptyRequiredField(t *testing.T) {
	full := cases.Filing{PartyID: "p", ItemID: "i", DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04")}
	tests := []struct {
		name  string
		blank func(*cases.Filing)
		want  []string
	}{
		{"complete", func(*cases.Filing) {}, nil},
		{"nothing", func(f *cases.Filing) { *f = cases.Filing{} }, []string{"casefile.party.missing", "casefile.item.missing",
			"casefile.discovered_on.missing", "casefile.filed_on.missing"}},
		{"dates only", func(f *cases.Filing) { f.DiscoveredOn, f.FiledOn = time.Time{}, time.Time{} },
			[]string{"casefile.discovered_on.missing", "casefile.filed_on.missing"}},
		{"item only", func(f *cases.Filing) { f.ItemID = "" }, []string{"casefile.item.missing"}},
	}
	for _, tt := range tests {
		f := full
		tt.blank(&f)
		if got := keys(f.Missing().Err()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLastOfficersAreTheLatestTeamNamed(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: f.item.ID,
		DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04"), Officers: officers})
	if err != nil {
		t.Fatal(err)
	}
	last := func() []string {
		v, err := f.svc.Load(ctx, id, day("2024-03-20"))
		if err != nil {
			t.Fatal(err)
		}
		return v.LastOfficers()
	}
	if got := last(); !slices.Equal(got, []string{"李明", "张强"}) {
		t.Errorf("after filing: %v", got)
	}
	team := []rules.Officer{{Name: "张强", Certified: true}, {Name: "王芳", Certified: true}}
	if err := f.svc.Record(ctx, f.officer, id, rules.Event{Step: rules.StepInvestigation, On: day("2024-03-05"), Officers: team}); err != nil {
		t.Fatal(err)
	}
	// A step recorded without officers leaves the last team named.
	if err := f.svc.Record(ctx, f.officer, id, rules.Event{Step: rules.StepNotice, On: day("2024-03-11"), Outcome: rules.OutcomeWarning}); err != nil {
		t.Fatal(err)
	}
	if got := last(); !slices.Equal(got, []string{"张强", "王芳"}) {
		t.Errorf("after the investigation and a notice without officers: %v", got)
	}
}
