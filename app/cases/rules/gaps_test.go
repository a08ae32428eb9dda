package rules

import "testing"

// TestCheckProcedureGaps holds a lawful and an unlawful sequence for each rule the 2026 legal
// review found missing: investigation before notice and decision, officers on the spot, the
// court-enforcement window and collective discussion of heavy penalties.
func TestCheckProcedureGaps(t *testing.T) {
	filedOnly := func(events ...Event) Case {
		return Case{Procedure: General, PartyKind: PartyOrg, ViolationOn: date("2024-08-30"), DiscoveredOn: date("2024-09-02"),
			Events: append([]Event{ev(StepFiled, "2024-09-02")}, events...)}
	}
	heavy := func(e *Event) { e.Outcome, e.Penalty, e.HeavyPenalty = OutcomeOther, "责令停产停业整顿", true }
	heavyNotice := ev(StepNotice, "2024-09-10", heavy, hearingOffered)
	reviewed := ev(StepLegalReview, "2024-09-24", passed)
	runChecks(t, DefaultParams(), []checkCase{
		// Art. 42, 54, 55: facts are investigated by two certified officers before anything follows.
		{"notice with no investigation", filedOnly(), ev(StepNotice, "2024-09-10", fine(2_000)), KeyNoInvestigation, FieldStep, nil},
		{"notice after investigation", general(), ev(StepNotice, "2024-09-10", fine(2_000)), "", "", nil},
		{"decision with no investigation", filedOnly(ev(StepNotice, "2024-09-03", warning)), ev(StepDecision, "2024-09-20", warning),
			KeyNoInvestigation, FieldStep, nil},
		{"decision not to penalise with no investigation", filedOnly(), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedMinor, true, datep("2024-09-25")
		}), KeyNoInvestigation, FieldStep, nil},
		{"decision after investigation", general(ev(StepNotice, "2024-09-10", warning)), ev(StepDecision, "2024-09-20", warning), "", "", nil},

		// Art. 42, 52: a summary decision too is made by two certified officers.
		{"summary by one uncertified person", summary(PartyOrg), ev(StepDecision, "2024-09-02", warning, rights, func(e *Event) {
			e.Officers = []Officer{{"王网格", false}}
		}), KeyUncertified, FieldOfficers, map[string]any{"Names": "王网格"}},
		{"summary by one certified officer", summary(PartyOrg), ev(StepDecision, "2024-09-02", warning, rights, func(e *Event) {
			e.Officers = two[:1]
		}), KeyOfficers, FieldOfficers, map[string]any{"Certified": 1, "Min": 2}},
		{"summary by nobody named", summary(PartyOrg), ev(StepDecision, "2024-09-02", warning, rights), KeyOfficers, FieldOfficers, nil},
		{"summary by two certified officers", summary(PartyOrg), ev(StepDecision, "2024-09-02", warning, rights, officers), "", "", nil},

		// 行政强制法 Art. 53: the court is asked after review (60 d) and lawsuit (6 m) periods lapse, within 3 months.
		{"enforcement while a lawsuit may still come", decided(ev(StepReminder, "2024-10-09")), ev(StepEnforcement, "2025-03-19"),
			KeyEnforcementEarly, FieldOn, map[string]any{"Served": "2024-09-19", "Opens": "2025-03-20"}},
		{"enforcement on the first day", decided(ev(StepReminder, "2024-10-09")), ev(StepEnforcement, "2025-03-20"), "", "", nil},
		{"enforcement on the last day", decided(ev(StepReminder, "2024-10-09")), ev(StepEnforcement, "2025-06-19"), "", "", nil},
		{"enforcement too late", decided(ev(StepReminder, "2024-10-09")), ev(StepEnforcement, "2025-06-20"),
			KeyEnforcementLate, FieldOn, map[string]any{"Served": "2024-09-19", "Ends": "2025-06-19"}},

		// Art. 57: heavy penalties are decided collectively, whether or not the case was marked major.
		{"heavy penalty without collective discussion", general(heavyNotice, reviewed), ev(StepDecision, "2024-09-25", heavy),
			KeyCollectiveHeavy, FieldStep, nil},
		{"heavy penalty discussed", general(heavyNotice, reviewed, ev(StepCollective, "2024-09-24")), ev(StepDecision, "2024-09-25", heavy), "", "", nil},
	})
}
