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

func TestWanAndPlainYuan(t *testing.T) {
	cases := []struct {
		fen   int64
		wan   string
		ok    bool
		plain string
	}{
		{1_000_000, "1", true, "10,000"}, {1_500_000, "1.5", true, "15,000"}, {2_000_000, "2", true, "20,000"},
		{1_250_000, "1.25", true, "12,500"}, {20_000_000, "20", true, "200,000"}, {500_000, "", false, "5,000"},
		{1_234_500, "", false, "12,345"}, {1_000_050, "", false, "10,000.50"}, {20_000, "", false, "200"},
	}
	for _, c := range cases {
		wan, ok := Wan(c.fen)
		if wan != c.wan || ok != c.ok || PlainYuan(c.fen) != c.plain {
			t.Errorf("%d fen: Wan = %q, %v; PlainYuan = %q; want %q, %v, %q", c.fen, wan, ok, PlainYuan(c.fen), c.wan, c.ok, c.plain)
		}
	}
}

func TestWindowDays(t *testing.T) {
	for _, c := range []struct {
		w    Window
		days int
	}{
		{Window{Today: "2024-11-20", SoonTo: "2024-11-23"}, 3},
		{Window{Today: "2024-03-30", SoonTo: "2024-04-06"}, 7}, // across a month (and summer time elsewhere)
		{Window{Today: "2024-11-20", SoonTo: "2024-11-20"}, 0},
		{Window{}, 0},
	} {
		if got := c.w.Days(); got != c.days {
			t.Errorf("%+v: %d days, want %d", c.w, got, c.days)
		}
	}
}
