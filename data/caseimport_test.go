package data

import (
	"context"
	"testing"
)

func TestClaimedNumbersAreInUseAndTakeNumberFollowsThem(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	write := func(fn func(tx *Tx) error) error { return s.Write(ctx, alice, fn) }
	var caseID string
	err := write(func(tx *Tx) error {
		party, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械厂", CreditCode: "91110000600037341L"})
		if err != nil {
			return err
		}
		if caseID, err = tx.InsertCase(Case{Procedure: "general", PartyID: party, Stage: "closing", IssuingBody: "青石",
			CaseNo: "青石应急罚〔2024〕3号", Year: 2024, Seq: 3, FiledOn: "2024-03-04"}); err != nil {
			return err
		}
		for _, seq := range []int{3, 5, 9} {
			if err := tx.ClaimNumber("青石", "应急罚", 2024, seq, caseID); err != nil {
				return err
			}
		}
		if err := tx.ClaimNumber("青石", "应急罚", 2023, 40, ""); err != nil {
			return err
		}
		return tx.VoidNumber("青石", "应急罚", 2024, 5, "录入错误")
	})
	if err != nil {
		t.Fatal(err)
	}
	err = write(func(tx *Tx) error {
		used, err := tx.NumbersInUse("青石", "应急罚", 2024)
		if err != nil {
			return err
		}
		if len(used) != 3 || used[3] || !used[5] || used[9] {
			t.Errorf("numbers in use: %v, want 3, 5 (voided) and 9", used)
		}
		if other, _ := tx.NumbersInUse("示范区", "应急罚", 2024); len(other) != 0 {
			t.Errorf("another issuer's sequence: %v", other)
		}
		nos, err := tx.CaseNosInUse([]string{"青石应急罚〔2024〕3号", "青石应急罚〔2024〕4号"})
		if err != nil {
			return err
		}
		if len(nos) != 1 || !nos["青石应急罚〔2024〕3号"] {
			t.Errorf("case numbers in use: %v", nos)
		}
		next, err := tx.TakeNumber("青石", "应急罚", 2024, "")
		if err != nil {
			return err
		}
		if next != 10 {
			t.Errorf("next number after claimed ones: %d, want 10", next)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = write(func(tx *Tx) error { return tx.ClaimNumber("青石", "应急罚", 2024, 9, "") })
	if KindOf(err) != ErrConflict {
		t.Errorf("a number claimed twice: %v", err)
	}
	if err := write(func(tx *Tx) error { return tx.ClaimNumber("青石", "应急罚", 2024, 0, "") }); err == nil {
		t.Error("number 0 was claimed")
	}
	nums, _ := s.Numbers(ctx, "青石", "应急罚", 2024)
	if len(nums) != 4 || nums[0].CaseID != caseID {
		t.Errorf("sequence after the refusals: %+v", nums)
	}
}
