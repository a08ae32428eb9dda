package rules

import (
	"strings"

	"townledger/app/problem"
)

// KeyNoStep: no step chosen to record.
const KeyNoStep = "case.rule.no_step"

// Missing lists every part the event's step needs that is left empty, each as the refusal
// Check gives for it, so that a form can name all of them at once; Check still decides
// everything else (order, dates, amounts) one refusal at a time.
func Missing(e Event) problem.List {
	var l problem.List
	add := func(field, key string, data map[string]any) { l = append(l, problem.OnField(field, key, data)) }
	if e.Step == "" {
		add(FieldStep, KeyNoStep, nil)
	}
	if e.On.IsZero() {
		add(FieldOn, KeyNoDate, nil)
	}
	switch e.Step {
	case StepNotice, StepDecision:
		switch {
		case e.Outcome == "" && e.Step == StepDecision:
			add(FieldOutcome, KeyOutcome, map[string]any{"Outcome": ""})
		case e.Outcome == OutcomeFine && e.Fine == 0:
			add(FieldFine, KeyFineMissing, nil)
		case e.Outcome == OutcomeOther && strings.TrimSpace(e.Penalty) == "":
			add(FieldPenalty, KeyPenaltyText, nil)
		case e.Step == StepDecision && e.Outcome.NotPenalised() && (!e.CorrectionOrdered || e.ReinspectOn == nil):
			field := FieldCorrection
			if e.CorrectionOrdered {
				field = FieldReinspectOn
			}
			add(field, KeyNotPenalisedFollowup, nil)
		}
	case StepHearing:
		if e.AnnouncedOn == nil {
			add(FieldAnnouncedOn, KeyHearingUnannounced, nil)
		}
	case StepLegalReview:
		if e.Passed == nil {
			add(FieldPassed, KeyReviewResult, nil)
		}
	case StepPayment:
		if e.Amount == 0 {
			add(FieldAmount, KeyPaymentAmount, nil)
		}
	case StepExtension:
		if e.Approval == "" {
			add(FieldApproval, KeyExtensionLevel, map[string]any{"Approval": ""})
		}
	case StepVoid:
		if strings.TrimSpace(e.Note) == "" {
			add(FieldNote, KeyVoidReason, nil)
		}
	case StepCollection:
		if e.Amount == 0 {
			add(FieldAmount, KeyPaymentAmount, nil)
		}
		if strings.TrimSpace(e.ReceiptNo) == "" {
			add(FieldReceipt, KeyCollectionNo, nil)
		}
	case StepDeferral:
		if e.DueOn == nil {
			add(FieldDueOn, KeyDeferralNoDate, nil)
		}
		if strings.TrimSpace(e.Note) == "" {
			add(FieldNote, KeyDeferralReason, nil)
		}
	case StepDecisionChanged, StepWithdrawal:
		key := KeyChangeReason
		if e.Step == StepWithdrawal {
			key = KeyWithdrawReason
		}
		if strings.TrimSpace(e.Note) == "" {
			add(FieldNote, key, nil)
		}
	}
	return l
}
