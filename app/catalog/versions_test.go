package catalog

import (
	"context"
	"slices"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/data"
)

var (
	admin   = auth.Session{UserID: "u0", Username: "admin", Roles: []auth.Role{auth.Admin}}
	officer = auth.Session{UserID: "u1", Username: "li", Roles: []auth.Role{auth.Officer}}
)

// newTown opens a set-up town, with the demo town (catalogue, parties, cases) if withDemo.
func newTown(t *testing.T, withDemo bool) *data.Store {
	t.Helper()
	if withDemo {
		return officetest.DemoStore(t)
	}
	return officetest.NewStore(t)
}

// itemByCode reads the whole current version of the item with code.
func itemByCode(t *testing.T, s *data.Store, code, on string) Item {
	t.Helper()
	ctx := context.Background()
	list, err := s.CurrentCatalogItems(ctx, on)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Code == code {
			it, _, err := s.CatalogItem(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			return it
		}
	}
	t.Fatalf("no current item %s on %s", code, on)
	return Item{}
}

func keyOf(err error) string {
	if l, ok := err.(problem.List); ok && len(l) > 0 {
		return l[0].Key
	}
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

func day(s string) time.Time {
	d, _ := time.ParseInLocation(data.DateLayout, s, time.Local)
	return d
}

// revised is the signs item as the district revises it from 2024-06-01: a new name,
// heavier maximum and shifted tiers.
func revised(old Item) Item {
	next := old
	next.Name = old.Name + "（修订）"
	next.UnitMax = fen(60000)
	next.EffectiveFrom = "2024-06-01"
	next.Refs = slices.Clone(old.Refs)
	next.Tiers = slices.Clone(old.Tiers)
	next.Tiers[2].UnitMin, next.Tiers[2].UnitMax = fen(25000), fen(35000)
	next.Tiers[3].UnitMin, next.Tiers[3].UnitMax = fen(35000), fen(60000)
	return next
}

func TestReviseAddsAVersionAndEndsTheOldOne(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, true)
	old := itemByCode(t, s, "AQ-05", "2024-03-01")
	audits, _ := s.AuditCount(ctx, "catalog_item")

	if _, err := Revise(ctx, s, officer, old.ID, revised(old)); keyOf(err) != "perm.denied" {
		t.Errorf("an officer revised the catalogue: %v", err)
	}
	bad := revised(old)
	bad.Tiers[3].UnitMax = fen(70000)
	if _, err := Revise(ctx, s, admin, old.ID, bad); keyOf(err) != KeyTierOutsideUnit {
		t.Errorf("a tier above the range: %v", err)
	}
	early := revised(old)
	early.EffectiveFrom = old.EffectiveFrom
	if _, err := Revise(ctx, s, admin, old.ID, early); keyOf(err) != KeyReviseFrom {
		t.Errorf("a revision starting with the old version: %v", err)
	}
	taken := revised(old)
	taken.Code = "AQ-06"
	if _, err := Revise(ctx, s, admin, old.ID, taken); keyOf(err) != KeyCodeTaken {
		t.Errorf("a revision taking another item's code: %v", err)
	}
	if _, err := Revise(ctx, s, admin, "no-such-id", revised(old)); keyOf(err) != "db.not_found" {
		t.Errorf("revising a missing item: %v", err)
	}
	if n, _ := s.AuditCount(ctx, "catalog_item"); n != audits {
		t.Fatalf("refused revisions wrote %d audit rows", n-audits)
	}

	id, err := Revise(ctx, s, admin, old.ID, revised(old))
	if err != nil {
		t.Fatal(err)
	}
	next, _, _ := s.CatalogItem(ctx, id)
	was, _, _ := s.CatalogItem(ctx, old.ID)
	if next.Key != old.Key || next.Version != old.Version+1 || next.Status != StatusActive || *next.UnitMax != 6000000 ||
		len(next.Tiers) != 4 || *next.Tiers[2].UnitMin != 2500000 || len(next.Refs) != 2 {
		t.Errorf("new version %+v", next)
	}
	if was.Status != StatusRevised || was.EffectiveTo != "2024-05-31" || was.Name != old.Name || *was.UnitMax != *old.UnitMax ||
		*was.Tiers[2].UnitMin != *old.Tiers[2].UnitMin {
		t.Errorf("old version %+v", was)
	}
	if sup, _ := s.CatalogSupersedes(ctx, id); sup != old.ID {
		t.Errorf("supersedes %q", sup)
	}
	versions, _ := s.CatalogVersions(ctx, old.Key)
	if len(versions) != 2 || versions[0].ID != old.ID || versions[1].ID != id {
		t.Errorf("versions %+v", versions)
	}
	inForce, _ := s.CatalogItemsInForce(ctx, "2024-07-01")
	for _, it := range inForce {
		if it.Code == "AQ-05" && it.ID != id {
			t.Errorf("in force on 2024-07-01: %s", it.ID)
		}
	}
	if _, err := Revise(ctx, s, admin, old.ID, revised(old)); keyOf(err) != KeyRevised {
		t.Errorf("revising a revised version: %v", err)
	}
}

func TestRecallEndsTheItem(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, true)
	it := itemByCode(t, s, "AQ-08", "2024-03-01")
	if err := Recall(ctx, s, officer, it.ID, day("2024-09-01"), "收回"); keyOf(err) != "perm.denied" {
		t.Errorf("an officer recalled: %v", err)
	}
	if err := Recall(ctx, s, admin, it.ID, day("2024-09-01"), " \u3000"); keyOf(err) != KeyRecallReason {
		t.Errorf("no reason: %v", err)
	}
	if err := Recall(ctx, s, admin, it.ID, day(it.EffectiveFrom), "区局收回"); keyOf(err) != KeyRecallOn {
		t.Errorf("recalled on its first day: %v", err)
	}
	if err := Recall(ctx, s, admin, it.ID, day("2024-09-01"), "区局收回该项赋权"); err != nil {
		t.Fatal(err)
	}
	got, _, _ := s.CatalogItem(ctx, it.ID)
	if got.Status != StatusRecalled || got.EffectiveTo != "2024-08-31" {
		t.Errorf("recalled item %+v", got)
	}
	page, _ := s.AuditPage(ctx, 0, 5)
	found := false
	for _, e := range page {
		found = found || e.Action == "recall" && e.EntityID == it.ID
	}
	if !found {
		t.Error("the recall and its reason are not in the audit log")
	}
	if err := Recall(ctx, s, admin, it.ID, day("2024-10-01"), "再次收回"); keyOf(err) != KeyRecalled {
		t.Errorf("recalled twice: %v", err)
	}
	next := got
	next.EffectiveFrom, next.EffectiveTo = "2025-01-01", ""
	if _, err := Revise(ctx, s, admin, it.ID, next); keyOf(err) != KeyRecalled {
		t.Errorf("revised a recalled item: %v", err)
	}
	// Its code is free again for a new item.
	fresh := valid()
	fresh.Code, fresh.EffectiveFrom = "AQ-08", "2025-01-01"
	id, err := Create(ctx, s, admin, fresh)
	if err != nil {
		t.Fatal(err)
	}
	if c, _, _ := s.CatalogItem(ctx, id); c.Version != 1 || c.Key == it.Key {
		t.Errorf("new item %+v", c)
	}
}

func TestCreateRefusesACurrentCode(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, true)
	it := valid()
	it.Code = "aq-01"
	if _, err := Create(ctx, s, admin, it); keyOf(err) != KeyCodeTaken {
		t.Errorf("a current code: %v", err)
	}
	it.Code = "AQ-99"
	it.Refs = nil
	if _, err := Create(ctx, s, admin, it); keyOf(err) != KeyNoBasis {
		t.Errorf("no basis: %v", err)
	}
	if _, err := Create(ctx, s, officer, valid()); keyOf(err) != "perm.denied" {
		t.Errorf("an officer: %v", err)
	}
	bare := newTown(t, false)
	if _, err := Create(ctx, bare, admin, valid()); err != nil {
		t.Fatal(err)
	}
}

// TestCasesKeepTheVersionTheyWereFiledUnder files a case under the signs item, revises the
// item, and reads the case — and every demo case — through app/cases again: each still
// names its old version, with the old name, ranges and tiers, and the old tier still bounds
// the fine.
func TestCasesKeepTheVersionTheyWereFiledUnder(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, true)
	svc := cases.New(s)
	old := itemByCode(t, s, "AQ-05", "2024-03-01")
	list, _, err := s.List(ctx, data.ListParties, "", 0, 1)
	if err != nil || len(list) == 0 {
		t.Fatal(err)
	}
	officers := []rules.Officer{{Name: "李明", Certified: true}, {Name: "张强", Certified: true}}
	caseID, err := svc.File(ctx, officer, cases.Filing{Procedure: rules.General, PartyID: list[0].ID, ItemID: old.ID,
		DiscoveredOn: day("2024-03-01"), FiledOn: day("2024-03-04"), Officers: officers, TierOrdinal: 3})
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := s.List(ctx, data.ListCases, "", 0, 100)
	if err != nil || len(all) < 2 {
		t.Fatalf("cases %d, %v", len(all), err)
	}
	before := map[string]data.CatalogItem{}
	for _, c := range all {
		v, err := svc.Load(ctx, c.ID, day("2024-03-04"))
		if err != nil {
			t.Fatal(err)
		}
		before[c.ID] = v.Item
	}

	if _, err := Revise(ctx, s, admin, old.ID, revised(old)); err != nil {
		t.Fatal(err)
	}
	onSigns := 0
	for _, c := range all {
		v, err := svc.Load(ctx, c.ID, day("2024-07-01"))
		if err != nil {
			t.Fatal(err)
		}
		b := before[c.ID]
		// Only the old version's status and last day in force change.
		now := v.Item
		if now.ID == old.ID && (now.Status != StatusRevised || now.EffectiveTo != "2024-05-31") {
			t.Errorf("case %s: old version %s to %s", c.ID, now.Status, now.EffectiveTo)
		}
		now.EffectiveTo, now.Status = b.EffectiveTo, b.Status
		if now.ID != b.ID || v.Case.ItemID != b.ID || now.Name != b.Name || !Same(now, b) {
			t.Errorf("case %s: item was %s %q, now %s %q", c.ID, b.ID, b.Name, v.Item.ID, v.Item.Name)
		}
		if b.ID == old.ID {
			onSigns++
		}
	}
	if onSigns < 2 { // the new case and the demo's closed and open cases on AQ-05
		t.Errorf("only %d cases on the signs item", onSigns)
	}
	v, _ := svc.Load(ctx, caseID, day("2024-07-01"))
	if v.Item.Name != old.Name || *v.Item.UnitMax != 5000000 || *v.Item.Tiers[2].UnitMax != 3000000 {
		t.Errorf("the filed case reads %q, max %d, tier 3 up to %d", v.Item.Name, *v.Item.UnitMax, *v.Item.Tiers[2].UnitMax)
	}
	// The old tier 3 (20,000–30,000) still bounds the decision: 32,000 fits only the new one.
	for _, e := range []rules.Event{
		{Step: rules.StepInvestigation, On: day("2024-03-05"), Officers: officers},
		{Step: rules.StepNotice, On: day("2024-03-11"), Outcome: rules.OutcomeFine, Fine: 2500000},
	} {
		if err := svc.Record(ctx, officer, caseID, e); err != nil {
			t.Fatalf("%s: %v", e.Step, err)
		}
	}
	err = svc.Record(ctx, officer, caseID, rules.Event{Step: rules.StepDecision, On: day("2024-03-18"), Outcome: rules.OutcomeFine, Fine: 3200000})
	if keyOf(err) != rules.KeyFineTierRange {
		t.Errorf("a fine inside only the revised tier: %v", err)
	}
	if err := svc.Record(ctx, officer, caseID, rules.Event{Step: rules.StepDecision, On: day("2024-03-18"),
		Outcome: rules.OutcomeFine, Fine: 2500000}); err != nil {
		t.Errorf("a fine inside the old tier: %v", err)
	}
}
