package data

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// disclosureFixture stores two items (one with two basis references, one with none), an
// organisation and a person, and cases of every kind the publication query must tell apart.
func disclosureFixture(t *testing.T) *Store {
	t.Helper()
	s := openTemp(t)
	setupTown(t, s)
	ctx := context.Background()
	err := s.Write(ctx, alice, func(tx *Tx) error {
		signs, err := tx.InsertCatalogItem(CatalogItem{Key: "K5", Code: "AQ-05", Name: "未设置安全警示标志", Delegation: "grant",
			EffectiveFrom: "2024-01-01", Refs: []LegalRef{
				{Role: "obligation", Law: "中华人民共和国安全生产法", Article: 35},
				{Role: "basis", Law: "中华人民共和国安全生产法", Article: 102},
				{Role: "basis", Law: "中华人民共和国安全生产法", Article: 99, Paragraph: 1, Item: 1},
			}})
		if err != nil {
			return err
		}
		bare, err := tx.InsertCatalogItem(CatalogItem{Key: "K9", Code: "AQ-09", Name: "其他", Delegation: "entrust", EffectiveFrom: "2024-01-01"})
		if err != nil {
			return err
		}
		org, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械厂", CreditCode: "91110000600037341L", LegalRep: "赵六"})
		if err != nil {
			return err
		}
		person, err := tx.InsertParty(Party{Kind: "person", Name: "钱七", IDNumber: "11010519491231002X"})
		if err != nil {
			return err
		}
		type kase struct {
			no, item, party, stage, decided, outcome, penalty, published string
			fine                                                         int64
			seq                                                          int
			deleted                                                      bool
		}
		for _, k := range []kase{
			{no: "A3", item: signs, party: org, stage: "publication", decided: "2024-03-18", outcome: "fine", fine: 2500000, published: "2024-03-20", seq: 3},
			{no: "A1", item: bare, party: person, stage: "decision", decided: "2024-02-01", outcome: "warning"},
			{no: "A2", item: signs, party: org, stage: "decision", decided: "2024-03-18", outcome: "other", penalty: "责令停产停业整顿", seq: 2},
			{no: "X1", item: signs, party: org, stage: "decision", decided: "2024-04-01", outcome: "not_penalised_first"},
			{no: "X2", item: signs, party: org, stage: "void", decided: "2024-04-02", outcome: "fine", fine: 100},
			{no: "X3", item: signs, party: org, stage: "decision", decided: "2024-04-03", outcome: "fine", fine: 100, deleted: true},
			{no: "X4", item: signs, party: org, stage: "decision", decided: "2025-01-01", outcome: "fine", fine: 100},
			{no: "X5", item: signs, party: org, stage: "notice"},
			{no: "X6", item: signs, party: person, stage: "decision", decided: "2024-05-06", outcome: "not_penalised_no_fault"},
		} {
			id, err := tx.InsertCase(Case{Procedure: "general", ItemID: k.item, PartyID: k.party, Title: "案件" + k.no,
				Stage: k.stage, CaseNo: k.no, DecidedOn: k.decided, Outcome: k.outcome, Fine: k.fine, Facts: "事实" + k.no, Year: 2024, Seq: k.seq})
			if err != nil {
				return err
			}
			if k.decided != "" {
				payload := `{"Step":"decision","Penalty":"` + k.penalty + `"}`
				if _, err := tx.InsertCaseEvent(CaseEvent{CaseID: id, Step: "decision", OccurredOn: k.decided, Payload: payload}); err != nil {
					return err
				}
			}
			if k.published != "" {
				for _, on := range []string{"2024-03-25", k.published} { // a later correction, then the first
					if _, err := tx.InsertCaseEvent(CaseEvent{CaseID: id, Step: "publication", OccurredOn: on}); err != nil {
						return err
					}
				}
			}
			if k.deleted {
				if err := tx.softDelete("case_file", id); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDisclosuresSelectPenaltyDecisionsOfThePeriod(t *testing.T) {
	ctx := context.Background()
	s := disclosureFixture(t)
	var got []DisclosureRow
	err := s.Disclosures(ctx, "2024-01-01", "2024-12-31", func(d DisclosureRow) error {
		got = append(got, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var nos []string
	for _, d := range got {
		nos = append(nos, d.CaseNo)
	}
	if !slices.Equal(nos, []string{"A1", "A2", "A3"}) {
		t.Fatalf("cases %v, want the warning, then the two decisions of 2024-03-18 by number", nos)
	}
	warn, other, fine := got[0], got[1], got[2]
	if warn.PartyKind != "person" || warn.IDNumber != "11010519491231002X" || warn.Delegation != "entrust" ||
		len(warn.Basis) != 0 || warn.PublishedOn != "" || warn.Outcome != "warning" {
		t.Errorf("warning row %+v", warn)
	}
	if other.Penalty != "责令停产停业整顿" || other.Outcome != "other" {
		t.Errorf("other penalty row %+v", other)
	}
	want := []LegalRef{
		{Role: "basis", Law: "中华人民共和国安全生产法", Article: 99, Paragraph: 1, Item: 1},
		{Role: "basis", Law: "中华人民共和国安全生产法", Article: 102},
	}
	if !slices.Equal(fine.Basis, want) {
		t.Errorf("basis %+v, want %+v (obligation left out, by article)", fine.Basis, want)
	}
	if fine.PublishedOn != "2024-03-20" || fine.Fine != 2500000 || fine.CreditCode != "91110000600037341L" ||
		fine.LegalRep != "赵六" || fine.Facts != "事实A3" || fine.ItemName != "未设置安全警示标志" || fine.Penalty != "" {
		t.Errorf("fine row %+v", fine)
	}

	// One day: the bounds are inclusive.
	n := 0
	if err := s.Disclosures(ctx, "2024-03-18", "2024-03-18", func(DisclosureRow) error { n++; return nil }); err != nil || n != 2 {
		t.Errorf("one day: %d rows, %v", n, err)
	}
}

func TestDisclosuresStopOnCallbackErrorAndCancel(t *testing.T) {
	s := disclosureFixture(t)
	stop := errors.New("stop")
	n := 0
	err := s.Disclosures(context.Background(), "2024-01-01", "2024-12-31", func(DisclosureRow) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("callback error: %v after %d rows", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = s.Disclosures(ctx, "2024-01-01", "2024-12-31", func(DisclosureRow) error { n++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("cancelled: %v after %d rows", err, n)
	}
}
