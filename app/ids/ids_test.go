package ids

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// today is the fixed "now" for ID number tests.
var today = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

type tcase struct {
	name string
	in   string
	want string // normalised result when key == ""
	key  string // expected error key, "" if valid
	data map[string]any
}

func check(t *testing.T, tc tcase, fn func(string) (string, error)) {
	t.Helper()
	got, err := fn(tc.in)
	if tc.key == "" {
		if err != nil || got != tc.want {
			t.Errorf("%s: (%q) = %q, %v; want %q, nil", tc.name, tc.in, got, err, tc.want)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: (%q) = %q, %v; want *Error %s", tc.name, tc.in, got, err, tc.key)
		return
	}
	if e.Key != tc.key || got != "" {
		t.Errorf("%s: (%q) = %q, key %s (%v); want key %s", tc.name, tc.in, got, e.Key, e, tc.key)
	}
	for k, v := range tc.data {
		if e.Data[k] != v {
			t.Errorf("%s: Data[%q] = %v, want %v (%v)", tc.name, k, e.Data[k], v, e.Data)
		}
	}
	if msg := e.Error(); strings.HasPrefix(msg, "ids:") {
		t.Errorf("%s: no English message for key %s: %s", tc.name, e.Key, msg)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"  abc \t":           "ABC",
		"\u3000ａｂｃ１２３\u3000": "ABC123",
		"０１０－１２３４５６７８":       "010-12345678",
		"ｘ":                  "X",
		"a\u3000b":           "A B",
		"～！":                 "~!",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

var creditCases = []tcase{
	{name: "valid", in: "91110000600037341L", want: "91110000600037341L"},
	{name: "full-width", in: "９１１１００００６０００３７３４１Ｌ", want: "91110000600037341L"},
	{name: "ideographic spaces", in: "\u3000 91110000600037341L\u3000", want: "91110000600037341L"},
	{name: "lower case", in: "91440300ma5dc12341", want: "91440300MA5DC12341"},
	{name: "check X", in: "12100000400000123X", want: "12100000400000123X"},
	{name: "letter first", in: "Y1110000600037341Y", want: "Y1110000600037341Y"},
	{name: "check letter", in: "92350100MA2Y00001E", want: "92350100MA2Y00001E"},
	{name: "empty", in: "", key: KeyCreditLength, data: map[string]any{"Len": 0, "Want": 18}},
	{name: "short", in: "91110000600037341", key: KeyCreditLength, data: map[string]any{"Len": 17}},
	{name: "long", in: "91110000600037341LL", key: KeyCreditLength, data: map[string]any{"Len": 19}},
	{name: "chinese counts runes", in: "9111000060003734一L", key: KeyCreditChar, data: map[string]any{"Pos": 17, "Char": "一"}},
	{name: "forbidden I", in: "9111I000600037341L", key: KeyCreditChar, data: map[string]any{"Pos": 5, "Char": "I"}},
	{name: "forbidden lower o", in: "91110000600037341o", key: KeyCreditChar, data: map[string]any{"Pos": 18, "Char": "O"}},
	{name: "forbidden S", in: "S1110000600037341L", key: KeyCreditChar, data: map[string]any{"Pos": 1, "Char": "S"}},
	{name: "punctuation", in: "91110000-00037341L", key: KeyCreditChar, data: map[string]any{"Pos": 9}},
	{name: "letter in region", in: "911A0000600037341L", key: KeyCreditRegion, data: map[string]any{"Pos": 4, "Char": "A"}},
	{name: "letter at 8", in: "9111000A600037341L", key: KeyCreditRegion, data: map[string]any{"Pos": 8, "Char": "A"}},
	{name: "wrong check", in: "91110000600037341K", key: KeyCreditCheck, data: map[string]any{"Want": "L", "Got": "K"}},
	{name: "transposed", in: "91110000600073341L", key: KeyCreditCheck, data: map[string]any{"Got": "L"}},
}

func TestValidateCreditCode(t *testing.T) {
	for _, tc := range creditCases {
		check(t, tc, ValidateCreditCode)
	}
}

func TestCreditCodeCheckChar(t *testing.T) {
	for in, want := range map[string]byte{
		"91110000600037341": 'L',
		"91440300MA5DC1234": '1',
		"11440300ma5dc1234": '9',
		"12100000400000123": 'X',
	} {
		if got, err := CreditCodeCheckChar(in); err != nil || got != want {
			t.Errorf("CreditCodeCheckChar(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, key := range map[string]string{
		"9111000060003734":   KeyCreditLength,
		"91110000600037341L": KeyCreditLength,
		"9111000060003734I":  KeyCreditChar,
		"91X10000600037341":  KeyCreditRegion,
	} {
		if _, err := CreditCodeCheckChar(in); KeyOf(err) != key {
			t.Errorf("CreditCodeCheckChar(%q) error %v, want key %s", in, err, key)
		}
	}
}

// randomCreditCode returns a valid code whose first 17 characters are random
// (digits in positions 3–8) and whose check character comes from
// CreditCodeCheckChar.
func randomCreditCode(rng *rand.Rand) string {
	var b strings.Builder
	for i := range 17 {
		n := 31
		if i >= 2 && i <= 7 {
			n = 10
		}
		b.WriteByte(creditAlphabet[rng.IntN(n)])
	}
	c, err := CreditCodeCheckChar(b.String())
	if err != nil {
		panic(err)
	}
	return b.String() + string(c)
}

// TestRandomCreditCodes generates 1000 codes with CreditCodeCheckChar and
// checks that they validate and that every other check character fails.
func TestRandomCreditCodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		code := randomCreditCode(rng)
		first, c := code[:17], code[17]
		if got, err := ValidateCreditCode(strings.ToLower(code)); err != nil || got != code {
			t.Fatalf("ValidateCreditCode(%q) = %q, %v", code, got, err)
		}
		bad := creditAlphabet[(strings.IndexByte(creditAlphabet, c)+1+rng.IntN(30))%31]
		_, err := ValidateCreditCode(first + string(bad))
		var e *Error
		if !errors.As(err, &e) || e.Key != KeyCreditCheck || e.Data["Want"] != string(c) {
			t.Fatalf("ValidateCreditCode(%q) error %v, want check error wanting %q", first+string(bad), err, c)
		}
	}
}

// TestSingleSubstitution checks that replacing any one character of a valid
// code by any other alphabet character is detected.
func TestSingleSubstitution(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	codes := []string{"91110000600037341L", "12100000400000123X", "Y1110000600037341Y"}
	for range 50 {
		code := randomCreditCode(rng)
		codes = append(codes, code)
	}
	for _, code := range codes {
		for i := range 18 {
			for j := range len(creditAlphabet) {
				if creditAlphabet[j] == code[i] {
					continue
				}
				m := code[:i] + creditAlphabet[j:j+1] + code[i+1:]
				if _, err := ValidateCreditCode(m); err == nil {
					t.Fatalf("mutation %q of %q passes", m, code)
				}
			}
		}
	}
}

var idCases = []tcase{
	{name: "valid X", in: "11010519491231002X", want: "11010519491231002X"},
	{name: "lower x", in: "11010519491231002x", want: "11010519491231002X"},
	{name: "full-width x", in: "１１０１０５１９４９１２３１００２ｘ", want: "11010519491231002X"},
	{name: "valid digit", in: " 360426199101010071 ", want: "360426199101010071"},
	{name: "leap 2000-02-29", in: "110105200002291235", want: "110105200002291235"},
	{name: "leap 2024-02-29", in: "110105202402291233", want: "110105202402291233"},
	{name: "1900-01-01", in: "11010519000101001X", want: "11010519000101001X"},
	{name: "born today", in: "110105202506010010", want: "110105202506010010"},
	{name: "taiwan permit", in: "830000199001010012", want: "830000199001010012"},
	{name: "empty", in: "", key: KeyIDLength, data: map[string]any{"Len": 0, "Want": 18}},
	{name: "old 15 digits", in: "110105491231002", key: KeyIDLength, data: map[string]any{"Len": 15}},
	{name: "letter", in: "1101051949123100AX", key: KeyIDDigit, data: map[string]any{"Pos": 17, "Char": "A"}},
	{name: "x inside", in: "11010519491231X02X", key: KeyIDDigit, data: map[string]any{"Pos": 15, "Char": "X"}},
	{name: "bad last", in: "11010519491231002Y", key: KeyIDCheckChar, data: map[string]any{"Pos": 18, "Char": "Y"}},
	{name: "1900 not leap", in: "110105190002291239", key: KeyIDBirth, data: map[string]any{"Date": "1900-02-29"}},
	{name: "2023 not leap", in: "110105202302291236", key: KeyIDBirth, data: map[string]any{"Date": "2023-02-29"}},
	{name: "month 13", in: "110105199913010013", key: KeyIDBirth, data: map[string]any{"Date": "1999-13-01"}},
	{name: "day 0", in: "110105199901000010", key: KeyIDBirth},
	{name: "April 31", in: "110105199904310014", key: KeyIDBirth},
	{name: "1899", in: "110105189912310015", key: KeyIDBirthEarly, data: map[string]any{"Date": "1899-12-31"}},
	{name: "tomorrow", in: "110105202506020016", key: KeyIDBirthFuture, data: map[string]any{"Date": "2025-06-02"}},
	{name: "wrong check", in: "110105194912310021", key: KeyIDCheck, data: map[string]any{"Want": "X", "Got": "1"}},
	{name: "x for digit", in: "36042619910101007x", key: KeyIDCheck, data: map[string]any{"Want": "1", "Got": "X"}},
}

func TestValidateIDNumber(t *testing.T) {
	fn := func(s string) (string, error) { return ValidateIDNumber(s, today) }
	for _, tc := range idCases {
		check(t, tc, fn)
	}
	// 1900-02-28 is valid; only the 29th is not.
	if _, err := ValidateIDNumber("110105190002281233", today); err != nil {
		t.Errorf("1900-02-28: %v", err)
	}
	// A zero today means now: a 1999 birth date is in the past.
	if _, err := ValidateIDNumber("110105199912310014", time.Time{}); err != nil {
		t.Errorf("zero today: %v", err)
	}
}

func TestIDCheckChar(t *testing.T) {
	for in, want := range map[string]byte{
		"11010519491231002": 'X',
		"36042619910101007": '1',
		"44030619850315123": '4',
	} {
		if got, err := IDCheckChar(in); err != nil || got != want {
			t.Errorf("IDCheckChar(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := IDCheckChar("1101051949123100"); KeyOf(err) != KeyIDLength {
		t.Errorf("short: %v", err)
	}
	if _, err := IDCheckChar("1101051949123100X"); KeyOf(err) != KeyIDDigit {
		t.Errorf("letter: %v", err)
	}
}

func TestMaskIDNumber(t *testing.T) {
	for in, want := range map[string]string{
		"11010519491231002x": "110105********002X",
		"360426199101010071": "360426********0071",
		"110105491231002":    "110105*****1002",
		"1234567890":         "******7890",
		"1234567":            "*******",
		"":                   "",
		"一二三四五六七八":           "****五六七八",
	} {
		if got := MaskIDNumber(in); got != want {
			t.Errorf("MaskIDNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

var townCases = []tcase{
	{name: "street", in: "110105001", want: "110105001"},
	{name: "town 12", in: "440306100000", want: "440306100"},
	{name: "township", in: "３６０４２６２０１", want: "360426201"},
	{name: "hong kong", in: "810101001", want: "810101001"},
	{name: "empty", in: "", key: KeyTownLength, data: map[string]any{"Len": 0}},
	{name: "ten", in: "1101050010", key: KeyTownLength, data: map[string]any{"Len": 10}},
	{name: "county only", in: "110105", key: KeyTownLength, data: map[string]any{"Len": 6}},
	{name: "letter", in: "11010A001", key: KeyTownDigits, data: map[string]any{"Pos": 6, "Char": "A"}},
	{name: "space inside", in: "110105 001", key: KeyTownLength},
	{name: "province 10", in: "100105001", key: KeyTownProvince, data: map[string]any{"Province": "10"}},
	{name: "province 83", in: "830105001", key: KeyTownProvince, data: map[string]any{"Province": "83"}},
	{name: "county 00", in: "110100001", key: KeyTownCounty, data: map[string]any{"County": "00"}},
	{name: "township 000", in: "110105000", key: KeyTownTownship, data: map[string]any{"Township": "000"}},
	{name: "township 400", in: "110105400000", key: KeyTownTownship, data: map[string]any{"Township": "400"}},
	{name: "village", in: "110105001001", key: KeyTownVillage, data: map[string]any{"Village": "001"}},
}

func TestValidateTownCode(t *testing.T) {
	for _, tc := range townCases {
		check(t, tc, ValidateTownCode)
	}
}

func TestTownKind(t *testing.T) {
	for in, want := range map[string]string{
		"110105001":    TownKindStreet,
		"110105099":    TownKindStreet,
		"110105100":    TownKindTown,
		"110105199000": TownKindTown,
		"110105200":    TownKindTownship,
		"110105399":    TownKindTownship,
		"110105400":    "",
		"110105000":    "",
		"abc":          "",
	} {
		if got := TownKind(in); got != want {
			t.Errorf("TownKind(%q) = %q, want %q", in, got, want)
		}
	}
}

var mobileCases = []tcase{
	{name: "mobile", in: "13812345678", want: "13812345678"},
	{name: "mobile spaces", in: " 138 1234 5678 ", want: "13812345678"},
	{name: "mobile full-width", in: "１９９１２３４５６７８", want: "19912345678"},
	{name: "mobile 12", in: "12812345678", key: KeyPhoneMobile, data: map[string]any{"Value": "12812345678"}},
	{name: "mobile short", in: "1381234567", key: KeyPhoneMobile},
	{name: "mobile dash", in: "138-1234-5678", key: KeyPhoneMobile},
}

var landlineCases = []tcase{
	{name: "beijing", in: "010-12345678", want: "010-12345678"},
	{name: "no dash", in: "075512345678", want: "075512345678"},
	{name: "3+7", in: "0791-1234567", want: "0791-1234567"},
	{name: "full-width dash", in: "０１０－１２３４５６７８", want: "010-12345678"},
	{name: "no zero", in: "10-12345678", key: KeyPhoneLandline, data: map[string]any{"Value": "10-12345678"}},
	{name: "local too short", in: "010-123456", key: KeyPhoneLandline},
	{name: "local too long", in: "010-123456789", key: KeyPhoneLandline},
	{name: "area too long", in: "01234-1234567", key: KeyPhoneLandline},
	{name: "two dashes", in: "010--12345678", key: KeyPhoneLandline},
	{name: "mobile", in: "13812345678", key: KeyPhoneLandline},
}

var phoneCases = []tcase{
	{name: "mobile", in: "138 1234 5678", want: "13812345678"},
	{name: "landline", in: "010 - 12345678", want: "010-12345678"},
	{name: "letters", in: "call me", key: KeyPhoneInvalid, data: map[string]any{"Value": "CALLME"}},
	{name: "empty", in: "", key: KeyPhoneInvalid},
	{name: "plus 86", in: "+8613812345678", key: KeyPhoneInvalid},
}

func TestPhones(t *testing.T) {
	for _, tc := range mobileCases {
		check(t, tc, ValidateMobile)
	}
	for _, tc := range landlineCases {
		check(t, tc, ValidateLandline)
	}
	for _, tc := range phoneCases {
		check(t, tc, ValidatePhone)
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := ValidateCreditCode("9111I000600037341L")
	if want := `credit code: character 5 "I" is not allowed`; err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %s", err, want)
	}
	_, err = ValidateCreditCode("91110000600037341K")
	if want := `credit code: check character is "K", want "L"`; err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %s", err, want)
	}
	if KeyOf(errors.New("x")) != "" || KeyOf(nil) != "" {
		t.Error("KeyOf of a foreign error is not empty")
	}
}

// TestEveryKeyCovered checks that Keys has no duplicates and that the test
// tables expect each key at least once and no key missing from Keys.
func TestEveryKeyCovered(t *testing.T) {
	tested := map[string]bool{}
	for _, cases := range [][]tcase{creditCases, idCases, townCases, areaCases, mobileCases, landlineCases, phoneCases} {
		for _, tc := range cases {
			if tc.key != "" {
				tested[tc.key] = true
			}
		}
	}
	listed := map[string]bool{}
	for _, k := range Keys {
		if listed[k] {
			t.Errorf("duplicate key %s", k)
		}
		listed[k] = true
		if !strings.HasPrefix(k, "ids.") {
			t.Errorf("key %s lacks the ids. prefix", k)
		}
		if !tested[k] {
			t.Errorf("key %s is not expected by any table test", k)
		}
		if msg := (&Error{Key: k}).Error(); strings.HasPrefix(msg, "ids:") {
			t.Errorf("key %s has no English message", k)
		}
	}
	for k := range tested {
		if !listed[k] {
			t.Errorf("key %s is returned but missing from Keys", k)
		}
	}
}
