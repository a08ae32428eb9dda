package rules

import "time"

// Deadline is one date a case must meet, or a period the party has.
type Deadline struct {
	Kind        string    // Deadline… constant; DeadlineKey names it
	Due         time.Time // the last day
	Opens       time.Time // a window's first day (court enforcement); zero otherwise
	Done        bool      // met: the step it asks for is recorded
	Wait        bool      // the party's period: the office waits until Due passes rather than acting by it
	Informative bool      // shown for guidance, never a task of the office: not "done", not chased
	SoonDays    int       // Params.DueSoonDays: this close to Due it is "due soon"
	BasisKey    string    // translation key of the sentence saying where Due comes from
	Data        map[string]any
}

// Deadlines lists the case's dates, in the order of the procedure. A voided case has none;
// a deadline whose starting step is not recorded yet is left out.
func Deadlines(c Case, cal Calendar, p Params) []Deadline {
	h := scan(c)
	if h.void {
		return nil
	}
	var out []Deadline
	add := func(d Deadline) {
		// A deadline counted from a step recorded without its date would fall in the year 1
		// (0001-01-10): no date, no deadline, rather than a false overdue item.
		if d.Due.Year() < 1900 {
			return
		}
		d.SoonDays = p.DueSoonDays
		out = append(out, d)
	}
	if !c.ViolationOn.IsZero() {
		years := limitationYears(c, p)
		// The limitation period tells how long the violation may still be penalised; meeting it
		// is no step anyone took, so it is informative.
		d := Deadline{Kind: DeadlineLimitation, Due: addMonths(c.ViolationOn, 12*years), Informative: true,
			BasisKey: BasisLimitation, Data: map[string]any{"From": dateText(day(c.ViolationOn)), "Years": years}}
		found := day(c.DiscoveredOn)
		if c.DiscoveredOn.IsZero() {
			found = h.filed
		}
		d.Done = !found.IsZero() && !found.After(d.Due)
		add(d)
	}
	general := c.Procedure != Summary
	if general && !h.filed.IsZero() {
		days, basis := decideDays(h, p)
		add(Deadline{Kind: DeadlineDecide, Due: day(cal.DueByDays(h.filed, days)), Done: h.decision != nil,
			BasisKey: basis, Data: map[string]any{"Days": days}})
	}
	if n := h.lastOf(StepNotice); n != nil && general {
		noticed := day(n.On)
		add(Deadline{Kind: DeadlineStatement, Due: day(cal.AddWorkdays(noticed, p.StatementWorkdays)), Wait: true,
			Done:     h.after(StepStatement, StepNotice) || h.decision != nil,
			BasisKey: BasisStatement, Data: map[string]any{"Days": p.StatementWorkdays}})
		if n.HearingOffered {
			add(Deadline{Kind: DeadlineHearingRequest, Due: day(cal.AddWorkdays(noticed, p.HearingRequestWorkdays)), Wait: true,
				Done:     h.after(StepHearingRequest, StepNotice) || waivedHearing(h) || h.decision != nil,
				BasisKey: BasisHearingRequest, Data: map[string]any{"Days": p.HearingRequestWorkdays}})
		}
	}
	if h.decision == nil {
		return out
	}
	decided := day(h.decision.On)
	add(Deadline{Kind: DeadlineService, Due: day(cal.AddWorkdays(decided, p.ServiceWorkdays)), Done: h.has(StepService),
		BasisKey: BasisService, Data: map[string]any{"Days": p.ServiceWorkdays}})
	if !h.decision.Outcome.NotPenalised() {
		add(Deadline{Kind: DeadlinePublication, Due: day(cal.AddWorkdays(decided, p.PublishWorkdays)), Done: h.has(StepPublication),
			BasisKey: BasisPublication, Data: map[string]any{"Days": p.PublishWorkdays}})
	}
	laterDeadlines(h, cal, add)
	s := h.lastOf(StepService)
	if h.fine() <= 0 || s == nil {
		return out
	}
	served := day(s.On)
	paid := h.paid >= h.fine() || h.has(StepDecisionChanged)
	pay := Deadline{Kind: DeadlinePayment, Due: paymentDue(h, cal, p), Done: paid,
		BasisKey: BasisPayment, Data: map[string]any{"Days": p.PaymentDays}}
	if d := h.lastOf(StepDeferral); d != nil {
		pay.BasisKey, pay.Data = BasisDeferred, map[string]any{"Instalments": max(d.Instalments, 1)}
	}
	add(pay)
	if !paid && !h.has(StepAppeal) {
		remedies := laterOf(served.AddDate(0, 0, p.ReviewDays), addMonths(served, p.LawsuitMonths))
		opens := remedies.AddDate(0, 0, 1)
		add(Deadline{Kind: DeadlineEnforcement, Opens: opens, Due: addMonths(remedies, p.EnforceMonths),
			Done: h.has(StepEnforcement), Informative: true, BasisKey: BasisEnforcement,
			Data: map[string]any{"ReviewDays": p.ReviewDays, "LawsuitMonths": p.LawsuitMonths,
				"Months": p.EnforceMonths, "Opens": dateText(opens)}})
	}
	return out
}

// Status of a deadline on today: "done" (met, or the party's period is over), "overdue",
// "due_soon" (SoonDays or fewer days left) or "ok".
func Status(d Deadline, today time.Time) string {
	today = day(today)
	due := day(d.Due)
	switch {
	case d.Done, d.Wait && today.After(due):
		return StatusDone
	case today.After(due):
		return StatusOverdue
	case !d.Opens.IsZero() && today.Before(day(d.Opens)):
		return StatusOK
	case daysBetween(today, due) <= int64(d.SoonDays):
		return StatusDueSoon
	}
	return StatusOK
}

// NextDue is the earliest date the office itself still has to meet; the party's own periods
// and informative dates do not count. ok is false when nothing is pending.
func NextDue(c Case, cal Calendar, p Params) (d Deadline, ok bool) {
	for _, x := range Deadlines(c, cal, p) {
		if x.Done || x.Wait || x.Informative {
			continue
		}
		if !ok || x.Due.Before(d.Due) {
			d, ok = x, true
		}
	}
	return d, ok
}
