package caseimport

import (
	"time"

	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/data"
)

// stepColumns are the general procedure's steps a ledger may date: the hearing, the legal
// review and the collective discussion. They count in the period report's figures.
var stepColumns = []struct {
	field string
	step  rules.Step
}{{FieldHearingOn, rules.StepHearing}, {FieldReviewedOn, rules.StepLegalReview}, {FieldDiscussedOn, rules.StepCollective}}

// checkSteps refuses those dates in a summary procedure, before the filing, a hearing before
// the notice, and any of them after the decision.
func (im *importer) checkSteps(w row, fail func(string, error)) {
	summary := w.r.Text(FieldProcedure) == string(rules.Summary)
	order := func(field string, d time.Time, other string, after bool) {
		o, ok := w.date(other)
		if !ok || (after && !d.Before(o)) || (!after && !d.After(o)) {
			return
		}
		key := KeyDateOrder
		if !after {
			key = KeyAfterDecision
		}
		fail(field, problem.New(key, map[string]any{"Date": d.Format(data.DateLayout),
			"Column": im.tbl.Header(other), "Other": o.Format(data.DateLayout)}))
	}
	for _, c := range stepColumns {
		d, ok := w.date(c.field)
		if !ok {
			continue
		}
		if summary {
			fail(c.field, problem.New(KeySummaryStep, map[string]any{"Column": im.tbl.Header(c.field)}))
			continue
		}
		order(c.field, d, FieldFiledOn, true)
		if c.step == rules.StepHearing {
			order(c.field, d, FieldNoticeOn, true)
		}
		order(c.field, d, FieldDecidedOn, false)
	}
}

// stepEvents are the dated steps of a row; a legal review the ledger dates was passed (the
// case went on to its decision).
func stepEvents(dates map[string]time.Time) []rules.Event {
	var evs []rules.Event
	passed := true
	for _, c := range stepColumns {
		if on, ok := dates[c.field]; ok {
			ev := rules.Event{Step: c.step, On: on}
			if c.step == rules.StepLegalReview {
				ev.Passed = &passed
			}
			evs = append(evs, ev)
		}
	}
	return evs
}
