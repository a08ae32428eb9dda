package rules

import (
	"slices"
	"strings"
	"time"

	"townledger/app/problem"
)

// history is what the recorded events say, gathered once.
type history struct {
	filed    time.Time
	last     map[Step]int // index of the last event of each step
	closed   bool
	void     bool
	paid     int64
	decision *Event
	events   []Event
}

func scan(c Case) history {
	h := history{last: map[Step]int{}, events: c.Events, filed: day(c.FiledOn)}
	for i := range c.Events {
		e := &c.Events[i]
		h.last[e.Step] = i
		switch e.Step {
		case StepFiled:
			if c.FiledOn.IsZero() {
				h.filed = day(e.On)
			}
		case StepClosing:
			h.closed = true
		case StepVoid:
			h.void = true
		case StepDecision:
			h.decision = e
		case StepPayment, StepCollection:
			h.paid += e.Amount
		}
	}
	return h
}

func (h history) has(s Step) bool { _, ok := h.last[s]; return ok }

// lastOf returns the last event of step s, or nil.
func (h history) lastOf(s Step) *Event {
	if i, ok := h.last[s]; ok {
		return &h.events[i]
	}
	return nil
}

// after tells whether an event of step s was recorded after the last event of step t.
func (h history) after(s, t Step) bool {
	i, ok := h.last[s]
	return ok && i > h.last[t]
}

// latest is the latest date among events of the given steps.
func (h history) latest(steps []Step) time.Time {
	var t time.Time
	for _, e := range h.events {
		if slices.Contains(steps, e.Step) {
			t = laterOf(t, day(e.On))
		}
	}
	return t
}

func (h history) fine() int64 {
	if h.decision == nil {
		return 0
	}
	return h.decision.Fine
}

// prerequisites: a step may not be dated before any recorded event of these steps.
var prerequisites = map[Step][]Step{
	StepNotice:          {StepInvestigation},
	StepStatement:       {StepNotice},
	StepHearingRequest:  {StepNotice},
	StepHearing:         {StepHearingRequest},
	StepDecision:        {StepInvestigation, StepNotice, StepStatement, StepHearing, StepLegalReview, StepCollective},
	StepService:         {StepDecision},
	StepPublication:     {StepDecision},
	StepPayment:         {StepDecision},
	StepReminder:        {StepDecision, StepService},
	StepEnforcement:     {StepReminder},
	StepCollection:      {StepDecision},
	StepHandIn:          {StepCollection},
	StepDeferral:        {StepService},
	StepAppeal:          {StepDecision},
	StepAppealEnd:       {StepAppeal},
	StepDecisionChanged: {StepDecision},
	StepWithdrawal:      {StepPublication, StepDecisionChanged},
	StepClosing:         Steps,
}

// summaryExcluded are the steps the summary procedure does not have.
var summaryExcluded = []Step{StepHearingRequest, StepHearing, StepLegalReview, StepCollective, StepExtension}

func refuse(field, key string, data map[string]any) error { return problem.OnField(field, key, data) }

// largeFine is the 较大数额 threshold for the party.
func largeFine(c Case, p Params) int64 {
	if c.PartyKind == PartyPerson {
		return p.LargeFinePerson
	}
	return p.LargeFineOrg
}

// Check tells whether next may be recorded now in case c; a refusal is a *problem.Error
// saying why. cal counts working days for the party's periods.
func Check(c Case, next Event, cal Calendar, p Params) error {
	if c.Procedure != Summary && c.Procedure != General {
		return refuse(FieldProcedure, KeyProcedure, map[string]any{"Procedure": string(c.Procedure)})
	}
	if c.PartyKind != PartyOrg && c.PartyKind != PartyPerson {
		return refuse(FieldPartyKind, KeyPartyKind, map[string]any{"Party": c.PartyKind})
	}
	if !slices.Contains(Steps, next.Step) {
		return refuse(FieldStep, KeyUnknownStep, map[string]any{"Step": string(next.Step)})
	}
	h := scan(c)
	if h.void {
		return refuse("", KeyVoid, nil)
	}
	if h.closed {
		return refuse("", KeyClosed, nil)
	}
	if next.On.IsZero() {
		return refuse(FieldOn, KeyNoDate, nil)
	}
	on := day(next.On)
	if c.Procedure == Summary && slices.Contains(summaryExcluded, next.Step) {
		return refuse(FieldStep, KeySummaryStep, nil)
	}
	if next.Step == StepFiled {
		return checkFiling(c, h, on, p)
	}
	if h.filed.IsZero() {
		if c.Procedure == General && next.Step != StepInvestigation && next.Step != StepVoid {
			return refuse(FieldStep, KeyNotFiled, nil)
		}
	} else if on.Before(h.filed) {
		early := next.Step == StepInvestigation && !on.Before(h.filed.AddDate(0, 0, -p.PreFilingDays))
		if !early {
			return refuse(FieldOn, KeyBeforeFiling, map[string]any{"On": dateText(on), "Filed": dateText(h.filed)})
		}
	}
	if prev := h.latest(prerequisites[next.Step]); on.Before(prev) {
		return refuse(FieldOn, KeyBeforePrevious, map[string]any{"On": dateText(on), "Prev": dateText(prev)})
	}
	if handled, err := checkLater(c, h, next, on, cal, p); handled {
		return err
	}
	switch next.Step {
	case StepInvestigation:
		return checkOfficers(next, p)
	case StepNotice:
		return checkNotice(c, h, next, p)
	case StepStatement:
		if !h.has(StepNotice) {
			return refuse(FieldStep, KeyNoticeFirst, nil)
		}
	case StepHearingRequest:
		n := h.lastOf(StepNotice)
		if n == nil {
			return refuse(FieldStep, KeyNoticeFirst, nil)
		}
		if ends := day(cal.AddWorkdays(day(n.On), p.HearingRequestWorkdays)); on.After(ends) {
			return refuse(FieldOn, KeyHearingRequestLate, map[string]any{
				"Notice": dateText(day(n.On)), "Ends": dateText(ends), "Days": p.HearingRequestWorkdays})
		}
	case StepHearing:
		if !h.has(StepHearingRequest) {
			return refuse(FieldStep, KeyNoHearingRequest, nil)
		}
		if next.AnnouncedOn == nil {
			return refuse(FieldAnnouncedOn, KeyHearingUnannounced, nil)
		}
		announced := day(*next.AnnouncedOn)
		if earliest := day(cal.AddWorkdays(announced, p.HearingAnnounceDays)); on.Before(earliest) {
			return refuse(FieldAnnouncedOn, KeyHearingAnnounce, map[string]any{
				"Announced": dateText(announced), "Earliest": dateText(earliest), "Days": p.HearingAnnounceDays})
		}
	case StepLegalReview:
		if next.Passed == nil {
			return refuse(FieldPassed, KeyReviewResult, nil)
		}
	case StepExtension:
		return checkExtension(h, next, on, cal, p)
	case StepDecision:
		return checkDecision(c, h, next, on, cal, p)
	case StepService, StepPublication:
		if h.decision == nil {
			return refuse(FieldStep, KeyNoDecision, nil)
		}
	case StepPayment:
		if h.decision == nil {
			return refuse(FieldStep, KeyNoDecision, nil)
		}
		if h.fine() <= 0 {
			return refuse(FieldStep, KeyNoFine, nil)
		}
		if next.Amount <= 0 {
			return refuse(FieldAmount, KeyPaymentAmount, nil)
		}
	case StepReminder:
		if err := checkUnpaid(h); err != nil {
			return err
		}
		s := h.lastOf(StepService)
		if s == nil {
			return refuse(FieldStep, KeyNoService, nil)
		}
		if due := paymentDue(h, cal, p); !on.After(due) {
			return refuse(FieldOn, KeyReminderEarly, map[string]any{"Due": dateText(due)})
		}
	case StepEnforcement:
		if err := checkUnpaid(h); err != nil {
			return err
		}
		r := h.lastOf(StepReminder)
		if r == nil {
			return refuse(FieldStep, KeyNoReminder, nil)
		}
		if ends := day(cal.AddWorkdays(day(r.On), p.ReminderWorkdays)); !on.After(ends) {
			return refuse(FieldOn, KeyReminderWait, map[string]any{
				"Reminded": dateText(day(r.On)), "Ends": dateText(ends), "Days": p.ReminderWorkdays})
		}
		if a := h.openAppeal(); a != nil {
			return refuse(FieldStep, KeyAppealPending, map[string]any{"On": dateText(day(a.On))})
		}
		// The court is asked only once the party's review (60 days) and lawsuit (6 months)
		// periods have run, and within 3 months after (行政强制法 Art. 53). After a review or
		// lawsuit the decision stands by its outcome, which the office records as the end.
		if s := h.lastOf(StepService); s != nil && !h.has(StepAppeal) {
			served := day(s.On)
			remedies := laterOf(served.AddDate(0, 0, p.ReviewDays), addMonths(served, p.LawsuitMonths))
			if !on.After(remedies) {
				return refuse(FieldOn, KeyEnforcementEarly, map[string]any{"Served": dateText(served),
					"Opens": dateText(remedies.AddDate(0, 0, 1))})
			}
			if ends := addMonths(remedies, p.EnforceMonths); on.After(ends) {
				return refuse(FieldOn, KeyEnforcementLate, map[string]any{"Served": dateText(served), "Ends": dateText(ends)})
			}
		}
	case StepClosing:
		if h.decision == nil {
			return refuse(FieldStep, KeyNoDecision, nil)
		}
		if !h.has(StepService) {
			return refuse(FieldStep, KeyNotServed, nil)
		}
		if f := h.fine(); f > 0 && h.paid < f && !h.has(StepEnforcement) && !h.has(StepDecisionChanged) {
			return refuse(FieldStep, KeyUnpaid, map[string]any{"Fine": FormatYuan(f), "Paid": FormatYuan(h.paid)})
		}
	case StepVoid:
		if strings.TrimSpace(next.Note) == "" {
			return refuse(FieldNote, KeyVoidReason, nil)
		}
	}
	return nil
}

// checkFiling: once, not before discovery, within the limitation period, and within
// PreFilingDays of an investigation that came first.
func checkFiling(c Case, h history, on time.Time, p Params) error {
	if h.has(StepFiled) {
		return refuse(FieldStep, KeyAlreadyFiled, nil)
	}
	discovered := day(c.DiscoveredOn)
	if !c.DiscoveredOn.IsZero() && on.Before(discovered) {
		return refuse(FieldOn, KeyBeforeDiscovery, map[string]any{"On": dateText(on), "Discovered": dateText(discovered)})
	}
	if !c.ViolationOn.IsZero() {
		if c.DiscoveredOn.IsZero() {
			discovered = on
		}
		years := limitationYears(c, p)
		if ends := addMonths(c.ViolationOn, 12*years); discovered.After(ends) {
			return refuse(FieldOn, KeyLimitation, map[string]any{"Violation": dateText(day(c.ViolationOn)),
				"Discovered": dateText(discovered), "Years": years, "Ends": dateText(ends)})
		}
	}
	var first time.Time
	for _, e := range h.events {
		if e.Step == StepInvestigation && (first.IsZero() || day(e.On).Before(first)) {
			first = day(e.On)
		}
	}
	if !first.IsZero() && c.Procedure == General {
		if ends := first.AddDate(0, 0, p.PreFilingDays); on.After(ends) {
			return refuse(FieldOn, KeyFilingLate, map[string]any{
				"Investigated": dateText(first), "Ends": dateText(ends), "Days": p.PreFilingDays})
		}
	}
	return nil
}

func limitationYears(c Case, p Params) int {
	if c.Harmful {
		return p.LimitationYearsHarm
	}
	return p.LimitationYears
}

// checkOfficers: at least MinOfficers certified officers, and nobody uncertified (Art. 42, 55).
func checkOfficers(next Event, p Params) error {
	var certified int
	var others []string
	for _, o := range next.Officers {
		if o.Certified {
			certified++
		} else {
			others = append(others, strings.TrimSpace(o.Name))
		}
	}
	if len(others) > 0 {
		return refuse(FieldOfficers, KeyUncertified, map[string]any{"Names": strings.Join(others, "、")})
	}
	if certified < p.MinOfficers {
		return refuse(FieldOfficers, KeyOfficers, map[string]any{"Certified": certified, "Min": p.MinOfficers})
	}
	return nil
}

// needsHearing: a large fine or a heavy penalty gives the right to a hearing (Art. 63).
func needsHearing(c Case, e Event, p Params) bool {
	return e.HeavyPenalty || e.Fine >= largeFine(c, p)
}

// checkPenalty checks the penalty a notice proposes or a decision makes: a known outcome with
// what it needs, the summary procedure's limits and the fine ranges.
func checkPenalty(c Case, e Event, p Params) error {
	switch {
	case !slices.Contains(Outcomes, e.Outcome):
		return refuse(FieldOutcome, KeyOutcome, map[string]any{"Outcome": string(e.Outcome)})
	case e.Outcome == OutcomeFine && e.Fine <= 0:
		return refuse(FieldFine, KeyFineMissing, nil)
	case e.Outcome.NotPenalised() && (e.Fine != 0 || e.HeavyPenalty):
		return refuse(FieldFine, KeyFineNotAllowed, nil)
	case e.Outcome == OutcomeOther && strings.TrimSpace(e.Penalty) == "":
		return refuse(FieldPenalty, KeyPenaltyText, nil)
	case e.Fine < 0:
		return refuse(FieldFine, KeyFineNotPositive, map[string]any{"Fine": FormatYuan(e.Fine)})
	}
	if c.Procedure == Summary {
		if c.Major {
			return refuse(FieldProcedure, KeySummaryMajor, nil)
		}
		if (e.Outcome != OutcomeFine && e.Outcome != OutcomeWarning) || e.HeavyPenalty {
			return refuse(FieldProcedure, KeySummaryOutcome, nil)
		}
		limit := p.SummaryMaxOrg
		if c.PartyKind == PartyPerson {
			limit = p.SummaryMaxPerson
		}
		if e.Fine > limit {
			return refuse(FieldProcedure, KeySummaryLimit, map[string]any{"Fine": FormatYuan(e.Fine), "Max": FormatYuan(limit)})
		}
	}
	if err := checkMitigation(c, e); err != nil {
		return err
	}
	if e.Fine > 0 && c.Item != nil {
		return CheckFineReduced(*c.Item, c.Tier, c.PartyKind, e.Fine, c.Late, e.Mitigation != "")
	}
	return nil
}

// checkNotice: the facts were investigated, the proposal is lawful, and a large fine or heavy
// penalty offers a hearing.
func checkNotice(c Case, h history, next Event, p Params) error {
	if c.Procedure == General && !h.has(StepInvestigation) {
		return refuse(FieldStep, KeyNoInvestigation, nil)
	}
	if next.Outcome != "" {
		if err := checkPenalty(c, next, p); err != nil {
			return err
		}
	}
	if c.Procedure == General && !next.HearingOffered {
		if next.HeavyPenalty {
			return refuse(FieldHearing, KeyHearingNotOfferedHeavy, nil)
		}
		if next.Fine >= largeFine(c, p) {
			return refuse(FieldHearing, KeyHearingNotOffered, map[string]any{
				"Fine": FormatYuan(next.Fine), "Threshold": FormatYuan(largeFine(c, p))})
		}
	}
	return nil
}

// checkExtension: before the decision, within the current period, the head first.
func checkExtension(h history, next Event, on time.Time, cal Calendar, p Params) error {
	if h.decision != nil {
		return refuse(FieldStep, KeyAlreadyDecided, nil)
	}
	if next.Approval != ApprovalHead && next.Approval != ApprovalNextLevel {
		return refuse(FieldApproval, KeyExtensionLevel, map[string]any{"Approval": string(next.Approval)})
	}
	level := extensionLevel(h)
	switch {
	case next.Approval == level:
		return refuse(FieldApproval, KeyExtensionRepeat, nil)
	case next.Approval == ApprovalHead && level == ApprovalNextLevel:
		return refuse(FieldApproval, KeyExtensionRepeat, nil)
	case next.Approval == ApprovalNextLevel && level == "":
		return refuse(FieldApproval, KeyExtensionOrder, nil)
	}
	if due := decideDue(h, cal, p); on.After(due) {
		return refuse(FieldOn, KeyExtensionLate, map[string]any{"Due": dateText(due)})
	}
	return nil
}

// extensionLevel is the highest approval recorded, "" for none.
func extensionLevel(h history) Approval {
	var level Approval
	for _, e := range h.events {
		if e.Step == StepExtension && (e.Approval == ApprovalNextLevel || level == "") {
			level = e.Approval
		}
	}
	return level
}

// decideDays is the period to decide, with the basis key saying why.
func decideDays(h history, p Params) (int, string) {
	switch extensionLevel(h) {
	case ApprovalNextLevel:
		return p.DecideMaxDays, BasisDecideMax
	case ApprovalHead:
		return p.DecideExtendedDays, BasisDecideExtended
	}
	return p.DecideDays, BasisDecide
}

func decideDue(h history, cal Calendar, p Params) time.Time {
	n, _ := decideDays(h, p)
	return day(cal.DueByDays(h.filed, n))
}

// checkUnpaid: reminders and enforcement need a decided fine still unpaid.
func checkUnpaid(h history) error {
	if h.decision == nil {
		return refuse(FieldStep, KeyNoDecision, nil)
	}
	if h.fine() <= 0 {
		return refuse(FieldStep, KeyNoFine, nil)
	}
	if h.paid >= h.fine() {
		return refuse(FieldStep, KeyPaid, nil)
	}
	return nil
}

// checkDecision applies Art. 33, 44–45, 57–58, 62–64 and the summary procedure's limits.
func checkDecision(c Case, h history, next Event, on time.Time, cal Calendar, p Params) error {
	if h.decision != nil {
		return refuse(FieldStep, KeyAlreadyDecided, nil)
	}
	if err := checkPenalty(c, next, p); err != nil {
		return err
	}
	if next.Outcome.NotPenalised() {
		if !next.CorrectionOrdered {
			return refuse(FieldCorrection, KeyNotPenalisedFollowup, nil)
		}
		if next.ReinspectOn == nil {
			return refuse(FieldReinspectOn, KeyNotPenalisedFollowup, nil)
		}
		if !c.DiscoveredOn.IsZero() && day(*next.ReinspectOn).Before(day(c.DiscoveredOn)) {
			return refuse(FieldReinspectOn, KeyReinspectEarly, map[string]any{
				"On": dateText(day(*next.ReinspectOn)), "Discovered": dateText(day(c.DiscoveredOn))})
		}
		if next.Outcome == OutcomeNotPenalisedFirst && c.PriorViolations > 0 {
			return refuse(FieldOutcome, KeyNotFirst, map[string]any{"N": c.PriorViolations})
		}
		// 首违不罚 is for the items the province lists (Art. 33 ¶1): the catalogue marks them.
		if next.Outcome == OutcomeNotPenalisedFirst && c.Item != nil && !c.FirstExempt {
			return refuse(FieldOutcome, KeyNotOnFirstList, nil)
		}
	}
	notice := h.lastOf(StepNotice)
	// A fine under the legal minimum (减轻, Art. 32) is decided only after a passed legal
	// review has looked at its ground (Art. 58): on the spot there is none, so never there.
	if next.Outcome == OutcomeFine && c.Item != nil {
		if least, below := BelowLegalMinimum(*c.Item, c.PartyKind, next.Fine, c.Late); below {
			if r := lastReview(h); r == nil || r.Passed == nil || !*r.Passed {
				return refuse(FieldStep, KeyMitigationReview, map[string]any{"Fine": FormatYuan(next.Fine), "Min": FormatYuan(least)})
			}
		}
	}
	if c.Procedure == Summary {
		if notice == nil && !next.RightsInformed {
			return refuse(FieldRights, KeyNoNotice, nil)
		}
		// On the spot too, the penalty is given by certified officers (Art. 42, 52).
		return checkOfficers(next, p)
	}
	if !next.Outcome.NotPenalised() && notice == nil {
		return refuse(FieldStep, KeyNoNotice, nil)
	}
	// The two certified officers of the investigation are what makes the facts lawful
	// evidence (Art. 42, 55): no decision on facts nobody investigated.
	if !h.has(StepInvestigation) {
		return refuse(FieldStep, KeyNoInvestigation, nil)
	}
	if !next.Outcome.NotPenalised() {
		if notice.Outcome != "" && (next.Fine > notice.Fine || next.HeavyPenalty && !notice.HeavyPenalty) {
			return refuse(FieldFine, KeyHeavierThanNotice, map[string]any{
				"Fine": FormatYuan(next.Fine), "Notified": FormatYuan(notice.Fine)})
		}
		if !notice.HearingOffered {
			if next.HeavyPenalty {
				return refuse(FieldStep, KeyHearingNotOfferedHeavy, nil)
			}
			if next.Fine >= largeFine(c, p) {
				return refuse(FieldStep, KeyHearingNotOffered, map[string]any{
					"Fine": FormatYuan(next.Fine), "Threshold": FormatYuan(largeFine(c, p))})
			}
		}
		noticed := day(notice.On)
		if !h.after(StepStatement, StepNotice) {
			if ends := day(cal.AddWorkdays(noticed, p.StatementWorkdays)); !on.After(ends) {
				return refuse(FieldOn, KeyStatementPeriod, map[string]any{"Notice": dateText(noticed), "Ends": dateText(ends)})
			}
		}
		if notice.HearingOffered {
			if h.after(StepHearingRequest, StepNotice) {
				if !h.after(StepHearing, StepHearingRequest) {
					return refuse(FieldStep, KeyHearingPending, nil)
				}
			} else if !waivedHearing(h) {
				if ends := day(cal.AddWorkdays(noticed, p.HearingRequestWorkdays)); !on.After(ends) {
					return refuse(FieldOn, KeyHearingPeriod, map[string]any{"Notice": dateText(noticed), "Ends": dateText(ends)})
				}
			}
		}
	}
	if c.Major || h.has(StepHearing) || needsHearing(c, next, p) {
		review := lastReview(h)
		if review == nil {
			return refuse(FieldStep, KeyNoReview, nil)
		}
		if review.Passed == nil || !*review.Passed {
			return refuse(FieldStep, KeyReviewFailed, map[string]any{"On": dateText(day(review.On))})
		}
	}
	if c.Major && !h.has(StepCollective) {
		return refuse(FieldStep, KeyNoCollective, nil)
	}
	// 责令停产停业、吊销许可证照 and the like are 情节复杂或者重大违法行为给予行政处罚 in the
	// ministry's practice: the heads decide them collectively (Art. 57), whether or not the
	// case was marked major at filing.
	if next.HeavyPenalty && !next.Outcome.NotPenalised() && !h.has(StepCollective) {
		return refuse(FieldStep, KeyCollectiveHeavy, nil)
	}
	return nil
}

// waivedHearing: after the last notice the party gave up the hearing in writing.
func waivedHearing(h history) bool {
	n := h.last[StepNotice]
	for i := n + 1; i < len(h.events); i++ {
		if e := h.events[i]; e.Step == StepStatement && e.WaivesHearing {
			return true
		}
	}
	return false
}

// lastReview is the last legal review recorded that is not older than the last hearing: a
// review must look at what the hearing brought out.
func lastReview(h history) *Event {
	r := h.lastOf(StepLegalReview)
	if r == nil {
		return nil
	}
	if heard := h.latest([]Step{StepHearing}); !heard.IsZero() && day(r.On).Before(heard) {
		return nil
	}
	return r
}
