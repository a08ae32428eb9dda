package data

import (
	"context"
	"testing"
)

// A backup's copy is checked by its last audit row: it must hash to what it says. A row
// changed behind the program's back does not, and quick_check of a sound file finds nothing.
func TestHeadChainsCatchesAChangedLastRow(t *testing.T) {
	ctx := context.Background()
	s := townLedger(t)
	head, ok, err := s.HeadChains(ctx)
	want, _ := s.Head(ctx)
	if err != nil || !ok || head != want || head.Seq == 0 {
		t.Fatalf("sound log: %+v %v %v (head %+v)", head, ok, err, want)
	}
	if lines, err := s.QuickCheck(ctx); err != nil || len(lines) > 0 {
		t.Fatalf("quick_check of a sound file: %v %v", lines, err)
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_update",
		`UPDATE audit_log SET after_json = '{"name":"别的镇"}' WHERE seq = (SELECT MAX(seq) FROM audit_log)`} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, err := s.HeadChains(ctx); err != nil || ok {
		t.Errorf("a changed last row chains: %v %v", ok, err)
	}
}
