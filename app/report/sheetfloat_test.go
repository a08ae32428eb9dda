package report

import "testing"

// A number is written and hashed with the 15 significant digits a spreadsheet keeps, so a
// district reading the cell back computes the town's hash: hours of 1/3 or a sum like
// 0.1+0.2 must not turn an untouched workbook into a "changed" one.
func TestNumbersAreHashedAsTheSheetKeepsThem(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{{1.0 / 3, "0.333333333333333"}, {0.1 + 0.2, "0.3"}, {1.5, "1.5"}, {40000, "40000"}, {2.0 / 3 * 100, "66.6666666666667"}} {
		if got := valueText(tt.in); got != tt.want {
			t.Errorf("valueText(%v) = %s, want %s", tt.in, got, tt.want)
		}
		if got := string(appendCell(nil, tt.in)); got != tt.want {
			t.Errorf("appendCell(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
