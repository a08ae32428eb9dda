package workdays

import (
	"strings"
	"testing"
	"time"
)

// cst is China Standard Time without depending on the tz database.
var cst = time.FixedZone("CST", 8*3600)

// day parses "2006-01-02" or "2006-01-02 15:04" in CST.
func day(t testing.TB, s string) time.Time {
	t.Helper()
	layout := DateLayout
	if len(s) > len(DateLayout) {
		layout = "2006-01-02 15:04"
	}
	d, err := time.ParseInLocation(layout, s, cst)
	if err != nil {
		t.Fatalf("bad test date %q: %v", s, err)
	}
	return d
}

func builtinCal(t testing.TB) *Calendar {
	t.Helper()
	c, err := New(Builtin())
	if err != nil {
		t.Fatalf("New(Builtin()): %v", err)
	}
	return c
}

// checkDate fails unless got is want's date at 00:00 in CST.
func checkDate(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	if got.Format("2006-01-02 15:04:05") != want+" 00:00:00" || got.Location() != cst {
		t.Errorf("%s = %s (%s), want %s 00:00 CST", what, got.Format("2006-01-02 15:04:05 Mon"), got.Location(), want)
	}
}

func TestAddWorkdays(t *testing.T) {
	c := builtinCal(t)
	tests := []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2024-02-08", 1, "2024-02-09", "Thu → Fri before the Spring Festival"},
		{"2024-02-09", 1, "2024-02-18", "Feb 10–17 off, Sun Feb 18 is 调休 work"},
		{"2024-02-09", 2, "2024-02-19", "Sun Feb 18, then Mon Feb 19"},
		{"2024-02-02", 1, "2024-02-04", "Sat Feb 3 off, Sun Feb 4 is 调休 work"},
		{"2024-02-04", 5, "2024-02-09", "Mon 5 … Thu 8 is 4, Fri 9 is 5"},
		{"2024-02-12 09:30", 1, "2024-02-18", "counting from a holiday, time of day ignored"},
		{"2024-09-27", 1, "2024-09-29", "Sat Sep 28 off, Sun Sep 29 works"},
		{"2024-09-27", 2, "2024-09-30", "Sun 29, Mon 30"},
		{"2024-09-30", 1, "2024-10-08", "Oct 1–7 off"},
		{"2024-09-30", 5, "2024-10-12", "Oct 8, 9, 10, 11, Sat 12"},
		{"2024-09-30", 6, "2024-10-14", "Sun Oct 13 off"},
		{"2025-01-24", 1, "2025-01-26", "Sat Jan 25 off, Sun Jan 26 works"},
		{"2025-01-26", 1, "2025-01-27", "Mon Jan 27"},
		{"2025-01-27", 1, "2025-02-05", "Jan 28–Feb 4 off"},
		{"2025-01-27", 3, "2025-02-07", "Feb 5, 6, 7"},
		{"2025-02-07", 1, "2025-02-08", "Sat Feb 8 is 调休 work"},
		{"2025-02-07", 2, "2025-02-10", "Sat Feb 8, Sun Feb 9 off, Mon Feb 10"},
		{"2024-03-01", 7, "2024-03-12", "Fri: Mar 4–8 are 5, Mon 11 is 6, Tue 12 is 7"},
		{"2024-03-01", 1, "2024-03-04", "Fri → Mon over a normal weekend"},
		{"2024-12-31", 1, "2025-01-02", "Jan 1 2025 off"},
		{"2024-04-03", 1, "2024-04-07", "Apr 4–6 off, Sun Apr 7 works"},
		{"2024-04-26", 1, "2024-04-28", "Sat Apr 27 off, Sun Apr 28 works"},
		{"2024-04-28", 1, "2024-04-29", "Mon Apr 29"},
		{"2024-04-30", 1, "2024-05-06", "May 1–5 off"},
		{"2024-05-10", 1, "2024-05-11", "Sat May 11 works"},
		{"2024-06-07", 1, "2024-06-11", "weekend, then Mon Jun 10 off"},
		{"2024-09-13", 1, "2024-09-14", "Sat Sep 14 works"},
		{"2024-09-14", 1, "2024-09-18", "Sep 15–17 off"},
		{"2025-04-03", 1, "2025-04-07", "Apr 4–6 off, no 调休"},
		{"2025-04-25", 1, "2025-04-27", "Sun Apr 27 works"},
		{"2025-04-30", 1, "2025-05-06", "May 1–5 off"},
		{"2025-05-30", 1, "2025-06-03", "May 31–Jun 2 off"},
		{"2025-09-26", 1, "2025-09-28", "Sun Sep 28 works"},
		{"2025-09-30", 1, "2025-10-09", "Oct 1–8 off"},
		{"2025-10-10", 1, "2025-10-11", "Sat Oct 11 works"},
		{"2027-01-01", 1, "2027-01-04", "an uncovered year is the plain week"},
		{"2026-09-30", 5, "2026-10-13", "2026: National Day off, Sat 10 Oct worked (the hearing-request window)"},
		{"2026-02-13", 1, "2026-02-14", "2026: Sat 14 Feb is a working day before the Spring Festival"},
		{"2026-02-14", 1, "2026-02-24", "2026: Spring Festival 15–23 Feb off"},
		{"2024-02-10 15:30", 0, "2024-02-10", "n = 0 returns from's date, even a holiday"},
		{"2024-02-10", -3, "2024-02-10", "n < 0 returns from's date"},
	}
	for _, tt := range tests {
		got := c.AddWorkdays(day(t, tt.from), tt.n)
		checkDate(t, "AddWorkdays("+tt.from+", "+itoa(tt.n)+") ["+tt.why+"]", got, tt.want)
	}
}

func TestDueByDays(t *testing.T) {
	c := builtinCal(t)
	tests := []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2024-03-01", 14, "2024-03-15", "Fri Mar 15 is a working day"},
		{"2024-03-01", 8, "2024-03-11", "Sat Mar 9 rolls to Mon Mar 11"},
		{"2024-03-01", 9, "2024-03-11", "Sun Mar 10 rolls to Mon Mar 11"},
		{"2024-09-01", 30, "2024-10-08", "Oct 1 rolls past the National Day holiday"},
		{"2024-09-16", 15, "2024-10-08", "Oct 1 again, counted from a holiday"},
		{"2024-09-14", 15, "2024-09-29", "Sun Sep 29 is 调休 work: no roll"},
		{"2024-12-31", 1, "2025-01-02", "Jan 1 rolls to Jan 2"},
		{"2025-01-13", 15, "2025-02-05", "Jan 28 rolls to Feb 5"},
		{"2025-01-13 23:59", 15, "2025-02-05", "time of day ignored"},
		{"2024-01-30", 30, "2024-02-29", "leap day, a Thursday"},
		{"2024-02-10", 0, "2024-02-10", "n = 0 returns from's date"},
	}
	for _, tt := range tests {
		got := c.DueByDays(day(t, tt.from), tt.n)
		checkDate(t, "DueByDays("+tt.from+", "+itoa(tt.n)+") ["+tt.why+"]", got, tt.want)
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := builtinCal(t)
	tests := []struct {
		a, b string
		want int
		why  string
	}{
		{"2024-09-30", "2024-10-12", 5, "Oct 8–12"},
		{"2024-09-30", "2024-10-07", 0, "all holiday"},
		{"2024-09-27", "2024-10-14", 8, "Sep 29, 30, Oct 8–12, Oct 14"},
		{"2024-02-08", "2024-02-19", 3, "Feb 9, Sun 18, Mon 19"},
		{"2024-03-01", "2024-03-12", 7, "Mar 4–8, 11, 12"},
		{"2024-12-31", "2025-01-31", 19, "23 weekdays − Jan 1, 28–31 + Sun Jan 26"},
		{"2023-12-31", "2024-12-31", 251, "all of 2024: 262 weekdays − 19 + 8"},
		{"2024-12-31", "2025-12-31", 248, "all of 2025: 261 weekdays − 18 + 5"},
		{"2026-12-31", "2027-12-31", 261, "uncovered 2027 is 261 plain weekdays"},
		{"2024-10-12 23:00", "2024-10-12 01:00", 0, "same date"},
		{"2024-10-12", "2024-09-30", 0, "b before a"},
		{"2024-10-11 23:59", "2024-10-12 00:00", 1, "dates, not durations"},
	}
	for _, tt := range tests {
		if got := c.WorkdaysBetween(day(t, tt.a), day(t, tt.b)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d [%s]", tt.a, tt.b, got, tt.want, tt.why)
		}
	}
}

func TestIsWorkdayAndNextWorkday(t *testing.T) {
	c := builtinCal(t)
	tests := []struct {
		d    string
		work bool
		next string
	}{
		{"2024-02-04", true, "2024-02-04"},  // Sunday, 调休
		{"2024-02-09", true, "2024-02-09"},  // Friday
		{"2024-02-10", false, "2024-02-18"}, // Saturday in the holiday
		{"2024-02-12", false, "2024-02-18"}, // Monday in the holiday
		{"2024-02-17", false, "2024-02-18"},
		{"2024-02-24", false, "2024-02-26"}, // plain Saturday
		{"2024-10-01", false, "2024-10-08"},
		{"2024-10-12 10:00", true, "2024-10-12"},
		{"2024-10-13", false, "2024-10-14"},
		{"2025-10-08", false, "2025-10-09"},
		{"2025-10-11", true, "2025-10-11"},
		{"2023-12-30", false, "2024-01-02"}, // Sat, Sun, then Jan 1 2024 off
		{"2027-01-01", true, "2027-01-01"},  // uncovered year: a plain Friday
		{"2026-01-01", false, "2026-01-04"}, // 2026 元旦 1–3 Jan off; Sun 4 Jan is worked (调休)
	}
	for _, tt := range tests {
		d := day(t, tt.d)
		if got := c.IsWorkday(d); got != tt.work {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.d, got, tt.work)
		}
		checkDate(t, "NextWorkday("+tt.d+")", c.NextWorkday(d), tt.next)
	}
}

// The date is read in the time's own location, and results are in from's location.
func TestLocation(t *testing.T) {
	c := builtinCal(t)
	// 2024-02-17 20:00 UTC is Sunday 2024-02-18 04:00 in Beijing.
	u := time.Date(2024, 2, 17, 20, 0, 0, 0, time.UTC)
	if c.IsWorkday(u) {
		t.Error("Sat 2024-02-17 (UTC) counted as a working day")
	}
	if !c.IsWorkday(u.In(cst)) {
		t.Error("Sun 2024-02-18 (CST) not counted as a working day")
	}
	got := c.AddWorkdays(u, 1)
	if got.Location() != time.UTC || got.Format(time.RFC3339) != "2024-02-18T00:00:00Z" {
		t.Errorf("AddWorkdays in UTC = %s, want 2024-02-18T00:00:00Z", got.Format(time.RFC3339))
	}
	got = c.AddWorkdays(u.In(cst), 1)
	if got.Format(time.RFC3339) != "2024-02-19T00:00:00+08:00" {
		t.Errorf("AddWorkdays in CST = %s, want 2024-02-19T00:00:00+08:00", got.Format(time.RFC3339))
	}
}

func TestNewRefuses(t *testing.T) {
	tests := []struct {
		name string
		days []Day
		msg  string
	}{
		{"single-digit month", []Day{{Date: "2024-2-10", Kind: Holiday}}, "bad date"},
		{"impossible day", []Day{{Date: "2024-02-30", Kind: Holiday}}, "bad date"},
		{"not a leap year", []Day{{Date: "2025-02-29", Kind: Holiday}}, "bad date"},
		{"empty", []Day{{Kind: Holiday}}, "bad date"},
		{"with time", []Day{{Date: "2024-02-10T00:00:00Z", Kind: Holiday}}, "bad date"},
		{"slashes", []Day{{Date: "2024/02/10", Kind: Holiday}}, "bad date"},
		{"zero kind", []Day{{Date: "2024-02-10"}}, "unknown kind"},
		{"bad kind", []Day{{Date: "2024-02-10", Kind: 7}}, "unknown kind"},
		{"contradiction", []Day{{Date: "2024-02-10", Kind: Holiday}, {Date: "2024-03-01", Kind: Holiday}, {Date: "2024-02-10", Kind: Workday}}, "2024-02-10 listed both as holiday and as workday"},
		{"builtin plus contradiction", append(Builtin(), Day{Date: "2024-02-18", Kind: Holiday}), "2024-02-18 listed both"},
	}
	for _, tt := range tests {
		c, err := New(tt.days)
		if err == nil || c != nil {
			t.Errorf("%s: New accepted %v", tt.name, tt.days)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %q does not say %q", tt.name, err, tt.msg)
		}
	}
}

func TestNewAcceptsRepeats(t *testing.T) {
	c, err := New([]Day{
		{Date: "2024-02-18", Kind: Workday, Name: "春节"},
		{Date: "2024-02-18", Kind: Workday},
		{Date: "2024-02-17", Kind: Holiday}, // a holiday on a Saturday is allowed
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if !c.IsWorkday(day(t, "2024-02-18")) || c.IsWorkday(day(t, "2024-02-17")) {
		t.Error("repeated days not applied")
	}
	if got := c.WorkdaysBetween(day(t, "2024-02-16"), day(t, "2024-02-18")); got != 1 {
		t.Errorf("a repeated day counted %d times, want 1", got)
	}
}

func TestYearsAndCovers(t *testing.T) {
	c := builtinCal(t)
	if got := c.Years(); len(got) != 3 || got[0] != 2024 || got[1] != 2025 || got[2] != 2026 {
		t.Errorf("Years() = %v, want [2024 2025 2026]", got)
	}
	for y, want := range map[int]bool{2023: false, 2024: true, 2025: true, 2026: true, 2027: false} {
		if c.Covers(y) != want {
			t.Errorf("Covers(%d) = %v, want %v", y, !want, want)
		}
	}
	c.Years()[0] = 1999
	if !c.Covers(2024) {
		t.Error("Years returned the calendar's own slice")
	}
	empty, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(empty.Years()) != 0 || empty.Covers(2024) {
		t.Error("an empty calendar claims to cover something")
	}
	if !empty.IsWorkday(day(t, "2024-02-12")) {
		t.Error("an empty calendar does not follow the plain week")
	}
	var nilCal *Calendar
	checkDate(t, "nil calendar AddWorkdays", nilCal.AddWorkdays(day(t, "2024-02-09"), 1), "2024-02-12")
	if nilCal.WorkdaysBetween(day(t, "2024-02-09"), day(t, "2024-02-19")) != 6 || nilCal.Covers(2024) || nilCal.Years() != nil {
		t.Error("a nil calendar is not the plain week")
	}
}

// Counted by hand from DOMAIN.md:
//
//	2024 holidays: 1 + 8 + 3 + 5 + 1 + 3 + 7 = 28; working weekends: Feb 4, Feb 18, Apr 7,
//	Apr 28, May 11, Sep 14, Sep 29, Oct 12 = 8.
//	2025 holidays: 1 + 8 + 3 + 5 + 3 + 8 = 28; working weekends: Jan 26, Feb 8, Apr 27,
//	Sep 28, Oct 11 = 5.
//	2026 (国务院办公厅 notice of 2025-11-04) holidays: 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33;
//	working weekends: Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10 = 6.
func TestBuiltinCounts(t *testing.T) {
	days := Builtin()
	if len(days) != 108 {
		t.Errorf("Builtin has %d days, want 108", len(days))
	}
	type key struct {
		year string
		kind Kind
	}
	count := map[key]int{}
	names := map[string]bool{}
	seen := map[string]bool{}
	prev := ""
	for _, d := range days {
		count[key{d.Date[:4], d.Kind}]++
		names[d.Name] = true
		if seen[d.Date] {
			t.Errorf("Builtin lists %s twice", d.Date)
		}
		seen[d.Date] = true
		if d.Date <= prev {
			t.Errorf("Builtin out of order at %s", d.Date)
		}
		prev = d.Date
		if d.Name == "" {
			t.Errorf("Builtin %s has no name", d.Date)
		}
		if d.Kind == Workday {
			wd := day(t, d.Date).Weekday()
			if wd != time.Saturday && wd != time.Sunday {
				t.Errorf("Builtin working day %s is a %s, not a weekend day", d.Date, wd)
			}
		}
	}
	want := map[key]int{{"2024", Holiday}: 28, {"2024", Workday}: 8, {"2025", Holiday}: 28, {"2025", Workday}: 5,
		{"2026", Holiday}: 33, {"2026", Workday}: 6}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("Builtin %s %s: %d days, want %d", k.year, k.kind, count[k], n)
		}
	}
	for _, n := range []string{"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"} {
		if !names[n] {
			t.Errorf("no built-in day named %s", n)
		}
	}
	spot := map[string]Day{
		"2024-01-01": {"2024-01-01", Holiday, "元旦"},
		"2024-02-17": {"2024-02-17", Holiday, "春节"},
		"2024-06-10": {"2024-06-10", Holiday, "端午节"},
		"2024-09-15": {"2024-09-15", Holiday, "中秋节"},
		"2024-10-12": {"2024-10-12", Workday, "国庆节"},
		"2025-01-28": {"2025-01-28", Holiday, "春节"},
		"2025-02-04": {"2025-02-04", Holiday, "春节"},
		"2025-04-06": {"2025-04-06", Holiday, "清明节"},
		"2025-04-27": {"2025-04-27", Workday, "劳动节"},
		"2025-06-02": {"2025-06-02", Holiday, "端午节"},
	}
	for _, d := range days {
		if w, ok := spot[d.Date]; ok {
			if d != w {
				t.Errorf("Builtin %s = %+v, want %+v", d.Date, d, w)
			}
			delete(spot, d.Date)
		}
	}
	for d := range spot {
		t.Errorf("Builtin lacks %s", d)
	}
	// A fresh slice each call.
	days[0].Kind = Workday
	if Builtin()[0].Kind != Holiday {
		t.Error("Builtin returned shared data")
	}
}

func TestKindString(t *testing.T) {
	for _, k := range []Kind{Holiday, Workday} {
		got, err := ParseKind(k.String())
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, err)
		}
	}
	if Holiday.String() != "holiday" || Workday.String() != "workday" {
		t.Error("kind spellings differ from the stored ones")
	}
	if _, err := ParseKind("Holiday"); err == nil {
		t.Error("ParseKind accepted a wrong spelling")
	}
}

// The fast paths agree with a plain day-by-day walk over IsWorkday, on every start day of
// 2023–2026 (holiday edges, year ends, uncovered years).
func TestAgreesWithWalk(t *testing.T) {
	c := builtinCal(t)
	start := day(t, "2023-12-01")
	for i := 0; i < 3*366; i++ {
		from := start.AddDate(0, 0, i)
		// walk
		d, k := from, 0
		for k < 30 {
			d = d.AddDate(0, 0, 1)
			if c.IsWorkday(d) {
				k++
				if got := c.AddWorkdays(from, k); !got.Equal(d) {
					t.Fatalf("AddWorkdays(%s, %d) = %s, walk says %s", from.Format(DateLayout), k, got.Format(DateLayout), d.Format(DateLayout))
				}
			}
			if got := c.WorkdaysBetween(from, d); got != k {
				t.Fatalf("WorkdaysBetween(%s, %s) = %d, walk says %d", from.Format(DateLayout), d.Format(DateLayout), got, k)
			}
		}
	}
}

func TestAddWorkdaysDoesNotAllocate(t *testing.T) {
	c := builtinCal(t)
	from := day(t, "2024-01-01")
	allocs := testing.AllocsPerRun(100, func() {
		_ = c.AddWorkdays(from, 125) // about 180 natural days
		_ = c.WorkdaysBetween(from, from.AddDate(0, 0, 180))
		_ = c.DueByDays(from, 180)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per call, want 0", allocs)
	}
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := builtinCal(b)
	from := day(b, "2024-01-01")
	b.ReportAllocs()
	for b.Loop() {
		_ = c.AddWorkdays(from, 125) // 2024-01-01 + 125 working days ≈ 180 natural days
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
