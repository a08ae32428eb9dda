package ids

import (
	"strings"
	"testing"
)

var areaCases = []tcase{
	{name: "county", in: "110105", want: "110105"},
	{name: "city", in: "330100", want: "330100"},
	{name: "nine digits", in: "110105000", want: "110105"},
	{name: "twelve digits", in: "110105000000", want: "110105"},
	{name: "full-width", in: "１１０１０５", want: "110105"},
	{name: "empty", in: "", key: KeyAreaLength, data: map[string]any{"Len": 0}},
	{name: "seven", in: "1101051", key: KeyAreaLength, data: map[string]any{"Len": 7}},
	{name: "letter", in: "11010A", key: KeyAreaDigits, data: map[string]any{"Pos": 6, "Char": "A"}},
	{name: "province 10", in: "100105", key: KeyAreaProvince, data: map[string]any{"Province": "10"}},
	{name: "a province itself", in: "110000", key: KeyAreaLevel, data: map[string]any{"Code": "110000"}},
	{name: "a town", in: "110105100", key: KeyAreaTown, data: map[string]any{"Code": "110105100"}},
	{name: "a village", in: "110105000001", key: KeyAreaTown, data: map[string]any{"Code": "110105000001"}},
}

func TestValidateAreaCode(t *testing.T) {
	for _, tc := range areaCases {
		check(t, tc, ValidateAreaCode)
	}
}

// An office reports under a town's code or a district's; other codes are refused as the
// kind they look like.
func TestValidateOfficeCode(t *testing.T) {
	for _, tc := range []tcase{
		{name: "town", in: "110105100", want: "110105100"},
		{name: "town 12", in: "110105100000", want: "110105100"},
		{name: "district", in: "110105", want: "110105"},
		{name: "district 9", in: "110105000", want: "110105"},
		{name: "city", in: "330100", want: "330100"},
		{name: "province", in: "110000", key: KeyAreaLevel},
		{name: "bad district", in: "10010A", key: KeyAreaDigits},
		{name: "bad town", in: "110105400", key: KeyTownTownship},
		{name: "ten digits", in: "1101051000", key: KeyTownLength},
	} {
		check(t, tc, ValidateOfficeCode)
	}
}

func FuzzValidateAreaCode(f *testing.F) {
	for _, s := range []string{"110105", "330100", "110105000000", "110000", "110105100", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := ValidateAreaCode(s)
		if err != nil {
			requireIDsError(t, err)
		} else if len(code) != 6 || !strings.HasPrefix(Normalize(s), code) || code[2:] == "0000" {
			t.Fatalf("ValidateAreaCode(%q) = %q", s, code)
		}
		office, err := ValidateOfficeCode(s)
		if err != nil {
			requireIDsError(t, err)
			return
		}
		if len(office) != 6 && len(office) != 9 {
			t.Fatalf("ValidateOfficeCode(%q) = %q", s, office)
		}
	})
}
