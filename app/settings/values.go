package settings

import (
	"context"
	"strconv"
	"strings"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// Editable lists, in display order, the office's own numbers an administrator may change.
// The law's periods and amounts are edited through app/rulesets, which knows the rule sets.
var Editable = []string{TrainingTargetHours, ReportDueDay}

// Values returns the editable settings' current values, defaults filled in.
func Values(ctx context.Context, s *data.Store) (map[string]string, error) {
	stored, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, k := range Editable {
		out[k] = Defaults[k]
		if v, ok := stored[k]; ok {
			out[k] = v
		}
	}
	return out, nil
}

// SetValues stores changed settings after checking every one: whole numbers above zero, a
// due day that exists in every month.
func SetValues(ctx context.Context, s *data.Store, by auth.Session, values map[string]string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	current, err := Values(ctx, s)
	if err != nil {
		return err
	}
	var l problem.List
	nums := map[string]int{} // the values after the change, for the checks across settings
	for k, v := range current {
		nums[k], _ = strconv.Atoi(v)
	}
	given := map[string]bool{}
	for _, k := range Editable {
		v, ok := values[k]
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 || n > 10_000_000 {
			l = append(l, problem.OnField(k, "settings.value.invalid", map[string]any{"Value": v}))
			continue
		}
		nums[k], given[k] = n, true
	}
	if d := nums[ReportDueDay]; d > 28 {
		l = append(l, problem.OnField(ReportDueDay, "settings.due_day.range", nil))
	}
	if err := l.Err(); err != nil {
		return err
	}
	changed := false
	for k := range given {
		changed = changed || current[k] != strconv.Itoa(nums[k])
	}
	if !changed {
		return nil
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for k := range given {
			if current[k] == strconv.Itoa(nums[k]) {
				continue
			}
			if err := tx.SetSetting(k, strconv.Itoa(nums[k])); err != nil {
				return err
			}
		}
		return nil
	})
}
