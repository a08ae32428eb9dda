package training

import (
	"context"
	"math"
	"strconv"
	"strings"

	"townledger/app/settings"
	"townledger/data"
)

// Total is one person's training in a year against the yearly target.
type Total struct {
	Person
	Hours    float64 // that year's hours (session hours or the person's own)
	Sessions int     // sessions attended that year
	Target   float64 // the yearly target (setting training.target_hours, default 60)
	Behind   bool    // below Target while on the staff that year
}

// Target returns the yearly hours target; an unreadable setting counts as the default.
func Target(ctx context.Context, store *data.Store) (float64, error) {
	v, err := settings.Get(ctx, store, settings.TrainingTargetHours)
	if err != nil {
		return 0, err
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || t <= 0 || math.IsNaN(t) || math.IsInf(t, 0) {
		t, _ = strconv.ParseFloat(settings.Defaults[settings.TrainingTargetHours], 64)
	}
	return t, nil
}

// Totals adds up each person's hours at the sessions held in year (one query), most hours
// first. Everyone on the roster is listed, officers and others alike; people who have
// left are listed when they attended that year or left only after it. Behind marks those
// below the target, except people who left during or before that year.
func Totals(ctx context.Context, store *data.Store, year int) ([]Total, error) {
	target, err := Target(ctx, store)
	if err != nil {
		return nil, err
	}
	from, to := yearRange(year)
	rows, err := store.TrainingTotals(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]Total, len(rows))
	for i, r := range rows {
		h := math.Round(r.Hours*100) / 100
		onStaff := r.ArchivedOn == "" || r.ArchivedOn > to
		out[i] = Total{Person: personOf(r.Staff), Hours: h, Sessions: r.Sessions, Target: target,
			Behind: onStaff && h < target}
	}
	return out, nil
}
