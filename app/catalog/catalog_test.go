package catalog

import (
	"testing"

	"townledger/app/problem"
)

func fen(yuan int64) *int64 { v := yuan * 100; return &v }

// valid is a sound item: the example with a real code.
func valid() Item {
	it := ExampleItem()
	it.Code = "AQ-99"
	return it
}

func TestExampleItemPassesAndIsNormalised(t *testing.T) {
	it := valid()
	it.Code, it.Name = " ａｑ-99 ", "  "+it.Name+"\u3000"
	got, l := Check(it)
	if len(l) != 0 {
		t.Fatalf("example refused: %v", l)
	}
	if got.Code != "AQ-99" || got.Name != ExampleItem().Name {
		t.Errorf("normalised to %q %q", got.Code, got.Name)
	}
}

func TestCheckRefusesEachRuleOnItsField(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Item)
		field  string
		key    string
	}{
		{"no code", func(it *Item) { it.Code = " " }, FieldCode, KeyCodeEmpty},
		{"long code", func(it *Item) { it.Code = string(make([]byte, 51)) + "A" }, FieldCode, KeyTooLong},
		{"no name", func(it *Item) { it.Name = "\u3000" }, FieldName, KeyNameEmpty},
		{"bad delegation", func(it *Item) { it.Delegation = "赋权" }, FieldDelegation, KeyDelegation},
		{"negative unit min", func(it *Item) { it.UnitMin = fen(-1) }, FieldUnitMin, KeyNegative},
		{"unit min above max", func(it *Item) { it.UnitMin = fen(60000) }, FieldUnitMax, KeyReversed},
		{"person min above max", func(it *Item) { it.PersonMin, it.PersonMax = fen(2000), fen(1000) }, FieldPersonMax, KeyReversed},
		{"negative person max", func(it *Item) { it.PersonMax = fen(-5) }, FieldPersonMax, KeyNegative},
		{"late unit reversed", func(it *Item) { it.LateUnitMin = fen(300000) }, FieldLateUnitMax, KeyReversed},
		{"negative late person", func(it *Item) { it.LatePersonMin = fen(-1) }, FieldLatePersonMin, KeyNegative},
		{"late person reversed", func(it *Item) { it.LatePersonMax = fen(5000) }, FieldLatePersonMax, KeyReversed},
		{"tier ordinal zero", func(it *Item) { it.Tiers[0].Ordinal = 0 }, TierField(0, FieldOrdinal), KeyTierOrdinal},
		{"tiers out of order", func(it *Item) { it.Tiers[2].Ordinal = 1 }, TierField(2, FieldOrdinal), KeyTierOrder},
		{"tier ordinal repeated", func(it *Item) { it.Tiers[2].Ordinal = 2 }, TierField(2, FieldOrdinal), KeyTierDuplicate},
		{"tier without name", func(it *Item) { it.Tiers[1].Name = " " }, TierField(1, FieldName), KeyTierNameEmpty},
		{"tier range reversed", func(it *Item) { it.Tiers[3].UnitMin = fen(60000) }, TierField(3, FieldUnitMax), KeyReversed},
		{"negative tier bound", func(it *Item) { it.Tiers[0].UnitMin = fen(-1) }, TierField(0, FieldUnitMin), KeyNegative},
		{"tier above the legal range", func(it *Item) { it.Tiers[3].UnitMax = fen(60000) }, TierField(3, FieldUnitMax), KeyTierOutsideUnit},
		{"tier below the legal range", func(it *Item) {
			it.UnitMin, it.LateUnitMin, it.LateUnitMax = fen(5000), nil, nil
			it.Tiers = it.Tiers[:1]
			it.Tiers[0].UnitMin = fen(1000)
		}, TierField(0, FieldUnitMin), KeyTierOutsideUnit},
		{"tier person above the person range", func(it *Item) {
			it.PersonMin, it.PersonMax, it.LatePersonMin, it.LatePersonMax = fen(1000), fen(5000), nil, nil
			it.Tiers[0].PersonMax = fen(6000)
		}, TierField(0, FieldPersonMax), KeyTierOutsidePers},
		{"tier unit fine without a unit range", func(it *Item) {
			it.UnitMin, it.UnitMax, it.LateUnitMin, it.LateUnitMax = nil, nil, nil, nil
			it.PersonMin, it.PersonMax = fen(0), fen(50000)
			it.Tiers = it.Tiers[:1]
		}, TierField(0, FieldUnitMin), KeyTierNoUnitRange},
		{"tier person fine without any range", func(it *Item) {
			it.UnitMin, it.UnitMax, it.LateUnitMin, it.LateUnitMax, it.LatePersonMin, it.LatePersonMax = nil, nil, nil, nil, nil, nil
			it.Tiers = []Tier{{Ordinal: 1, Name: "一阶", PersonMax: fen(100)}}
		}, TierField(0, FieldPersonMax), KeyTierNoPerson},
		{"tier lighter than the one before", func(it *Item) { it.Tiers[2].UnitMin = fen(5000) }, TierField(2, FieldUnitMin), KeyTierDescending},
		{"bad role", func(it *Item) { it.Refs[0].Role = "依据" }, RefField(0, FieldRole), KeyRole},
		{"no law", func(it *Item) { it.Refs[0].Law = " " }, RefField(0, FieldLaw), KeyLawEmpty},
		{"article zero", func(it *Item) { it.Refs[1].Article = 0 }, RefField(1, FieldArticle), KeyArticle},
		{"negative paragraph", func(it *Item) { it.Refs[1].Paragraph = -1 }, RefField(1, FieldParagraph), KeyRefNegative},
		{"negative item", func(it *Item) { it.Refs[1].Item = -2 }, RefField(1, FieldItem), KeyRefNegative},
		{"reference twice", func(it *Item) { it.Refs = append(it.Refs, it.Refs[0]) }, RefField(2, FieldArticle), KeyRefDuplicate},
		{"no basis", func(it *Item) { it.Refs = it.Refs[:1] }, FieldRefs, KeyNoBasis},
		{"no references", func(it *Item) { it.Refs = nil }, FieldRefs, KeyNoBasis},
		{"no effective date", func(it *Item) { it.EffectiveFrom = "" }, FieldFrom, KeyFromEmpty},
		{"impossible effective date", func(it *Item) { it.EffectiveFrom = "2024-02-30" }, FieldFrom, KeyBadDate},
		{"bad end date", func(it *Item) { it.EffectiveTo = "2025/01/01" }, FieldTo, KeyBadDate},
		{"ends before it starts", func(it *Item) { it.EffectiveTo = "2023-12-31" }, FieldTo, KeyToBeforeFrom},
	}
	for _, c := range cases {
		it := valid()
		it.Refs = append([]Ref(nil), it.Refs...)
		it.Tiers = append([]Tier(nil), it.Tiers...)
		c.change(&it)
		_, l := Check(it)
		if len(l) != 1 || l[0].Field != c.field || l[0].Key != c.key {
			t.Errorf("%s: got %v, want one %s on %s", c.name, l, c.key, c.field)
		}
	}
}

func TestCheckEndsOnItsStartAndAllowsOpenRanges(t *testing.T) {
	it := valid()
	it.EffectiveTo = it.EffectiveFrom
	it.UnitMin, it.LateUnitMin = nil, nil // "≤ 50,000" and "≤ 200,000"
	it.Tiers = append(it.Tiers[:0:0], it.Tiers...)
	it.Tiers[3].UnitMax = nil // up to the item's maximum
	if _, l := Check(it); len(l) != 0 {
		t.Errorf("refused: %v", l)
	}
	// A tier for the "not corrected in time" range lies inside the late range.
	it = valid()
	it.Tiers = []Tier{{Ordinal: 1, Name: "逾期", UnitMin: fen(60000), UnitMax: fen(100000)}}
	if _, l := Check(it); len(l) != 0 {
		t.Errorf("late tier refused: %v", l)
	}
}

func TestSplitField(t *testing.T) {
	for f, want := range map[string][3]any{
		"refs[2].law": {"refs", 2, "law"}, "tiers[0].unit_min": {"tiers", 0, "unit_min"},
		"code": {"", -1, "code"}, "refs": {"", -1, "refs"}, "refs[x].law": {"", -1, "refs[x].law"},
	} {
		l, i, n := SplitField(f)
		if l != want[0] || i != want[1] || n != want[2] {
			t.Errorf("%s: %q %d %q", f, l, i, n)
		}
	}
	if RefField(1, FieldLaw) != "refs[1].law" || TierField(3, FieldOrdinal) != "tiers[3].ordinal" {
		t.Error("field names")
	}
}

func TestParseAmount(t *testing.T) {
	for s, want := range map[string]int64{"50000": 5000000, "50,000": 5000000, "１２.５元": 1250, "0": 0, "0.01": 1,
		"10000.499999999999": 1000050, "-3": -300, "10.1": 1010} {
		v, err := ParseAmount(s)
		if err != nil || v.(int64) != want {
			t.Errorf("%q: %v %v, want %d", s, v, err, want)
		}
	}
	for _, s := range []string{"abc", "1.234", "", "1e5", "五万", "12345678901"} {
		if _, err := ParseAmount(s); problem.From(err).Key != KeyBadAmount {
			t.Errorf("%q accepted: %v", s, err)
		}
	}
	for s, want := range map[string]int{"99": 99, "第99条": 99, "３": 3, "2.0": 2} {
		if v, err := parseNumber(s); err != nil || v.(int) != want {
			t.Errorf("%q: %v %v", s, v, err)
		}
	}
	if _, err := parseNumber("九十九"); err == nil {
		t.Error("Chinese numerals accepted")
	}
}
