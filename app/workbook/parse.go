package workbook

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/ids"
	"townledger/app/problem"
)

var (
	serialRE   = regexp.MustCompile(`^[0-9]{1,7}(\.[0-9]+)?$`)
	dashDateRE = regexp.MustCompile(`^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$`)
	hanDateRE  = regexp.MustCompile(`^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$`)
	// sciRE matches a number Excel wrote in scientific notation: a long number typed into a
	// cell not formatted as text, whose digits beyond the fifteenth are already lost.
	sciRE = regexp.MustCompile(`^[0-9](\.[0-9]+)?E\+?[0-9]+$`)
)

// Earliest and latest dates an import accepts; anything else is a typing slip.
var (
	minDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// ParseTypedDate reads a date a person typed into a form: the text forms of ParseDate only —
// a bare number is no date here, whatever Excel would make of it.
func ParseTypedDate(s string) (time.Time, error) {
	if serialRE.MatchString(ids.Normalize(s)) {
		return time.Time{}, problem.New(KeyBadDate, map[string]any{"Value": clip(s, 40)})
	}
	return ParseDate(s, false)
}

// ParseDate reads a calendar date from raw cell text: an Excel serial number (in the
// workbook's 1900 or 1904 date system; a time of day is dropped) or the text forms
// 2024-03-15, 2024/3/15, 2024.3.15 and 2024年3月15日 (full-width digits too). The date is
// returned at midnight UTC. The error key is import.bad_date.
func ParseDate(s string, date1904 bool) (time.Time, error) {
	bad := problem.New(KeyBadDate, map[string]any{"Value": clip(s, 40)})
	n := ids.Normalize(s)
	if serialRE.MatchString(n) {
		f, err := strconv.ParseFloat(n, 64)
		if err != nil || f < 1 || math.IsInf(f, 0) {
			return time.Time{}, bad
		}
		t, err := excelize.ExcelDateToTime(math.Floor(f), date1904)
		if err != nil {
			return time.Time{}, bad
		}
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if d.Before(minDate) || d.After(maxDate) {
			return time.Time{}, bad
		}
		return d, nil
	}
	m := dashDateRE.FindStringSubmatch(n)
	if m == nil {
		m = hanDateRE.FindStringSubmatch(n)
	}
	if m == nil {
		return time.Time{}, bad
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || t.Before(minDate) || t.After(maxDate) {
		return time.Time{}, bad
	}
	return t, nil
}

// OneOf makes a Parse function for an enumeration: the cell text, compared after
// normalising width and case, must be a key of values, and the value is what it maps to.
// The values themselves are accepted too, so a value written back reads the same. shown
// are the spellings the error message offers (the template's drop-down list).
func OneOf(values map[string]string, shown []string) func(string) (any, error) {
	norm := make(map[string]string, 2*len(values))
	for _, v := range values {
		norm[foldKey(v)] = v
	}
	for k, v := range values {
		norm[foldKey(k)] = v
	}
	list := strings.Join(shown, "、")
	return func(s string) (any, error) {
		if v, ok := norm[foldKey(s)]; ok {
			return v, nil
		}
		return nil, problem.New(KeyChoice, map[string]any{"Value": clip(s, 40), "Choices": list})
	}
}

// foldKey normalises text for comparing headers and choices: full-width forms to
// half-width, upper case, no white space, no trailing asterisks.
func foldKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0':
			return -1
		}
		return r
	}, ids.Normalize(s))
	return strings.TrimRight(s, "*")
}

// withoutRemark drops a trailing parenthesised remark from a folded header, so
// "名称(必填)" also matches "名称".
func withoutRemark(k string) string {
	if strings.HasSuffix(k, ")") {
		if i := strings.LastIndex(k, "("); i > 0 {
			return strings.TrimRight(k[:i], "*")
		}
	}
	return k
}

// parseCell turns the raw text of a cell in column c into its value.
func parseCell(c Column, raw string, date1904 bool) (any, error) {
	s := strings.TrimFunc(raw, isSpace)
	max := c.MaxLen
	if max <= 0 {
		max = DefaultMax
	}
	if n := len([]rune(s)); n > max {
		return nil, problem.New(KeyTooLong, map[string]any{"Max": max, "Len": n})
	}
	if c.Date {
		return ParseDate(s, date1904)
	}
	if c.AsText && sciRE.MatchString(strings.ToUpper(s)) {
		return nil, problem.New(KeyNumberLost, map[string]any{"Value": s})
	}
	if c.Parse == nil {
		return s, nil
	}
	return c.Parse(s)
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u3000', '\u00a0', '\u200b', '\ufeff':
		return true
	}
	return false
}
