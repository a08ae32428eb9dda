package rulesets_test

import (
	"context"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/rulesets"
	"townledger/app/settings"
	"townledger/data"
)

var admin = auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}

func load(t *testing.T, s *data.Store) rulesets.Book {
	t.Helper()
	b, err := rulesets.Load(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A ledger made by an earlier version stored every law value at setup: those equal to the old
// defaults become the rule set's; a value the office chose stays its own.
func TestOldDefaultsFollowTheSetAndChoicesStay(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	err := s.Write(ctx, data.System, func(tx *data.Tx) error {
		for k, v := range settings.OldLawDefaults {
			if err := tx.SetSetting(k, v); err != nil {
				return err
			}
		}
		if err := tx.SetSetting(settings.LargeFineOrg, "50000"); err != nil { // the province's own amount
			return err
		}
		return tx.DeleteSetting(settings.LocalLawSince)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := rulesets.AdoptOldDefaults(ctx, s); err != nil {
		t.Fatal(err)
	}
	b := load(t, s)
	if len(b.Local) != 1 || b.Local[settings.LargeFineOrg] != "50000" {
		t.Errorf("local settings after adopting: %v", b.Local)
	}
	_, p := b.For(day(t, "2026-03-01"))
	if p.LargeFineOrg != 50_000_00 || p.DecideDays != 30 {
		t.Errorf("2026 values: %+v", p)
	}
	// It runs once: a later local choice equal to an old default is kept.
	if err := rulesets.SetLocal(ctx, s, admin, map[string]string{settings.DecideDays: "30"}); err != nil {
		t.Fatal(err)
	}
	if err := rulesets.AdoptOldDefaults(ctx, s); err != nil {
		t.Fatal(err)
	}
	if b := load(t, s); b.Local[settings.DecideDays] != "30" {
		t.Errorf("a local choice was dropped: %v", b.Local)
	}
}

func TestSetLocalChecksAgainstEverySet(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	for _, tt := range []struct {
		name   string
		values map[string]string
		key    string
		field  string
	}{
		{"not a number", map[string]string{settings.LargeFineOrg: "三万"}, "settings.value.invalid", settings.LargeFineOrg},
		{"negative", map[string]string{settings.PaymentDays: "-15"}, "settings.value.invalid", settings.PaymentDays},
		{"decision periods out of order", map[string]string{settings.DecideDays: "100"}, "settings.decide.order", settings.DecideExtendedDays},
		{"days in fractions", map[string]string{settings.PreFilingDays: "2.5"}, rules.KeyParamInvalid, settings.PreFilingDays},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := rulesets.SetLocal(ctx, s, admin, tt.values)
			var pe *problem.Error
			if l, ok := err.(problem.List); ok && len(l) > 0 {
				pe = l[0]
			} else {
				pe = problem.From(err)
			}
			if pe == nil || pe.Key != tt.key || pe.Field != tt.field {
				t.Fatalf("refusal %+v, want %s on %s", pe, tt.key, tt.field)
			}
		})
	}
	officer := auth.Session{UserID: "o", Roles: []auth.Role{auth.Officer}}
	if err := rulesets.SetLocal(ctx, s, officer, map[string]string{settings.PreFilingDays: "7"}); problem.From(err) == nil {
		t.Error("an officer changed the law's values")
	}
	if err := rulesets.SetLocal(ctx, s, admin, map[string]string{settings.PreFilingDays: "7", settings.LargeFinePerson: "20,000"}); err != nil {
		t.Fatal(err)
	}
	_, p := load(t, s).For(day(t, "2025-06-01"))
	if p.PreFilingDays != 7 || p.LargeFinePerson != 20_000_00 {
		t.Errorf("local values not applied: %+v", p)
	}
	// Emptied, a setting follows the set again.
	if err := rulesets.SetLocal(ctx, s, admin, map[string]string{settings.PreFilingDays: ""}); err != nil {
		t.Fatal(err)
	}
	if _, p := load(t, s).For(day(t, "2025-06-01")); p.PreFilingDays != 5 {
		t.Errorf("emptied setting: %d days", p.PreFilingDays)
	}
}

func TestPublishedSetIsKeptAndRefusedWhenUnusable(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	bad := rules.BuiltinSets()[1]
	bad.Params.PaymentDays = 0
	if err := rulesets.Publish(ctx, s, admin, rules.Sets{bad}); problem.From(err) == nil || problem.From(err).Key != rules.KeySetValue {
		t.Fatalf("unusable set published: %v", err)
	}
	good := rules.BuiltinSets()[1]
	good.Unconfirmed, good.Params.LargeFineOrg = nil, 50_000_00
	if err := rulesets.Publish(ctx, s, admin, rules.Sets{good}); err != nil {
		t.Fatal(err)
	}
	b := load(t, s)
	set, p := b.For(day(t, "2026-05-01"))
	if len(b.Sets) != 2 || set.Source != rules.SourceDistrict || set.IsUnconfirmed("LargeFineOrg") || p.LargeFineOrg != 50_000_00 {
		t.Errorf("published set: %+v", set)
	}
	if set, _ := b.For(day(t, "2025-05-01")); set.ID != "2015" || set.Source != rules.SourceBuiltin {
		t.Errorf("2015 set replaced: %+v", set)
	}
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
