package disclosure

import (
	"context"
	"path/filepath"
	"testing"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/data"
)

func TestCategoryNamesEveryKindTheDecisionGives(t *testing.T) {
	for _, tt := range []struct {
		name    string
		outcome rules.Outcome
		fine    int64
		penalty string
		want    string
	}{
		{"a fine", rules.OutcomeFine, 2_500_000, "", "罚款"},
		{"a warning", rules.OutcomeWarning, 0, "", "警告"},
		{"suspension", rules.OutcomeOther, 0, "责令停产停业整顿", KindStop},
		{"a fine and a suspension", rules.OutcomeOther, 5_000_000, "罚款5万元，责令停产停业整顿", "罚款；" + KindStop},
		{"a warning and a fine", rules.OutcomeOther, 100_000, "警告，并处罚款1000元", "警告；罚款"},
		{"a licence revoked", rules.OutcomeOther, 0, "吊销安全生产许可证", KindLicence},
		{"confiscation and a fine", rules.OutcomeOther, 1_000_000, "没收违法所得2万元并处罚款", "罚款；" + KindConfiscation},
		{"building stopped", rules.OutcomeOther, 0, "责令停止建设", KindStop},
		{"barred as principal", rules.OutcomeOther, 0, "五年内不得担任任何生产经营单位的主要负责人", KindStop},
		{"unrecognised", rules.OutcomeOther, 0, "责令限期改正", KindOther},
	} {
		if got := Category(tt.outcome, tt.fine, tt.penalty); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestOptionsAreCheckedAndKept(t *testing.T) {
	ctx := context.Background()
	f := newStore(t)
	admin := auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	if o, _ := CurrentOptions(ctx, f); o.DisplayYears != 3 || o.IncludeSummary {
		t.Errorf("defaults %+v", o)
	}
	err := SetOptions(ctx, f, admin, Options{TownCreditCode: "11110105MB0000000X", DisplayYears: 0})
	l, _ := err.(problem.List)
	if len(l) != 2 || l[0].Key != KeyCreditCode || l[1].Key != rules.KeyParamInvalid {
		t.Fatalf("refusals %v", err)
	}
	if err := SetOptions(ctx, f, admin, Options{TownCreditCode: "91110000600037341l", DisplayYears: 5, IncludeSummary: true}); err != nil {
		t.Fatal(err)
	}
	if o, _ := CurrentOptions(ctx, f); o != (Options{TownCreditCode: "91110000600037341L", DisplayYears: 5, IncludeSummary: true}) {
		t.Errorf("stored %+v", o)
	}
}

func newStore(t *testing.T) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "o.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return s
}
