package report

import "testing"

// A long Chinese header gets a row tall enough for all its lines (the per-town table's
// 作出行政处罚决定数 header was cut to two lines of four).
func TestHeaderLines(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width float64
		want  int
	}{
		{"版本", 8, 1},
		{"作出行政处罚决定数（不含不予处罚）（件）", 12, 4},
		{"案件数（立案或作出决定）（件）", 12, 3},
		{"case_parties", 12, 2},
	} {
		if got := headerLines(tc.text, tc.width); got != tc.want {
			t.Errorf("%q in %v: %d lines, want %d", tc.text, tc.width, got, tc.want)
		}
	}
}
