package period_test

import (
	"testing"
	"time"

	"townledger/app/period"
	"townledger/app/problem"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, from, to string
	}{
		{"2024", "2024-01-01", "2024-12-31"},
		{"2024-H1", "2024-01-01", "2024-06-30"},
		{"2024-h2", "2024-07-01", "2024-12-31"},
		{"2024-Q1", "2024-01-01", "2024-03-31"},
		{"2024-Q3", "2024-07-01", "2024-09-30"},
		{"2024-Q4", "2024-10-01", "2024-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2023-02", "2023-02-01", "2023-02-28"},
		{" ２０２４-07 ", "2024-07-01", "2024-07-31"},
		{"2024-12", "2024-12-01", "2024-12-31"},
	} {
		from, to, err := period.Parse(c.in)
		if err != nil || !from.Equal(date(c.from)) || !to.Equal(date(c.to)) {
			t.Errorf("Parse(%q) = %s, %s, %v; want %s, %s", c.in, from.Format("2006-01-02"), to.Format("2006-01-02"), err, c.from, c.to)
		}
	}
	for _, bad := range []string{"", "24", "2024-13", "2024-00", "2024-Q5", "2024-H3", "2024-7", "2024Q1", "2024-Q1-02", "0999"} {
		_, _, err := period.Parse(bad)
		if p := problem.From(err); p == nil || p.Key != period.KeyInvalid {
			t.Errorf("period %q: %v, want the refusal %s", bad, err, period.KeyInvalid)
		}
	}
}

func TestLabelsAndCanonicalForms(t *testing.T) {
	zh := func(key string, d map[string]any) string { return key }
	for _, c := range []struct{ in, key, canonical, chinese string }{
		{"2024", period.KeyYear, "2024", "2024年"},
		{"2024-H1", period.KeyH1, "2024-H1", "2024年上半年"},
		{"2024-H2", period.KeyH2, "2024-H2", "2024年下半年"},
		{"2024-Q3", period.QuarterKey(3), "2024-Q3", "2024年第三季度"},
		{"2024-07", period.KeyMonth, "2024-07", "2024年7月"},
	} {
		from, to, err := period.Parse(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := period.Label(from, to, zh); got != c.key {
			t.Errorf("Label(%s) = %s, want %s", c.in, got, c.key)
		}
		if got := period.Canonical(from, to); got != c.canonical {
			t.Errorf("Canonical(%s) = %s", c.in, got)
		}
		if got := period.ChineseLabel(from, to); got != c.chinese {
			t.Errorf("ChineseLabel(%s) = %s, want %s", c.in, got, c.chinese)
		}
	}
	if got := period.Label(date("2024-03-05"), date("2024-04-02"), zh); got != period.KeyRange {
		t.Errorf("an odd range is labelled %s", got)
	}
}
