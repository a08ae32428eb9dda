package workbook

import (
	"fmt"
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
	dashDateRE = regexp.MustCompile(`^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$`)
	hanDateRE  = regexp.MustCompile(`^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$`)
	// sciRE matches a number Excel wrote in scientific notation: a long number typed into a
	// cell not formatted as text, whose digits beyond the fifteenth are already lost.
	sciRE = regexp.MustCompile(`^[0-9](\.[0-9]+)?E\+?[0-9]+$`)
)

// MinDate and MaxDate are the earliest and latest dates anything typed or imported may
// give; a date outside them is a typing slip (2026.3 in a date cell is 1905-07-18).
var (
	MinDate = time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxDate = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

func rangeError(value string, d time.Time) error {
	data := map[string]any{"Value": clip(value, 40), "Date": "",
		"Min": MinDate.Format(time.DateOnly), "Max": MaxDate.Format(time.DateOnly)}
	if !d.IsZero() {
		data["Date"] = d.Format(time.DateOnly)
	}
	return problem.New(KeyDateRange, data)
}

// ParseTypedDate reads a date written as text: 2024-03-15, 2024/3/15, 2024.3.15 or
// 2024年3月15日, full-width digits too, between MinDate and MaxDate. A bare number is no
// date here, whatever Excel would make of it. The date is returned at midnight UTC. The
// error key is import.bad_date, or import.date_range for a date outside the range.
func ParseTypedDate(s string) (time.Time, error) {
	n := ids.Normalize(strings.TrimFunc(s, isSpace))
	bad := problem.New(KeyBadDate, map[string]any{"Value": clip(s, 40)})
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
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, bad
	}
	if t.Before(MinDate) || t.After(MaxDate) {
		return time.Time{}, rangeError(s, time.Time{})
	}
	return t, nil
}

// SerialDate reads an Excel serial day number (in the workbook's 1900 or 1904 date system;
// a time of day is dropped) as a date between MinDate and MaxDate. value is the number as
// the cell holds it, quoted by the error: import.bad_date for no number,
// import.date_range for a day outside the range.
func SerialDate(value string, date1904 bool) (time.Time, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return time.Time{}, problem.New(KeyBadDate, map[string]any{"Value": clip(value, 40)})
	}
	var d time.Time
	if f >= 1 && f < 2958466 { // up to 9999-12-31
		if t, err := excelize.ExcelDateToTime(math.Floor(f), date1904); err == nil {
			d = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	if d.IsZero() || d.Before(MinDate) || d.After(MaxDate) {
		return time.Time{}, rangeError(value, d)
	}
	return d, nil
}

// IsDateFormat tells whether a number format shows numbers as dates: one of the built-in
// formats 14–22, 27–36, 45–47 and 50–58 (id, when code is ""), or a format code with a
// year, month or day (y, m, d) outside quoted text, [brackets] and escaped characters.
// Time-only formats count too; their numbers are no dates in the accepted range anyway.
func IsDateFormat(id int, code string) bool {
	if code == "" {
		return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++ // the next character is shown as it is, or sets a width or a fill
		case 'y', 'Y', 'm', 'M', 'd', 'D':
			return true
		}
	}
	return false
}

// cellKind is what a cell holds, as the worksheet says.
type cellKind uint8

const (
	kindText   cellKind = iota // text, or a cell nothing more is known about
	kindNumber                 // a number
	kindBool                   // a logical value, TRUE or FALSE
	kindError                  // an error value such as #VALUE!
	kindISO                    // a date in ISO 8601 form (a "d" cell)
)

// cell is one cell as the reader hands it to a column's parser.
type cell struct {
	text    string   // as the file stores it: the number itself for a number, TRUE/FALSE
	kind    cellKind // for a logical value
	dateFmt bool     // a number formatted as a date
	ref     string   // its name, e.g. D5, for messages
}

// textCell is a cell holding the text s.
func textCell(s string) cell { return cell{text: s} }

// readDate reads a date cell: a number formatted as a date is an Excel serial day, a
// number formatted otherwise is refused (Excel shows it as the number it is), text must
// be in one of ParseTypedDate's forms, and a logical or error value is no date.
func readDate(c cell, s string, date1904 bool) (time.Time, error) {
	switch c.kind {
	case kindNumber:
		if !c.dateFmt {
			return time.Time{}, problem.New(KeyDateNumber, map[string]any{"Value": clip(s, 40)})
		}
		return SerialDate(s, date1904)
	case kindISO:
		day, _, _ := strings.Cut(s, "T")
		t, err := ParseTypedDate(day)
		if p := problem.From(err); p != nil && p.Key == KeyDateRange {
			return time.Time{}, rangeError(s, time.Time{})
		} else if err != nil {
			return time.Time{}, problem.New(KeyBadDate, map[string]any{"Value": clip(s, 40)})
		}
		return t, nil
	}
	return ParseTypedDate(s)
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

// parseCell turns cell x of column c into its value.
func parseCell(c Column, x cell, date1904 bool) (any, error) {
	s := strings.TrimFunc(x.text, isSpace)
	max := c.MaxLen
	if max <= 0 {
		max = DefaultMax
	}
	if n := len([]rune(s)); n > max {
		return nil, problem.New(KeyTooLong, map[string]any{"Max": max, "Len": n})
	}
	if c.Date {
		return readDate(x, s, date1904)
	}
	if ch, ok := controlChar(s); ok {
		return nil, problem.New(KeyControlChar, map[string]any{"Cell": x.ref, "Char": ch})
	}
	if !c.MultiLine && strings.ContainsAny(s, "\r\n\u2028\u2029\u0085") {
		return nil, problem.New(KeyLineBreak, map[string]any{"Cell": x.ref})
	}
	if c.AsText && sciRE.MatchString(strings.ToUpper(s)) {
		return nil, problem.New(KeyNumberLost, map[string]any{"Value": s})
	}
	if c.Parse == nil {
		return s, nil
	}
	return c.Parse(s)
}

// escapeRE matches the form a workbook gives characters XML cannot hold, _x001B_; one
// that is still there was never turned back into the character.
var escapeRE = regexp.MustCompile(`_x([0-9A-Fa-f]{4})_`)

// controlChar finds an invisible control character in s, other than a tab or a line break
// — or one still in its escaped form _x001B_ — and names it: U+001B, or the escape.
func controlChar(s string) (string, bool) {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0 && r != 0x85 {
			return fmt.Sprintf("U+%04X", r), true
		}
	}
	for _, m := range escapeRE.FindAllStringSubmatch(s, -1) {
		if n, _ := strconv.ParseUint(m[1], 16, 32); n < 0x20 || n >= 0x7f && n < 0xa0 {
			return m[0], true
		}
	}
	return "", false
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u3000', '\u00a0', '\u200b', '\ufeff':
		return true
	}
	return false
}
