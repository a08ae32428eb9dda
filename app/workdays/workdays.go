// Package workdays is the working-day calendar the law's periods are counted in: weekends and
// official holidays off, swapped working weekends (调休) on.
//
// A Calendar knows only the days that differ from the default week (Monday to Friday work,
// Saturday and Sunday off). Years for which it holds no such data fall back to that default;
// use Covers to warn when a period reaches into such a year.
//
// Every function works on the date part of its arguments, read in the argument's own
// location, and returns dates at 00:00 in the location of the first argument. A Calendar
// does not change after New and is safe for concurrent use; a nil *Calendar is the default
// week without overrides.
package workdays

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Kind says how a listed day differs from the default week.
type Kind int

// The kinds of override. The zero Kind is invalid, so a Day left unset is refused by New.
const (
	Holiday Kind = iota + 1 // a day off (an official holiday, also when it falls on a weekend)
	Workday                 // a working day (a swapped weekend day, 调休上班)
)

// String returns "holiday" or "workday", the spelling used in stored data.
func (k Kind) String() string {
	switch k {
	case Holiday:
		return "holiday"
	case Workday:
		return "workday"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind reads the spelling String writes.
func ParseKind(s string) (Kind, error) {
	switch s {
	case "holiday":
		return Holiday, nil
	case "workday":
		return Workday, nil
	}
	return 0, fmt.Errorf("workdays: unknown day kind %q", s)
}

// Day is one override of the default week.
type Day struct {
	Date string // "2006-01-02"
	Kind Kind
	Name string // the festival, e.g. "春节"
}

// DateLayout is the layout of Day.Date.
const DateLayout = "2006-01-02"

// override is a Day reduced to what the arithmetic needs.
type override struct {
	day     int64 // days since 1970-01-01
	workday bool
}

// Calendar answers working-day questions from a set of overrides.
type Calendar struct {
	ov    []override // sorted by day, one per day
	years []int      // sorted, distinct
}

// New builds a calendar. It refuses a malformed or impossible date, an unknown kind and a
// date listed twice with different kinds; a date listed twice with the same kind is kept once.
func New(days []Day) (*Calendar, error) {
	byDay := make(map[int64]Kind, len(days))
	var errs []error
	for _, d := range days {
		t, err := time.Parse(DateLayout, d.Date)
		if err != nil || t.Format(DateLayout) != d.Date {
			errs = append(errs, fmt.Errorf("workdays: bad date %q (want YYYY-MM-DD)", d.Date))
			continue
		}
		if d.Kind != Holiday && d.Kind != Workday {
			errs = append(errs, fmt.Errorf("workdays: %s: unknown kind %d", d.Date, int(d.Kind)))
			continue
		}
		n := dayNumber(t)
		if k, ok := byDay[n]; ok && k != d.Kind {
			errs = append(errs, fmt.Errorf("workdays: %s listed both as %s and as %s", d.Date, k, d.Kind))
			continue
		}
		byDay[n] = d.Kind
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c := &Calendar{ov: make([]override, 0, len(byDay))}
	for n, k := range byDay {
		c.ov = append(c.ov, override{day: n, workday: k == Workday})
	}
	sort.Slice(c.ov, func(i, j int) bool { return c.ov[i].day < c.ov[j].day })
	for _, o := range c.ov {
		y, _, _ := fromDayNumber(o.day, time.UTC).Date()
		if len(c.years) == 0 || c.years[len(c.years)-1] != y {
			c.years = append(c.years, y)
		}
	}
	return c, nil
}

// Years returns the years, ascending, for which the calendar holds any override.
func (c *Calendar) Years() []int {
	if c == nil {
		return nil
	}
	return append([]int(nil), c.years...)
}

// Covers reports whether the calendar holds any override for year. A year it does not cover
// is counted as the plain week, which is almost certainly wrong for a real year in China.
func (c *Calendar) Covers(year int) bool {
	if c == nil {
		return false
	}
	i := sort.SearchInts(c.years, year)
	return i < len(c.years) && c.years[i] == year
}

// IsWorkday reports whether d's date (in d's location) is a working day.
func (c *Calendar) IsWorkday(d time.Time) bool {
	return c.isWorkday(dayNumber(d))
}

// NextWorkday returns d's date if it is a working day, else the first working day after it.
func (c *Calendar) NextWorkday(d time.Time) time.Time {
	n := dayNumber(d)
	i := c.after(n - 1)
	for {
		w, j := c.step(n, i)
		if w {
			return fromDayNumber(n, d.Location())
		}
		n, i = n+1, j
	}
}

// AddWorkdays returns the date of the n-th working day after from. The day of from itself is
// not counted: a period starts on the day after the event that starts it. So AddWorkdays(x, 1)
// is the first working day after x, also when x is a Friday or a holiday. For n <= 0 it
// returns from's date. It does not allocate.
func (c *Calendar) AddWorkdays(from time.Time, n int) time.Time {
	day := dayNumber(from)
	if n <= 0 {
		return fromDayNumber(day, from.Location())
	}
	i := c.after(day)
	for {
		day++
		var w bool
		w, i = c.step(day, i)
		if w {
			n--
			if n == 0 {
				return fromDayNumber(day, from.Location())
			}
		}
	}
}

// DueByDays returns the last day of a period of n natural (calendar) days starting the day
// after from: from's date plus n days. When that day is not a working day (a weekend or a
// holiday), the period ends on the first working day after it instead — the usual rule that a
// period whose last day falls on a holiday ends on the first working day after the holiday.
// A 调休 weekend working day counts as a working day, so a period can end on a Sunday.
// For n <= 0 it returns from's date, like AddWorkdays.
func (c *Calendar) DueByDays(from time.Time, n int) time.Time {
	day := dayNumber(from)
	if n <= 0 {
		return fromDayNumber(day, from.Location())
	}
	return c.NextWorkday(fromDayNumber(day+int64(n), from.Location()))
}

// WorkdaysBetween counts the working days d with a < d <= b, by date; 0 when b is not after a.
// Its cost does not grow with the distance between a and b.
func (c *Calendar) WorkdaysBetween(a, b time.Time) int {
	na, nb := dayNumber(a), dayNumber(b)
	if nb <= na {
		return 0
	}
	// Weekdays in (na, nb], then correct by the overrides in that range.
	count := weekdaysBefore(nb+1) - weekdaysBefore(na+1)
	if c != nil {
		for i := c.after(na); i < len(c.ov) && c.ov[i].day <= nb; i++ {
			o := c.ov[i]
			weekend := isWeekend(o.day)
			switch {
			case o.workday && weekend:
				count++
			case !o.workday && !weekend:
				count--
			}
		}
	}
	return int(count)
}

// isWorkday decides one day by binary search.
func (c *Calendar) isWorkday(n int64) bool {
	w, _ := c.step(n, c.after(n-1))
	return w
}

// after returns the index of the first override later than day n.
func (c *Calendar) after(n int64) int {
	if c == nil {
		return 0
	}
	lo, hi := 0, len(c.ov)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.ov[m].day <= n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// step decides day n given i, the index of the first override not before n, and returns
// the index of the first override after n: walking day by day costs no search.
func (c *Calendar) step(n int64, i int) (bool, int) {
	if c != nil && i < len(c.ov) && c.ov[i].day == n {
		return c.ov[i].workday, i + 1
	}
	return !isWeekend(n), i
}

// dayNumber is the number of days from 1970-01-01 to t's date in t's location.
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return floorDiv(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), 86400)
}

// fromDayNumber is the date n days after 1970-01-01, at 00:00 in loc.
func fromDayNumber(n int64, loc *time.Location) time.Time {
	y, m, d := time.Unix(n*86400, 0).UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// monday0 shifts day numbers so that 0 is a Monday (1970-01-01 was a Thursday).
const monday0 = 3

func isWeekend(n int64) bool {
	return floorMod(n+monday0, 7) >= 5
}

// weekdaysBefore counts Monday-to-Friday days before day n, from an arbitrary fixed origin:
// only differences of it mean anything.
func weekdaysBefore(n int64) int64 {
	k := n + monday0
	return floorDiv(k, 7)*5 + min(floorMod(k, 7), 5)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	return a - floorDiv(a, b)*b
}
