package rules

import "time"

// Calendar counts the law's periods; *workdays.Calendar satisfies it.
type Calendar interface {
	AddWorkdays(from time.Time, n int) time.Time // n-th working day after from
	DueByDays(from time.Time, n int) time.Time   // from+n natural days, rolled forward to a working day
}

// Step is one recorded stage of a case.
type Step string

// The steps of a penalty case, in their usual order.
const (
	StepFiled          Step = "filed"           // 立案
	StepInvestigation  Step = "investigation"   // 调查取证（现场检查、询问）
	StepNotice         Step = "notice"          // 行政处罚告知书 / 听证告知书: facts, grounds, rights
	StepStatement      Step = "statement"       // 陈述申辩 (or the party's written waiver)
	StepHearingRequest Step = "hearing_request" // 听证申请
	StepHearing        Step = "hearing"         // 听证
	StepLegalReview    Step = "legal_review"    // 法制审核, with Passed
	StepCollective     Step = "collective"      // 集体讨论
	StepDecision       Step = "decision"        // 行政处罚决定书 / 不予行政处罚决定书
	StepService        Step = "service"         // 送达
	StepPublication    Step = "publication"     // 公示
	StepPayment        Step = "payment"         // 缴纳罚款, with Amount
	StepReminder       Step = "reminder"        // 催告（催告书送达）
	StepEnforcement    Step = "enforcement"     // 申请人民法院强制执行
	StepClosing        Step = "closing"         // 结案
	StepExtension      Step = "extension"       // 延长办案期限, a recorded approval with Approval
	StepVoid           Step = "void"            // 撤销立案 / 作废, with Note
	// The steps after the decision in later.go: collection, hand-in, deferral, appeal and
	// its end, a change of the decision and the withdrawal of its publication.
)

// Steps lists every step in the usual order, for menus and translation tests.
var Steps = []Step{StepFiled, StepInvestigation, StepNotice, StepStatement, StepHearingRequest,
	StepHearing, StepLegalReview, StepCollective, StepDecision, StepService, StepPublication,
	StepCollection, StepHandIn, StepPayment, StepDeferral, StepAppeal, StepAppealEnd, StepReminder,
	StepEnforcement, StepDecisionChanged, StepWithdrawal, StepClosing, StepExtension, StepVoid}

// Procedure is the summary (简易) or the general (普通) procedure.
type Procedure string

const (
	Summary Procedure = "summary" // 简易程序: decided on the spot (Art. 51–52)
	General Procedure = "general" // 普通程序
)

// Party kinds: who is fined.
const (
	PartyOrg    = "org"    // a unit (生产经营单位)
	PartyPerson = "person" // a natural person
)

// Outcome is what a decision decides.
type Outcome string

const (
	OutcomeFine              Outcome = "fine"                   // 罚款 (Event.Fine)
	OutcomeWarning           Outcome = "warning"                // 警告
	OutcomeOther             Outcome = "other"                  // another penalty, described in Event.Penalty
	OutcomeNotPenalisedMinor Outcome = "not_penalised_minor"    // 轻微不罚 (Art. 33 ¶1)
	OutcomeNotPenalisedFirst Outcome = "not_penalised_first"    // 首违不罚 (Art. 33 ¶1)
	OutcomeNoFault           Outcome = "not_penalised_no_fault" // 无主观过错不罚 (Art. 33 ¶2)
)

// Outcomes lists every outcome, for menus and translation tests.
var Outcomes = []Outcome{OutcomeFine, OutcomeWarning, OutcomeOther, OutcomeNotPenalisedMinor,
	OutcomeNotPenalisedFirst, OutcomeNoFault}

// NotPenalised tells whether the outcome is a decision not to penalise (不予行政处罚).
func (o Outcome) NotPenalised() bool {
	return o == OutcomeNotPenalisedMinor || o == OutcomeNotPenalisedFirst || o == OutcomeNoFault
}

// Approval is who approved an extension of the period to decide.
type Approval string

const (
	ApprovalHead      Approval = "head"       // the agency's head: up to Params.DecideExtendedDays
	ApprovalNextLevel Approval = "next_level" // the next level up: up to Params.DecideMaxDays
)

// Officer is a person taking part in a step.
type Officer struct {
	Name      string
	Certified bool // holds a valid enforcement certificate (执法证)
}

// Event is one recorded step. Only the fields its step uses matter.
type Event struct {
	Step     Step
	On       time.Time // the day it happened (for a notice or a decision: the day served or made)
	Officers []Officer // investigation: everyone who inspected or questioned

	// Notice and decision.
	Outcome        Outcome // decision: what was decided; notice: what is proposed
	Fine           int64   // fen; the fine decided (decision) or proposed (notice)
	Penalty        string  // OutcomeOther: the penalty in words (责令停产停业整顿 …)
	HeavyPenalty   bool    // the penalty includes one Art. 63 lists besides fines (停产停业, 吊销许可证件 …)
	HearingOffered bool    // notice: the party was told of the right to a hearing (听证告知书)
	RightsInformed bool    // summary decision: facts, grounds and rights were told on the spot (Art. 44, 52)

	// Not penalised (Art. 33): the party must still be ordered to correct and re-inspected.
	CorrectionOrdered bool       // 责令改正 issued
	ReinspectOn       *time.Time // 复查 date

	// Notice and decision: the Art. 30–32 ground for a fine below the legal minimum, and the
	// facts that make it out, in words.
	Mitigation       Mitigation
	MitigationReason string

	Passed        *bool      // legal review: nil until the result is known
	WaivesHearing bool       // statement: the party gave up the hearing in writing as well
	AnnouncedOn   *time.Time // hearing: the day the party was notified of its time and place
	Amount        int64      // payment, collection: fen paid
	ReceiptNo     string     // collection: the number of the receipt handed over (Art. 70)
	DueOn         *time.Time // deferral: the new last day to pay (the last instalment's)
	Instalments   int        // deferral: 1 for a deferral, more for instalments
	Approval      Approval   // extension: who approved it
	Note          string     // void: the reason
}

// Case is what the rules need to know about a case.
type Case struct {
	Procedure       Procedure
	PartyKind       string      // PartyOrg or PartyPerson
	ViolationOn     time.Time   // when the violation happened or, if continuing, ended; zero = unknown
	DiscoveredOn    time.Time   // when the office discovered it
	FiledOn         time.Time   // 立案 (summary procedure: the on-the-spot day); zero = take the filed event's
	Harmful         bool        // harmed life, health or financial safety: 5-year limitation (Art. 36)
	Major           bool        // complex or serious (情节复杂或重大): legal review and collective discussion
	Item            *ItemRanges // the catalogue item's fine ranges; nil = not checked
	FirstExempt     bool        // the item is on the 首违不罚 list
	Tier            *TierRange  // chosen discretion tier, nil when none
	Late            bool        // "not corrected in time" (逾期未改正): the item's late ranges apply
	PriorViolations int         // earlier penalised violations of this party (for 首违不罚)
	Events          []Event     // in the order recorded
}

// FilingDay is the day the case was filed: FiledOn, else the filing step's day; zero before.
func (c Case) FilingDay() time.Time {
	if !c.FiledOn.IsZero() {
		return c.FiledOn
	}
	for _, e := range c.Events {
		if e.Step == StepFiled {
			return e.On
		}
	}
	return time.Time{}
}
