package rules

import (
	"testing"
)

func TestSetInForceOnTheFilingDay(t *testing.T) {
	ss := BuiltinSets()
	for _, tt := range []struct{ filed, want string }{
		{"2014-12-31", "2015"}, // before every set: the earliest
		{"2015-05-01", "2015"},
		{"2026-01-31", "2015"}, // filed under the old rule, decided under it too
		{"2026-02-01", "2026"},
		{"2026-09-30", "2026"},
		{"", "2026"}, // not filed yet: the latest
	} {
		var filed Case
		if tt.filed != "" {
			filed.FiledOn = date(tt.filed)
		}
		if got := ss.For(filed.FilingDay()); got.ID != tt.want {
			t.Errorf("filed %q: set %s, want %s", tt.filed, got.ID, tt.want)
		}
	}
	// The filing step's day counts when the case carries no filing date.
	c := Case{Events: []Event{ev(StepFiled, "2026-02-02")}}
	if got := ss.For(c.FilingDay()); got.ID != "2026" {
		t.Errorf("from the filing step: %s", got.ID)
	}
	// The 2026 set's own values await the rule's text; the laws' values are confirmed.
	s26 := ss.For(date("2026-03-01"))
	if !s26.IsUnconfirmed("DecideDays") || !s26.IsUnconfirmed("LargeFineOrg") || s26.IsUnconfirmed("HearingRequestWorkdays") {
		t.Errorf("2026 unconfirmed: %v", s26.Unconfirmed)
	}
}

func TestDistrictSetReplacesAndAdds(t *testing.T) {
	checked := BuiltinSets()[1]
	checked.Source, checked.Unconfirmed = SourceDistrict, nil
	checked.Params.DecideDays, checked.Params.DecideExtendedDays = 60, 120
	ss := BuiltinSets().With(checked)
	if len(ss) != 2 || ss[1].Params.DecideDays != 60 || ss[1].IsUnconfirmed("DecideDays") {
		t.Fatalf("replaced: %+v", ss)
	}
	later := Set{ID: "2027-local", Title: "某省规定", From: "2027-01-01", Params: DefaultParams()}
	ss = ss.With(later)
	if ss.For(date("2027-03-01")).ID != "2027-local" || ss.For(date("2026-12-31")).ID != "2026" {
		t.Errorf("added: %v", ss)
	}
	b, err := MarshalSets(ss)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseSets(b)
	if err != nil || len(back) != 3 || back[1].Params != ss[1].Params {
		t.Errorf("round trip: %v, %v", back, err)
	}
}

func TestParseSetsRefusesWhatCannotBeUsed(t *testing.T) {
	for _, tt := range []struct {
		name, in, key string
	}{
		{"not JSON", `{`, KeySetInvalid},
		{"unknown field", `[{"id":"x","title":"t","from":"2026-01-01","params":{},"extra":1}]`, KeySetInvalid},
		{"no title", `[{"id":"x","from":"2026-01-01","params":{}}]`, KeySetInvalid},
		{"bad date", `[{"id":"x","title":"t","from":"2026-02-30","params":{}}]`, KeySetFrom},
		{"zero periods", `[{"id":"x","title":"t","from":"2026-02-01","params":{}}]`, KeySetValue},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSets([]byte(tt.in))
			pe := wantKey(t, err, tt.key)
			say(t, "zh-Hans", pe)
			say(t, "en", pe)
		})
	}
}

func FuzzParseSets(f *testing.F) {
	b, _ := MarshalSets(BuiltinSets())
	f.Add(b)
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"id":"x","title":"t","from":"2026-02-01","params":{"DecideDays":-1}}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		ss, err := ParseSets(in)
		if err != nil {
			return
		}
		// What is accepted is usable: ordered, and every set checks again.
		for i, s := range ss {
			if s.Validate() != nil || i > 0 && ss[i-1].From > s.From {
				t.Fatalf("accepted an unusable set: %+v", s)
			}
		}
	})
}
