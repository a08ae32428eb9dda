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

// Art. 30–32: a fine below the legal minimum only with a ground the law names, the facts in
// words, and a passed legal review before the decision.
func TestCheckReducedPenalty(t *testing.T) {
	minItem := ItemRanges{Unit: Range{i64(yuan(20_000)), i64(yuan(50_000))}}
	withItem := func(c Case) Case { c.Item = &minItem; return c }
	ground := func(m Mitigation, why string) func(*Event) {
		return func(e *Event) { e.Mitigation, e.MitigationReason = m, why }
	}
	harm := ground(MitigationHarmRemoved, "检查当日即停止作业、自行拆除违规电焊设备，未造成后果")
	noticed := ev(StepNotice, "2024-09-10", fine(8_000), harm)
	reviewed := ev(StepLegalReview, "2024-09-18", passed)
	runChecks(t, DefaultParams(), []checkCase{
		{"below the minimum, no ground", withItem(general(ev(StepNotice, "2024-09-10", fine(8_000)))), ev(StepDecision, "2024-09-20", fine(8_000)),
			KeyFineLegalBelow, FieldFine, map[string]any{"Fine": "8,000.00", "Min": "20,000.00"}},
		{"notice proposing a reduced fine", withItem(general()), ev(StepNotice, "2024-09-10", fine(8_000), harm), "", "", nil},
		{"ground without the facts", withItem(general(noticed, reviewed)), ev(StepDecision, "2024-09-20", fine(8_000), ground(MitigationConfessed, " ")),
			KeyMitigationReason, FieldMitigationText, nil},
		{"a ground the law does not name", withItem(general(noticed, reviewed)), ev(StepDecision, "2024-09-20", fine(8_000), ground("good_attitude", "态度好")),
			KeyMitigationGround, FieldMitigation, nil},
		{"a minor's ground for a company", withItem(general(noticed, reviewed)), ev(StepDecision, "2024-09-20", fine(8_000), ground(MitigationMinor, "未成年")),
			KeyMitigationPerson, FieldMitigation, nil},
		{"reduced without legal review", withItem(general(noticed)), ev(StepDecision, "2024-09-20", fine(8_000), harm),
			KeyMitigationReview, FieldStep, map[string]any{"Fine": "8,000.00", "Min": "20,000.00"}},
		{"reduced after a failed review", withItem(general(noticed, ev(StepLegalReview, "2024-09-18", failed))), ev(StepDecision, "2024-09-20", fine(8_000), harm),
			KeyMitigationReview, FieldStep, nil},
		{"reduced after a passed review", withItem(general(noticed, reviewed)), ev(StepDecision, "2024-09-20", fine(8_000), harm), "", "", nil},
		{"a ground does not lift the maximum", withItem(general(noticed, reviewed)), ev(StepDecision, "2024-09-20", fine(60_000), harm),
			KeyFineLegalMax, FieldFine, map[string]any{"Max": "50,000.00"}},
		{"reduced on the spot", withItem(summary(PartyOrg)), ev(StepDecision, "2024-09-02", fine(2_000), harm, rights, officers),
			KeyMitigationReview, FieldStep, nil},
	})
}
