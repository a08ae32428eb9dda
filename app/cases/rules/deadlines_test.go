package rules

import (
	"testing"

	"townledger/app/problem"
)

type wantDeadline struct {
	kind, due string
	done      bool
}

func checkDeadlines(t *testing.T, got []Deadline, want []wantDeadline) {
	t.Helper()
	if len(got) != len(want) {
		for _, d := range got {
			t.Logf("%s %s done=%v", d.Kind, dateText(d.Due), d.Done)
		}
		t.Fatalf("%d deadlines, want %d", len(got), len(want))
	}
	for i, w := range want {
		d := got[i]
		if d.Kind != w.kind || dateText(d.Due) != w.due || d.Done != w.done {
			t.Errorf("deadline %d = %s %s done=%v, want %s %s done=%v", i, d.Kind, dateText(d.Due), d.Done, w.kind, w.due, w.done)
		}
		if d.BasisKey == "" || d.SoonDays != 3 {
			t.Errorf("deadline %s: basis %q, soon %d", d.Kind, d.BasisKey, d.SoonDays)
		}
		for _, lang := range []string{"zh-Hans", "en"} {
			say(t, lang, &problem.Error{Key: d.BasisKey, Data: d.Data})
			say(t, lang, &problem.Error{Key: DeadlineKey(d.Kind)})
		}
	}
}

func TestDeadlinesNationalDay(t *testing.T) {
	// Filed Sunday 2024-09-01: 30 days end on 10-01, a holiday, so on 10-08. The notice of Friday
	// 09-27: working days after it are 09-29 (a swapped Sunday), 09-30, then 10-08, 10-09, 10-10.
	c := Case{Procedure: General, PartyKind: PartyOrg, Events: []Event{ev(StepFiled, "2024-09-01"),
		ev(StepNotice, "2024-09-27", fine(40_000), hearingOffered)}}
	checkDeadlines(t, Deadlines(c, cal, DefaultParams()), []wantDeadline{
		{DeadlineDecide, "2024-10-08", false},
		{DeadlineStatement, "2024-10-08", false},
		{DeadlineHearingRequest, "2024-10-10", false},
	})
}

func TestDeadlinesExtended(t *testing.T) {
	p := DefaultParams()
	c := Case{Procedure: General, PartyKind: PartyOrg, Events: []Event{ev(StepFiled, "2024-09-01"),
		ev(StepExtension, "2024-09-30", func(e *Event) { e.Approval = ApprovalHead })}}
	d := Deadlines(c, cal, p)
	// 09-01 + 90 days = Saturday 11-30 → Monday 12-02.
	if dateText(d[0].Due) != "2024-12-02" || d[0].BasisKey != BasisDecideExtended || d[0].Data["Days"] != 90 {
		t.Errorf("extended by the head: %+v", d[0])
	}
	c.Events = append(c.Events, ev(StepExtension, "2024-11-29", func(e *Event) { e.Approval = ApprovalNextLevel }))
	d = Deadlines(c, cal, p)
	// 09-01 + 180 days = Friday 2025-02-28.
	if dateText(d[0].Due) != "2025-02-28" || d[0].BasisKey != BasisDecideMax || d[0].Data["Days"] != 180 {
		t.Errorf("extended by the next level: %+v", d[0])
	}
}

func TestDeadlinesAfterDecision(t *testing.T) {
	// decided(): filed 09-02, notice 09-10, fine decided 09-18, served 09-19.
	c := decided()
	checkDeadlines(t, Deadlines(c, cal, DefaultParams()), []wantDeadline{
		{DeadlineLimitation, "2026-08-30", true},
		{DeadlineDecide, "2024-10-08", true},    // 09-02 + 30 = 10-02, a holiday
		{DeadlineStatement, "2024-09-13", true}, // 3 working days after Tuesday 09-10
		{DeadlineService, "2024-09-27", true},   // 7 working days after 09-18
		{DeadlinePublication, "2024-09-27", false},
		{DeadlinePayment, "2024-10-08", false}, // 09-19 + 15 = 10-04, a holiday
		{DeadlineEnforcement, "2025-06-19", false},
	})
	enf := Deadlines(c, cal, DefaultParams())[6]
	// Review: 09-19 + 60 days = 11-18; lawsuit: 6 months = 2025-03-19, the later; window from the next day for 3 months.
	if dateText(enf.Opens) != "2025-03-20" || !enf.Informative || enf.Data["Opens"] != "2025-03-20" {
		t.Errorf("enforcement window %+v", enf)
	}

	paid := decided(ev(StepPayment, "2024-10-08", amount(20_000)), ev(StepPublication, "2024-09-20"))
	checkDeadlines(t, Deadlines(paid, cal, DefaultParams()), []wantDeadline{
		{DeadlineLimitation, "2026-08-30", true},
		{DeadlineDecide, "2024-10-08", true},
		{DeadlineStatement, "2024-09-13", true},
		{DeadlineService, "2024-09-27", true},
		{DeadlinePublication, "2024-09-27", true},
		{DeadlinePayment, "2024-10-08", true},
	})
}

func TestDeadlinesEnforcementMonthEnd(t *testing.T) {
	// Served 2024-08-31: six months later is 2025-02-28 (no 31 February); three more months: 2025-05-28.
	c := Case{Procedure: General, PartyKind: PartyOrg, Events: []Event{ev(StepFiled, "2024-08-01"),
		ev(StepNotice, "2024-08-10", fine(100)), ev(StepDecision, "2024-08-20", fine(100)), ev(StepService, "2024-08-31")}}
	ds := Deadlines(c, cal, DefaultParams())
	enf := ds[len(ds)-1]
	if enf.Kind != DeadlineEnforcement || dateText(enf.Opens) != "2025-03-01" || dateText(enf.Due) != "2025-05-28" {
		t.Errorf("enforcement window %s – %s", dateText(enf.Opens), dateText(enf.Due))
	}
}

func TestDeadlinesOtherCases(t *testing.T) {
	p := DefaultParams()
	if d := Deadlines(general(ev(StepVoid, "2024-09-05", func(e *Event) { e.Note = "x" })), cal, p); d != nil {
		t.Errorf("void case has deadlines %v", d)
	}
	// Not penalised: nothing to publish or pay.
	np := general(ev(StepDecision, "2024-09-20", func(e *Event) {
		e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedMinor, true, datep("2024-09-25")
	}))
	checkDeadlines(t, Deadlines(np, cal, p), []wantDeadline{
		{DeadlineLimitation, "2026-08-30", true},
		{DeadlineDecide, "2024-10-08", true},
		{DeadlineService, "2024-09-30", false}, // 09-20 + 7 working days: 23 24 25 26 27 29 30
	})
	// Summary procedure: no period to decide, no statement period; the rest as usual.
	s := summary(PartyPerson)
	s.Events = []Event{ev(StepDecision, "2024-09-02", fine(200), rights), ev(StepService, "2024-09-02")}
	checkDeadlines(t, Deadlines(s, cal, p), []wantDeadline{
		{DeadlineService, "2024-09-11", true},
		{DeadlinePublication, "2024-09-11", false},
		{DeadlinePayment, "2024-09-18", false}, // 09-02 + 15 = 09-17, a holiday
		{DeadlineEnforcement, "2025-06-02", false},
	})
	// Limitation not met: discovered after it ended; five years where harm was done.
	late := Case{Procedure: General, PartyKind: PartyOrg, ViolationOn: date("2022-09-01"), DiscoveredOn: date("2024-09-02")}
	checkDeadlines(t, Deadlines(late, cal, p), []wantDeadline{{DeadlineLimitation, "2024-09-01", false}})
	late.Harmful = true
	checkDeadlines(t, Deadlines(late, cal, p), []wantDeadline{{DeadlineLimitation, "2027-09-01", true}})
}

func TestStatus(t *testing.T) {
	due := Deadline{Due: date("2024-10-08"), SoonDays: 3}
	for _, tt := range []struct {
		d     Deadline
		today string
		want  string
	}{
		{due, "2024-10-04", StatusOK},
		{due, "2024-10-05", StatusDueSoon},
		{due, "2024-10-08", StatusDueSoon},
		{due, "2024-10-09", StatusOverdue},
		{Deadline{Due: due.Due, Done: true}, "2024-10-09", StatusDone},
		{Deadline{Due: due.Due, Wait: true, SoonDays: 3}, "2024-10-08", StatusDueSoon},
		{Deadline{Due: due.Due, Wait: true}, "2024-10-09", StatusDone},
		{Deadline{Due: date("2025-06-19"), Opens: date("2025-03-20"), SoonDays: 3}, "2024-12-01", StatusOK},
		{Deadline{Due: date("2025-06-19"), Opens: date("2025-03-20"), SoonDays: 3}, "2025-06-17", StatusDueSoon},
		{Deadline{Due: date("2025-06-19"), Opens: date("2025-03-20"), SoonDays: 3}, "2025-06-20", StatusOverdue},
	} {
		if got := Status(tt.d, date(tt.today)); got != tt.want {
			t.Errorf("Status(due %s, %s) = %s, want %s", dateText(tt.d.Due), tt.today, got, tt.want)
		}
	}
}

// Steps recorded without their dates (an imported or damaged record) give no deadline: never
// one counted from the year 1, which the home page once listed as 0001-01-10 and overdue.
func TestDeadlinesNeverFromAMissingDate(t *testing.T) {
	c := general(Event{Step: StepNotice, Outcome: OutcomeFine, Fine: yuan(20_000)},
		Event{Step: StepDecision, Outcome: OutcomeFine, Fine: yuan(20_000)}, Event{Step: StepService})
	for _, d := range Deadlines(c, cal, DefaultParams()) {
		if d.Due.Year() < 1900 {
			t.Errorf("%s due %s, counted from a missing date", d.Kind, dateText(d.Due))
		}
	}
	got := map[string]bool{}
	for _, d := range Deadlines(c, cal, DefaultParams()) {
		got[d.Kind] = true
	}
	if !got[DeadlineDecide] {
		t.Error("the deadline to decide, counted from the filing day, was dropped as well")
	}
}
