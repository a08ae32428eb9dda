package data

import (
	"strings"
	"unicode"
)

// searchTokens turns text into index tokens: each Han character and each pair of
// neighbouring Han characters (the usual Chinese word is two characters, which FTS5's own
// tokenizers cannot match), and each run of letters or digits, lower-cased.
func searchTokens(texts ...string) string {
	var out []string
	for _, text := range texts {
		var han []rune
		var word []rune
		flushHan := func() {
			for i, r := range han {
				out = append(out, string(r))
				if i+1 < len(han) {
					out = append(out, string(han[i:i+2]))
				}
			}
			han = han[:0]
		}
		flushWord := func() {
			if len(word) > 0 {
				out = append(out, strings.ToLower(string(word)))
				word = word[:0]
			}
		}
		for _, r := range text {
			switch {
			case unicode.Is(unicode.Han, r):
				flushWord()
				han = append(han, r)
			case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
				flushHan()
				word = append(word, r)
			case r >= 0xFF10 && r <= 0xFF5A && (unicode.IsLetter(r) || unicode.IsDigit(r)):
				flushHan()
				word = append(word, r-0xFEE0) // full-width letters and digits
			default:
				flushHan()
				flushWord()
			}
		}
		flushHan()
		flushWord()
	}
	return strings.Join(out, " ")
}

// matchQuery makes an FTS5 query from what the user typed: every piece must match; Han
// text is matched by its character pairs (a lone character by itself), and letters or
// digits match as word prefixes, so "qs" finds "qsjxc" and "777" finds case 7771.
func matchQuery(typed string) string {
	var terms []string
	for _, field := range strings.Fields(typed) {
		for _, tok := range strings.Fields(searchTokens(field)) {
			runes := []rune(tok)
			isHan := unicode.Is(unicode.Han, runes[0])
			switch {
			case isHan && len(runes) == 1:
				// Only a lone character needs its single-character token; pairs cover longer runs.
				if len([]rune(field)) == 1 || !hasHanPair(field) {
					terms = append(terms, `"`+tok+`"`)
				}
			case isHan:
				terms = append(terms, `"`+tok+`"`)
			default:
				terms = append(terms, `"`+tok+`"*`)
			}
		}
	}
	return strings.Join(terms, " AND ")
}

func hasHanPair(s string) bool {
	prev := false
	for _, r := range s {
		h := unicode.Is(unicode.Han, r)
		if h && prev {
			return true
		}
		prev = h
	}
	return false
}
