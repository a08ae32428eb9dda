// Package rulesets keeps the office's law: the rule sets it knows — the ones shipped with the
// program and the ones the district publishes — and the office's local settings over them.
// A case is checked under the set in force on its filing day, with the local settings applied.
package rulesets

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/data"
)

// Book is the law as one office has it.
type Book struct {
	Sets  rules.Sets
	Local map[string]string // settings.LawKeys that are set, by key
	// params are the sets' values with the local settings applied, parallel to Sets.
	params []rules.Params
}

// Load reads the office's book: the built-in sets, the district's, and the local settings.
func Load(ctx context.Context, s *data.Store) (Book, error) {
	stored, err := s.Settings(ctx)
	if err != nil {
		return Book{}, err
	}
	return build(stored)
}

func build(stored map[string]string) (Book, error) {
	b := Book{Sets: rules.BuiltinSets(), Local: map[string]string{}}
	if js := strings.TrimSpace(stored[settings.RuleSets]); js != "" {
		district, err := rules.ParseSets([]byte(js))
		if err != nil {
			return b, fmt.Errorf("the district's rule sets: %w", err)
		}
		for _, s := range district {
			b.Sets = b.Sets.With(s)
		}
	}
	for _, k := range settings.LawKeys {
		if v := strings.TrimSpace(stored[k]); v != "" {
			b.Local[k] = v
		}
	}
	for _, set := range b.Sets {
		p, err := rules.ParamsFrom(set.Params, func(k string) (string, bool) { v, ok := b.Local[k]; return v, ok })
		if err != nil {
			return b, err
		}
		b.params = append(b.params, p)
	}
	return b, nil
}

// For returns the set in force for a case filed on the given day (zero: today's latest set)
// and its parameters with the local settings applied.
func (b Book) For(filed time.Time) (rules.Set, rules.Params) {
	set := b.Sets.For(filed)
	for i, s := range b.Sets {
		if s.ID == set.ID {
			return set, b.params[i]
		}
	}
	return set, set.Params
}

// SetLocal stores the office's local settings: an empty value returns the parameter to the
// rule set's. Every set must remain usable with them (the decision periods rising), so a
// value that breaks any is refused, with the field it concerns.
func SetLocal(ctx context.Context, s *data.Store, by auth.Session, values map[string]string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	stored, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	next := map[string]string{}
	for k, v := range stored {
		next[k] = v
	}
	var l problem.List
	changed := map[string]string{}
	for _, k := range settings.LawKeys {
		v, ok := values[k]
		if !ok {
			continue
		}
		v = strings.TrimSpace(strings.ReplaceAll(v, ",", ""))
		if v != "" && !positive(v) {
			l = append(l, problem.OnField(k, "settings.value.invalid", map[string]any{"Value": values[k]}))
			continue
		}
		if v != strings.TrimSpace(stored[k]) {
			changed[k] = v
		}
		next[k] = v
	}
	if err := l.Err(); err != nil {
		return err
	}
	if _, err := build(next); err != nil {
		if pe := problem.From(err); pe != nil && pe.Key == rules.KeyParamOrder {
			return problem.OnField(settings.DecideExtendedDays, "settings.decide.order", nil)
		}
		return err
	}
	if len(changed) == 0 {
		return nil
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for k, v := range changed {
			if v == "" {
				if err := tx.DeleteSetting(k); err != nil {
					return err
				}
				continue
			}
			if err := tx.SetSetting(k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// positive tells whether v is a number above zero: whole days, or yuan with up to two decimals.
func positive(v string) bool {
	f, err := strconv.ParseFloat(v, 64)
	whole, frac, _ := strings.Cut(v, ".")
	return err == nil && f > 0 && f < 1e10 && len(frac) <= 2 && whole != "" && !strings.ContainsAny(v, "eE+-")
}

// Publish stores sets the district published (see rules.ParseSets), replacing any earlier
// set of the same ID; the built-in sets stay.
func Publish(ctx context.Context, s *data.Store, by auth.Session, add rules.Sets) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	stored, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	var district rules.Sets
	if js := strings.TrimSpace(stored[settings.RuleSets]); js != "" {
		if district, err = rules.ParseSets([]byte(js)); err != nil {
			return fmt.Errorf("the district's rule sets: %w", err)
		}
	}
	for _, set := range add {
		if err := set.Validate(); err != nil {
			return err
		}
		set.Source = rules.SourceDistrict
		district = district.With(set)
	}
	js, err := rules.MarshalSets(district)
	if err != nil {
		return err
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.SetSetting(settings.RuleSets, string(js)) })
}

// AdoptOldDefaults runs once per ledger: earlier versions stored every law setting at setup,
// so a stored value equal to that old default was never a local choice. It is removed, and
// the rule set in force gives the value from now on; anything else stays a local setting.
func AdoptOldDefaults(ctx context.Context, s *data.Store) error {
	stored, err := s.Settings(ctx)
	if err != nil || stored[settings.LocalLawSince] != "" {
		return err
	}
	return s.Write(ctx, data.System, func(tx *data.Tx) error {
		for k, old := range settings.OldLawDefaults {
			if v, ok := stored[k]; ok && strings.TrimSpace(v) == old {
				if err := tx.DeleteSetting(k); err != nil {
					return fmt.Errorf("adopt the rule set's %s: %w", k, err)
				}
			}
		}
		return tx.SetSetting(settings.LocalLawSince, "1")
	})
}

// Service is this package's work on one open ledger.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// Load is the package's Load on this ledger.
func (v Service) Load(ctx context.Context) (Book, error) { return Load(ctx, v.store) }

// SetLocal is the package's SetLocal on this ledger.
func (v Service) SetLocal(ctx context.Context, by auth.Session, values map[string]string) error {
	return SetLocal(ctx, v.store, by, values)
}

// Publish is the package's Publish on this ledger.
func (v Service) Publish(ctx context.Context, by auth.Session, add rules.Sets) error {
	return Publish(ctx, v.store, by, add)
}
