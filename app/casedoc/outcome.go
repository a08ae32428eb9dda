package casedoc

import "townledger/app/cases/rules"

// outcome is the penalty decided, or proposed while no decision is recorded.
func (s source) outcome(f *Facts) {
	e := s.last(rules.StepDecision)
	if e == nil {
		e = s.last(rules.StepNotice)
	}
	if e == nil {
		f.Outcome, f.Fine = rules.OutcomeFine, money(s.view.Case.Fine)
	} else {
		f.Outcome, f.Fine = e.Outcome, money(e.Fine)
		if e.ReinspectOn != nil {
			f.Reinspect = cnDate(*e.ReinspectOn)
		}
		if e.Mitigation != "" {
			f.Mitigation = clean(e.MitigationReason)
		}
	}
	if h := s.last(rules.StepHearing); h != nil && h.AnnouncedOn != nil {
		f.Announced = cnDate(*h.AnnouncedOn)
	}
	if r := s.last(rules.StepLegalReview); r != nil && r.Passed != nil {
		f.Passed = *r.Passed
	}
	why := f.Outcome
	if !why.NotPenalised() { // a draft of the decision not to penalise in a case not decided so
		why = rules.OutcomeNotPenalisedMinor
	}
	f.NotPenalisedWhy = notPenalisedBasis[why]
	switch f.Outcome {
	case rules.OutcomeWarning:
		f.Penalty = "警告"
	case rules.OutcomeOther:
		f.Penalty = s.lastPenalty()
	case rules.OutcomeNotPenalisedMinor, rules.OutcomeNotPenalisedFirst, rules.OutcomeNoFault:
	default:
		f.Penalty = "罚款人民币" + f.Fine.Capital + "（¥" + f.Fine.Figures + "）"
	}
	paid := int64(0)
	for _, st := range s.view.Steps {
		if st.Event.Step == rules.StepPayment || st.Event.Step == rules.StepCollection {
			paid += st.Event.Amount
		}
	}
	f.Paid, f.Owed = money(paid), money(max(f.Fine.Fen-paid, 0))
	f.LateFee = money(s.view.LateFee(s.docDay(KindReminder)))
}

func (s source) lastPenalty() string {
	for _, st := range []rules.Step{rules.StepDecision, rules.StepNotice} {
		if e := s.last(st); e != nil && e.Penalty != "" {
			return e.Penalty
		}
	}
	return ""
}

// periods computes the party's last days from the recorded dates on the working-day
// calendar; a period whose start is not recorded stays a blank.
func (s source) periods(f *Facts) {
	f.StatementDue, f.HearingDue, f.PaymentDue, f.ReviewDue, f.LawsuitDue = blankDate, blankDate, blankDate, blankDate, blankDate
	if n := s.on(rules.StepNotice); !n.IsZero() {
		f.StatementDue = cnDate(s.cal.AddWorkdays(n, s.params.StatementWorkdays))
		f.HearingDue = cnDate(s.cal.AddWorkdays(n, s.params.HearingRequestWorkdays))
	}
	for _, d := range s.view.Deadlines {
		if d.Kind == rules.DeadlinePayment {
			f.PaymentDue = cnDate(d.Due)
		}
	}
	if sv := s.on(rules.StepService); !sv.IsZero() {
		f.ReviewDue = cnDate(sv.AddDate(0, 0, s.params.ReviewDays))
		f.LawsuitDue = cnDate(sv.AddDate(0, s.params.LawsuitMonths, 0))
	}
}
