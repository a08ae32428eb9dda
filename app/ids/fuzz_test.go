package ids

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// requireIDsError fails unless err is an *Error carrying a key from Keys and
// a non-empty message.
func requireIDsError(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	if !slices.Contains(Keys, e.Key) {
		t.Fatalf("error key %q is not in Keys", e.Key)
	}
	if e.Error() == "" {
		t.Fatalf("empty message for key %s", e.Key)
	}
}

func FuzzValidateCreditCode(f *testing.F) {
	for _, s := range []string{"91110000600037341L", "91440300MA5DC12341", "９１１１００００６０００３７３４１Ｌ", "12100000400000123X", "9111I000600037341L", ""} {
		f.Add(s, uint8(0), byte('A'))
	}
	f.Fuzz(func(t *testing.T, s string, pos uint8, c byte) {
		code, err := ValidateCreditCode(s)
		if err != nil {
			requireIDsError(t, err)
			// Completing the first 17 characters must give a valid code.
			if first, err := CreditCodeCheckChar(s); err == nil {
				full := Normalize(s) + string(first)
				if got, err := ValidateCreditCode(full); err != nil || got != full {
					t.Fatalf("completed code %q: %q, %v", full, got, err)
				}
			}
			return
		}
		if len(code) != 18 || !utf8.ValidString(code) {
			t.Fatalf("valid code %q is not 18 bytes", code)
		}
		if again, err := ValidateCreditCode(code); err != nil || again != code {
			t.Fatalf("revalidating %q = %q, %v", code, again, err)
		}
		if want, err := CreditCodeCheckChar(code[:17]); err != nil || want != code[17] {
			t.Fatalf("check char of %q = %q, %v", code, want, err)
		}
		// Substituting another alphabet character is always detected
		// (TestSingleSubstitution checks all of them for generated codes).
		i := int(pos) % 18
		if a := creditAlphabet[int(c)%31]; a != code[i] {
			m := code[:i] + string(a) + code[i+1:]
			if _, err := ValidateCreditCode(m); err == nil {
				t.Fatalf("mutation %q of %q passes", m, code)
			}
		}
		// An arbitrary byte at an arbitrary position is detected unless it
		// normalises to the same character.
		m := code[:i] + string([]byte{c}) + code[i+1:]
		got, err := ValidateCreditCode(m)
		same := Normalize(string([]byte{c})) == code[i:i+1]
		if same && (err != nil || got != code) {
			t.Fatalf("mutation %q of %q: %q, %v; want %q", m, code, got, err, code)
		}
		if !same && err == nil {
			t.Fatalf("mutation %q of %q passes", m, code)
		}
	})
}

func FuzzValidateIDNumber(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "11010519491231002x", "360426199101010071", "110105200002291235", "110105190002291239", "110105202506020016", ""} {
		f.Add(s, uint8(0), byte('0'))
	}
	f.Fuzz(func(t *testing.T, s string, pos uint8, c byte) {
		code, err := ValidateIDNumber(s, today)
		if err != nil {
			requireIDsError(t, err)
			// Completing 17 digits gives a valid number or a birth date error.
			if first, err := IDCheckChar(s); err == nil {
				full := Normalize(s) + string(first)
				got, err := ValidateIDNumber(full, today)
				if err == nil && got != full {
					t.Fatalf("completed number %q = %q", full, got)
				}
				if k := KeyOf(err); err != nil && !strings.HasPrefix(k, KeyIDBirth) {
					t.Fatalf("completed number %q: %v", full, err)
				}
			}
			return
		}
		if len(code) != 18 {
			t.Fatalf("valid number %q is not 18 bytes", code)
		}
		if again, err := ValidateIDNumber(code, today); err != nil || again != code {
			t.Fatalf("revalidating %q = %q, %v", code, again, err)
		}
		if want, err := IDCheckChar(code[:17]); err != nil || want != code[17] {
			t.Fatalf("check char of %q = %q, %v", code, want, err)
		}
		if b := code[6:14]; b < "19000101" || b > "20250601" {
			t.Fatalf("valid number %q has birth date %s out of range", code, b)
		}
		if m := MaskIDNumber(code); m != code[:6]+"********"+code[14:] {
			t.Fatalf("MaskIDNumber(%q) = %q", code, m)
		}
		// Any other character at any position is detected.
		i := int(pos) % 18
		m := code[:i] + string([]byte{c}) + code[i+1:]
		same := Normalize(string([]byte{c})) == code[i:i+1]
		if _, err := ValidateIDNumber(m, today); !same && err == nil {
			t.Fatalf("mutation %q of %q passes", m, code)
		}
	})
}

func FuzzValidateTownCode(f *testing.F) {
	for _, s := range []string{"110105001", "440306100000", "３６０４２６２０１", "110105001001", "110100001", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := ValidateTownCode(s)
		if err != nil {
			requireIDsError(t, err)
			if TownKind(s) != "" {
				t.Fatalf("TownKind(%q) is not empty for an invalid code", s)
			}
			return
		}
		if len(code) != 9 || !strings.HasPrefix(Normalize(s), code) {
			t.Fatalf("ValidateTownCode(%q) = %q", s, code)
		}
		if again, err := ValidateTownCode(code); err != nil || again != code {
			t.Fatalf("revalidating %q = %q, %v", code, again, err)
		}
		if long, err := ValidateTownCode(code + "000"); err != nil || long != code {
			t.Fatalf("12-digit form of %q = %q, %v", code, long, err)
		}
		if TownKind(s) == "" || TownKind(s) != TownKind(code) {
			t.Fatalf("TownKind(%q) = %q, TownKind(%q) = %q", s, TownKind(s), code, TownKind(code))
		}
	})
}
