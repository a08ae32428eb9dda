package data

import (
	"context"
	"testing"
)

// The home page's agenda counts what the case list's deadline filters count, lists the
// earliest first and never a closed, void or deleted case.
func TestDueCasesAgreesWithTheCaseList(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	var deleted string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		p, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械加工厂", NameInitials: "qsjxjgc"})
		if err != nil {
			return err
		}
		for i, c := range []Case{
			{Stage: "filed", NextDueOn: "2024-03-01", CaseNo: "overdue-1"},
			{Stage: "decision", NextDueOn: "2024-02-20", CaseNo: "overdue-2"},
			{Stage: "filed", NextDueOn: "2024-03-12", CaseNo: "soon-1"},
			{Stage: "filed", NextDueOn: "2024-03-11", CaseNo: "soon-today"},
			{Stage: "filed", NextDueOn: "2024-05-01", CaseNo: "later"},
			{Stage: "filed", CaseNo: "no-date"},
			{Stage: "closing", NextDueOn: "2024-01-02", CaseNo: "closed"},
			{Stage: "void", NextDueOn: "2024-01-03", CaseNo: "void"},
			{Stage: "filed", NextDueOn: "2024-01-04", CaseNo: "deleted"},
		} {
			c.Procedure, c.PartyID, c.Title, c.Year, c.Seq = "general", p, "t", 2024, i+1
			id, err := tx.InsertCase(c)
			if err != nil {
				return err
			}
			if c.CaseNo == "deleted" {
				deleted = id
			}
		}
		return tx.softDelete("case_file", deleted)
	})
	if err != nil {
		t.Fatal(err)
	}
	today, soonTo := "2024-03-11", "2024-03-14"
	got, err := s.DueCases(ctx, today, soonTo, 3)
	if err != nil {
		t.Fatal(err)
	}
	count := func(q CaseQuery) int {
		_, n, err := s.Cases(ctx, q, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	over := count(CaseQuery{Due: "overdue", Today: today, SoonTo: soonTo})
	soon := count(CaseQuery{Due: "soon", Today: today, SoonTo: soonTo})
	open := count(CaseQuery{Stage: "open"})
	if got.Overdue != 2 || got.Soon != 2 || got.Open != 6 || got.Overdue != over || got.Soon != soon || got.Open != open {
		t.Errorf("home counts %d open, %d overdue, %d soon; the case list %d, %d, %d", got.Open, got.Overdue, got.Soon, open, over, soon)
	}
	var nos []string
	for _, r := range got.Rows {
		nos = append(nos, r.CaseNo)
	}
	if len(nos) != 3 || nos[0] != "overdue-2" || nos[1] != "overdue-1" || nos[2] != "soon-today" {
		t.Errorf("rows %v, want the three earliest: overdue-2, overdue-1, soon-today", nos)
	}
	none, err := s.DueCases(ctx, "2023-01-01", "2023-01-03", 8)
	if err != nil || len(none.Rows) != 0 || none.Open != 6 || none.Overdue != 0 {
		t.Errorf("nothing due yet: %+v %v", none, err)
	}
}
