// Package caseimport brings an office's existing case ledger (案件台账) into TownLedger from
// a workbook: one row per case, with its party, its catalogue item and the dates of the
// steps it has been through. The whole file is stored in one transaction or not at all, and
// every problem is reported by row and column.
//
// An import records what happened. Each row is checked for what makes a case a case —
// a well-formed number free in its issuing body's sequence, a party with valid identifiers,
// an item in force on the filing date, dates in the order of the procedure, a decision with
// its outcome and a fine inside the item's legal range (and the chosen tier's) — but a
// historical case is not re-checked against every procedural rule the app enforces when a
// step is recorded (notice and statement periods, hearings, legal reviews, collective
// discussion, summary-procedure limits, officers' certificates). Steps recorded in the app
// after the import are checked under all of them.
package caseimport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	"townledger/app/catalog"
	"townledger/app/parties"
	"townledger/app/problem"
	"townledger/app/rulesets"
	"townledger/app/settings"
	"townledger/app/workbook"
	"townledger/app/workdays"
	"townledger/data"
)

// Result counts what an import recorded.
type Result struct {
	Cases      int // case files
	NewParties int // parties created for them; the others were found in the ledger
}

// caseCode is the document code of a case's own number and of its issuing body's sequence:
// the decision's, as cases.Service.File takes it.
func caseCode() string { return rules.DocCodes[rules.StepDecision] }

// entry is one row of the file on its way to becoming a case.
type entry struct {
	row        int
	name       string        // the party's name as the row gives it
	party      parties.Party // checked and normalised
	identField string        // FieldCreditCode or FieldIDNumber
	ident      string        // the party's credit code or ID number
	number     string        // the case number as the app writes it
	issuer     string
	mark       string // the town's mark in a 委托 number (settings.EntrustNumbering)
	year, seq  int
	c          data.Case // without PartyID until stored
	events     []rules.Event
}

type identKey struct{ field, value string }

func (e *entry) key() identKey { return identKey{e.identField, e.ident} }

// importer holds what checking the rows needs.
type importer struct {
	ctx       context.Context
	store     *data.Store
	tbl       *workbook.Table
	today     string // YYYY-MM-DD
	todayTime time.Time
	town      data.Town
	cal       *workdays.Calendar
	law       rulesets.Book
	entrust   settings.EntrustNumbering
	certified map[string]bool               // officers on the roster with a valid certificate
	bad       map[int]map[string]bool       // cells the reader already refused, by row and header
	inForce   map[string][]data.CatalogItem // by filing date
	items     map[string]data.CatalogItem   // by id, with tiers
	versions  []data.CatalogItem            // every version, read when first needed
	versRead  bool
	numbers   map[numberKey]*entry // first row giving each number
}

type numberKey struct {
	issuer    string
	year, seq int
}

// Import reads the case-ledger workbook at path and records every row as a case, in one
// transaction, or nothing: every cell and every row is checked first (see the package
// comment), then, inside the transaction, the numbers against the ledger's sequences and the
// parties against the ledger's; any problem refuses the file with all of them (a
// *workbook.Problems, by row and column).
//
// Each case gets its party (found by credit code or ID number, or created from the row —
// once, however many rows name it), its case file (stage, dates, outcome, fine, issuing
// body, year and sequence from the number, the number in the app's form, officers, and for
// an open case the next date the office must meet), one step per date given, and its number
// in the issuing body's yearly sequence, so a case filed afterwards takes the next one.
//
// A number may carry any of the case's document codes (应急立, 应急罚告, 应急不罚 …): they
// share the case's sequence, and the case is numbered with the decision's code as the app
// numbers it. A general-procedure notice whose proposed (or decided) fine reaches the large
// amount threshold is recorded as having offered a hearing, as Art. 63 requires, so such a
// case can be continued in the app.
//
// by must be allowed to edit cases, and parties when any are created; today bounds the
// dates (no step in the future) and ID numbers' birth dates.
func Import(ctx context.Context, store *data.Store, by auth.Session, path string, today time.Time) (Result, error) {
	var res Result
	if err := by.Require(auth.EditCases); err != nil {
		return res, err
	}
	if today.IsZero() {
		today = time.Now()
	}
	im := &importer{ctx: ctx, store: store, today: today.Format(data.DateLayout), todayTime: today,
		inForce: map[string][]data.CatalogItem{}, items: map[string]data.CatalogItem{}, numbers: map[numberKey]*entry{}}
	town, ok, err := store.Town(ctx)
	if err != nil {
		return res, err
	}
	if !ok {
		return res, problem.New(parties.KeyNoTown, nil)
	}
	im.town = town
	if err := im.loadEnv(); err != nil {
		return res, err
	}
	im.tbl, err = workbook.Read(ctx, path, Spec, nil)
	if err != nil {
		return res, err
	}
	im.bad = badCells(im.tbl)
	var entries []*entry
	for i, r := range im.tbl.Records {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
		e, err := im.check(r)
		if err != nil {
			return res, err
		}
		if e != nil {
			entries = append(entries, e)
		}
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		if err := im.checkNumbers(tx, entries); err != nil {
			return err
		}
		newParties, err := im.matchParties(tx, entries)
		if err != nil {
			return err
		}
		if err := im.tbl.Err(); err != nil {
			return err
		}
		if len(newParties) > 0 {
			if err := by.Require(auth.EditParties); err != nil {
				return err
			}
		}
		ids := map[identKey]string{}
		for _, e := range newParties {
			id, err := tx.InsertParty(record(e.party))
			if err != nil {
				return err
			}
			ids[e.key()] = id
		}
		for i, e := range entries {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if e.c.PartyID == "" {
				e.c.PartyID = ids[e.key()]
			}
			if err := store1(tx, e); err != nil {
				return fmt.Errorf("row %d: %w", e.row, err)
			}
		}
		res = Result{Cases: len(entries), NewParties: len(newParties)}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// loadEnv reads the calendar, the law's periods and the roster's certified officers.
func (im *importer) loadEnv() error {
	var err error
	if im.cal, err = settings.Calendar(im.ctx, im.store); err != nil {
		return err
	}
	if im.law, err = rulesets.Load(im.ctx, im.store); err != nil {
		return err
	}
	if im.entrust, err = settings.Entrust(im.ctx, im.store); err != nil {
		return err
	}
	officers, err := im.store.Officers(im.ctx)
	if err != nil {
		return err
	}
	im.certified = map[string]bool{}
	for _, o := range officers {
		im.certified[o.Name] = o.CertStatus == "valid" || o.CertStatus == "due"
	}
	return nil
}

// badCells are the cells the reader refused, by row and header as reported.
func badCells(t *workbook.Table) map[int]map[string]bool {
	out := map[int]map[string]bool{}
	var p *workbook.Problems
	if errors.As(t.Err(), &p) {
		for _, pr := range p.List {
			if out[pr.Row] == nil {
				out[pr.Row] = map[string]bool{}
			}
			out[pr.Row][pr.Column] = true
		}
	}
	return out
}

// row is one record under check.
type row struct {
	im *importer
	r  workbook.Record
}

func (w row) report(name string, err error) { w.im.tbl.Report(w.r.Row, name, err) }

// refused tells whether the reader refused the cell.
func (w row) refused(name string) bool { return w.im.bad[w.r.Row][w.im.tbl.Header(name)] }

// present tells whether the cell holds something: a value, or text the reader refused.
func (w row) present(name string) bool {
	_, ok := w.r.Values[name]
	return ok || w.refused(name)
}

func (w row) date(name string) (time.Time, bool) { return w.r.Date(name) }

func (w row) amount(name string) (int64, bool) {
	v, ok := w.r.Values[name].(int64)
	return v, ok
}

// dateOrder is the order the procedure's dates must keep.
var dateOrder = []string{FieldDiscoveredOn, FieldFiledOn, FieldNoticeOn, FieldDecidedOn, FieldServedOn, FieldPaidOn, FieldClosedOn}

// check judges one row, reporting every problem it finds; it returns the case to store
// when the row can become one (problems elsewhere in the file still stop the import).
func (im *importer) check(r workbook.Record) (*entry, error) {
	w := row{im, r}
	e := &entry{row: r.Row, name: r.Text(FieldPartyName)}
	okRow := true
	fail := func(name string, err error) {
		w.report(name, err)
		okRow = false
	}

	// The number.
	numberOK := false
	if s := r.Text(FieldNumber); s != "" {
		issuer, _, mark, year, seq, err := rules.ParseMarked(s)
		if err != nil {
			fail(FieldNumber, err)
		} else {
			e.issuer, e.mark, e.year, e.seq, numberOK = issuer, mark, year, seq, true
			e.number = rules.FormatMarked(issuer, caseCode(), year, mark, seq)
		}
	}

	// The party.
	kindOK := true
	p := parties.Party{Kind: r.Text(FieldPartyKind), Name: r.Text(FieldPartyName), CreditCode: r.Text(FieldCreditCode),
		IDNumber: r.Text(FieldIDNumber), LegalRep: r.Text(FieldLegalRep)}
	if p.Kind == "" && !w.refused(FieldPartyKind) {
		switch {
		case p.CreditCode != "" || w.refused(FieldCreditCode):
			p.Kind = parties.KindOrg
		case p.IDNumber != "" || w.refused(FieldIDNumber):
			p.Kind = parties.KindPerson
		default:
			fail(FieldCreditCode, problem.New(KeyPartyIdentifier, nil))
			kindOK = false
		}
	}
	if kindOK && !w.refused(FieldPartyKind) {
		checked, l := p.Check(im.todayTime)
		for _, pe := range l {
			fail(partyColumn(pe.Field), pe)
			if pe.Field == parties.FieldKind {
				kindOK = false
			}
		}
		if len(l) == 0 {
			e.party = checked
			e.identField, e.ident = FieldCreditCode, checked.CreditCode
			if checked.Kind == parties.KindPerson {
				e.identField, e.ident = FieldIDNumber, checked.IDNumber
			}
		}
	} else {
		kindOK = false
	}
	if numberOK {
		k := numberKey{e.issuer, e.year, e.seq}
		if first, ok := im.numbers[k]; ok {
			fail(FieldNumber, problem.New(workbook.KeyDuplicate, map[string]any{"First": first.row,
				"Name": first.name, "Value": e.number}))
		} else {
			im.numbers[k] = e
		}
	}

	// Dates: none in the future, and in the procedure's order.
	for _, c := range Spec.Columns {
		if d, ok := w.date(c.Name); ok && d.Format(data.DateLayout) > im.today {
			fail(c.Name, problem.New(KeyFuture, map[string]any{"Date": d.Format(data.DateLayout), "Today": im.today}))
		}
	}
	var latest time.Time
	latestField := ""
	for _, f := range dateOrder {
		d, ok := w.date(f)
		if !ok {
			continue
		}
		if latestField != "" && d.Before(latest) {
			fail(f, problem.New(KeyDateOrder, map[string]any{"Date": d.Format(data.DateLayout),
				"Column": im.tbl.Header(latestField), "Other": latest.Format(data.DateLayout)}))
			continue
		}
		latest, latestField = d, f
	}
	decided, hasDecided := w.date(FieldDecidedOn)
	if pub, ok := w.date(FieldPublishedOn); ok && hasDecided && pub.Before(decided) {
		fail(FieldPublishedOn, problem.New(KeyDateOrder, map[string]any{"Date": pub.Format(data.DateLayout),
			"Column": im.tbl.Header(FieldDecidedOn), "Other": decided.Format(data.DateLayout)}))
	}
	im.checkSteps(w, fail)

	// The decision, the fines and the payment.
	outcome := rules.Outcome(r.Text(FieldOutcome))
	outcomeKnown := outcome != ""
	finable := outcome == rules.OutcomeFine || outcome == rules.OutcomeOther
	if w.present(FieldDecidedOn) && !w.present(FieldOutcome) {
		fail(FieldOutcome, problem.New(KeyNoOutcome, nil))
	}
	if w.present(FieldOutcome) && !w.present(FieldDecidedOn) {
		fail(FieldDecidedOn, problem.New(KeyNoDecisionDate, nil))
	}
	fine, hasFine := w.amount(FieldFine)
	if hasFine && !w.refused(FieldOutcome) && !finable {
		fail(FieldFine, problem.New(KeyFineNotExpected, nil))
	}
	if outcome == rules.OutcomeFine && !w.present(FieldFine) {
		fail(FieldFine, problem.OnField(rules.FieldFine, KeyFineMissing, nil))
	}
	proposed, hasProposed := w.amount(FieldProposedFine)
	if w.present(FieldProposedFine) && !w.present(FieldNoticeOn) {
		fail(FieldNoticeOn, problem.New(KeyNoNoticeDate, nil))
	}
	for _, f := range []string{FieldServedOn, FieldPublishedOn, FieldPaidOn, FieldClosedOn} {
		if w.present(f) && !w.present(FieldDecidedOn) {
			fail(f, problem.New(KeyNeedsDecision, nil))
		}
	}
	paid, hasPaid := w.amount(FieldPaid)
	if w.present(FieldPaidOn) && !w.present(FieldPaid) {
		fail(FieldPaid, problem.OnField(rules.FieldAmount, KeyPaymentAmount, nil))
	}
	if w.present(FieldPaid) && !w.present(FieldPaidOn) {
		fail(FieldPaidOn, problem.New(KeyNoPaymentDate, nil))
	}
	if hasPaid && paid <= 0 {
		fail(FieldPaid, problem.New(KeyPaidZero, nil))
	}
	if w.present(FieldPaidOn) && hasDecided && outcomeKnown && outcome != rules.OutcomeFine && !w.present(FieldFine) {
		fail(FieldPaidOn, problem.New(KeyNothingToPay, nil))
	}

	// Officers.
	var officers []string
	if s := r.Text(FieldOfficers); s != "" {
		officers = splitNames(s)
		if len(officers) == 0 {
			fail(FieldOfficers, problem.New(KeyNoOfficers, nil))
		}
	}

	// The catalogue item in force on the filing date, its tier, the fines' ranges, the issuer.
	filed, hasFiled := w.date(FieldFiledOn)
	code := catalog.NormalizeCode(r.Text(FieldItem))
	var item data.CatalogItem
	itemOK := false
	if hasFiled && code != "" {
		var err error
		item, itemOK, err = im.itemOn(code, filed.Format(data.DateLayout))
		if err != nil {
			return nil, err
		}
		if !itemOK {
			pe, err := im.itemProblem(code, filed.Format(data.DateLayout))
			if err != nil {
				return nil, err
			}
			fail(FieldItem, pe)
		}
	}
	var tier *data.Tier
	if s := r.Text(FieldTier); s != "" && itemOK {
		if tier = findTier(item, s); tier == nil {
			fail(FieldTier, problem.New(KeyTierUnknown, map[string]any{"Code": item.Code, "Tier": s, "Tiers": tierList(item)}))
		}
	}
	if itemOK && kindOK && !w.refused(FieldTier) && (tier != nil || r.Text(FieldTier) == "") {
		ranges := rules.ItemRangesOf(item)
		var tr *rules.TierRange
		if tier != nil {
			t := rules.TierRangeOf(*tier)
			tr = &t
		}
		if hasFine && finable {
			if err := rules.CheckFine(ranges, tr, p.Kind, fine, false); err != nil {
				fail(FieldFine, err)
			}
		}
		if hasProposed {
			if err := rules.CheckFine(ranges, tr, p.Kind, proposed, false); err != nil {
				fail(FieldProposedFine, err)
			}
		}
	}
	if itemOK && numberOK {
		bureau := strings.TrimSuffix(im.town.DistrictName, "应急管理局")
		if im.entrust.Issuer != "" {
			bureau = im.entrust.Issuer // the name the district has its towns number with
		}
		switch expected := rules.IssuerFor(item.Delegation, im.town.ShortName, bureau); {
		case expected == "":
			fail(FieldNumber, problem.New(KeyNoIssuer, map[string]any{"Code": item.Code}))
		case expected != e.issuer:
			fail(FieldNumber, problem.New(KeyIssuer, map[string]any{"Issuer": e.issuer, "Expected": expected, "Code": item.Code}))
		}
	}
	if !okRow || !numberOK || !itemOK || e.ident == "" || !hasFiled {
		return nil, nil
	}

	// The case and its steps.
	proc := rules.General
	if r.Text(FieldProcedure) == string(rules.Summary) {
		proc = rules.Summary
	}
	dates := map[string]time.Time{}
	for _, c := range Spec.Columns {
		if d, ok := w.date(c.Name); ok {
			dates[c.Name] = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.Local)
		}
	}
	c := data.Case{Procedure: string(proc), ItemID: item.ID, Title: r.Text(FieldTitle), Facts: r.Text(FieldFacts),
		Notes: r.Text(FieldNotes), IssuingBody: e.issuer, NumberMark: e.mark, CaseNo: e.number, Year: e.year, Seq: e.seq,
		DiscoveredOn: dateText(dates, FieldDiscoveredOn), FiledOn: dateText(dates, FieldFiledOn),
		DecidedOn: dateText(dates, FieldDecidedOn), ClosedOn: dateText(dates, FieldClosedOn),
		Officers: strings.Join(officers, "、")}
	if c.Title == "" {
		c.Title = item.Name
	}
	if tier != nil {
		c.TierOrdinal = tier.Ordinal
	}
	team := make([]rules.Officer, len(officers))
	for i, n := range officers {
		team[i] = rules.Officer{Name: n, Certified: im.certified[n]}
	}
	evs := []rules.Event{{Step: rules.StepFiled, On: dates[FieldFiledOn], Officers: team}}
	if on, ok := dates[FieldNoticeOn]; ok {
		n := rules.Event{Step: rules.StepNotice, On: on}
		if hasProposed {
			n.Outcome, n.Fine = rules.OutcomeFine, proposed
		}
		_, p := im.law.For(dates[FieldFiledOn])
		threshold := p.LargeFineOrg
		if e.party.Kind == parties.KindPerson {
			threshold = p.LargeFinePerson
		}
		n.HearingOffered = proc == rules.General && (proposed >= threshold || hasFine && finable && fine >= threshold)
		evs = append(evs, n)
	}
	evs = append(evs, stepEvents(dates)...)
	if on, ok := dates[FieldDecidedOn]; ok {
		d := rules.Event{Step: rules.StepDecision, On: on, Outcome: outcome}
		if finable && hasFine {
			d.Fine = fine
		}
		c.Outcome, c.Fine = string(outcome), d.Fine
		evs = append(evs, d)
	}
	for _, s := range []struct {
		field string
		step  rules.Step
	}{{FieldServedOn, rules.StepService}, {FieldPublishedOn, rules.StepPublication}, {FieldPaidOn, rules.StepPayment},
		{FieldClosedOn, rules.StepClosing}} {
		if on, ok := dates[s.field]; ok {
			ev := rules.Event{Step: s.step, On: on}
			if s.step == rules.StepPayment {
				ev.Amount = paid
			}
			evs = append(evs, ev)
		}
	}
	slices.SortStableFunc(evs, func(a, b rules.Event) int { return a.On.Compare(b.On) })
	c.Stage = string(evs[len(evs)-1].Step)
	if c.ClosedOn != "" {
		c.Stage = string(rules.StepClosing)
	} else {
		ranges := rules.ItemRangesOf(item)
		rc := rules.Case{Procedure: proc, PartyKind: e.party.Kind, DiscoveredOn: dates[FieldDiscoveredOn],
			FiledOn: dates[FieldFiledOn], Item: &ranges, Events: evs}
		if tier != nil {
			tr := rules.TierRangeOf(*tier)
			rc.Tier = &tr
		}
		_, p := im.law.For(rc.FilingDay())
		c.NextDueOn, c.NextDueKind = nextDue(rc, im.cal, p)
	}
	e.c, e.events = c, evs
	return e, nil
}
