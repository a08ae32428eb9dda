package rules

import (
	"strconv"
	"strings"

	"townledger/app/problem"
	"townledger/app/settings"
)

// Params are the law's periods and thresholds. Those with a settings key are editable by the
// administrator; the rest are fixed by the laws named beside them.
type Params struct {
	DecideDays         int // 立案 → decision, natural days (safety rule: 30)
	DecideExtendedDays int // after the head's approval (90)
	DecideMaxDays      int // after the next level's approval (180)

	StatementWorkdays      int // 陈述申辩 period after the notice (3)
	HearingRequestWorkdays int // hearing request period after the notice (5, Art. 64)
	HearingAnnounceDays    int // the hearing is announced this many working days ahead (7, Art. 64)
	ServiceWorkdays        int // decision → service (7, Art. 61)
	PublishWorkdays        int // decision → publication (7)
	PaymentDays            int // service → payment, natural days (15, Art. 67)

	LimitationYears     int // 2 (Art. 36)
	LimitationYearsHarm int // 5 where life, health or financial safety was harmed (Art. 36)
	PreFilingDays       int // an urgent investigation may precede filing by this many days (safety rule: 5)

	LargeFinePerson  int64 // fen: 较大数额 for a person, hearing and legal review from here (10,000 yuan)
	LargeFineOrg     int64 // fen: the same for an organisation (30,000 yuan)
	SummaryMaxPerson int64 // fen: summary procedure limit for a person (200 yuan, Art. 51)
	SummaryMaxOrg    int64 // fen: the same for an organisation (3,000 yuan)

	MinOfficers      int // certified officers per investigation (2, Art. 42, 55)
	ReviewDays       int // administrative review period after service (60 days)
	LawsuitMonths    int // lawsuit period after service (6 months)
	EnforceMonths    int // court enforcement may be sought within this many months after both (3, 行政强制法 Art. 53)
	ReminderWorkdays int // after a 催告书 is served, wait this many working days before enforcement (10, 行政强制法 Art. 54, 69)
	DueSoonDays      int // a deadline this many days away or less is "due soon" (3)
}

// DefaultParams returns the values of DOMAIN.md.
func DefaultParams() Params {
	return Params{
		DecideDays: 30, DecideExtendedDays: 90, DecideMaxDays: 180,
		StatementWorkdays: 3, HearingRequestWorkdays: 5, HearingAnnounceDays: 7,
		ServiceWorkdays: 7, PublishWorkdays: 7, PaymentDays: 15,
		LimitationYears: 2, LimitationYearsHarm: 5, PreFilingDays: 5,
		LargeFinePerson: 10_000_00, LargeFineOrg: 30_000_00,
		SummaryMaxPerson: 200_00, SummaryMaxOrg: 3_000_00,
		MinOfficers: 2, ReviewDays: 60, LawsuitMonths: 6, EnforceMonths: 3, ReminderWorkdays: 10,
		DueSoonDays: 3,
	}
}

// Keys of settings refusals: a value that is not a usable number; extended periods shorter
// than the ones they extend.
const (
	KeyParamInvalid = "case.param.invalid" // Key, Value
	KeyParamOrder   = "case.param.order"   // Days, Extended, Max
)

// ParamsFrom reads the settings of app/settings through get; a missing key keeps its default.
// A value that is not a positive number (whole days, or yuan with at most two decimals) is
// refused with the setting's key as the field.
func ParamsFrom(get func(key string) (string, bool)) (Params, error) {
	p := DefaultParams()
	days := []struct {
		key string
		to  *int
	}{
		{settings.DecideDays, &p.DecideDays},
		{settings.DecideExtendedDays, &p.DecideExtendedDays},
		{settings.DecideMaxDays, &p.DecideMaxDays},
		{settings.StatementWorkdays, &p.StatementWorkdays},
		{settings.HearingRequestDays, &p.HearingRequestWorkdays},
		{settings.ServiceWorkdays, &p.ServiceWorkdays},
		{settings.PublishWorkdays, &p.PublishWorkdays},
		{settings.PaymentDays, &p.PaymentDays},
		{settings.LimitationYears, &p.LimitationYears},
	}
	for _, d := range days {
		v, ok := get(d.key)
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 || n > 100_000 {
			return p, &problem.Error{Key: KeyParamInvalid, Field: d.key, Data: map[string]any{"Key": d.key, "Value": v}, Err: err}
		}
		*d.to = n
	}
	money := []struct {
		key string
		to  *int64
	}{
		{settings.LargeFinePerson, &p.LargeFinePerson},
		{settings.LargeFineOrg, &p.LargeFineOrg},
		{settings.SummaryMaxPerson, &p.SummaryMaxPerson},
		{settings.SummaryMaxOrg, &p.SummaryMaxOrg},
	}
	for _, m := range money {
		v, ok := get(m.key)
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		fen, good := parseYuan(v)
		if !good || fen <= 0 {
			return p, problem.OnField(m.key, KeyParamInvalid, map[string]any{"Key": m.key, "Value": v})
		}
		*m.to = fen
	}
	if p.DecideExtendedDays < p.DecideDays || p.DecideMaxDays < p.DecideExtendedDays {
		return p, problem.OnField(settings.DecideExtendedDays, KeyParamOrder, map[string]any{
			"Days": p.DecideDays, "Extended": p.DecideExtendedDays, "Max": p.DecideMaxDays})
	}
	return p, nil
}

// parseYuan reads "10000", "10,000" or "10000.5" yuan as fen.
func parseYuan(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || len(whole) > 12 || (hasFrac && (frac == "" || len(frac) > 2)) {
		return 0, false
	}
	for _, part := range []string{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	var f int64
	if frac != "" {
		f, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			f *= 10
		}
	}
	return w*100 + f, true
}
