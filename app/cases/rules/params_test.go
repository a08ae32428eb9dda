package rules

import (
	"testing"

	"townledger/app/settings"
)

func TestParamsFromNothingSetKeepsTheSet(t *testing.T) {
	base := DefaultParams()
	base.DecideDays = 60
	p, err := ParamsFrom(base, func(string) (string, bool) { return "", false })
	if err != nil || p != base {
		t.Errorf("nothing set: %+v, %v", p, err)
	}
	p, err = ParamsFrom(base, func(string) (string, bool) { return " ", true })
	if err != nil || p != base {
		t.Errorf("blank settings: %+v, %v", p, err)
	}
}

func TestParamsFrom(t *testing.T) {
	set := map[string]string{
		settings.DecideDays: "90", settings.StatementWorkdays: " 5 ", settings.LargeFinePerson: "20,000",
		settings.LargeFineOrg: "50000.5", settings.SummaryMaxPerson: "200.25",
	}
	p, err := ParamsFrom(DefaultParams(), func(k string) (string, bool) { v, ok := set[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	if p.DecideDays != 90 || p.StatementWorkdays != 5 || p.LargeFinePerson != 2_000_000 || p.LargeFineOrg != 5_000_050 ||
		p.SummaryMaxPerson != 20_025 || p.SummaryMaxOrg != 300_000 || p.PaymentDays != 15 {
		t.Errorf("ParamsFrom = %+v", p)
	}
	for key, bad := range map[string]string{
		settings.DecideDays: "thirty", settings.PaymentDays: "0", settings.ServiceWorkdays: "-7",
		settings.LargeFineOrg: "3万", settings.SummaryMaxOrg: "3000.123", settings.LargeFinePerson: "0",
		settings.DecideExtendedDays: "20",
	} {
		_, err := ParamsFrom(DefaultParams(), func(k string) (string, bool) {
			if k == key {
				return bad, true
			}
			return "", false
		})
		want := KeyParamInvalid
		if key == settings.DecideExtendedDays {
			want = KeyParamOrder
		}
		pe := wantKey(t, err, want)
		if pe.Field != key {
			t.Errorf("%s=%q: field %q", key, bad, pe.Field)
		}
		say(t, "zh-Hans", pe)
		say(t, "en", pe)
	}
}
