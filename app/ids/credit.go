package ids

import "strings"

// creditAlphabet is the GB 32100-2015 character set; a character's value is
// its index (0–30). I, O, S, V and Z are never used.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// creditValues checks the normalised runes of a credit code (or its first 17
// characters) and returns their values. Every position may hold any of the
// 31 characters except positions 3–8, the administrative division code,
// which must be digits. Positions 9–17 (the organisation code) may contain
// letters, as in "91440300MA5…".
func creditValues(r []rune) ([]int, error) {
	v := make([]int, len(r))
	for i, c := range r {
		n := -1
		if c < 0x80 {
			n = strings.IndexByte(creditAlphabet, byte(c))
		}
		if n < 0 {
			return nil, newError(KeyCreditChar, "Pos", i+1, "Char", string(c))
		}
		if i >= 2 && i <= 7 && n > 9 {
			return nil, newError(KeyCreditRegion, "Pos", i+1, "Char", string(c))
		}
		v[i] = n
	}
	return v, nil
}

func creditCheck(v []int) byte {
	sum := 0
	for i, w := range creditWeights {
		sum += v[i] * w
	}
	return creditAlphabet[(31-sum%31)%31]
}

// CreditCodeCheckChar returns the check character (position 18) of the
// unified social credit code whose first 17 characters are first17. The
// input is normalised first.
func CreditCodeCheckChar(first17 string) (byte, error) {
	r := []rune(Normalize(first17))
	if len(r) != 17 {
		return 0, newError(KeyCreditLength, "Len", len(r), "Want", 17)
	}
	v, err := creditValues(r)
	if err != nil {
		return 0, err
	}
	return creditCheck(v), nil
}

// ValidateCreditCode checks an 18-character unified social credit code
// (统一社会信用代码, GB 32100-2015) and returns it normalised. Errors have
// keys ids.credit.length, ids.credit.char, ids.credit.region or
// ids.credit.check.
func ValidateCreditCode(s string) (string, error) {
	r := []rune(Normalize(s))
	if len(r) != 18 {
		return "", newError(KeyCreditLength, "Len", len(r), "Want", 18)
	}
	v, err := creditValues(r)
	if err != nil {
		return "", err
	}
	code := string(r)
	if want := creditCheck(v); want != code[17] {
		return "", newError(KeyCreditCheck, "Want", string(want), "Got", code[17:])
	}
	return code, nil
}
