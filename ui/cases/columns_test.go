package cases

import "testing"

func TestColumnWidthsFollowTheWidth(t *testing.T) {
	cols := []caseColumn{{weight: 1, min: 100}, {weight: 3, min: 100}, {}, {weight: 1, min: 200}}
	need := []float32{50, 50, 80, 50}
	tests := []struct {
		name  string
		avail float32
		want  []float32
	}{
		{"wide: fixed column at its need, the rest by weight", 1080, []float32{200, 600, 80, 200}},
		{"a column at its minimum leaves the rest to the others", 680, []float32{100, 300, 80, 200}},
		{"narrower than every minimum: minimums, the table scrolls", 300, []float32{100, 100, 80, 200}},
	}
	for _, tt := range tests {
		got := columnWidths(cols, need, tt.avail)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
				break
			}
		}
	}
}
