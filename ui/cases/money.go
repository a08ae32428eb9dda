package cases

import (
	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/ui/locale"
)

// moneyText says an amount the way officers say fines: 2万元, 1.5万元, 5,000元 (in
// English, 20,000 yuan).
func moneyText(fen int64) string {
	d := map[string]any{"Yuan": appcases.PlainYuan(fen)}
	if wan, ok := appcases.Wan(fen); ok {
		d["Wan"] = wan
		return locale.T("cases.money.wan", d)
	}
	return locale.T("cases.money.yuan", d)
}

// rangeText says a fine range: 1万元至3万元, 不超过5万元, 不低于1万元, or one amount; ""
// when the range is open at both ends.
func rangeText(r rules.Range) string {
	switch {
	case r.Min != nil && r.Max != nil && *r.Min == *r.Max:
		return moneyText(*r.Min)
	case r.Min != nil && r.Max != nil:
		return locale.T("cases.range.between", map[string]any{"Min": moneyText(*r.Min), "Max": moneyText(*r.Max)})
	case r.Max != nil:
		return locale.T("cases.range.max", map[string]any{"Max": moneyText(*r.Max)})
	case r.Min != nil:
		return locale.T("cases.range.min", map[string]any{"Min": moneyText(*r.Min)})
	}
	return ""
}

// tierLabel names a discretion tier with its fine range for the party (rules.TierRange's
// For) and the condition it applies under, if any: 三阶（2万元至3万元）：3处未设置.
func tierLabel(t rules.TierRange, partyKind, condition string) string {
	r := rangeText(t.For(partyKind))
	d := map[string]any{"Name": t.Name, "Range": r, "Condition": condition}
	switch {
	case r != "" && condition != "":
		return locale.T("filing.tier.label_condition", d)
	case r != "":
		return locale.T("filing.tier.label", d)
	case condition != "":
		return locale.T("filing.tier.label_bare_condition", d)
	}
	return t.Name
}
