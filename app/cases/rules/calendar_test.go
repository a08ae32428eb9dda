package rules

import (
	"errors"
	"testing"
	"time"

	"townledger/app/problem"
)

// fakeCal is a working-day calendar: weekends off, plus the 2024 official holidays and
// swapped working weekends of DOMAIN.md.
type fakeCal struct{ off, on map[string]bool }

func newFakeCal() fakeCal {
	c := fakeCal{off: map[string]bool{}, on: map[string]bool{}}
	holidays := [][2]string{{"2024-01-01", "2024-01-01"}, {"2024-02-10", "2024-02-17"}, {"2024-04-04", "2024-04-06"},
		{"2024-05-01", "2024-05-05"}, {"2024-06-10", "2024-06-10"}, {"2024-09-15", "2024-09-17"}, {"2024-10-01", "2024-10-07"}}
	for _, h := range holidays {
		for d := date(h[0]); !d.After(date(h[1])); d = d.AddDate(0, 0, 1) {
			c.off[dateText(d)] = true
		}
	}
	for _, w := range []string{"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"} {
		c.on[w] = true
	}
	return c
}

func (c fakeCal) working(t time.Time) bool {
	s := dateText(t)
	if c.on[s] {
		return true
	}
	if c.off[s] {
		return false
	}
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}

func (c fakeCal) AddWorkdays(from time.Time, n int) time.Time {
	d := day(from)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.working(d) {
			n--
		}
	}
	return d
}

func (c fakeCal) DueByDays(from time.Time, n int) time.Time {
	d := day(from).AddDate(0, 0, n)
	for !c.working(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

var cal = newFakeCal()

// date parses 2006-01-02 or fails loudly.
func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func datep(s string) *time.Time { t := date(s); return &t }

func yuan(n int64) int64 { return n * 100 }

func i64(n int64) *int64 { return &n }

// wantKey fails unless err is a *problem.Error with key (or nil when key is ""); a key it
// found is noted for TestMain, which reports the refusal keys no test produced.
func wantKey(t *testing.T, err error, key string) *problem.Error {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
		return nil
	}
	var pe *problem.Error
	if !errors.As(err, &pe) {
		t.Fatalf("want %s, got %v (%T)", key, err, err)
	}
	if pe.Key != key {
		t.Fatalf("want %s, got %v", key, pe)
	}
	sawKey(key)
	return pe
}

func TestFakeCalendar(t *testing.T) {
	// The brief's example: after Friday 2024-09-27 the working days are Sunday 09-29 (swapped),
	// Monday 09-30, then Tuesday 10-08 after the National Day holiday.
	if got := cal.AddWorkdays(date("2024-09-27"), 3); !got.Equal(date("2024-10-08")) {
		t.Errorf("3 working days after 2024-09-27 = %s", dateText(got))
	}
	if got := cal.DueByDays(date("2024-09-01"), 30); !got.Equal(date("2024-10-08")) {
		t.Errorf("2024-09-01 + 30 days rolled = %s", dateText(got))
	}
}
