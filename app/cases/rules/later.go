package rules

import (
	"strings"
	"time"
)

// Steps after the decision that the law gives their own rules and periods.
const (
	StepCollection      Step = "collection"       // 当场收缴罚款 (Art. 68–70), with Amount and ReceiptNo
	StepHandIn          Step = "hand_in"          // 当场收缴的罚款交至行政机关 (Art. 71)
	StepDeferral        Step = "deferral"         // 暂缓或者分期缴纳罚款 (Art. 66), with DueOn, Instalments, Note
	StepAppeal          Step = "appeal"           // 当事人申请行政复议或者提起行政诉讼 (Art. 73), with Note
	StepAppealEnd       Step = "appeal_end"       // 复议决定或者裁判生效
	StepDecisionChanged Step = "decision_changed" // 决定被依法变更、撤销、确认违法或者确认无效 (Art. 48), with Note
	StepWithdrawal      Step = "withdrawal"       // 撤回公示并说明理由 (Art. 48)
)

// Deadlines of those steps.
const (
	DeadlineHandIn   = "hand_in"
	DeadlineWithdraw = "withdrawal"
	BasisHandIn      = "case.basis.hand_in"    // Days
	BasisWithdraw    = "case.basis.withdrawal" // Days
	BasisDeferred    = "case.basis.deferred"   // Instalments
)

// Periods of those steps, fixed by the law: 行政处罚法 Art. 71 (hand in what was collected
// within 2 days) and Art. 48 (withdraw a changed decision's publication within 3 days); Art.
// 85 makes both working days.
const (
	HandInWorkdays   = 2
	WithdrawWorkdays = 3
	// SpotCollectMax is the fine up to which officers may collect on the spot without a
	// further reason (Art. 68(1): 一百元以下), in fen.
	SpotCollectMax = 100_00
)

// Fields of those steps.
const (
	FieldReceipt     = "receipt_no"
	FieldDueOn       = "due_on"
	FieldInstalments = "instalments"
)

// Refusals of those steps.
const (
	KeyCollectionGround = "case.rule.collection_ground"  // Max
	KeyCollectionNo     = "case.rule.collection_receipt" //
	KeyNoCollection     = "case.rule.no_collection"      //
	KeyDeferralReason   = "case.rule.deferral_reason"    //
	KeyDeferralDate     = "case.rule.deferral_date"      // Due
	KeyDeferralNoDate   = "case.rule.deferral_no_date"   //
	KeyDeferralLate     = "case.rule.deferral_enforced"  //
	KeyAppealOpen       = "case.rule.appeal_open"        // On
	KeyNoAppeal         = "case.rule.no_appeal"          //
	KeyAppealPending    = "case.rule.appeal_pending"     // On
	KeyChangeReason     = "case.rule.change_reason"      //
	KeyNoPublication    = "case.rule.no_publication"     //
	KeyNoChange         = "case.rule.no_change"          //
	KeyWithdrawReason   = "case.rule.withdraw_reason"    //
	KeyNotOnFirstList   = "case.rule.not_first_list"     //
)

// checkLater checks the steps of this file; handled is false for any other step.
func checkLater(c Case, h history, next Event, on time.Time, cal Calendar, p Params) (handled bool, err error) {
	note := strings.TrimSpace(next.Note)
	switch next.Step {
	case StepCollection:
		if err := checkUnpaid(h); err != nil {
			return true, err
		}
		if h.fine() <= 0 {
			return true, refuse(FieldStep, KeyNoFine, nil)
		}
		if next.Amount <= 0 {
			return true, refuse(FieldAmount, KeyPaymentAmount, nil)
		}
		if strings.TrimSpace(next.ReceiptNo) == "" {
			return true, refuse(FieldReceipt, KeyCollectionNo, nil)
		}
		// Art. 68: on the spot for a fine of 100 yuan or less, or where it could hardly be
		// collected later; Art. 69: in remote places at the party's request. The last two
		// need their reason in words.
		if (c.Procedure != Summary || h.fine() > SpotCollectMax) && note == "" {
			return true, refuse(FieldNote, KeyCollectionGround, map[string]any{"Max": FormatYuan(SpotCollectMax)})
		}
	case StepHandIn:
		if !h.has(StepCollection) {
			return true, refuse(FieldStep, KeyNoCollection, nil)
		}
	case StepDeferral:
		if err := checkUnpaid(h); err != nil {
			return true, err
		}
		if h.fine() <= 0 {
			return true, refuse(FieldStep, KeyNoFine, nil)
		}
		if !h.has(StepService) {
			return true, refuse(FieldStep, KeyNoService, nil)
		}
		if h.has(StepEnforcement) {
			return true, refuse(FieldStep, KeyDeferralLate, nil)
		}
		if note == "" {
			return true, refuse(FieldNote, KeyDeferralReason, nil)
		}
		due := paymentDue(h, cal, p)
		if next.DueOn == nil {
			return true, refuse(FieldDueOn, KeyDeferralNoDate, nil)
		}
		if !day(*next.DueOn).After(due) {
			return true, refuse(FieldDueOn, KeyDeferralDate, map[string]any{"Due": dateText(due)})
		}
	case StepAppeal:
		if h.decision == nil {
			return true, refuse(FieldStep, KeyNoDecision, nil)
		}
		if a := h.openAppeal(); a != nil {
			return true, refuse(FieldStep, KeyAppealOpen, map[string]any{"On": dateText(day(a.On))})
		}
	case StepAppealEnd:
		if h.openAppeal() == nil {
			return true, refuse(FieldStep, KeyNoAppeal, nil)
		}
	case StepDecisionChanged:
		if h.decision == nil {
			return true, refuse(FieldStep, KeyNoDecision, nil)
		}
		if note == "" {
			return true, refuse(FieldNote, KeyChangeReason, nil)
		}
	case StepWithdrawal:
		if !h.has(StepPublication) {
			return true, refuse(FieldStep, KeyNoPublication, nil)
		}
		if !h.has(StepDecisionChanged) || h.has(StepWithdrawal) && !h.after(StepDecisionChanged, StepWithdrawal) {
			return true, refuse(FieldStep, KeyNoChange, nil)
		}
		if note == "" {
			return true, refuse(FieldNote, KeyWithdrawReason, nil)
		}
	default:
		return false, nil
	}
	return true, nil
}

// openAppeal is the party's review or lawsuit still running: an appeal with no end after it.
func (h history) openAppeal() *Event {
	if a := h.lastOf(StepAppeal); a != nil && !h.after(StepAppealEnd, StepAppeal) {
		return a
	}
	return nil
}

// paymentDue is the last day to pay: 15 days after service (Art. 67), or the day a recorded
// deferral or instalment plan set (Art. 66).
func paymentDue(h history, cal Calendar, p Params) time.Time {
	if d := h.lastOf(StepDeferral); d != nil && d.DueOn != nil {
		return day(*d.DueOn)
	}
	if s := h.lastOf(StepService); s != nil {
		return day(cal.DueByDays(day(s.On), p.PaymentDays))
	}
	return time.Time{}
}

// laterDeadlines adds the periods of this file's steps: handing in what was collected, and
// withdrawing the publication of a changed decision.
func laterDeadlines(h history, cal Calendar, add func(Deadline)) {
	for i, e := range h.events {
		switch e.Step {
		case StepCollection:
			add(Deadline{Kind: DeadlineHandIn, Due: day(cal.AddWorkdays(day(e.On), HandInWorkdays)),
				Done: h.stepAfter(StepHandIn, i), BasisKey: BasisHandIn, Data: map[string]any{"Days": HandInWorkdays}})
		case StepDecisionChanged:
			if h.has(StepPublication) {
				add(Deadline{Kind: DeadlineWithdraw, Due: day(cal.AddWorkdays(day(e.On), WithdrawWorkdays)),
					Done: h.stepAfter(StepWithdrawal, i), BasisKey: BasisWithdraw, Data: map[string]any{"Days": WithdrawWorkdays}})
			}
		}
	}
}

// stepAfter tells whether a step s was recorded after the i-th event.
func (h history) stepAfter(s Step, i int) bool {
	for _, e := range h.events[i+1:] {
		if e.Step == s {
			return true
		}
	}
	return false
}

// pausedDays counts the days from from (excluded) to to (included) during which the party's
// review or lawsuit ran: no late fee accrues then (Art. 73 ¶3).
func pausedDays(h history, from, to time.Time) int64 {
	var n int64
	var start *time.Time
	count := func(a, b time.Time) { // days of (a, b] within (from, to]
		lo, hi := laterOf(a, from), b
		if hi.After(to) {
			hi = to
		}
		if hi.After(lo) {
			n += daysBetween(lo, hi)
		}
	}
	for _, e := range h.events {
		switch e.Step {
		case StepAppeal:
			if start == nil {
				d := day(e.On)
				start = &d
			}
		case StepAppealEnd:
			if start != nil {
				count(start.AddDate(0, 0, -1), day(e.On))
				start = nil
			}
		}
	}
	if start != nil {
		count(start.AddDate(0, 0, -1), to)
	}
	return n
}

// LateFeeOn is the late fee due on a day for the case's fine: 3 % a day after the payment
// deadline (Art. 72), not counting the days a review or lawsuit ran (Art. 73), capped at the
// fine.
func LateFeeOn(c Case, cal Calendar, p Params, on time.Time) int64 {
	h := scan(c)
	due := paymentDue(h, cal, p)
	if due.IsZero() || h.fine() <= 0 {
		return 0
	}
	if h.paid >= h.fine() {
		return 0
	}
	on = day(on)
	return lateFeeDays(h.fine(), daysBetween(due, on)-pausedDays(h, due, on))
}
