package ids

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	mobileRE   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	landlineRE = regexp.MustCompile(`^0[0-9]{2,3}-?[0-9]{7,8}$`)
)

// cleanPhone normalises s and removes all white space inside it.
func cleanPhone(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, Normalize(s))
}

// ValidateMobile checks an 11-digit mobile number (1[3-9] + 9 digits) after
// normalising it and removing spaces, and returns the cleaned number. The
// error key is ids.phone.mobile.
func ValidateMobile(s string) (string, error) {
	c := cleanPhone(s)
	if !mobileRE.MatchString(c) {
		return "", newError(KeyPhoneMobile, "Value", c)
	}
	return c, nil
}

// ValidateLandline checks a landline number: 0, a 2–3 digit rest of the area
// code, an optional '-' and a 7–8 digit local number (e.g. "010-12345678").
// It normalises and removes spaces first and returns the cleaned number,
// keeping the '-' if present. The error key is ids.phone.landline.
func ValidateLandline(s string) (string, error) {
	c := cleanPhone(s)
	if !landlineRE.MatchString(c) {
		return "", newError(KeyPhoneLandline, "Value", c)
	}
	return c, nil
}

// ValidatePhone accepts either a mobile or a landline number and returns it
// cleaned as ValidateMobile or ValidateLandline would. The error key is
// ids.phone.invalid.
func ValidatePhone(s string) (string, error) {
	c := cleanPhone(s)
	if !mobileRE.MatchString(c) && !landlineRE.MatchString(c) {
		return "", newError(KeyPhoneInvalid, "Value", c)
	}
	return c, nil
}
