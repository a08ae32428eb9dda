package casedoc

import (
	"strconv"
	"strings"
)

var capitalDigits = []rune("零壹贰叁肆伍陆柒捌玖")

var (
	capitalUnits  = []string{"", "拾", "佰", "仟"}
	capitalGroups = []string{"", "万", "亿", "万亿"}
)

// Capital writes an amount in fen in Chinese capital numerals as financial documents and
// 决定书 write it (中国人民银行《支付结算办法》附一 正确填写票据和结算凭证的基本规定):
// 1200000 → 壹万贰仟元整, 1000500 → 壹万零伍元整, 1000000 → 壹万元整, 10050 → 壹佰元伍角,
// 10005 → 壹佰元零伍分, 0 → 零元整. Ten at the head is 壹拾 (壹拾万元整), as on bank slips.
// Negative amounts get 负 in front.
func Capital(fen int64) string {
	var b strings.Builder
	if fen < 0 {
		b.WriteString("负")
		fen = -fen
	}
	yuan, jiao, cent := fen/100, fen/10%10, fen%10
	if yuan > 0 {
		b.WriteString(capitalInteger(yuan))
		b.WriteString("元")
	}
	switch {
	case yuan == 0 && jiao == 0 && cent == 0:
		b.WriteString("零元整")
	case jiao == 0 && cent == 0:
		b.WriteString("整")
	default:
		if jiao > 0 {
			b.WriteRune(capitalDigits[jiao])
			b.WriteString("角")
		} else if yuan > 0 {
			b.WriteRune(capitalDigits[0])
		}
		if cent > 0 {
			b.WriteRune(capitalDigits[cent])
			b.WriteString("分")
		}
	}
	return b.String()
}

// capitalInteger writes a whole number above zero: one 零 for each run of zeros between
// written digits, a group's unit (万, 亿) after a group with any digit.
func capitalInteger(n int64) string {
	digits := strconv.FormatInt(n, 10)
	if len(digits) > 16 { // beyond 万亿: no unit to name it, so figures
		return digits
	}
	var b strings.Builder
	zero, groupHas := false, false
	for i, c := range digits {
		pos := len(digits) - 1 - i
		d := int(c - '0')
		if d == 0 {
			zero = b.Len() > 0
		} else {
			if zero {
				b.WriteRune(capitalDigits[0])
				zero = false
			}
			b.WriteRune(capitalDigits[d])
			b.WriteString(capitalUnits[pos%4])
			groupHas = true
		}
		if pos%4 == 0 && pos > 0 {
			if groupHas {
				b.WriteString(capitalGroups[pos/4])
			}
			groupHas = false
		}
	}
	return b.String()
}
