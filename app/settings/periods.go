package settings

import (
	"context"
	"slices"
	"strings"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// Reporting period kinds, shortest first.
const (
	PeriodMonth   = "month"
	PeriodQuarter = "quarter"
	PeriodHalf    = "half"
	PeriodYear    = "year"
)

// PeriodKinds lists the kinds a district may ask for.
var PeriodKinds = []string{PeriodMonth, PeriodQuarter, PeriodHalf, PeriodYear}

// KeyPeriodsEmpty refuses a setting with no period kind: the home page would show nothing due.
const KeyPeriodsEmpty = "settings.periods.empty"

// ReportKinds returns the period kinds the district wants, in PeriodKinds order; unknown
// stored words are ignored, and nothing usable means the default.
func ReportKinds(ctx context.Context, s *data.Store) ([]string, error) {
	v, err := Get(ctx, s, ReportPeriods)
	if err != nil {
		return nil, err
	}
	kinds := parseKinds(v)
	if len(kinds) == 0 {
		kinds = parseKinds(Defaults[ReportPeriods])
	}
	return kinds, nil
}

func parseKinds(v string) []string {
	var out []string
	for _, k := range PeriodKinds {
		if slices.Contains(strings.Split(v, ","), k) {
			out = append(out, k)
		}
	}
	return out
}

// SetReportKinds stores the period kinds the district wants; at least one is needed.
func SetReportKinds(ctx context.Context, s *data.Store, by auth.Session, kinds []string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	clean := parseKinds(strings.Join(kinds, ","))
	if len(clean) == 0 {
		return problem.OnField(ReportPeriods, KeyPeriodsEmpty, nil)
	}
	v := strings.Join(clean, ",")
	if cur, err := Get(ctx, s, ReportPeriods); err != nil || cur == v {
		return err
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.SetSetting(ReportPeriods, v) })
}

// SetReviewer stores who reviews the reports (审核人 on the cover); "" leaves it blank.
func SetReviewer(ctx context.Context, s *data.Store, by auth.Session, name string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if len([]rune(name)) > 40 {
		return problem.OnField(ReportReviewer, KeyReviewerLong, nil)
	}
	if cur, err := Get(ctx, s, ReportReviewer); err != nil || cur == name {
		return err
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.SetSetting(ReportReviewer, name) })
}

// KeyReviewerLong refuses a reviewer's name over 40 characters.
const KeyReviewerLong = "settings.reviewer.long"
