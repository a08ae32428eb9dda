package rules

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"townledger/app/problem"
)

// Document keys beyond the steps: the notice that offers a hearing and the decision not to
// penalise carry their own codes.
const (
	DocHearingNotice Step = "notice_hearing"         // 听证告知书
	DocNotPenalised  Step = "decision_not_penalised" // 不予行政处罚决定书
)

// DocCodes are the document codes of a case's numbered documents (文书代码). They are data:
// an office whose district uses other codes changes them here or at start-up.
var DocCodes = map[Step]string{
	StepFiled:        "应急立",
	StepNotice:       "应急罚告",
	DocHearingNotice: "应急听告",
	StepDecision:     "应急罚",
	DocNotPenalised:  "应急不罚",
	StepClosing:      "应急结",
}

// DocCode is the document code of the document e produces, "" when it has no numbered one.
func DocCode(e Event) string {
	switch {
	case e.Step == StepNotice && e.HearingOffered:
		return DocCodes[DocHearingNotice]
	case e.Step == StepDecision && e.Outcome.NotPenalised():
		return DocCodes[DocNotPenalised]
	}
	return DocCodes[e.Step]
}

// FormatNumber writes a document number: 青石 + 应急罚 + 〔2024〕 + 12号, the year in the
// tortoise-shell brackets U+3014 and U+3015.
func FormatNumber(issuer, docCode string, year, seq int) string {
	return FormatMarked(issuer, docCode, year, "", seq)
}

// FormatMarked writes a number with the town's mark before the sequence, as a district
// bureau numbers what its towns decide in its name (委托): 示范区应急罚〔2026〕青石12号.
func FormatMarked(issuer, docCode string, year int, mark string, seq int) string {
	return issuer + docCode + "〔" + strconv.Itoa(year) + "〕" + mark + strconv.Itoa(seq) + "号"
}

// maxMark is the longest mark a number may carry between its year and its sequence.
const maxMark = 10

// ParseNumber reads a document number as FormatNumber writes it, also accepting the brackets
// people type instead ([] ［］ 【】 〖〗 （） ()), full-width digits, spaces, a "第" before the
// sequence and a missing "号". The document code must be one of DocCodes; the issuer is what
// precedes it and may not be empty.
func ParseNumber(s string) (issuer, docCode string, year, seq int, err error) {
	issuer, docCode, mark, year, seq, err := ParseMarked(s)
	if err == nil && mark != "" {
		return "", "", 0, 0, problem.OnField(FieldNumber, KeyNumberInvalid, map[string]any{"Value": s})
	}
	return issuer, docCode, year, seq, err
}

// ParseMarked is ParseNumber for numbers that may carry a town's mark before the sequence
// (FormatMarked): up to ten characters, neither digits nor brackets.
func ParseMarked(s string) (issuer, docCode, mark string, year, seq int, err error) {
	bad := func() (string, string, string, int, int, error) {
		return "", "", "", 0, 0, problem.OnField(FieldNumber, KeyNumberInvalid, map[string]any{"Value": s})
	}
	if !utf8.ValidString(s) || len(s) > 400 {
		return bad()
	}
	r := make([]rune, 0, len(s))
	for _, c := range s {
		switch {
		case unicode.IsSpace(c):
			continue
		case unicode.IsControl(c) || c == utf8.RuneError:
			return bad()
		case c >= '０' && c <= '９':
			c = c - '０' + '0'
		}
		r = append(r, c)
	}
	i := len(r)
	if i > 0 && r[i-1] == '号' {
		i--
	}
	seq, i, ok := digitsBefore(r, i, 1, 9)
	if !ok || seq == 0 {
		return bad()
	}
	if i > 0 && r[i-1] == '第' {
		i--
	}
	markEnd := i
	for i > 0 && markEnd-i < maxMark && !strings.ContainsRune("〕]］】〗）)〔[［【〖（(", r[i-1]) && (r[i-1] < '0' || r[i-1] > '9') {
		i--
	}
	mark = string(r[i:markEnd])
	if strings.ContainsRune(mark, '第') { // 第 belongs before the sequence, never in the mark
		return bad()
	}
	if i == 0 || !strings.ContainsRune("〕]］】〗）)", r[i-1]) {
		return bad()
	}
	year, i, ok = digitsBefore(r, i-1, 4, 4)
	if !ok || year < 1000 {
		return bad()
	}
	if i == 0 || !strings.ContainsRune("〔[［【〖（(", r[i-1]) {
		return bad()
	}
	prefix := string(r[:i-1])
	for _, code := range DocCodes {
		if code != "" && strings.HasSuffix(prefix, code) && len(code) > len(docCode) {
			docCode = code
		}
	}
	if docCode == "" {
		return "", "", "", 0, 0, problem.OnField(FieldNumber, KeyNumberCode, map[string]any{"Value": s})
	}
	issuer = strings.TrimSuffix(prefix, docCode)
	if issuer == "" {
		return bad()
	}
	return issuer, docCode, mark, year, seq, nil
}

// digitsBefore reads the run of ASCII digits ending at r[end-1], least to most long.
func digitsBefore(r []rune, end, least, most int) (n, start int, ok bool) {
	start = end
	for start > 0 && r[start-1] >= '0' && r[start-1] <= '9' {
		start--
	}
	if end-start < least || end-start > most {
		return 0, end, false
	}
	n, err := strconv.Atoi(string(r[start:end]))
	return n, start, err == nil
}

// IssuerFor is the name on a case's documents: under 赋权 ("grant", Art. 24) the town's short
// name, under 委托 ("entrust", Art. 20–21) the bureau's; "" for an unknown delegation.
func IssuerFor(delegation string, townShort, bureauShort string) string {
	switch strings.TrimSpace(delegation) {
	case "grant", "赋权":
		return townShort
	case "entrust", "委托":
		return bureauShort
	}
	return ""
}
