// Package search holds what makes records findable as people type: pinyin initials for
// Chinese names, so "qsjx" finds 青山机械.
package search

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

var firstLetter = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.FirstLetter
	a.Heteronym = false
	return a
}()

// Initials returns the lower-case pinyin initials of the Han characters of s, with Latin
// letters and digits kept as they are and everything else dropped.
func Initials(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			if p := pinyin.SinglePinyin(r, firstLetter); len(p) > 0 && p[0] != "" {
				b.WriteString(p[0])
			}
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
