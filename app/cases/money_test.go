package cases

import (
	"testing"

	"townledger/app/cases/rules"
	"townledger/app/problem"
)

func TestParseYuan(t *testing.T) {
	cases := []struct {
		in   string
		fen  int64
		fail string
	}{
		{"25000", 2500000, ""}, {"25,000.5", 2500050, ""}, {"２５０００元", 2500000, ""}, {" 0.01 ", 1, ""},
		{"3000.00", 300000, ""}, {"", 0, "casefile.amount.invalid"}, {"-5", 0, "casefile.amount.invalid"},
		{"1.234", 0, "casefile.amount.invalid"}, {"12.", 0, "casefile.amount.invalid"}, {"一万", 0, "casefile.amount.invalid"},
		{"99999999999", 0, "casefile.amount.too_large"},
	}
	for _, c := range cases {
		fen, err := ParseYuan(c.in)
		if got := problemKey(err); got != c.fail || (c.fail == "" && fen != c.fen) {
			t.Errorf("ParseYuan(%q) = %d, %q; want %d, %q", c.in, fen, got, c.fen, c.fail)
		}
	}
}

// FuzzParseYuan: whatever is typed, a parsed amount is non-negative, bounded, and prints
// back (as 元 with two decimals) to the same amount.
func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"25000", "1,234.56", "０.５", "1e9", "--1", "9999999999.99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fen, err := ParseYuan(s)
		if err != nil {
			return
		}
		if fen < 0 || fen > maxYuan*100+99 {
			t.Fatalf("%q parsed to %d fen", s, fen)
		}
		back, err := ParseYuan(rules.FormatYuan(fen))
		if err != nil || back != fen {
			t.Fatalf("%q → %d → %q → %d, %v", s, fen, rules.FormatYuan(fen), back, err)
		}
	})
}

func problemKey(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}
