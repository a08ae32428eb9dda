package ids

import (
	"fmt"
	"strings"
	"time"
)

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// idDigits checks that r holds only ASCII digits.
func idDigits(r []rune) error {
	for i, c := range r {
		if c < '0' || c > '9' {
			return newError(KeyIDDigit, "Pos", i+1, "Char", string(c))
		}
	}
	return nil
}

func idCheck(s string) byte {
	sum := 0
	for i, w := range idWeights {
		sum += int(s[i]-'0') * w
	}
	return idCheckChars[sum%11]
}

// IDCheckChar returns the check character ('0'–'9' or 'X') of the resident
// ID number whose first 17 digits are first17. The input is normalised first.
func IDCheckChar(first17 string) (byte, error) {
	r := []rune(Normalize(first17))
	if len(r) != 17 {
		return 0, newError(KeyIDLength, "Len", len(r), "Want", 17)
	}
	if err := idDigits(r); err != nil {
		return 0, err
	}
	return idCheck(string(r)), nil
}

// ValidateIDNumber checks an 18-character resident ID number (居民身份证号码,
// GB 11643-1999) and returns it normalised, with a lower-case x upper-cased.
// The birth date (characters 7–14) must be a real calendar date between
// 1900-01-01 and today inclusive; today is taken in its own location, and a
// zero today means time.Now(). The area code is not checked against a list,
// since Hong Kong, Macao and Taiwan residence permits (81, 82, 83) use the
// same format. Errors have keys ids.id.length, ids.id.digit,
// ids.id.checkchar, ids.id.birth, ids.id.birth_early, ids.id.birth_future or
// ids.id.check.
func ValidateIDNumber(s string, today time.Time) (string, error) {
	r := []rune(Normalize(s))
	if len(r) != 18 {
		return "", newError(KeyIDLength, "Len", len(r), "Want", 18)
	}
	if err := idDigits(r[:17]); err != nil {
		return "", err
	}
	if c := r[17]; c != 'X' && (c < '0' || c > '9') {
		return "", newError(KeyIDCheckChar, "Pos", 18, "Char", string(c))
	}
	code := string(r)
	if err := checkBirth(code[6:14], today); err != nil {
		return "", err
	}
	if want := idCheck(code); want != code[17] {
		return "", newError(KeyIDCheck, "Want", string(want), "Got", code[17:])
	}
	return code, nil
}

// checkBirth checks an 8-digit YYYYMMDD date.
func checkBirth(b string, today time.Time) error {
	y, m, d := atoi(b[:4]), atoi(b[4:6]), atoi(b[6:8])
	date := fmt.Sprintf("%s-%s-%s", b[:4], b[4:6], b[6:8])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return newError(KeyIDBirth, "Date", date)
	}
	if y < 1900 {
		return newError(KeyIDBirthEarly, "Date", date)
	}
	if today.IsZero() {
		today = time.Now()
	}
	ty, tm, td := today.Date()
	if t.After(time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)) {
		return newError(KeyIDBirthFuture, "Date", date)
	}
	return nil
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// MaskIDNumber hides the middle of an ID number for display. The input is
// normalised first. An 18- or 15-character value keeps its first 6 and last
// 4 characters ("110105********002X"); any other value of 8 or more
// characters keeps only its last 4; shorter non-empty values are masked
// entirely. Every hidden character becomes one '*'.
func MaskIDNumber(s string) string {
	r := []rune(Normalize(s))
	n := len(r)
	switch {
	case n == 18 || n == 15:
		return string(r[:6]) + strings.Repeat("*", n-10) + string(r[n-4:])
	case n >= 8:
		return strings.Repeat("*", n-4) + string(r[n-4:])
	}
	return strings.Repeat("*", n)
}
