package cases

import "testing"

func TestColumnWidthsFollowTheWidth(t *testing.T) {
	cols := []caseColumn{{weight: 1, min: 100}, {weight: 3, min: 100}, {}, {weight: 1, min: 200}, {weight: 1, min: 100}}
	need := []float32{50, 50, 80, 50, 300}
	tests := []struct {
		name  string
		avail float32
		want  []float32
	}{
		{"wide: fixed column at its need, the rest by weight", 1380, []float32{200, 600, 80, 200, 300}},
		{"a column at its floor leaves the rest to the others", 980, []float32{100, 300, 80, 200, 300}},
		{"short of the needs: squeezed evenly toward the minimums", 680, []float32{100, 100, 80, 200, 200}},
		{"narrower than every minimum: minimums, the table scrolls", 300, []float32{100, 100, 80, 200, 100}},
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
