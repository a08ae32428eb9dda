package disclosure

import (
	"strconv"
	"strings"

	"townledger/data"
)

var digits = []rune("零一二三四五六七八九")

// Numeral writes n (1–9999) in Chinese numerals the way laws number their articles: 十,
// 十一, 九十九, 一百, 一百零二, 一百一十, 一千零八十. Other numbers are written in Arabic
// digits, so nothing is lost.
func Numeral(n int) string {
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	if n < 20 && n >= 10 { // 十, 十一 … 十九: no leading 一
		if n == 10 {
			return "十"
		}
		return "十" + string(digits[n-10])
	}
	units := []string{"千", "百", "十", ""}
	div := []int{1000, 100, 10, 1}
	var b strings.Builder
	zero := false // a zero is pending between written digits
	started := false
	for i, d := range div {
		v := n / d % 10
		if v == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteRune(digits[0])
			zero = false
		}
		b.WriteRune(digits[v])
		b.WriteString(units[i])
		started = true
	}
	return b.String()
}

// FormatRef writes one provision as Chinese legal texts cite it:
// 《中华人民共和国安全生产法》第九十九条第一款第（一）项. A paragraph or item of 0 is left
// out; withLaw false leaves out the law's title, for a second provision of the same law.
func FormatRef(r data.LegalRef, withLaw bool) string {
	var b strings.Builder
	if withLaw && r.Law != "" {
		b.WriteString("《")
		b.WriteString(strings.Trim(r.Law, "《》 "))
		b.WriteString("》")
	}
	if r.Article > 0 {
		b.WriteString("第")
		b.WriteString(Numeral(r.Article))
		b.WriteString("条")
	}
	if r.Paragraph > 0 {
		b.WriteString("第")
		b.WriteString(Numeral(r.Paragraph))
		b.WriteString("款")
	}
	if r.Item > 0 {
		b.WriteString("第（")
		b.WriteString(Numeral(r.Item))
		b.WriteString("）项")
	}
	return b.String()
}

// FormatBasis writes a penalty's legal basis (处罚依据) from its structured references, in
// their order, joined by 、; a provision of the same law as the one before it omits the law's
// title: 《中华人民共和国安全生产法》第九十九条第一款第（一）项、第一百零二条.
func FormatBasis(refs []data.LegalRef) string {
	var b strings.Builder
	prev := ""
	for i, r := range refs {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString(FormatRef(r, i == 0 || r.Law != prev))
		prev = r.Law
	}
	return b.String()
}
