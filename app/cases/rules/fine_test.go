package rules

import (
	"math"
	"testing"

	"townledger/data"
)

func TestCheckFine(t *testing.T) {
	tier := func(name string, min, max int64) *TierRange {
		r := Range{}
		if min >= 0 {
			r.Min = i64(yuan(min))
		}
		if max >= 0 {
			r.Max = i64(yuan(max))
		}
		return &TierRange{Name: name, Unit: r}
	}
	item8 := ItemRanges{Unit: Range{nil, i64(yuan(50_000))}, LatePerson: Range{i64(yuan(50_000)), i64(yuan(100_000))}}
	floor := ItemRanges{Unit: Range{i64(yuan(10_000)), nil}}
	bounded := ItemRanges{Unit: Range{i64(yuan(10_000)), i64(yuan(50_000))}}
	lateCap := ItemRanges{Unit: Range{nil, i64(yuan(50_000))}, LateUnit: Range{nil, i64(yuan(100_000))}}
	lateFloor := ItemRanges{Unit: Range{nil, i64(yuan(50_000))}, LateUnit: Range{i64(yuan(50_000)), nil}}
	tests := []struct {
		name  string
		item  ItemRanges
		tier  *TierRange
		party string
		fine  int64 // yuan
		late  bool
		key   string
		data  map[string]any
	}{
		{"inside the legal range", item5, nil, PartyOrg, 50_000, false, "", nil},
		{"above the legal maximum", item5, nil, PartyOrg, 60_000, false, KeyFineLegalMax, map[string]any{"Fine": "60,000.00", "Max": "50,000.00"}},
		{"late: inside", item5, nil, PartyOrg, 60_000, true, "", nil},
		{"late: below", item5, nil, PartyOrg, 40_000, true, KeyFineLateBelow, map[string]any{"Fine": "40,000.00", "Min": "50,000.00", "Max": "200,000.00"}},
		{"late: above", item5, nil, PartyOrg, 200_001, true, KeyFineLateRange, nil},
		{"the brief's example", item5, tier("三阶", 20_000, 30_000), PartyOrg, 60_000, true, KeyFineTierRange,
			map[string]any{"Fine": "60,000.00", "Tier": "三阶", "Min": "20,000.00", "Max": "30,000.00"}},
		{"inside the tier", item5, tier("三阶", 20_000, 30_000), PartyOrg, 25_000, false, "", nil},
		{"below the tier", item5, tier("三阶", 20_000, 30_000), PartyOrg, 15_000, false, KeyFineTierBelow,
			map[string]any{"Fine": "15,000.00", "Tier": "三阶", "Min": "20,000.00", "Max": "30,000.00"}},
		{"below the legal range", ItemRanges{Unit: Range{i64(yuan(10_000)), i64(yuan(50_000))}}, nil, PartyOrg, 5_000, false,
			KeyFineLegalBelow, map[string]any{"Min": "10,000.00", "Max": "50,000.00"}},
		{"above the legal range", bounded, nil, PartyOrg, 50_001, false, KeyFineLegalRange,
			map[string]any{"Fine": "50,001.00", "Min": "10,000.00", "Max": "50,000.00"}},
		{"late, open below: above the cap", lateCap, nil, PartyOrg, 100_001, true, KeyFineLateMax,
			map[string]any{"Fine": "100,001.00", "Max": "100,000.00"}},
		{"late, open below: at the cap", lateCap, nil, PartyOrg, 100_000, true, "", nil},
		{"late, open above: below the floor", lateFloor, nil, PartyOrg, 49_999, true, KeyFineLateMin,
			map[string]any{"Fine": "49,999.00", "Min": "50,000.00"}},
		{"late, open above: on the floor", lateFloor, nil, PartyOrg, 50_000, true, "", nil},
		{"tier's lower bound", item5, tier("三阶", 20_000, 30_000), PartyOrg, 20_000, false, "", nil},
		{"single-amount tier", item5, tier("一阶", 10_000, 10_000), PartyOrg, 15_000, false, KeyFineTierExact,
			map[string]any{"Fine": "15,000.00", "Tier": "一阶", "Amount": "10,000.00"}},
		{"single-amount tier met", item5, tier("一阶", 10_000, 10_000), PartyOrg, 10_000, false, "", nil},
		{"open tier: above", item5, tier("二阶", -1, 20_000), PartyOrg, 25_000, false, KeyFineTierMax, map[string]any{"Max": "20,000.00", "Tier": "二阶"}},
		{"open tier: below", item5, tier("四阶", 30_000, -1), PartyOrg, 25_000, false, KeyFineTierMin, map[string]any{"Min": "30,000.00"}},
		{"legal range checked before the tier", item5, tier("四阶", 30_000, 50_000), PartyOrg, 60_000, false, KeyFineLegalMax, nil},
		{"person, late: person range", item5, nil, PartyPerson, 25_000, true, KeyFineLateRange,
			map[string]any{"Min": "10,000.00", "Max": "20,000.00"}},
		{"person, late: inside", item5, nil, PartyPerson, 15_000, true, "", nil},
		{"person without a person range: as the operator", item5, nil, PartyPerson, 30_000, false, "", nil},
		{"person with a tier for units only", item5, tier("三阶", 20_000, 30_000), PartyPerson, 35_000, false, KeyFineTierRange, nil},
		{"person tier", item5, &TierRange{Name: "一阶", Unit: Range{i64(yuan(20_000)), i64(yuan(30_000))},
			Person: Range{i64(yuan(1_000)), i64(yuan(5_000))}}, PartyPerson, 3_000, false, "", nil},
		{"no late unit range: the ordinary one holds", item8, nil, PartyOrg, 40_000, true, "", nil},
		{"no late unit range: above", item8, nil, PartyOrg, 60_000, true, KeyFineLegalMax, map[string]any{"Max": "50,000.00"}},
		{"late person range", item8, nil, PartyPerson, 40_000, true, KeyFineLateBelow, map[string]any{"Min": "50,000.00", "Max": "100,000.00"}},
		{"open above: below the floor", floor, nil, PartyOrg, 5_000, false, KeyFineLegalMin, map[string]any{"Min": "10,000.00"}},
		{"no fine provided", ItemRanges{}, nil, PartyOrg, 100, false, KeyFineNoRange, nil},
		{"zero fine", item5, nil, PartyOrg, 0, false, KeyFineNotPositive, nil},
		{"unknown party", item5, nil, "firm", 100, false, KeyFineParty, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pe := wantKey(t, CheckFine(tt.item, tt.tier, tt.party, yuan(tt.fine), tt.late), tt.key)
			if pe == nil {
				return
			}
			say(t, "zh-Hans", pe)
			say(t, "en", pe)
			for k, v := range tt.data {
				if pe.Data[k] != v {
					t.Errorf("data %s = %v, want %v", k, pe.Data[k], v)
				}
			}
		})
	}
}

func TestRangesOfStoredItem(t *testing.T) {
	it := data.CatalogItem{UnitMax: i64(yuan(50_000)), LateUnitMin: i64(yuan(50_000)), LateUnitMax: i64(yuan(200_000)),
		LatePersonMin: i64(yuan(10_000)), LatePersonMax: i64(yuan(20_000))}
	r := ItemRangesOf(it)
	if r.Unit.Max != it.UnitMax || r.LateUnit.Min != it.LateUnitMin || r.LatePerson.Max != it.LatePersonMax || r.Person.Min != nil {
		t.Errorf("ItemRangesOf = %+v", r)
	}
	tr := TierRangeOf(data.Tier{Name: "三阶", UnitMin: i64(yuan(20_000)), UnitMax: i64(yuan(30_000))})
	if tr.Name != "三阶" || *tr.Unit.Min != yuan(20_000) || *tr.Unit.Max != yuan(30_000) {
		t.Errorf("TierRangeOf = %+v", tr)
	}
}

func TestFormatYuan(t *testing.T) {
	for fen, want := range map[int64]string{
		0: "0.00", 5: "0.05", 10: "0.10", 100: "1.00", 99_999: "999.99", 100_000: "1,000.00",
		1_234_560: "12,345.60", 123_456_789: "1,234,567.89", 100_000_000_00: "100,000,000.00",
		-150: "-1.50", -1_234_560: "-12,345.60",
		math.MaxInt64: "92,233,720,368,547,758.07", math.MinInt64: "-92,233,720,368,547,758.08",
	} {
		if got := FormatYuan(fen); got != want {
			t.Errorf("FormatYuan(%d) = %q, want %q", fen, got, want)
		}
	}
}

func TestFormatWanYuan(t *testing.T) {
	for fen, want := range map[int64]string{
		0: "0.0000", 49: "0.0000", 50: "0.0001", 4_999: "0.0050", 100_00: "0.0100",
		1_234_560: "1.2346", 1_234_549: "1.2345", 6_000_000: "6.0000", 123_456_789_00: "12345.6789",
		-1_234_560: "-1.2346", -49: "0.0000",
	} {
		if got := FormatWanYuan(fen); got != want {
			t.Errorf("FormatWanYuan(%d) = %q, want %q", fen, got, want)
		}
	}
}

func TestLateFee(t *testing.T) {
	due := date("2024-10-30")
	tests := []struct {
		fine int64
		paid string
		want int64
	}{
		{yuan(10_000), "2024-10-29", 0},            // early
		{yuan(10_000), "2024-10-30", 0},            // on the due day
		{yuan(10_000), "2024-10-31", yuan(300)},    // 1 day: 3 %
		{yuan(10_000), "2024-11-09", yuan(3_000)},  // 10 days: 30 %
		{yuan(10_000), "2024-12-02", yuan(9_900)},  // 33 days: 99 %
		{yuan(10_000), "2024-12-03", yuan(10_000)}, // 34 days: 102 % → capped at the fine
		{yuan(10_000), "2034-10-30", yuan(10_000)}, // ten years: still the fine
		{12_345, "2024-10-31", 370},                // 370.35 fen → 370
		{12_345, "2024-11-04", 1_852},              // 5 days: 1,851.75 fen → 1,852
		{0, "2024-12-30", 0},
		{math.MaxInt64, "2024-11-29", math.MaxInt64 / 100 * 90}, // 30 days, no overflow
		{math.MaxInt64, "2024-12-30", math.MaxInt64},
	}
	for _, tt := range tests {
		got := LateFee(tt.fine, due, date(tt.paid))
		if tt.fine == math.MaxInt64 && tt.paid == "2024-11-29" {
			if got < tt.want || got > tt.fine {
				t.Errorf("LateFee(max, 30 days) = %d", got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("LateFee(%d, paid %s) = %d, want %d", tt.fine, tt.paid, got, tt.want)
		}
	}
}
