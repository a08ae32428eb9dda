// Package period reads and names reporting periods: a year "2024", a half "2024-H1", a
// quarter "2024-Q3" or a month "2024-07".
package period

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"townledger/app/ids"
	"townledger/app/problem"
)

// Translation keys this package returns or renders. The template data each carries is noted.
const (
	KeyInvalid     = "period.invalid" // Value
	KeyYear        = "period.year"    // Year
	KeyH1          = "period.h1"      // Year
	KeyH2          = "period.h2"      // Year
	KeyMonth       = "period.month"   // Year, Month
	KeyRange       = "period.range"   // From, To
	keyQuarterBase = "period.q"       // + 1…4; Year
)

// QuarterKey is the translation key of a quarter's label, e.g. "period.q3".
func QuarterKey(q int) string { return keyQuarterBase + string(rune('0'+q)) }

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyInvalid, KeyYear, KeyH1, KeyH2, KeyMonth, KeyRange, QuarterKey(1), QuarterKey(2), QuarterKey(3), QuarterKey(4)}
}

// Translate renders a translation key with its template data; the window passes its
// locale, the command line its own.
type Translate func(key string, data map[string]any) string

var periodRE = regexp.MustCompile(`^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$`)

func day(t time.Time) string { return t.Format("2006-01-02") }

// ParsePeriod reads a reporting period: a year "2024", a half "2024-H1"/"2024-H2", a
// quarter "2024-Q3" or a month "2024-07" (full-width digits and lower case accepted). It
// returns the first and the last day of the period, both included, at midnight UTC; an
// unreadable period is refused with KeyInvalid.
func Parse(s string) (from, to time.Time, err error) {
	v := strings.ToUpper(strings.TrimSpace(ids.Normalize(s)))
	m := periodRE.FindStringSubmatch(v)
	bad := problem.New(KeyInvalid, map[string]any{"Value": s})
	if m == nil {
		return time.Time{}, time.Time{}, bad
	}
	year, _ := strconv.Atoi(m[1])
	if year < 1900 {
		return time.Time{}, time.Time{}, bad
	}
	first, months := 1, 12
	switch p := m[2]; {
	case p == "":
	case p[0] == 'H':
		first, months = 1+6*int(p[1]-'1'), 6
	case p[0] == 'Q':
		first, months = 1+3*int(p[1]-'1'), 3
	default:
		first, _ = strconv.Atoi(p)
		months = 1
		if first < 1 || first > 12 {
			return time.Time{}, time.Time{}, bad
		}
	}
	from = time.Date(year, time.Month(first), 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, months, -1), nil
}

// PeriodLabel names the period from–to (days, both included): a whole year, half, quarter
// or month by its label ("2024年", "2024年上半年", "2024年第三季度", "2024年7月" in
// Chinese), anything else as a range of dates.
func Label(from, to time.Time, tr Translate) string {
	y := from.Year()
	if from.Day() == 1 && to.AddDate(0, 0, 1).Day() == 1 && !to.Before(from) {
		first, months := int(from.Month()), (to.Year()-y)*12+int(to.Month())-int(from.Month())+1
		d := map[string]any{"Year": y}
		switch {
		case months == 12 && first == 1:
			return tr(KeyYear, d)
		case months == 6 && first == 1:
			return tr(KeyH1, d)
		case months == 6 && first == 7:
			return tr(KeyH2, d)
		case months == 3 && first%3 == 1:
			return tr(QuarterKey((first-1)/3+1), d)
		case months == 1:
			d["Month"] = first
			return tr(KeyMonth, d)
		}
	}
	return tr(KeyRange, map[string]any{"From": day(from), "To": day(to)})
}

// PeriodLabel names the period in Chinese (the workbook and the mail are Chinese forms), like Label in the Chinese interface.
func ChineseLabel(from, to time.Time) string {
	zh := map[string]string{KeyYear: "年", KeyH1: "年上半年",
		KeyH2: "年下半年", QuarterKey(1): "年第一季度", QuarterKey(2): "年第二季度",
		QuarterKey(3): "年第三季度", QuarterKey(4): "年第四季度"}
	return Label(from, to, func(key string, d map[string]any) string {
		y := strconv.Itoa(from.Year())
		if s, ok := zh[key]; ok {
			return y + s
		}
		if key == KeyMonth {
			return y + "年" + strconv.Itoa(int(from.Month())) + "月"
		}
		return day(from) + "至" + day(to)
	})
}

// Canonical writes the period back in its canonical form ("2024-Q3").
func Canonical(from, to time.Time) string {
	y := strconv.Itoa(from.Year())
	months := int(to.Month()) - int(from.Month()) + 1
	switch months {
	case 12:
		return y
	case 6:
		return y + "-H" + strconv.Itoa(int(from.Month()-1)/6+1)
	case 3:
		return y + "-Q" + strconv.Itoa(int(from.Month()-1)/3+1)
	}
	return from.Format("2006-01")
}
