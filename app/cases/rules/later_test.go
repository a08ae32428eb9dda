package rules

import (
	"testing"
	"time"
)

// summaryFined is an on-the-spot decision of the given fine on Monday 2024-09-02, served then.
func summaryFined(fen int64, events ...Event) Case {
	c := summary(PartyPerson)
	c.Events = append([]Event{ev(StepDecision, "2024-09-02", rights, officers, func(e *Event) { e.Outcome, e.Fine = OutcomeFine, fen }),
		ev(StepService, "2024-09-02")}, events...)
	return c
}

func TestCheckLaterSteps(t *testing.T) {
	receipt := func(e *Event) { e.ReceiptNo = "甘财罚No.0012345" }
	because := func(s string) func(*Event) { return func(e *Event) { e.Note = s } }
	dueOn := func(s string) func(*Event) { return func(e *Event) { d := date(s); e.DueOn = &d } }
	published := decided(ev(StepPublication, "2024-09-20"))
	changed := decided(ev(StepPublication, "2024-09-20"), ev(StepDecisionChanged, "2024-10-10", because("区人民政府复议决定撤销")))
	first := func(e *Event) {
		e.Outcome, e.CorrectionOrdered, e.ReinspectOn = OutcomeNotPenalisedFirst, true, datep("2024-09-25")
	}
	listed := func(c Case) Case { c.Item, c.FirstExempt = &item5, true; return c }
	unlisted := func(c Case) Case { c.Item = &item5; return c }
	runChecks(t, DefaultParams(), []checkCase{
		// Art. 68–71: collection on the spot, with its receipt; handed in afterwards.
		{"collecting 50 yuan on the spot", summaryFined(50_00), ev(StepCollection, "2024-09-02", amount(50), receipt), "", "", nil},
		{"collecting without a receipt", summaryFined(50_00), ev(StepCollection, "2024-09-02", amount(50)), KeyCollectionNo, FieldReceipt, nil},
		{"collecting 200 yuan without a reason", summaryFined(200_00), ev(StepCollection, "2024-09-02", amount(200), receipt),
			KeyCollectionGround, FieldNote, map[string]any{"Max": "100.00"}},
		{"collecting 200 yuan that could not be had later", summaryFined(200_00),
			ev(StepCollection, "2024-09-02", amount(200), receipt, because("当事人系外地流动人员，事后难以执行")), "", "", nil},
		{"collecting before any decision", general(), ev(StepCollection, "2024-09-02", amount(50), receipt), KeyNoDecision, FieldStep, nil},
		{"handing in what was collected", summaryFined(50_00, ev(StepCollection, "2024-09-02", amount(50), receipt)), ev(StepHandIn, "2024-09-04"), "", "", nil},
		{"handing in nothing", summaryFined(50_00), ev(StepHandIn, "2024-09-04"), KeyNoCollection, FieldStep, nil},

		// Art. 66: deferral or instalments, with the hardship and a later last day.
		{"deferral", decided(), ev(StepDeferral, "2024-09-25", dueOn("2024-12-31"), because("经营困难，当事人书面申请，负责人批准分三期")),
			"", "", nil},
		{"deferral without a reason", decided(), ev(StepDeferral, "2024-09-25", dueOn("2024-12-31")), KeyDeferralReason, FieldNote, nil},
		{"deferral to an earlier day", decided(), ev(StepDeferral, "2024-09-25", dueOn("2024-10-01"), because("困难")),
			KeyDeferralDate, FieldDueOn, map[string]any{"Due": "2024-10-08"}},
		{"deferral without a last day", decided(), ev(StepDeferral, "2024-09-25", because("困难")), KeyDeferralNoDate, FieldDueOn, nil},
		{"deferral after the court was asked", decided(ev(StepReminder, "2024-10-09"), ev(StepEnforcement, "2025-03-20")),
			ev(StepDeferral, "2025-03-21", dueOn("2025-06-30"), because("困难")), KeyDeferralLate, FieldStep, nil},
		{"deferral before service", general(ev(StepNotice, "2024-09-10", fine(20_000)), ev(StepDecision, "2024-09-18", fine(20_000))),
			ev(StepDeferral, "2024-09-25", dueOn("2024-12-31"), because("困难")), KeyNoService, FieldStep, nil},
		{"reminder within a deferral", decided(ev(StepDeferral, "2024-09-25", dueOn("2024-12-31"), because("困难"))),
			ev(StepReminder, "2024-12-20"), KeyReminderEarly, FieldOn, map[string]any{"Due": "2024-12-31"}},

		// Art. 73 and 行政强制法 Art. 53: no enforcement while a review or lawsuit runs.
		{"appeal", decided(), ev(StepAppeal, "2024-10-15", because("向区人民政府申请行政复议")), "", "", nil},
		{"a second appeal while the first runs", decided(ev(StepAppeal, "2024-10-15")), ev(StepAppeal, "2024-10-20"),
			KeyAppealOpen, FieldStep, map[string]any{"On": "2024-10-15"}},
		{"an end with no appeal", decided(), ev(StepAppealEnd, "2024-10-20"), KeyNoAppeal, FieldStep, nil},
		{"enforcement during an appeal", decided(ev(StepAppeal, "2024-10-15"), ev(StepReminder, "2024-10-16")), ev(StepEnforcement, "2025-03-20"),
			KeyAppealPending, FieldStep, map[string]any{"On": "2024-10-15"}},
		{"enforcement after the appeal failed", decided(ev(StepAppeal, "2024-10-15"), ev(StepAppealEnd, "2024-12-10"), ev(StepReminder, "2024-12-11")),
			ev(StepEnforcement, "2024-12-30"), "", "", nil},

		// Art. 48: a changed decision's publication is withdrawn, with the reason.
		{"decision revoked", published, ev(StepDecisionChanged, "2024-10-10", because("复议撤销")), "", "", nil},
		{"decision revoked, no words", published, ev(StepDecisionChanged, "2024-10-10"), KeyChangeReason, FieldNote, nil},
		{"withdrawal", changed, ev(StepWithdrawal, "2024-10-11", because("处罚决定已被复议机关撤销")), "", "", nil},
		{"withdrawal without a reason", changed, ev(StepWithdrawal, "2024-10-11"), KeyWithdrawReason, FieldNote, nil},
		{"withdrawal without a change", published, ev(StepWithdrawal, "2024-10-11", because("撤回")), KeyNoChange, FieldStep, nil},
		{"withdrawal of nothing published", decided(ev(StepDecisionChanged, "2024-10-10", because("撤销"))), ev(StepWithdrawal, "2024-10-11", because("撤回")),
			KeyNoPublication, FieldStep, nil},
		{"closing a revoked decision unpaid", changed, ev(StepClosing, "2024-10-12"), "", "", nil},

		// Art. 33 ¶1: 首违不罚 only for the items the province lists.
		{"first violation of a listed item", listed(general()), ev(StepDecision, "2024-09-20", first), "", "", nil},
		{"first violation of an item not listed", unlisted(general()), ev(StepDecision, "2024-09-20", first), KeyNotOnFirstList, FieldOutcome, nil},
	})
}

func TestDeadlinesOfLaterSteps(t *testing.T) {
	p := DefaultParams()
	find := func(c Case, kind string) (Deadline, bool) {
		for _, d := range Deadlines(c, cal, p) {
			if d.Kind == kind {
				return d, true
			}
		}
		return Deadline{}, false
	}
	// Collected on Friday 2024-09-27: 2 working days are Sunday 09-29 (worked) and Monday 09-30.
	c := summaryFined(50_00)
	c.Events[0].On, c.Events[1].On = date("2024-09-27"), date("2024-09-27")
	c.Events = append(c.Events, ev(StepCollection, "2024-09-27", func(e *Event) { e.Amount, e.ReceiptNo = 50_00, "No.1" }))
	d, ok := find(c, DeadlineHandIn)
	if !ok || d.Due.Format(time.DateOnly) != "2024-09-30" || d.Done {
		t.Errorf("hand-in: %+v", d)
	}
	c.Events = append(c.Events, ev(StepHandIn, "2024-10-08"))
	if d, _ := find(c, DeadlineHandIn); !d.Done {
		t.Error("hand-in not done after handing in")
	}
	// A deferral moves the payment deadline.
	dc := decided(ev(StepDeferral, "2024-09-25", func(e *Event) { d := date("2024-12-31"); e.DueOn, e.Instalments, e.Note = &d, 3, "困难" }))
	if d, _ := find(dc, DeadlinePayment); d.Due.Format(time.DateOnly) != "2024-12-31" || d.BasisKey != BasisDeferred {
		t.Errorf("deferred payment: %+v", d)
	}
	// A changed published decision is withdrawn within 3 working days: 09-29, 09-30, then 10-08.
	ch := decided(ev(StepPublication, "2024-09-20"), ev(StepDecisionChanged, "2024-09-27", func(e *Event) { e.Note = "撤销" }))
	if d, ok := find(ch, DeadlineWithdraw); !ok || d.Due.Format(time.DateOnly) != "2024-10-08" {
		t.Errorf("withdrawal: %+v", d)
	}
}

// Art. 72–73: 3 % a day from the day after the deadline, never during a review or lawsuit.
func TestLateFeePausesDuringAppeal(t *testing.T) {
	p := DefaultParams()
	// Fine 20,000 yuan served 2024-09-19: due 2024-10-08 (15 days, rolled past National Day).
	plain := decided()
	if got := LateFeeOn(plain, cal, p, date("2024-10-10")); got != yuan(1_200) { // 2 days × 600
		t.Errorf("two days late: %d", got)
	}
	// A review from 10-09 to 10-18 stops the fee for those 10 days.
	appealed := decided(ev(StepAppeal, "2024-10-09"), ev(StepAppealEnd, "2024-10-18"))
	if got := LateFeeOn(appealed, cal, p, date("2024-10-20")); got != yuan(1_200) { // 12 days − 10 paused
		t.Errorf("after a review: %d", got)
	}
	running := decided(ev(StepAppeal, "2024-10-09"))
	if got := LateFeeOn(running, cal, p, date("2024-12-01")); got != 0 {
		t.Errorf("during a review: %d", got)
	}
	if got := LateFeeOn(decided(), cal, p, date("2025-06-01")); got != yuan(20_000) {
		t.Errorf("capped: %d", got)
	}
}
