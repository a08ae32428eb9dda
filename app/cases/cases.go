// Package cases runs penalty cases: filing, recording each step under the law's rules,
// numbering documents, and telling what is due. The rules themselves are in cases/rules.
package cases

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/app/rulesets"
	"townledger/app/settings"
	"townledger/app/workdays"
	"townledger/data"
)

// Service files cases and records their steps.
type Service struct {
	store *data.Store
}

// New serves cases from store.
func New(store *data.Store) *Service { return &Service{store: store} }

// Filing is what an officer enters to open a case (立案).
type Filing struct {
	Procedure    rules.Procedure
	PartyID      string
	ItemID       string
	Title        string
	Facts        string
	ViolationOn  time.Time
	DiscoveredOn time.Time
	FiledOn      time.Time
	Officers     []rules.Officer
	Harmful      bool
	Major        bool
	TierOrdinal  int
	Late         bool
}

// Fields of a filing that refusals name.
const (
	FieldParty        = "party"
	FieldItem         = "item"
	FieldDiscoveredOn = "discovered_on"
	FieldFiledOn      = "filed_on"
)

// Missing names every required part of the filing left out, one refusal each, so a form can
// say all of them at once rather than one per attempt.
func (f Filing) Missing() problem.List {
	var l problem.List
	if f.PartyID == "" {
		l = append(l, problem.OnField(FieldParty, "casefile.party.missing", nil))
	}
	if f.ItemID == "" {
		l = append(l, problem.OnField(FieldItem, "casefile.item.missing", nil))
	}
	if f.DiscoveredOn.IsZero() {
		l = append(l, problem.OnField(FieldDiscoveredOn, "casefile.discovered_on.missing", nil))
	}
	if f.FiledOn.IsZero() {
		l = append(l, problem.OnField(FieldFiledOn, "casefile.filed_on.missing", nil))
	}
	return l
}

// env is what checking a step needs besides the case: the calendar, the law and the town.
type env struct {
	cal  *workdays.Calendar
	law  rulesets.Book
	town data.Town
}

// params are the law's values for a case: those of the rule set in force on its filing day.
func (e env) params(c rules.Case) rules.Params {
	_, p := e.law.For(c.FilingDay())
	return p
}

func (s *Service) env(ctx context.Context) (env, error) {
	var e env
	var err error
	if e.cal, err = settings.Calendar(ctx, s.store); err != nil {
		return e, err
	}
	if e.law, err = rulesets.Load(ctx, s.store); err != nil {
		return e, err
	}
	e.town, _, err = s.store.Town(ctx)
	return e, err
}

// Refusals of numbering a case decided in the bureau's name.
const (
	KeyNoNumbering = "casefile.entrust.no_numbering" // Code
	KeyRangeUsed   = "casefile.entrust.range_used"   // From, To, Year
)

// numbering is the district's numbering for a 委托 item's case, nil for the town's own; a
// 委托 case cannot be filed before the district has supplied it, or its number would repeat
// one of the bureau's.
func (s *Service) numbering(ctx context.Context, item data.CatalogItem) (*settings.EntrustNumbering, error) {
	if rules.IssuerFor(item.Delegation, "town", "bureau") != "bureau" {
		return nil, nil
	}
	n, err := settings.Entrust(ctx, s.store)
	if err != nil {
		return nil, err
	}
	if !n.Complete() {
		return nil, problem.OnField(FieldItem, KeyNoNumbering, map[string]any{"Code": item.Code})
	}
	return &n, nil
}

// issuer is the body whose name and number sequence a case's documents carry: the town for
// 赋权 items, the district bureau for 委托 items.
func issuer(town data.Town, item data.CatalogItem) string {
	bureau := strings.TrimSuffix(town.DistrictName, "应急管理局")
	return rules.IssuerFor(item.Delegation, town.ShortName, bureau)
}

// File opens a case: checks the filing under the rules, takes the case's number in its
// issuing body's sequence for the year and records the filing step.
func (s *Service) File(ctx context.Context, by auth.Session, f Filing) (string, error) {
	if err := by.Require(auth.EditCases); err != nil {
		return "", err
	}
	if err := f.Missing().Err(); err != nil {
		return "", err
	}
	party, ok, err := s.store.Party(ctx, f.PartyID)
	if err != nil || !ok {
		return "", firstErr(err, problem.OnField(FieldParty, "casefile.party.missing", nil))
	}
	item, ok, err := s.store.CatalogItem(ctx, f.ItemID)
	if err != nil || !ok {
		return "", firstErr(err, problem.OnField(FieldItem, "casefile.item.missing", nil))
	}
	en, err := s.env(ctx)
	if err != nil {
		return "", err
	}
	numbering, err := s.numbering(ctx, item)
	if err != nil {
		return "", err
	}
	dc := data.Case{Procedure: string(f.Procedure), ItemID: f.ItemID, PartyID: f.PartyID, Title: strings.TrimSpace(f.Title),
		Stage: string(rules.StepFiled), Facts: f.Facts, ViolationOn: dateOrEmpty(f.ViolationOn),
		DiscoveredOn: dateOrEmpty(f.DiscoveredOn), FiledOn: dateOrEmpty(f.FiledOn), Harmful: f.Harmful, Major: f.Major,
		TierOrdinal: f.TierOrdinal, Late: f.Late, IssuingBody: issuer(en.town, item)}
	if numbering != nil {
		dc.IssuingBody, dc.NumberMark = numbering.Issuer, numbering.Mark
	}
	if dc.Title == "" {
		dc.Title = item.Name
	}
	rc, err := s.rulesCase(ctx, dc, item, party, nil)
	if err != nil {
		return "", err
	}
	ev := rules.Event{Step: rules.StepFiled, On: f.FiledOn, Officers: f.Officers}
	if err := rules.Check(rc, ev, en.cal, en.params(rc)); err != nil {
		return "", err
	}
	rc.Events = append(rc.Events, ev)
	dc.NextDueOn, dc.NextDueKind = nextDue(rc, en)
	dc.Officers = officerNames(f.Officers)
	var id string
	err = s.store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		dc.Year = f.FiledOn.Year()
		var from, to int
		if numbering != nil {
			from, to = numbering.From, numbering.To
		}
		dc.Seq, err = tx.TakeNumberIn(dc.IssuingBody, rules.DocCodes[rules.StepDecision], dc.Year, "", from, to)
		if errors.Is(err, data.ErrRangeUsed) {
			return problem.OnField(FieldItem, KeyRangeUsed, map[string]any{"From": from, "To": to, "Year": dc.Year})
		}
		if err != nil {
			return err
		}
		dc.CaseNo = rules.FormatMarked(dc.IssuingBody, rules.DocCodes[rules.StepDecision], dc.Year, dc.NumberMark, dc.Seq)
		if id, err = tx.InsertCase(dc); err != nil {
			return err
		}
		return s.insertEvent(tx, id, dc, ev)
	})
	return id, err
}

// Record adds a step to a case after checking it under the rules; the case's stage, dates
// and decision follow the step.
func (s *Service) Record(ctx context.Context, by auth.Session, caseID string, ev rules.Event) error {
	if err := by.Require(auth.EditCases); err != nil {
		return err
	}
	v, err := s.load(ctx, caseID)
	if err != nil {
		return err
	}
	en, err := s.env(ctx)
	if err != nil {
		return err
	}
	if err := rules.Check(v.rules, ev, en.cal, en.params(v.rules)); err != nil {
		return err
	}
	if ev.Step == rules.StepDecision && ev.Outcome == rules.OutcomeFine {
		if err := rules.CheckFineReduced(*v.rules.Item, v.rules.Tier, v.Party.Kind, ev.Fine, v.Case.Late, ev.Mitigation != ""); err != nil {
			return err
		}
	}
	c := v.Case
	c.Stage = string(ev.Step)
	after := v.rules
	after.Events = append(append([]rules.Event{}, after.Events...), ev)
	c.NextDueOn, c.NextDueKind = nextDue(after, en)
	if ev.Step == rules.StepClosing || ev.Step == rules.StepVoid {
		c.NextDueOn, c.NextDueKind = "", "" // a closed case is chased no further
	}
	switch ev.Step {
	case rules.StepDecision:
		c.DecidedOn, c.Outcome, c.Fine = dateOrEmpty(ev.On), string(ev.Outcome), ev.Fine
	case rules.StepClosing, rules.StepVoid:
		c.ClosedOn = dateOrEmpty(ev.On)
	}
	return s.store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		if err := tx.UpdateCase(c); err != nil {
			return err
		}
		return s.insertEvent(tx, caseID, c, ev)
	})
}

func (s *Service) insertEvent(tx *data.Tx, caseID string, c data.Case, ev rules.Event) error {
	payload, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("step record: %w", err)
	}
	docNo := ""
	if code := rules.DocCode(ev); code != "" && c.Seq > 0 {
		docNo = rules.FormatMarked(c.IssuingBody, code, c.Year, c.NumberMark, c.Seq)
	}
	_, err = tx.InsertCaseEvent(data.CaseEvent{CaseID: caseID, Step: string(ev.Step), OccurredOn: dateOrEmpty(ev.On),
		Officers: officerNames(ev.Officers), DocNo: docNo, Notes: ev.Note, Payload: string(payload)})
	return err
}

func officerNames(os []rules.Officer) string {
	names := make([]string, len(os))
	for i, o := range os {
		names[i] = o.Name
	}
	return strings.Join(names, "、")
}

// nextDue is the next date the office must meet, as stored on the case for the list.
func nextDue(rc rules.Case, en env) (on, kind string) {
	d, ok := rules.NextDue(rc, en.cal, en.params(rc))
	if !ok {
		return "", ""
	}
	return d.Due.Format(data.DateLayout), d.Kind
}

// Params are the law's values for a case filed on the given day, as the office has them.
func Params(ctx context.Context, store *data.Store, filed time.Time) (rules.Params, error) {
	law, err := rulesets.Load(ctx, store)
	if err != nil {
		return rules.Params{}, err
	}
	_, p := law.For(filed)
	return p, nil
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(data.DateLayout)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
