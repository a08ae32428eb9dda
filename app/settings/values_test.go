package settings

import (
	"context"
	"path/filepath"
	"testing"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

func TestSetValuesChecksAndStoresOnlyChanges(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "v.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	})
	admin := auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	keyOf := func(err error) string {
		if p := problem.From(err); p != nil {
			return p.Key
		}
		return ""
	}
	refusals := []struct {
		values map[string]string
		want   string
	}{
		{map[string]string{TrainingTargetHours: "-5"}, "settings.value.invalid"},
		{map[string]string{TrainingTargetHours: "六十"}, "settings.value.invalid"},
		{map[string]string{ReportDueDay: "31"}, "settings.due_day.range"},
	}
	for _, c := range refusals {
		err := SetValues(ctx, s, admin, c.values)
		var l problem.List
		got := keyOf(err)
		if errorsAs(err, &l) {
			got = l[0].Key
		}
		if got != c.want {
			t.Errorf("%v: %q, want %q", c.values, got, c.want)
		}
	}
	if err := SetValues(ctx, s, auth.Session{UserID: "o", Roles: []auth.Role{auth.Officer}}, map[string]string{TrainingTargetHours: "80"}); keyOf(err) != "perm.denied" {
		t.Errorf("officer changed the training target: %v", err)
	}
	before, _ := s.AuditCount(ctx, "setting")
	if err := SetValues(ctx, s, admin, map[string]string{TrainingTargetHours: "80", ReportDueDay: "5"}); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.AuditCount(ctx, "setting"); after != before+1 {
		t.Errorf("%d setting writes, want 1 (the unchanged one is not rewritten)", after-before)
	}
	v, _ := Values(ctx, s)
	if v[TrainingTargetHours] != "80" || v[ReportDueDay] != "5" {
		t.Errorf("values %v", v)
	}
}

func errorsAs(err error, l *problem.List) bool {
	pl, ok := err.(problem.List)
	if ok {
		*l = pl
	}
	return ok
}
