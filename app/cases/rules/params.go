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

// Unit is how a parameter is counted, for its label.
type Unit string

const (
	UnitDays     Unit = "days"     // natural days
	UnitWorkdays Unit = "workdays" // working days (Art. 85)
	UnitMonths   Unit = "months"
	UnitYears    Unit = "years"
	UnitYuan     Unit = "yuan" // stored in fen, shown and set in yuan
	UnitPeople   Unit = "people"
)

// ParamField describes one parameter: its Go name (the key in a set's JSON and in
// Set.Unconfirmed), its unit, the setting that overrides it locally ("" when only a set can
// change it) and the article it comes from.
type ParamField struct {
	Name    string
	Unit    Unit
	Setting string
	Basis   string
}

// ParamFields lists every parameter in display order.
var ParamFields = []ParamField{
	{"DecideDays", UnitDays, settings.DecideDays, "安全生产违法行为行政处罚办法; 行政处罚法 Art. 60"},
	{"DecideExtendedDays", UnitDays, settings.DecideExtendedDays, "安全生产违法行为行政处罚办法"},
	{"DecideMaxDays", UnitDays, settings.DecideMaxDays, "安全生产违法行为行政处罚办法"},
	{"PreFilingDays", UnitDays, settings.PreFilingDays, "安全生产违法行为行政处罚办法"},
	{"LargeFinePerson", UnitYuan, settings.LargeFinePerson, "安全生产违法行为行政处罚办法; 行政处罚法 Art. 63"},
	{"LargeFineOrg", UnitYuan, settings.LargeFineOrg, "安全生产违法行为行政处罚办法; 行政处罚法 Art. 63"},
	{"StatementWorkdays", UnitWorkdays, settings.StatementWorkdays, "行政处罚法 Art. 45"},
	{"HearingRequestWorkdays", UnitWorkdays, settings.HearingRequestDays, "行政处罚法 Art. 64"},
	{"HearingAnnounceDays", UnitWorkdays, "", "行政处罚法 Art. 64"},
	{"ServiceWorkdays", UnitWorkdays, settings.ServiceWorkdays, "行政处罚法 Art. 61"},
	{"PublishWorkdays", UnitWorkdays, settings.PublishWorkdays, "行政处罚法 Art. 48"},
	{"PaymentDays", UnitDays, settings.PaymentDays, "行政处罚法 Art. 67"},
	{"LimitationYears", UnitYears, settings.LimitationYears, "行政处罚法 Art. 36"},
	{"LimitationYearsHarm", UnitYears, "", "行政处罚法 Art. 36"},
	{"SummaryMaxPerson", UnitYuan, settings.SummaryMaxPerson, "行政处罚法 Art. 51"},
	{"SummaryMaxOrg", UnitYuan, settings.SummaryMaxOrg, "行政处罚法 Art. 51"},
	{"MinOfficers", UnitPeople, "", "行政处罚法 Art. 42"},
	{"ReviewDays", UnitDays, "", "行政复议法 Art. 20"},
	{"LawsuitMonths", UnitMonths, "", "行政诉讼法 Art. 46"},
	{"EnforceMonths", UnitMonths, "", "行政强制法 Art. 53"},
	{"ReminderWorkdays", UnitWorkdays, "", "行政强制法 Art. 54"},
}

func fieldNamed(name string) (ParamField, bool) {
	for _, f := range ParamFields {
		if f.Name == name {
			return f, true
		}
	}
	return ParamField{}, false
}

// ints and money give the parameters by name; one table so Value and set cannot disagree.
func (p *Params) ints() map[string]*int {
	return map[string]*int{
		"DecideDays": &p.DecideDays, "DecideExtendedDays": &p.DecideExtendedDays, "DecideMaxDays": &p.DecideMaxDays,
		"PreFilingDays": &p.PreFilingDays, "StatementWorkdays": &p.StatementWorkdays,
		"HearingRequestWorkdays": &p.HearingRequestWorkdays, "HearingAnnounceDays": &p.HearingAnnounceDays,
		"ServiceWorkdays": &p.ServiceWorkdays, "PublishWorkdays": &p.PublishWorkdays, "PaymentDays": &p.PaymentDays,
		"LimitationYears": &p.LimitationYears, "LimitationYearsHarm": &p.LimitationYearsHarm, "MinOfficers": &p.MinOfficers,
		"ReviewDays": &p.ReviewDays, "LawsuitMonths": &p.LawsuitMonths, "EnforceMonths": &p.EnforceMonths,
		"ReminderWorkdays": &p.ReminderWorkdays,
	}
}

func (p *Params) money() map[string]*int64 {
	return map[string]*int64{"LargeFinePerson": &p.LargeFinePerson, "LargeFineOrg": &p.LargeFineOrg,
		"SummaryMaxPerson": &p.SummaryMaxPerson, "SummaryMaxOrg": &p.SummaryMaxOrg}
}

// Value is the named parameter's value (fen for amounts); 0 for an unknown name.
func (p Params) Value(name string) int64 {
	if v, ok := p.ints()[name]; ok {
		return int64(*v)
	}
	if v, ok := p.money()[name]; ok {
		return *v
	}
	return 0
}

// Text is the named parameter's value as the settings show and take it: yuan for amounts.
func (p Params) Text(name string) string {
	if _, ok := p.money()[name]; ok {
		return strings.TrimSuffix(strings.ReplaceAll(FormatYuan(p.Value(name)), ",", ""), ".00")
	}
	return strconv.FormatInt(p.Value(name), 10)
}

// Keys of settings refusals: a value that is not a usable number; extended periods shorter
// than the ones they extend.
const (
	KeyParamInvalid = "case.param.invalid" // Key, Value
	KeyParamOrder   = "case.param.order"   // Days, Extended, Max
)

// ParamsFrom applies the office's local settings, read through get, over the values of a
// rule set: a province may fix its own 较大数额, a town its 陈述申辩 period. A missing or empty
// setting keeps the set's value. A value that is not a positive number (whole days, or yuan
// with at most two decimals) is refused with the setting's key as the field.
func ParamsFrom(base Params, get func(key string) (string, bool)) (Params, error) {
	p := base
	ints, money := p.ints(), p.money()
	for _, f := range ParamFields {
		if f.Setting == "" {
			continue
		}
		v, ok := get(f.Setting)
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		if to, isMoney := money[f.Name]; isMoney {
			fen, good := parseYuan(v)
			if !good || fen <= 0 {
				return p, problem.OnField(f.Setting, KeyParamInvalid, map[string]any{"Key": f.Setting, "Value": v})
			}
			*to = fen
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 || n > 100_000 {
			return p, &problem.Error{Key: KeyParamInvalid, Field: f.Setting, Data: map[string]any{"Key": f.Setting, "Value": v}, Err: err}
		}
		*ints[f.Name] = n
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
