// Package ids validates and normalises the identifiers Chinese public records
// use: unified social credit codes, resident ID numbers, administrative
// division codes and phone numbers.
//
// Every validator first applies [Normalize], so full-width input such as
// "９１１１００００６０００３７３４１Ｌ" and lower-case letters are accepted. Every
// validation failure is returned as an [*Error] whose Key is a translation
// key listed in [Keys].
package ids

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Normalize trims leading and trailing white space (including the
// ideographic space U+3000), converts full-width ASCII (U+FF01–U+FF5E) and
// U+3000 to their half-width forms and upper-cases the result. Invalid UTF-8
// bytes become U+FFFD.
func Normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
	return strings.ToUpper(strings.TrimFunc(s, unicode.IsSpace))
}

// Error says which rule an identifier broke; Key is a translation key the UI
// and CLI render.
type Error struct {
	Key  string         // one of Keys, e.g. "ids.credit.check"
	Data map[string]any // template data, e.g. {"Pos": 5, "Char": "I"} or {"Want": "L", "Got": "K"}
}

func newError(key string, kv ...any) *Error {
	d := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		d[kv[i].(string)] = kv[i+1]
	}
	return &Error{Key: key, Data: d}
}

// Error returns an English sentence for logs.
func (e *Error) Error() string {
	d := e.Data
	switch e.Key {
	case KeyCreditLength:
		return fmt.Sprintf("credit code: has %v characters, want %v", d["Len"], d["Want"])
	case KeyCreditChar:
		return fmt.Sprintf("credit code: character %v %q is not allowed", d["Pos"], d["Char"])
	case KeyCreditRegion:
		return fmt.Sprintf("credit code: character %v %q must be a digit (region code)", d["Pos"], d["Char"])
	case KeyCreditCheck:
		return fmt.Sprintf("credit code: check character is %q, want %q", d["Got"], d["Want"])
	case KeyIDLength:
		return fmt.Sprintf("ID number: has %v characters, want %v", d["Len"], d["Want"])
	case KeyIDDigit:
		return fmt.Sprintf("ID number: character %v %q is not a digit", d["Pos"], d["Char"])
	case KeyIDCheckChar:
		return fmt.Sprintf("ID number: last character %q must be a digit or X", d["Char"])
	case KeyIDBirth:
		return fmt.Sprintf("ID number: birth date %v does not exist", d["Date"])
	case KeyIDBirthEarly:
		return fmt.Sprintf("ID number: birth date %v is before 1900-01-01", d["Date"])
	case KeyIDBirthFuture:
		return fmt.Sprintf("ID number: birth date %v is in the future", d["Date"])
	case KeyIDCheck:
		return fmt.Sprintf("ID number: check character is %q, want %q", d["Got"], d["Want"])
	case KeyTownLength:
		return fmt.Sprintf("town code: has %v characters, want 9 or 12", d["Len"])
	case KeyTownDigits:
		return fmt.Sprintf("town code: character %v %q is not a digit", d["Pos"], d["Char"])
	case KeyTownProvince:
		return fmt.Sprintf("town code: %q is not a province code", d["Province"])
	case KeyTownCounty:
		return fmt.Sprintf("town code: county part %q must not be 00", d["County"])
	case KeyTownTownship:
		return fmt.Sprintf("town code: township part %q is not in 001-399", d["Township"])
	case KeyTownVillage:
		return fmt.Sprintf("town code: village part %q must be 000 for a town", d["Village"])
	case KeyAreaLength:
		return fmt.Sprintf("area code: has %v characters, want 6", d["Len"])
	case KeyAreaDigits:
		return fmt.Sprintf("area code: character %v %q is not a digit", d["Pos"], d["Char"])
	case KeyAreaProvince:
		return fmt.Sprintf("area code: %q is not a province code", d["Province"])
	case KeyAreaLevel:
		return fmt.Sprintf("area code: %v is a province's code", d["Code"])
	case KeyAreaTown:
		return fmt.Sprintf("area code: %v names a town, not a district", d["Code"])
	case KeyPhoneMobile:
		return fmt.Sprintf("phone: %q is not a mobile number (11 digits starting 13-19)", d["Value"])
	case KeyPhoneLandline:
		return fmt.Sprintf("phone: %q is not a landline number (0 + area code, 7-8 digits)", d["Value"])
	case KeyPhoneInvalid:
		return fmt.Sprintf("phone: %q is neither a mobile nor a landline number", d["Value"])
	}
	return fmt.Sprintf("ids: %s %v", e.Key, e.Data)
}

// KeyOf returns the Key of the first *Error in err's chain, or "" if there
// is none.
func KeyOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}
