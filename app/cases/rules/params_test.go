package rules

import (
	"testing"

	"townledger/app/settings"
)

func TestParamsFromSettingsDefaults(t *testing.T) {
	// The settings' own defaults give DefaultParams.
	p, err := ParamsFrom(func(k string) (string, bool) { v, ok := settings.Defaults[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	if p != DefaultParams() {
		t.Errorf("from settings.Defaults:\n%+v\nwant\n%+v", p, DefaultParams())
	}
	p, err = ParamsFrom(func(string) (string, bool) { return "", false })
	if err != nil || p != DefaultParams() {
		t.Errorf("nothing set: %+v, %v", p, err)
	}
}

func TestParamsFrom(t *testing.T) {
	set := map[string]string{
		settings.DecideDays: "90", settings.StatementWorkdays: " 5 ", settings.LargeFinePerson: "20,000",
		settings.LargeFineOrg: "50000.5", settings.SummaryMaxPerson: "200.25",
	}
	p, err := ParamsFrom(func(k string) (string, bool) { v, ok := set[k]; return v, ok })
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
		_, err := ParamsFrom(func(k string) (string, bool) {
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
