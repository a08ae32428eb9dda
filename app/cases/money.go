package cases

import (
	"strconv"
	"strings"

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
