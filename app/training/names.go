package training

import (
	"strings"
	"unicode"
)

// NameMatch is what a pasted list of names (a sign-in sheet, a WeChat message) finds on
// the roster.
type NameMatch struct {
	Found     []Person // each person once, in the order first named
	Missing   []string // names nobody on the roster has
	Ambiguous []string // names several people share: never guessed
}

// SplitNames cuts pasted text into names: lines, spaces (the ideographic one too), tabs and
// the commas, enumeration commas and semicolons of both widths separate them. Sequence
// numbers ("1." "2)") and bracketed notes ("张三（请假）") are dropped.
func SplitNames(text string) []string {
	fields := strings.FieldsFunc(dropBrackets(text), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、;；", r)
	})
	var out []string
	for _, f := range fields {
		f = strings.TrimLeftFunc(f, func(r rune) bool {
			return unicode.IsDigit(r) || strings.ContainsRune(".．)）:：-#№", r)
		})
		f = strings.TrimRightFunc(f, func(r rune) bool { return unicode.IsPunct(r) && r != '·' })
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// dropBrackets turns parenthesised notes of either width into separators.
func dropBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '[', '【':
			depth++
			b.WriteRune('\n')
		case ')', '）', ']', '】':
			if depth > 0 {
				depth--
			} else {
				b.WriteRune(r) // a stray one, as in "3)", is trimmed with the number
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// MatchNames finds each pasted name on the roster by its exact name. A name shared by
// several people is listed as ambiguous rather than guessed; a name given twice counts once.
func MatchNames(roster []Person, text string) NameMatch {
	byName := map[string][]Person{}
	for _, p := range roster {
		n := clean(p.Name)
		byName[n] = append(byName[n], p)
	}
	var m NameMatch
	seen := map[string]bool{}
	for _, n := range SplitNames(text) {
		if seen[n] {
			continue
		}
		seen[n] = true
		switch people := byName[n]; len(people) {
		case 0:
			m.Missing = append(m.Missing, n)
		case 1:
			m.Found = append(m.Found, people[0])
		default:
			m.Ambiguous = append(m.Ambiguous, n)
		}
	}
	return m
}
