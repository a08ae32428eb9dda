package data

import (
	"context"
	"testing"
)

func TestCaseQueryFiltersAndSorts(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	err := s.Write(ctx, alice, func(tx *Tx) error {
		a, _ := tx.InsertParty(Party{Kind: "org", Name: "青石机械加工厂", NameInitials: "qsjxjgc"})
		b, _ := tx.InsertParty(Party{Kind: "org", Name: "柳溪餐饮店", NameInitials: "lxcyd"})
		item, err := tx.InsertCatalogItem(CatalogItem{Key: "K5", Code: "AQ-05", Name: "警示标志", Delegation: "grant", EffectiveFrom: "2023-01-01"})
		if err != nil {
			return err
		}
		rows := []Case{
			{PartyID: a, ItemID: item, Stage: "filed", FiledOn: "2024-03-04", Year: 2024, Seq: 2, NextDueOn: "2024-04-03", Officers: "李明、张强", Fine: 0},
			{PartyID: b, Stage: "decision", FiledOn: "2024-01-10", Year: 2024, Seq: 1, NextDueOn: "2024-03-12", Officers: "王芳、张强", Fine: 2500000},
			{PartyID: a, Stage: "closing", FiledOn: "2023-06-01", Year: 2023, Seq: 9, Officers: "李明、王芳", Fine: 100000},
		}
		for _, c := range rows {
			c.Procedure = "general"
			if _, err := tx.InsertCase(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	today := "2024-03-11"
	cases := []struct {
		name  string
		q     CaseQuery
		want  int
		first string // party of the first row
	}{
		{"all, newest first", CaseQuery{}, 3, "青石机械加工厂"},
		{"open", CaseQuery{Stage: "open"}, 2, "柳溪餐饮店"},
		{"one stage", CaseQuery{Stage: "decision"}, 1, "柳溪餐饮店"},
		{"item code", CaseQuery{ItemCode: "AQ-05"}, 1, "青石机械加工厂"},
		{"year", CaseQuery{Year: 2023}, 1, "青石机械加工厂"},
		{"officer", CaseQuery{Officer: "王芳"}, 2, "青石机械加工厂"},
		{"due soon", CaseQuery{Due: "soon", Today: today, SoonTo: "2024-03-14"}, 1, "柳溪餐饮店"},
		{"overdue a week later", CaseQuery{Due: "overdue", Today: "2024-03-18"}, 1, "柳溪餐饮店"},
		{"search and filter", CaseQuery{Search: "qs", Stage: "open"}, 1, "青石机械加工厂"},
		{"by number", CaseQuery{Sort: "case_no"}, 3, "青石机械加工厂"},
		{"by fine, largest first", CaseQuery{Sort: "fine", Desc: true}, 3, "柳溪餐饮店"},
		{"by next due", CaseQuery{Sort: "next_due"}, 3, "柳溪餐饮店"},
	}
	for _, c := range cases {
		rows, total, err := s.Cases(ctx, c.q, 0, 10)
		if err != nil || total != c.want || len(rows) == 0 || rows[0].Party != c.first {
			t.Errorf("%s: total %d, rows %+v, err %v", c.name, total, rows, err)
		}
	}
	if years, _ := s.CaseYears(ctx); len(years) != 2 || years[0] != 2024 {
		t.Errorf("years %v", years)
	}
}
