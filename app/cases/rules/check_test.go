package rules

import (
	"testing"
)

var (
	two   = []Officer{{"张伟", true}, {"李娜", true}}
	yes   = true
	no    = false
	item5 = ItemRanges{ // 安全生产法 Art. 99(1): no warning signs
		Unit: Range{nil, i64(yuan(50_000))}, LateUnit: Range{i64(yuan(50_000)), i64(yuan(200_000))},
		LatePerson: Range{i64(yuan(10_000)), i64(yuan(20_000))},
	}
)

func ev(step Step, on string, mods ...func(*Event)) Event {
	e := Event{Step: step, On: date(on)}
	for _, m := range mods {
		m(&e)
	}
	return e
}

func fine(y int64) func(*Event) {
	return func(e *Event) { e.Outcome, e.Fine = OutcomeFine, yuan(y) }
}

var (
	hearingOffered = func(e *Event) { e.HearingOffered = true }
	passed         = func(e *Event) { e.Passed = &yes }
	failed         = func(e *Event) { e.Passed = &no }
	warning        = func(e *Event) { e.Outcome = OutcomeWarning }
	rights         = func(e *Event) { e.RightsInformed = true }
	officers       = func(e *Event) { e.Officers = two }
)

func amount(y int64) func(*Event) { return func(e *Event) { e.Amount = yuan(y) } }

// general builds a general-procedure case against an organisation, filed on Monday 2024-09-02,
// with the given events after filing.
func general(events ...Event) Case {
	return Case{Procedure: General, PartyKind: PartyOrg, ViolationOn: date("2024-08-30"), DiscoveredOn: date("2024-09-02"),
		Events: append([]Event{ev(StepFiled, "2024-09-02"), ev(StepInvestigation, "2024-09-03", officers)}, events...)}
}

// decided is general() up to a fine of 20,000 yuan decided on 2024-09-18 and served on 09-19.
func decided(events ...Event) Case {
	return general(append([]Event{ev(StepNotice, "2024-09-10", fine(20_000)), ev(StepDecision, "2024-09-18", fine(20_000)),
		ev(StepService, "2024-09-19")}, events...)...)
}

func with(c Case, f func(*Case)) Case { f(&c); return c }

func summary(kind string) Case {
	return Case{Procedure: Summary, PartyKind: kind, FiledOn: date("2024-09-02"), DiscoveredOn: date("2024-09-02")}
}

// checkCase is one sequence: the case so far, the step offered next, and the refusal expected
// ("" for a lawful step) with the field it points at and the data its message is built from.
type checkCase struct {
	name  string
	c     Case
	next  Event
	key   string
	field string
	data  map[string]any
}

func TestCheck(t *testing.T) {
	runChecks(t, DefaultParams(), []checkCase{
		// The case as a whole
		{"bad procedure", with(general(), func(c *Case) { c.Procedure = "fast" }), ev(StepNotice, "2024-09-10"), KeyProcedure, FieldProcedure, nil},
		{"bad party kind", with(general(), func(c *Case) { c.PartyKind = "" }), ev(StepNotice, "2024-09-10"), KeyPartyKind, FieldPartyKind, nil},
		{"unknown step", general(), ev("inspection", "2024-09-10"), KeyUnknownStep, FieldStep, nil},
		{"closed", decided(ev(StepPayment, "2024-09-20", amount(20_000)), ev(StepClosing, "2024-09-21")), ev(StepPublication, "2024-09-22"), KeyClosed, "", nil},
		{"void", general(ev(StepVoid, "2024-09-04")), ev(StepNotice, "2024-09-10"), KeyVoid, "", nil},
		{"no date", general(), Event{Step: StepNotice}, KeyNoDate, FieldOn, nil},

		// Filing
		{"filing", Case{Procedure: General, PartyKind: PartyOrg, DiscoveredOn: date("2024-09-02")}, ev(StepFiled, "2024-09-02"), "", "", nil},
		{"filing twice", general(), ev(StepFiled, "2024-09-04"), KeyAlreadyFiled, FieldStep, nil},
		{"filing before discovery", Case{Procedure: General, PartyKind: PartyOrg, DiscoveredOn: date("2024-09-02")},
			ev(StepFiled, "2024-09-01"), KeyBeforeDiscovery, FieldOn, map[string]any{"On": "2024-09-01", "Discovered": "2024-09-02"}},
		{"within limitation, last day", Case{Procedure: General, PartyKind: PartyOrg, ViolationOn: date("2022-09-02"), DiscoveredOn: date("2024-09-02")},
			ev(StepFiled, "2024-09-03"), "", "", nil},
		{"limitation passed", Case{Procedure: General, PartyKind: PartyOrg, ViolationOn: date("2022-09-01"), DiscoveredOn: date("2024-09-02")},
			ev(StepFiled, "2024-09-03"), KeyLimitation, FieldOn,
			map[string]any{"Violation": "2022-09-01", "Discovered": "2024-09-02", "Years": 2, "Ends": "2024-09-01"}},
		{"limitation from 29 February", Case{Procedure: General, PartyKind: PartyOrg, ViolationOn: date("2020-02-29"), DiscoveredOn: date("2022-03-01")},
			ev(StepFiled, "2022-03-01"), KeyLimitation, FieldOn,
			map[string]any{"Violation": "2020-02-29", "Discovered": "2022-03-01", "Years": 2, "Ends": "2022-02-28"}},
		{"harm: five years", Case{Procedure: General, PartyKind: PartyOrg, Harmful: true, ViolationOn: date("2020-09-01"), DiscoveredOn: date("2024-09-02")},
			ev(StepFiled, "2024-09-03"), "", "", nil},
		{"filed within 5 days of investigating", Case{Procedure: General, PartyKind: PartyOrg, DiscoveredOn: date("2024-08-28"),
			Events: []Event{ev(StepInvestigation, "2024-08-28", officers)}}, ev(StepFiled, "2024-09-02"), "", "", nil},
		{"filed too long after investigating", Case{Procedure: General, PartyKind: PartyOrg, DiscoveredOn: date("2024-08-28"),
			Events: []Event{ev(StepInvestigation, "2024-08-28", officers)}}, ev(StepFiled, "2024-09-03"), KeyFilingLate, FieldOn,
			map[string]any{"Investigated": "2024-08-28", "Ends": "2024-09-02", "Days": 5}},

		// Dates and order
		{"not filed", Case{Procedure: General, PartyKind: PartyOrg}, ev(StepNotice, "2024-09-10"), KeyNotFiled, FieldStep, nil},
		{"investigating before filing", Case{Procedure: General, PartyKind: PartyOrg}, ev(StepInvestigation, "2024-09-01", officers), "", "", nil},
		{"investigation 5 days before filing", general(), ev(StepInvestigation, "2024-08-28", officers), "", "", nil},
		{"investigation 6 days before filing", general(), ev(StepInvestigation, "2024-08-27", officers), KeyBeforeFiling, FieldOn,
			map[string]any{"On": "2024-08-27", "Filed": "2024-09-02"}},
		{"notice before filing", general(), ev(StepNotice, "2024-09-01"), KeyBeforeFiling, FieldOn, nil},
		{"filing date from the case", with(general(), func(c *Case) { c.FiledOn = date("2024-09-05") }), ev(StepNotice, "2024-09-04"), KeyBeforeFiling, FieldOn,
			map[string]any{"On": "2024-09-04", "Filed": "2024-09-05"}},
		{"statement before notice", general(ev(StepNotice, "2024-09-10")), ev(StepStatement, "2024-09-09"), KeyBeforePrevious, FieldOn,
			map[string]any{"On": "2024-09-09", "Prev": "2024-09-10"}},
		{"notice before investigation", general(), ev(StepNotice, "2024-09-02"), KeyBeforePrevious, FieldOn, nil},

		// Investigation (Art. 42, 55)
		{"two certified officers", general(), ev(StepInvestigation, "2024-09-04", officers), "", "", nil},
		{"one certified officer", general(), ev(StepInvestigation, "2024-09-04", func(e *Event) { e.Officers = two[:1] }), KeyOfficers, FieldOfficers,
			map[string]any{"Certified": 1, "Min": 2}},
		{"grid worker inspecting", general(), ev(StepInvestigation, "2024-09-04", func(e *Event) {
			e.Officers = append([]Officer{{"王网格", false}, {"赵临时", false}}, two...)
		}), KeyUncertified, FieldOfficers, map[string]any{"Names": "王网格、赵临时"}},

		// Notice and hearing (Art. 63, 64)
		{"notice of a small fine", general(), ev(StepNotice, "2024-09-10", fine(20_000)), "", "", nil},
		{"large fine, no hearing offered", general(), ev(StepNotice, "2024-09-10", fine(30_000)), KeyHearingNotOffered, FieldHearing,
			map[string]any{"Fine": "30,000.00", "Threshold": "30,000.00"}},
		{"large fine, hearing offered", general(), ev(StepNotice, "2024-09-10", fine(30_000), hearingOffered), "", "", nil},
		{"person below the large amount", with(general(), func(c *Case) { c.PartyKind = PartyPerson }),
			ev(StepNotice, "2024-09-10", func(e *Event) { e.Outcome, e.Fine = OutcomeFine, 999_999 }), "", "", nil},
		{"person at the large amount", with(general(), func(c *Case) { c.PartyKind = PartyPerson }),
			ev(StepNotice, "2024-09-10", fine(10_000)), KeyHearingNotOffered, FieldHearing, map[string]any{"Threshold": "10,000.00"}},
		{"heavy penalty, no hearing offered", general(), ev(StepNotice, "2024-09-10", func(e *Event) {
			e.Outcome, e.Penalty, e.HeavyPenalty = OutcomeOther, "责令停产停业整顿", true
		}), KeyHearingNotOfferedHeavy, FieldHearing, nil},
		{"notice outside the legal range", with(general(), func(c *Case) { c.Item = &item5 }), ev(StepNotice, "2024-09-10", fine(60_000), hearingOffered),
			KeyFineLegalMax, FieldFine, map[string]any{"Fine": "60,000.00", "Max": "50,000.00"}},
		{"statement without notice", general(), ev(StepStatement, "2024-09-10"), KeyNoticeFirst, FieldStep, nil},
		{"hearing request on the 5th working day", general(ev(StepNotice, "2024-09-27", fine(40_000), hearingOffered)),
			ev(StepHearingRequest, "2024-10-10"), "", "", nil},
		{"hearing request late", general(ev(StepNotice, "2024-09-27", fine(40_000), hearingOffered)),
			ev(StepHearingRequest, "2024-10-11"), KeyHearingRequestLate, FieldOn, map[string]any{"Notice": "2024-09-27", "Ends": "2024-10-10", "Days": 5}},
		{"hearing request without notice", general(), ev(StepHearingRequest, "2024-09-10"), KeyNoticeFirst, FieldStep, nil},
		{"hearing without request", general(ev(StepNotice, "2024-09-10", hearingOffered)), ev(StepHearing, "2024-09-30"), KeyNoHearingRequest, FieldStep, nil},
		{"hearing not announced", general(ev(StepNotice, "2024-09-10", hearingOffered), ev(StepHearingRequest, "2024-09-11")),
			ev(StepHearing, "2024-09-30"), KeyHearingUnannounced, FieldAnnouncedOn, nil},
		{"hearing announced too late", general(ev(StepNotice, "2024-09-10", hearingOffered), ev(StepHearingRequest, "2024-09-11")),
			ev(StepHearing, "2024-09-30", func(e *Event) { e.AnnouncedOn = datep("2024-09-23") }), KeyHearingAnnounce, FieldAnnouncedOn,
			map[string]any{"Announced": "2024-09-23", "Earliest": "2024-10-08", "Days": 7}},
		{"hearing 7 working days after announcement", general(ev(StepNotice, "2024-09-10", hearingOffered), ev(StepHearingRequest, "2024-09-11")),
			ev(StepHearing, "2024-10-08", func(e *Event) { e.AnnouncedOn = datep("2024-09-23") }), "", "", nil},
		{"review without result", general(), ev(StepLegalReview, "2024-09-10"), KeyReviewResult, FieldPassed, nil},
		{"review", general(), ev(StepLegalReview, "2024-09-10", failed), "", "", nil},

		// Extension (safety rule: 30 → 90 → 180 days)
		{"extension by the head", general(), ev(StepExtension, "2024-09-30", func(e *Event) { e.Approval = ApprovalHead }), "", "", nil},
		{"extension on the last day", general(), ev(StepExtension, "2024-10-08", func(e *Event) { e.Approval = ApprovalHead }), "", "", nil},
		{"extension after the period", general(), ev(StepExtension, "2024-10-09", func(e *Event) { e.Approval = ApprovalHead }),
			KeyExtensionLate, FieldOn, map[string]any{"Due": "2024-10-08"}},
		{"extension by nobody", general(), ev(StepExtension, "2024-09-30"), KeyExtensionLevel, FieldApproval, nil},
		{"next level first", general(), ev(StepExtension, "2024-09-30", func(e *Event) { e.Approval = ApprovalNextLevel }), KeyExtensionOrder, FieldApproval, nil},
		{"head twice", general(ev(StepExtension, "2024-09-30", func(e *Event) { e.Approval = ApprovalHead })),
			ev(StepExtension, "2024-10-30", func(e *Event) { e.Approval = ApprovalHead }), KeyExtensionRepeat, FieldApproval, nil},
		{"next level within 90 days", general(ev(StepExtension, "2024-09-30", func(e *Event) { e.Approval = ApprovalHead })),
			ev(StepExtension, "2024-11-29", func(e *Event) { e.Approval = ApprovalNextLevel }), "", "", nil},
		{"next level after 90 days", general(ev(StepExtension, "2024-09-30", func(e *Event) { e.Approval = ApprovalHead })),
			ev(StepExtension, "2024-12-03", func(e *Event) { e.Approval = ApprovalNextLevel }), KeyExtensionLate, FieldOn, map[string]any{"Due": "2024-12-02"}},
		{"extension after decision", decided(), ev(StepExtension, "2024-09-20", func(e *Event) { e.Approval = ApprovalHead }), KeyAlreadyDecided, FieldStep, nil},

		// Decision: notice and the party's periods (Art. 44, 45, 62, 64)
		{"decision without notice", general(), ev(StepDecision, "2024-09-20", warning), KeyNoNotice, FieldStep, nil},
		{"decision within the statement period", general(ev(StepNotice, "2024-09-27", fine(20_000))), ev(StepDecision, "2024-10-08", fine(20_000)),
			KeyStatementPeriod, FieldOn, map[string]any{"Notice": "2024-09-27", "Ends": "2024-10-08"}},
		{"decision after the statement period", general(ev(StepNotice, "2024-09-27", fine(20_000))), ev(StepDecision, "2024-10-09", fine(20_000)), "", "", nil},
		{"decision after a statement", general(ev(StepNotice, "2024-09-27", fine(20_000)), ev(StepStatement, "2024-09-29")),
			ev(StepDecision, "2024-09-30", fine(15_000)), "", "", nil},
		{"heavier than notified", general(ev(StepNotice, "2024-09-10", fine(20_000))), ev(StepDecision, "2024-09-20", fine(25_000)),
			KeyHeavierThanNotice, FieldFine, map[string]any{"Fine": "25,000.00", "Notified": "20,000.00"}},
		{"fine after a notified warning", general(ev(StepNotice, "2024-09-10", warning)), ev(StepDecision, "2024-09-20", fine(1_000)),
			KeyHeavierThanNotice, FieldFine, nil},
		{"large fine without hearing offered", general(ev(StepNotice, "2024-09-10")), ev(StepDecision, "2024-09-20", fine(30_000)),
			KeyHearingNotOffered, FieldStep, nil},
		{"within the hearing request period", general(ev(StepNotice, "2024-09-27", fine(40_000), hearingOffered), ev(StepStatement, "2024-09-29"),
			ev(StepLegalReview, "2024-09-30", passed)), ev(StepDecision, "2024-10-10", fine(40_000)),
			KeyHearingPeriod, FieldOn, map[string]any{"Notice": "2024-09-27", "Ends": "2024-10-10"}},
		{"after the hearing request period", general(ev(StepNotice, "2024-09-27", fine(40_000), hearingOffered), ev(StepStatement, "2024-09-29"),
			ev(StepLegalReview, "2024-09-30", passed)), ev(StepDecision, "2024-10-11", fine(40_000)), "", "", nil},
		{"hearing waived", general(ev(StepNotice, "2024-09-27", fine(40_000), hearingOffered),
			ev(StepStatement, "2024-09-29", func(e *Event) { e.WaivesHearing = true }), ev(StepLegalReview, "2024-09-30", passed)),
			ev(StepDecision, "2024-09-30", fine(40_000)), "", "", nil},
		{"hearing requested, not held", general(ev(StepNotice, "2024-09-10", fine(40_000), hearingOffered), ev(StepHearingRequest, "2024-09-11"),
			ev(StepLegalReview, "2024-09-30", passed)), ev(StepDecision, "2024-10-11", fine(40_000)), KeyHearingPending, FieldStep, nil},

		// Decision: legal review and collective discussion (Art. 57, 58)
		{"large fine without review", general(ev(StepNotice, "2024-09-10", fine(40_000), hearingOffered)),
			ev(StepDecision, "2024-09-20", fine(40_000)), KeyNoReview, FieldStep, nil},
		{"large fine, review failed", general(ev(StepNotice, "2024-09-10", fine(40_000), hearingOffered), ev(StepLegalReview, "2024-09-18", failed)),
			ev(StepDecision, "2024-09-20", fine(40_000)), KeyReviewFailed, FieldStep, map[string]any{"On": "2024-09-18"}},
		{"large fine, review failed then passed", general(ev(StepNotice, "2024-09-10", fine(40_000), hearingOffered),
			ev(StepLegalReview, "2024-09-18", failed), ev(StepLegalReview, "2024-09-19", passed)),
			ev(StepDecision, "2024-09-20", fine(40_000)), "", "", nil},
		{"review before the hearing", general(ev(StepNotice, "2024-09-10", fine(20_000), hearingOffered), ev(StepHearingRequest, "2024-09-11"),
			ev(StepLegalReview, "2024-09-12", passed), ev(StepHearing, "2024-09-25", func(e *Event) { e.AnnouncedOn = datep("2024-09-12") })),
			ev(StepDecision, "2024-09-26", fine(20_000)), KeyNoReview, FieldStep, nil},
		{"review after the hearing", general(ev(StepNotice, "2024-09-10", fine(20_000), hearingOffered), ev(StepHearingRequest, "2024-09-11"),
			ev(StepHearing, "2024-09-25", func(e *Event) { e.AnnouncedOn = datep("2024-09-12") }), ev(StepLegalReview, "2024-09-26", passed)),
			ev(StepDecision, "2024-09-26", fine(20_000)), "", "", nil},
		{"major case without review", with(general(ev(StepNotice, "2024-09-10", warning), ev(StepCollective, "2024-09-18")), func(c *Case) { c.Major = true }),
			ev(StepDecision, "2024-09-20", warning), KeyNoReview, FieldStep, nil},
		{"major case without collective discussion", with(general(ev(StepNotice, "2024-09-10", warning), ev(StepLegalReview, "2024-09-18", passed)),
			func(c *Case) { c.Major = true }), ev(StepDecision, "2024-09-20", warning), KeyNoCollective, FieldStep, nil},
		{"major case reviewed and discussed", with(general(ev(StepNotice, "2024-09-10", warning), ev(StepLegalReview, "2024-09-18", passed),
			ev(StepCollective, "2024-09-19")), func(c *Case) { c.Major = true }), ev(StepDecision, "2024-09-20", warning), "", "", nil},

		// Decision: the outcome itself
		{"decided twice", decided(), ev(StepDecision, "2024-09-20", fine(20_000)), KeyAlreadyDecided, FieldStep, nil},
		{"no outcome", general(ev(StepNotice, "2024-09-10")), ev(StepDecision, "2024-09-20"), KeyOutcome, FieldOutcome, nil},
		{"fine without amount", general(ev(StepNotice, "2024-09-10")), ev(StepDecision, "2024-09-20", func(e *Event) { e.Outcome = OutcomeFine }),
			KeyFineMissing, FieldFine, nil},
		{"other penalty without words", general(ev(StepNotice, "2024-09-10")), ev(StepDecision, "2024-09-20", func(e *Event) { e.Outcome = OutcomeOther }),
			KeyPenaltyText, FieldPenalty, nil},
		{"decided fine outside the tier", with(general(ev(StepNotice, "2024-09-10", fine(25_000))), func(c *Case) {
			c.Item, c.Tier = &item5, &TierRange{Name: "二阶", Unit: Range{i64(yuan(10_000)), i64(yuan(20_000))}}
		}), ev(StepDecision, "2024-09-20", fine(25_000)), KeyFineTierRange, FieldFine,
			map[string]any{"Fine": "25,000.00", "Tier": "二阶", "Min": "10,000.00", "Max": "20,000.00"}},

		// Not penalised (Art. 33)
		{"not penalised, no correction order", general(), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.ReinspectOn = OutcomeNotPenalisedMinor, datep("2024-09-25")
		}), KeyNotPenalisedFollowup, FieldCorrection, nil},
		{"not penalised, no re-inspection", general(), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.CorrectionOrdered = OutcomeNotPenalisedMinor, true
		}), KeyNotPenalisedFollowup, FieldReinspectOn, nil},
		{"not penalised, re-inspected before discovery", general(), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedMinor, true, datep("2024-09-01")
		}), KeyReinspectEarly, FieldReinspectOn, nil},
		{"not penalised with follow-up", general(), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedMinor, true, datep("2024-09-25")
		}), "", "", nil},
		{"first violation that is not the first", with(general(), func(c *Case) { c.PriorViolations = 1 }), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedFirst, true, datep("2024-09-25")
		}), KeyNotFirst, FieldOutcome, map[string]any{"N": 1}},
		{"first violation", general(), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedFirst, true, datep("2024-09-25")
		}), "", "", nil},
		{"not penalised with a fine", general(), ev(StepDecision, "2024-09-20", func(e *Event) {
			e.Outcome, e.Fine, e.CorrectionOrdered, e.ReinspectOn = OutcomeNoFault, 100, true, datep("2024-09-25")
		}), KeyFineNotAllowed, FieldFine, nil},

		// Summary procedure (Art. 51, 52)
		{"summary: person 200 yuan", summary(PartyPerson), ev(StepDecision, "2024-09-02", fine(200), rights, officers), "", "", nil},
		{"summary: person 200.01 yuan", summary(PartyPerson), ev(StepDecision, "2024-09-02", rights, func(e *Event) { e.Outcome, e.Fine = OutcomeFine, 20_001 }),
			KeySummaryLimit, FieldProcedure, map[string]any{"Fine": "200.01", "Max": "200.00"}},
		{"summary: organisation 3,000 yuan", summary(PartyOrg), ev(StepDecision, "2024-09-02", fine(3_000), rights, officers), "", "", nil},
		{"summary: organisation 3,001 yuan", summary(PartyOrg), ev(StepDecision, "2024-09-02", fine(3_001), rights),
			KeySummaryLimit, FieldProcedure, map[string]any{"Fine": "3,001.00", "Max": "3,000.00"}},
		{"summary: warning", summary(PartyOrg), ev(StepDecision, "2024-09-02", warning, rights, officers), "", "", nil},
		{"summary: other penalty", summary(PartyOrg), ev(StepDecision, "2024-09-02", rights, func(e *Event) { e.Outcome, e.Penalty = OutcomeOther, "没收" }),
			KeySummaryOutcome, FieldProcedure, nil},
		{"summary: not penalised", summary(PartyOrg), ev(StepDecision, "2024-09-02", rights, func(e *Event) {
			e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedMinor, true, datep("2024-09-03")
		}), KeySummaryOutcome, FieldProcedure, nil},
		{"summary: major case", with(summary(PartyOrg), func(c *Case) { c.Major = true }), ev(StepDecision, "2024-09-02", warning, rights),
			KeySummaryMajor, FieldProcedure, nil},
		{"summary: rights not told", summary(PartyOrg), ev(StepDecision, "2024-09-02", warning), KeyNoNotice, FieldRights, nil},
		{"summary: no hearing", summary(PartyOrg), ev(StepHearingRequest, "2024-09-02"), KeySummaryStep, FieldStep, nil},
		{"summary: no legal review", summary(PartyOrg), ev(StepLegalReview, "2024-09-02", passed), KeySummaryStep, FieldStep, nil},
		{"summary: notice offers no hearing", summary(PartyOrg), ev(StepNotice, "2024-09-02", fine(3_000)), "", "", nil},

		// After the decision
		{"service before decision", general(), ev(StepService, "2024-09-20"), KeyNoDecision, FieldStep, nil},
		{"publication before decision", general(), ev(StepPublication, "2024-09-20"), KeyNoDecision, FieldStep, nil},
		{"payment before decision", general(), ev(StepPayment, "2024-09-20", amount(100)), KeyNoDecision, FieldStep, nil},
		{"service before the decision's date", decided(), ev(StepService, "2024-09-17"), KeyBeforePrevious, FieldOn,
			map[string]any{"On": "2024-09-17", "Prev": "2024-09-18"}},
		{"publication", decided(), ev(StepPublication, "2024-09-20"), "", "", nil},
		{"payment", decided(), ev(StepPayment, "2024-09-20", amount(20_000)), "", "", nil},
		{"payment of nothing", decided(), ev(StepPayment, "2024-09-20"), KeyPaymentAmount, FieldAmount, nil},
		{"payment of a warning", general(ev(StepNotice, "2024-09-10", warning), ev(StepDecision, "2024-09-18", warning)),
			ev(StepPayment, "2024-09-20", amount(10)), KeyNoFine, FieldStep, nil},
		{"reminder before service", general(ev(StepNotice, "2024-09-10", fine(20_000)), ev(StepDecision, "2024-09-18", fine(20_000))),
			ev(StepReminder, "2024-10-20"), KeyNoService, FieldStep, nil},
		{"reminder within the payment period", decided(), ev(StepReminder, "2024-10-08"), KeyReminderEarly, FieldOn, map[string]any{"Due": "2024-10-08"}},
		{"reminder after the payment period", decided(), ev(StepReminder, "2024-10-09"), "", "", nil},
		{"reminder after payment", decided(ev(StepPayment, "2024-09-20", amount(20_000))), ev(StepReminder, "2024-10-09"), KeyPaid, FieldStep, nil},
		{"enforcement without reminder", decided(), ev(StepEnforcement, "2024-12-09"), KeyNoReminder, FieldStep, nil},
		{"enforcement 10 working days after reminder", decided(ev(StepReminder, "2024-10-09")), ev(StepEnforcement, "2024-10-22"),
			KeyReminderWait, FieldOn, map[string]any{"Reminded": "2024-10-09", "Ends": "2024-10-22", "Days": 10}},
		{"enforcement after the reminder's wait", decided(ev(StepReminder, "2024-10-09")), ev(StepEnforcement, "2025-03-20"), "", "", nil},

		// Closing and voiding
		{"closing without decision", general(), ev(StepClosing, "2024-09-20"), KeyNoDecision, FieldStep, nil},
		{"closing before service", general(ev(StepNotice, "2024-09-10", warning), ev(StepDecision, "2024-09-18", warning)),
			ev(StepClosing, "2024-09-20"), KeyNotServed, FieldStep, nil},
		{"closing unpaid", decided(ev(StepPayment, "2024-09-20", amount(5_000))), ev(StepClosing, "2024-09-21"), KeyUnpaid, FieldStep,
			map[string]any{"Fine": "20,000.00", "Paid": "5,000.00"}},
		{"closing paid in instalments", decided(ev(StepPayment, "2024-09-20", amount(5_000)), ev(StepPayment, "2024-09-21", amount(15_000))),
			ev(StepClosing, "2024-09-22"), "", "", nil},
		{"closing after enforcement", decided(ev(StepReminder, "2024-10-09"), ev(StepEnforcement, "2025-03-20")), ev(StepClosing, "2025-03-21"), "", "", nil},
		{"closing before the last step", decided(ev(StepPayment, "2024-09-20", amount(20_000))), ev(StepClosing, "2024-09-19"), KeyBeforePrevious, FieldOn, nil},
		{"closing a warning", general(ev(StepNotice, "2024-09-10", warning), ev(StepDecision, "2024-09-18", warning), ev(StepService, "2024-09-18")),
			ev(StepClosing, "2024-09-20"), "", "", nil},
		{"void without reason", general(), ev(StepVoid, "2024-09-04"), KeyVoidReason, FieldNote, nil},
		{"void", general(), ev(StepVoid, "2024-09-04", func(e *Event) { e.Note = "经查不属于本机关管辖" }), "", "", nil},
	})
}

func runChecks(t *testing.T, p Params, tests []checkCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pe := wantKey(t, Check(tt.c, tt.next, cal, p), tt.key)
			if pe == nil {
				return
			}
			say(t, "zh-Hans", pe)
			say(t, "en", pe)
			if pe.Field != tt.field {
				t.Errorf("field = %q, want %q", pe.Field, tt.field)
			}
			for k, v := range tt.data {
				if pe.Data[k] != v {
					t.Errorf("data %s = %v, want %v", k, pe.Data[k], v)
				}
			}
		})
	}
}

// A whole general case goes through Check step by step.
func TestCheckWholeCase(t *testing.T) {
	p := DefaultParams()
	c := Case{Procedure: General, PartyKind: PartyOrg, ViolationOn: date("2024-08-30"), DiscoveredOn: date("2024-09-02"),
		Item: &item5, Tier: &TierRange{Name: "三阶", Unit: Range{i64(yuan(20_000)), i64(yuan(30_000))}}}
	steps := []Event{
		ev(StepInvestigation, "2024-08-30", officers),
		ev(StepFiled, "2024-09-02"),
		ev(StepInvestigation, "2024-09-03", officers),
		ev(StepNotice, "2024-09-27", fine(30_000), hearingOffered),
		ev(StepHearingRequest, "2024-09-30"),
		ev(StepHearing, "2024-10-16", func(e *Event) { e.AnnouncedOn = datep("2024-10-08") }),
		ev(StepLegalReview, "2024-10-17", passed),
		ev(StepDecision, "2024-10-18", fine(28_000)),
		ev(StepService, "2024-10-21"),
		ev(StepPublication, "2024-10-22"),
		ev(StepPayment, "2024-10-30", amount(28_000)),
		ev(StepClosing, "2024-10-31"),
	}
	for _, e := range steps {
		if err := Check(c, e, cal, p); err != nil {
			t.Fatalf("%s on %s: %v", e.Step, dateText(e.On), err)
		}
		c.Events = append(c.Events, e)
	}
	wantKey(t, Check(c, ev(StepPublication, "2024-11-01"), cal, p), KeyClosed)
}
