package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/data"
)

// Step is a recorded step as the timeline shows it.
type Step struct {
	data.CaseEvent
	Event rules.Event
}

// Due is a deadline with its state on a given day.
type Due struct {
	rules.Deadline
	Status string // rules.Status… constant
	// Guessed: the holiday calendar has no schedule for the year of Due, so its working days
	// were counted on the plain week (weekends off) — the office should enter that year.
	Guessed bool
}

// View is everything a case's page shows: the case, its party and item, its timeline (the
// 全过程记录) and its deadlines.
type View struct {
	Case      data.Case
	Party     data.Party
	Item      data.CatalogItem
	Steps     []Step
	Deadlines []Due
	Law       rules.Set // the rule set the case is checked under: the one in force on its filing day
	rules     rules.Case
	cal       rules.Calendar
	params    rules.Params
}

// LateFee is the late fee (加处罚款) the party owes on a day, review and lawsuit days left
// out (Art. 72, 73).
func (v View) LateFee(on time.Time) int64 {
	if v.cal == nil {
		return 0
	}
	return rules.LateFeeOn(v.rules, v.cal, v.params, on)
}

// FirstExemptOpen tells whether the case may end as 首违不罚: its item is on the list and the
// party has no earlier penalised violation.
func (v View) FirstExemptOpen() bool {
	return v.rules.FirstExempt && v.rules.PriorViolations == 0
}

func (s *Service) load(ctx context.Context, caseID string) (View, error) {
	var v View
	c, ok, err := s.store.Case(ctx, caseID)
	if err != nil {
		return v, err
	}
	if !ok {
		return v, problem.New("db.not_found", nil)
	}
	v.Case = c
	if v.Party, _, err = s.store.Party(ctx, c.PartyID); err != nil {
		return v, err
	}
	if v.Item, _, err = s.store.CatalogItem(ctx, c.ItemID); err != nil {
		return v, err
	}
	evs, err := s.store.CaseEvents(ctx, caseID)
	if err != nil {
		return v, err
	}
	for _, e := range evs {
		var re rules.Event
		if err := json.Unmarshal([]byte(e.Payload), &re); err != nil {
			return v, fmt.Errorf("step %s of case %s: %w", e.ID, caseID, err)
		}
		if re.On.IsZero() { // a step's day is its row's occurred_on when its record lacks one
			re.On = parseDate(e.OccurredOn)
		}
		v.Steps = append(v.Steps, Step{CaseEvent: e, Event: re})
	}
	v.rules, err = s.rulesCase(ctx, c, v.Item, v.Party, v.Steps)
	return v, err
}

// rulesCase is what the rules need to know of a stored case.
func (s *Service) rulesCase(ctx context.Context, c data.Case, item data.CatalogItem, party data.Party, steps []Step) (rules.Case, error) {
	rc := rules.Case{Procedure: rules.Procedure(c.Procedure), PartyKind: party.Kind, ViolationOn: parseDate(c.ViolationOn),
		DiscoveredOn: parseDate(c.DiscoveredOn), FiledOn: parseDate(c.FiledOn), Harmful: c.Harmful, Major: c.Major, Late: c.Late,
		FirstExempt: item.FirstExempt}
	ranges := rules.ItemRangesOf(item)
	rc.Item = &ranges
	for _, t := range item.Tiers {
		if t.Ordinal == c.TierOrdinal {
			tr := rules.TierRangeOf(t)
			rc.Tier = &tr
		}
	}
	for _, st := range steps {
		rc.Events = append(rc.Events, st.Event)
	}
	prior, err := s.priorViolations(ctx, c)
	rc.PriorViolations = prior
	return rc, err
}

// priorViolations counts the party's earlier cases that ended in a penalty: a first
// violation (首违) has none.
func (s *Service) priorViolations(ctx context.Context, c data.Case) (int, error) {
	all, err := s.store.CasesOfParty(ctx, c.PartyID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, o := range all {
		if o.ID == c.ID || o.DecidedOn == "" || rules.Outcome(o.Outcome).NotPenalised() {
			continue
		}
		if c.DiscoveredOn == "" || o.DecidedOn <= c.DiscoveredOn {
			n++
		}
	}
	return n, nil
}

// LastOfficers are the officers of the latest recorded step that names any (the filing at
// the start), so the next step's form can offer the same team already ticked.
func (v View) LastOfficers() []string {
	for i := len(v.Steps) - 1; i >= 0; i-- {
		if os := v.Steps[i].Event.Officers; len(os) > 0 {
			names := make([]string, len(os))
			for j, o := range os {
				names[j] = o.Name
			}
			return names
		}
	}
	return nil
}

// Load returns a case's page with its deadlines' state on today.
func (s *Service) Load(ctx context.Context, caseID string, today time.Time) (View, error) {
	en, err := s.env(ctx)
	if err != nil {
		return View{}, err
	}
	return s.loadWith(ctx, en, caseID, today)
}

// loadWith is Load with the calendar and settings already read, for work over many cases.
func (s *Service) loadWith(ctx context.Context, en env, caseID string, today time.Time) (View, error) {
	v, err := s.load(ctx, caseID)
	if err != nil {
		return v, err
	}
	v.Law, v.params = en.law.For(v.rules.FilingDay())
	v.cal = en.cal
	for _, d := range rules.Deadlines(v.rules, en.cal, en.params(v.rules)) {
		if d.Due.Year() <= 1 {
			// Counted from a step with no day at all (the zero date, year 1): there is no
			// such deadline, and it must not show as one overdue for two thousand years.
			continue
		}
		v.Deadlines = append(v.Deadlines, Due{Deadline: d, Status: rules.Status(d, today), Guessed: !en.cal.Covers(d.Due.Year())})
	}
	return v, nil
}

func parseDate(s string) time.Time {
	t, err := time.ParseInLocation(data.DateLayout, s, time.Local)
	if err != nil {
		return time.Time{}
	}
	return t
}
