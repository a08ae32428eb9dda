package data

import (
	"context"
	"testing"
)

func TestCaseSearchFindsChineseWordsNumbersCodesAndInitials(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	var caseID string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		p1, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械加工厂", NameInitials: "qsjxjgc", CreditCode: "91110105MA01ABCD2X"})
		if err != nil {
			return err
		}
		p2, err := tx.InsertParty(Party{Kind: "org", Name: "柳溪餐饮店", NameInitials: "lxcyd"})
		if err != nil {
			return err
		}
		caseID, err = tx.InsertCase(Case{Procedure: "general", PartyID: p1, Stage: "filed", CaseNo: "青石应急罚〔2024〕12号", Title: "未设置安全警示标志"})
		if err != nil {
			return err
		}
		_, err = tx.InsertCase(Case{Procedure: "general", PartyID: p2, Stage: "filed", CaseNo: "青石应急罚〔2023〕7号", Title: "未安装可燃气体报警装置"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q    string
		want int
	}{
		{"机械", 1}, {"青石", 2}, {"餐", 1}, {"警示标志", 1}, {"qsjx", 1}, {"LX", 1}, {"91110105", 1},
		{"〔2024〕12", 1}, {"2023", 1}, {"12号", 1}, {"柳溪 报警", 1}, {"柳溪 机械", 0}, {"不存在的", 0}, {`"*(`, 2},
	}
	for _, c := range cases {
		_, total, err := s.List(ctx, ListCases, c.q, 0, 10)
		if err != nil || total != c.want {
			t.Errorf("search %q: %d matches (err %v), want %d", c.q, total, err, c.want)
		}
	}
	// The index follows edits: a new number is found, the old one no longer.
	c, _, _ := s.Case(ctx, caseID)
	c.CaseNo = "青石应急罚〔2024〕99号"
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.UpdateCase(c) }); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := s.List(ctx, ListCases, "99", 0, 10); n != 1 {
		t.Errorf("edited number not found: %d", n)
	}
	if _, n, _ := s.List(ctx, ListCases, "〔2024〕12", 0, 10); n != 0 {
		t.Errorf("old number still found: %d", n)
	}
}

// FuzzCaseSearch feeds typed search text to the case list: whatever a person types, the
// query must run (FTS5 syntax characters included) and never fail.
func FuzzCaseSearch(f *testing.F) {
	for _, seed := range []string{"机械", `"*(`, "qs AND", "NEAR(a b)", "〔2024〕12", "ｑｓ１２", "a-b:c^d", "'\"", "\x00"} {
		f.Add(seed)
	}
	s, err := Open(context.Background(), f.TempDir()+"/fuzz.db", Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, typed string) {
		if _, _, err := s.List(context.Background(), ListCases, typed, 0, 5); err != nil {
			t.Fatalf("search %q failed: %v", typed, err)
		}
	})
}
