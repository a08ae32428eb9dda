package data

import (
	"context"
	"sync"
	"testing"
)

func TestNumbersAreGapFreeUnderConcurrentSaves(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	// A second store on the same file stands for a second TownLedger process.
	other, err := Open(ctx, s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	const n = 40
	var wg sync.WaitGroup
	got := make(chan int, n)
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			st := s
			if i%2 == 1 {
				st = other
			}
			err := st.Write(ctx, alice, func(tx *Tx) error {
				seq, err := tx.TakeNumber("青石", "应急罚", 2024, "")
				got <- seq
				return err
			})
			if err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(got)
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent save failed: %v", err)
	}
	nums, err := s.Numbers(ctx, "青石", "应急罚", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(nums) != n {
		t.Fatalf("%d numbers stored, want %d", len(nums), n)
	}
	for i, num := range nums {
		if num.Seq != i+1 {
			t.Fatalf("sequence has a gap or duplicate at %d: %+v", i, num)
		}
	}
}

func TestVoidedNumbersStayAndAreNotReused(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	take := func(body string, year int) int {
		var seq int
		if err := s.Write(ctx, alice, func(tx *Tx) error {
			var err error
			seq, err = tx.TakeNumber(body, "应急罚", year, "")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return seq
	}
	take("青石", 2024)
	take("青石", 2024)
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.VoidNumber("青石", "应急罚", 2024, 2, "文书填写错误") }); err != nil {
		t.Fatal(err)
	}
	if seq := take("青石", 2024); seq != 3 {
		t.Errorf("after voiding 2 the next number is %d, want 3", seq)
	}
	if seq := take("示范区", 2024); seq != 1 {
		t.Errorf("another issuing body starts at %d", seq)
	}
	if seq := take("青石", 2025); seq != 1 {
		t.Errorf("a new year starts at %d", seq)
	}
	nums, _ := s.Numbers(ctx, "青石", "应急罚", 2024)
	if len(nums) != 3 || !nums[1].Voided || nums[1].Reason != "文书填写错误" {
		t.Errorf("numbers %+v", nums)
	}
}

func TestCaseAndStepsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	var caseID string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		pid, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械厂", CreditCode: "91110000600037341L"})
		if err != nil {
			return err
		}
		caseID, err = tx.InsertCase(Case{Procedure: "general", PartyID: pid, Stage: "filed", FiledOn: "2024-03-15", Title: "未设置安全警示标志"})
		if err != nil {
			return err
		}
		_, err = tx.InsertCaseEvent(CaseEvent{CaseID: caseID, Step: "filed", OccurredOn: "2024-03-15", Officers: "李明,张强"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, ok, err := s.Case(ctx, caseID)
	if err != nil || !ok || c.FiledOn != "2024-03-15" || c.DecidedOn != "" {
		t.Fatalf("case %+v %v %v", c, ok, err)
	}
	c.Stage, c.Fine = "decision", 1500000
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.UpdateCase(c) }); err != nil {
		t.Fatal(err)
	}
	evs, _ := s.CaseEvents(ctx, caseID)
	byParty, _ := s.CasesOfParty(ctx, c.PartyID)
	if len(evs) != 1 || evs[0].Officers != "李明,张强" || len(byParty) != 1 || byParty[0].Fine != 1500000 {
		t.Errorf("events %+v, party cases %+v", evs, byParty)
	}
	if n, _ := s.AuditCount(ctx, "case_file"); n != 2 {
		t.Errorf("case audit rows %d, want 2", n)
	}
}
