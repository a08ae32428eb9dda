package cases

import (
	"fmt"
	"strconv"
	"strings"

	"townledger/app/cases/rules"
	"townledger/app/ids"
	"townledger/app/problem"
)

// maxYuan bounds typed amounts far above any fine the law allows, so arithmetic in fen
// never overflows.
const maxYuan = 1_000_000_000

// ParseYuan reads an amount typed in 元 — "25000", "25,000.5", "２５０００元" — into fen.
// More than two decimals, signs and anything else are refused.
func ParseYuan(s string) (int64, error) {
	t := strings.TrimSuffix(ids.Normalize(s), "元")
	t = strings.ReplaceAll(strings.ReplaceAll(t, ",", ""), "，", "")
	bad := problem.OnField("amount", "casefile.amount.invalid", map[string]any{"Value": s})
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || len(frac) > 2 || (hasDot && frac == "") {
		return 0, bad
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, bad
		}
	}
	if len(whole) > 10 {
		return 0, problem.OnField("amount", "casefile.amount.too_large", map[string]any{"Value": s})
	}
	y, _ := strconv.ParseInt(whole, 10, 64)
	if y > maxYuan {
		return 0, problem.OnField("amount", "casefile.amount.too_large", map[string]any{"Value": s})
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	return y*100 + f, nil
}

// Wan writes an amount of at least 10,000 yuan that is a whole number of hundreds as 万
// (ten thousands) — 2000000 fen → "2", 1500000 → "1.5" — the way fine ranges are said in
// Chinese; ok is false for anything else, which reads better in plain yuan.
func Wan(fen int64) (wan string, ok bool) {
	if fen < 10_000_00 || fen%100_00 != 0 {
		return "", false
	}
	hundreds := fen / 100_00 // a 万 is 100 hundreds
	s := strconv.FormatInt(hundreds/100, 10)
	if frac := hundreds % 100; frac != 0 {
		s += "." + strings.TrimSuffix(fmt.Sprintf("%02d", frac), "0")
	}
	return s, true
}

// PlainYuan writes fen as yuan with thousands separators, leaving out zero fen: "5,000",
// "5,000.50".
func PlainYuan(fen int64) string {
	return strings.TrimSuffix(rules.FormatYuan(fen), ".00")
}
