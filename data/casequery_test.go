package data

import (
	"context"
	"fmt"
	"strings"
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

// Paging on from the last row read (keyset paging) lists every case once and in the same
// order as one long page, in every order of the list, both ways, with and without a
// search, NULL dates and numbers included.
func TestCasePagesFollowOneAnother(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	err := s.Write(ctx, alice, func(tx *Tx) error {
		var parties []string
		for _, n := range []struct{ name, initials string }{{"青石机械加工厂", "qsjxjgc"}, {"柳溪餐饮店", "lxcyd"}, {"红岭建材", "hljc"}} {
			id, err := tx.InsertParty(Party{Kind: "org", Name: n.name, NameInitials: n.initials})
			if err != nil {
				return err
			}
			parties = append(parties, id)
		}
		stages := []string{"filed", "decision", "closing", "investigation"}
		for i := 0; i < 47; i++ {
			c := Case{Procedure: "general", PartyID: parties[i%3], Stage: stages[i%4], Title: "未设置安全警示标志",
				Fine: int64(i%5) * 1000}
			if i%6 != 0 { // some cases have no number, no filing day
				c.Year, c.Seq, c.FiledOn = 2020+i%3, 1+i%9, fmt.Sprintf("2024-0%d-1%d", 1+i%5, i%7)
			}
			if i%4 != 2 && i%5 != 0 {
				c.NextDueOn = fmt.Sprintf("2024-03-%02d", 1+i%11)
			}
			if _, err := tx.InsertCase(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var queries []CaseQuery
	for _, sort := range []string{"", "case_no", "party", "stage", "filed_on", "next_due", "fine"} {
		for _, desc := range []bool{false, true} {
			queries = append(queries, CaseQuery{Sort: sort, Desc: desc}, CaseQuery{Sort: sort, Desc: desc, Search: "青石"},
				CaseQuery{Sort: sort, Desc: desc, Stage: "open"})
		}
	}
	queries = append(queries, CaseQuery{Search: "警示"})
	ids := func(rows []CaseRow) []string {
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = r.ID
		}
		return out
	}
	for i, q := range append(queries, queries...) {
		if i == len(queries) { // again as for a common word: row by row in the sort's order
			defer func(n int) { manyMatches = n }(manyMatches)
			manyMatches = 1
		}
		all, total, err := s.Cases(ctx, q, 0, 1000)
		if err != nil || total != len(all) || total == 0 {
			t.Fatalf("%+v: %d rows of %d: %v", q, len(all), total, err)
		}
		var paged []CaseRow
		page, _, err := s.Cases(ctx, q, 0, 7)
		for err == nil && len(page) > 0 && len(paged) <= len(all) {
			paged = append(paged, page...)
			page, err = s.CasesAfter(ctx, q, page[len(page)-1].Key, 7)
		}
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if got, want := strings.Join(ids(paged), " "), strings.Join(ids(all), " "); got != want {
			t.Errorf("%+v: pages of 7 list\n%s\nnot as one page does:\n%s", q, got, want)
		}
		// From an offset the list is read in one statement, in the same order.
		if offset, _, _ := s.Cases(ctx, q, 1, 1000); strings.Join(ids(offset), " ") != strings.Join(ids(all[1:]), " ") {
			t.Errorf("%+v: from offset 1 the list is in another order", q)
		}
	}
	if _, err := s.CasesAfter(ctx, CaseQuery{Sort: "fine"}, CaseKey{}, 7); err == nil {
		t.Error("a key of another order was taken")
	}
}

// A count is remembered only until the ledger changes: a case filed (here or by another
// program on the same file) is counted at once.
func TestCountsFollowEveryChange(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	add := func() {
		err := s.Write(ctx, alice, func(tx *Tx) error {
			p, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械加工厂", NameInitials: "qsjxjgc"})
			if err != nil {
				return err
			}
			_, err = tx.InsertCase(Case{Procedure: "general", PartyID: p, Stage: "filed", Title: "未设置安全警示标志"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for want := 1; want <= 3; want++ {
		add()
		_, n, err := s.Cases(ctx, CaseQuery{}, 0, 1)
		found, _, _ := s.Cases(ctx, CaseQuery{Search: "青石"}, 0, 10)
		m, _ := s.CaseCount(ctx, CaseQuery{Search: "青石"})
		all, _ := s.Counts(ctx)
		if err != nil || n != want || m != want || len(found) != want || all[ListCases] != want || all[ListParties] != want {
			t.Fatalf("after %d cases: list %d, search %d (%d rows), home %v, %v", want, n, m, len(found), all, err)
		}
	}
}
