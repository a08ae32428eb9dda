package rules

import (
	"slices"
	"sort"
)

// Keys of Check's refusals; the template data each carries is noted. Dates are
// "2006-01-02", amounts FormatYuan text.
const (
	KeyProcedure              = "case.rule.procedure"                 // Procedure
	KeyPartyKind              = "case.rule.party_kind"                // Party
	KeyUnknownStep            = "case.rule.unknown_step"              // Step
	KeyClosed                 = "case.rule.closed"                    //
	KeyVoid                   = "case.rule.void"                      //
	KeyNoDate                 = "case.rule.no_date"                   //
	KeyNotFiled               = "case.rule.not_filed"                 //
	KeyAlreadyFiled           = "case.rule.already_filed"             //
	KeyBeforeDiscovery        = "case.rule.before_discovery"          // On, Discovered
	KeyFilingLate             = "case.rule.filing_late"               // Investigated, Ends, Days
	KeyLimitation             = "case.rule.limitation"                // Violation, Discovered, Years, Ends
	KeyBeforeFiling           = "case.rule.date_before_filing"        // On, Filed
	KeyBeforePrevious         = "case.rule.date_before_prev"          // On, Prev
	KeyOfficers               = "case.rule.officers"                  // Certified, Min
	KeyUncertified            = "case.rule.uncertified"               // Names
	KeyNoticeFirst            = "case.rule.notice_first"              //
	KeyHearingRequestLate     = "case.rule.hearing_request_late"      // Notice, Ends, Days
	KeyNoHearingRequest       = "case.rule.no_hearing_request"        //
	KeyHearingUnannounced     = "case.rule.hearing_unannounced"       //
	KeyHearingAnnounce        = "case.rule.hearing_announce"          // Announced, Earliest, Days
	KeyReviewResult           = "case.rule.review_result"             //
	KeyAlreadyDecided         = "case.rule.already_decided"           //
	KeyExtensionLevel         = "case.rule.extension_level"           // Approval
	KeyExtensionOrder         = "case.rule.extension_order"           //
	KeyExtensionRepeat        = "case.rule.extension_repeat"          //
	KeyExtensionLate          = "case.rule.extension_late"            // Due
	KeyOutcome                = "case.rule.outcome"                   // Outcome
	KeyFineMissing            = "case.rule.fine_missing"              //
	KeyFineNotAllowed         = "case.rule.fine_not_allowed"          //
	KeyPenaltyText            = "case.rule.penalty_text"              //
	KeySummaryLimit           = "case.rule.summary_limit"             // Fine, Max
	KeySummaryOutcome         = "case.rule.summary_outcome"           //
	KeySummaryMajor           = "case.rule.summary_major"             //
	KeySummaryStep            = "case.rule.summary_step"              //
	KeyHearingNotOffered      = "case.rule.hearing_not_offered"       // Fine, Threshold
	KeyHearingNotOfferedHeavy = "case.rule.hearing_not_offered_heavy" //
	KeyNoNotice               = "case.rule.no_notice"                 //
	KeyHeavierThanNotice      = "case.rule.heavier_than_notice"       // Fine, Notified
	KeyStatementPeriod        = "case.rule.statement_period"          // Notice, Ends
	KeyHearingPeriod          = "case.rule.hearing_period"            // Notice, Ends
	KeyHearingPending         = "case.rule.hearing_pending"           //
	KeyNoReview               = "case.rule.no_review"                 //
	KeyReviewFailed           = "case.rule.review_failed"             // On
	KeyNoCollective           = "case.rule.no_collective"             //
	KeyNotPenalisedFollowup   = "case.rule.not_penalised_followup"    //
	KeyReinspectEarly         = "case.rule.reinspect_early"           // On, Discovered
	KeyNotFirst               = "case.rule.not_first"                 // N
	KeyNoDecision             = "case.rule.no_decision"               //
	KeyNoFine                 = "case.rule.no_fine"                   //
	KeyPaymentAmount          = "case.rule.payment_amount"            //
	KeyNoService              = "case.rule.no_service"                //
	KeyReminderEarly          = "case.rule.reminder_early"            // Due
	KeyPaid                   = "case.rule.paid"                      //
	KeyNoReminder             = "case.rule.no_reminder"               //
	KeyReminderWait           = "case.rule.reminder_wait"             // Reminded, Ends, Days
	KeyNotServed              = "case.rule.not_served"                //
	KeyUnpaid                 = "case.rule.unpaid"                    // Fine, Paid
	KeyVoidReason             = "case.rule.void_reason"               //
	KeyNoInvestigation        = "case.rule.no_investigation"          //
	KeyEnforcementEarly       = "case.rule.enforcement_early"         // Served, Opens
	KeyEnforcementLate        = "case.rule.enforcement_late"          // Served, Ends
	KeyCollectiveHeavy        = "case.rule.collective_heavy"          //
)

// Keys of case-number refusals.
const (
	KeyNumberInvalid = "case.number.invalid" // Value
	KeyNumberCode    = "case.number.code"    // Value
)

// Form fields refusals concern.
const (
	FieldProcedure   = "procedure"
	FieldPartyKind   = "party_kind"
	FieldStep        = "step"
	FieldOn          = "on"
	FieldOfficers    = "officers"
	FieldOutcome     = "outcome"
	FieldPenalty     = "penalty"
	FieldHearing     = "hearing_offered"
	FieldRights      = "rights_informed"
	FieldCorrection  = "correction_ordered"
	FieldReinspectOn = "reinspect_on"
	FieldPassed      = "passed"
	FieldAnnouncedOn = "announced_on"
	FieldAmount      = "amount"
	FieldApproval    = "approval"
	FieldNote        = "note"
	FieldNumber      = "number"
)

// Deadline kinds.
const (
	DeadlineLimitation     = "limitation"
	DeadlineDecide         = "decide"
	DeadlineStatement      = "statement"
	DeadlineHearingRequest = "hearing_request"
	DeadlineService        = "service"
	DeadlinePublication    = "publication"
	DeadlinePayment        = "payment"
	DeadlineEnforcement    = "enforcement"
)

// DeadlineKinds lists every deadline kind.
var DeadlineKinds = []string{DeadlineLimitation, DeadlineDecide, DeadlineStatement, DeadlineHearingRequest, DeadlineHandIn, DeadlineWithdraw,
	DeadlineService, DeadlinePublication, DeadlinePayment, DeadlineEnforcement}

// Statuses Status returns.
const (
	StatusDone    = "done"
	StatusOverdue = "overdue"
	StatusDueSoon = "due_soon"
	StatusOK      = "ok"
)

// Basis keys of deadlines: a sentence saying where the date comes from.
const (
	BasisLimitation     = "case.basis.limitation"      // From, Years
	BasisDecide         = "case.basis.decide"          // Days
	BasisDecideExtended = "case.basis.decide_extended" // Days
	BasisDecideMax      = "case.basis.decide_max"      // Days
	BasisStatement      = "case.basis.statement"       // Days
	BasisHearingRequest = "case.basis.hearing_request" // Days
	BasisService        = "case.basis.service"         // Days
	BasisPublication    = "case.basis.publication"     // Days
	BasisPayment        = "case.basis.payment"         // Days
	BasisEnforcement    = "case.basis.enforcement"     // ReviewDays, LawsuitMonths, Months, Opens
)

// StepKey is the translation key naming a step: "case.step.decision".
func StepKey(s Step) string { return "case.step." + string(s) }

// OutcomeKey is the translation key naming an outcome.
func OutcomeKey(o Outcome) string { return "case.outcome." + string(o) }

// ProcedureKey is the translation key naming a procedure.
func ProcedureKey(p Procedure) string { return "case.procedure." + string(p) }

// DeadlineKey is the translation key naming a deadline kind; a kind this program does not
// know (a ledger written elsewhere) is named as a deadline in general, not by its raw key.
func DeadlineKey(kind string) string {
	if !slices.Contains(DeadlineKinds, kind) {
		return KeyDeadlineOther
	}
	return "case.deadline." + kind
}

// KeyDeadlineOther names a deadline of a kind this program does not know.
const KeyDeadlineOther = "case.deadline.other"

// StatusKey is the translation key naming a deadline status.
func StatusKey(status string) string { return "case.status." + status }

// ApprovalKey is the translation key naming who approved an extension.
func ApprovalKey(a Approval) string { return "case.approval." + string(a) }

// Keys lists every translation key this package returns or names, sorted.
func Keys() []string {
	out := []string{
		KeyProcedure, KeyPartyKind, KeyUnknownStep, KeyClosed, KeyVoid, KeyNoDate, KeyNotFiled,
		KeyAlreadyFiled, KeyBeforeDiscovery, KeyFilingLate, KeyLimitation, KeyBeforeFiling,
		KeyBeforePrevious, KeyOfficers, KeyUncertified, KeyNoticeFirst, KeyHearingRequestLate,
		KeyNoHearingRequest, KeyHearingUnannounced, KeyHearingAnnounce, KeyReviewResult,
		KeyAlreadyDecided, KeyExtensionLevel, KeyExtensionOrder, KeyExtensionRepeat, KeyExtensionLate,
		KeyOutcome, KeyFineMissing, KeyFineNotAllowed, KeyPenaltyText, KeySummaryLimit,
		KeySummaryOutcome, KeySummaryMajor, KeySummaryStep, KeyHearingNotOffered,
		KeyHearingNotOfferedHeavy, KeyNoNotice, KeyHeavierThanNotice, KeyStatementPeriod,
		KeyHearingPeriod, KeyHearingPending, KeyNoReview, KeyReviewFailed, KeyNoCollective,
		KeyNotPenalisedFollowup, KeyReinspectEarly, KeyNotFirst, KeyNoDecision, KeyNoFine,
		KeyPaymentAmount, KeyNoService, KeyReminderEarly, KeyPaid, KeyNoReminder, KeyReminderWait,
		KeyNotServed, KeyUnpaid, KeyVoidReason, KeyNoStep, KeyNoInvestigation, KeyEnforcementEarly,
		KeyEnforcementLate, KeyCollectiveHeavy,
		KeyNumberInvalid, KeyNumberCode, KeyParamInvalid, KeyParamOrder,
		KeyFineNotPositive, KeyFineParty, KeyFineNoRange, KeyFineLegalRange, KeyFineLegalMax,
		KeyFineLegalMin, KeyFineLateRange, KeyFineLateMax, KeyFineLateMin, KeyFineTierRange,
		KeyFineTierMax, KeyFineTierMin, KeyFineTierExact, KeyFineLegalBelow, KeyFineLateBelow, KeyFineTierBelow,
		BasisLimitation, BasisDecide, BasisDecideExtended, BasisDecideMax, BasisStatement,
		BasisHearingRequest, BasisService, BasisPublication, BasisPayment, BasisEnforcement,
	}
	out = append(out, KeySetInvalid, KeySetValue, KeySetFrom, KeyMitigationGround, KeyMitigationReason,
		KeyMitigationReview, KeyMitigationPerson, KeyCollectionGround, KeyCollectionNo, KeyNoCollection,
		KeyDeferralReason, KeyDeferralDate, KeyDeferralNoDate, KeyDeferralLate, KeyAppealOpen, KeyNoAppeal, KeyAppealPending,
		KeyChangeReason, KeyNoPublication, KeyNoChange, KeyWithdrawReason, KeyNotOnFirstList,
		BasisHandIn, BasisWithdraw, BasisDeferred)
	for _, m := range Mitigations {
		out = append(out, MitigationKey(m))
	}
	for _, f := range ParamFields {
		out = append(out, ParamKey(f.Name))
	}
	for _, s := range Steps {
		out = append(out, StepKey(s))
	}
	for _, o := range Outcomes {
		out = append(out, OutcomeKey(o))
	}
	for _, p := range []Procedure{Summary, General} {
		out = append(out, ProcedureKey(p))
	}
	for _, k := range DeadlineKinds {
		out = append(out, DeadlineKey(k))
	}
	out = append(out, KeyDeadlineOther)
	for _, s := range []string{StatusDone, StatusOverdue, StatusDueSoon, StatusOK} {
		out = append(out, StatusKey(s))
	}
	for _, a := range []Approval{ApprovalHead, ApprovalNextLevel} {
		out = append(out, ApprovalKey(a))
	}
	sort.Strings(out)
	return out
}

// ParamKey is the translation key of a parameter's name, e.g. "case.param.name.DecideDays".
func ParamKey(name string) string { return "case.param.name." + name }
