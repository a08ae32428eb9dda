package district

import (
	"fmt"
	"slices"
	"testing"

	"townledger/data"
)

// A town's year is made of workbooks that do not overlap: months where a quarter's three
// are in, else the quarter, else the half where the quarters are not both covered, else
// what there is; every month nothing covers is listed.
func TestTownYearNeverCountsADayTwice(t *testing.T) {
	// Each workbook's activities are its number of months, so a month counted twice shows.
	sent := func(periods ...string) map[string]data.ReceivedReport {
		in := map[string]data.ReceivedReport{}
		for _, p := range periods {
			var months int
			switch {
			case len(p) == 4:
				months = 12
			case p[5] == 'H':
				months = 6
			case p[5] == 'Q':
				months = 3
			default:
				months = 1
			}
			in[p] = data.ReceivedReport{FromTown: "110105100", Period: p, Version: 2,
				FiguresJSON: fmt.Sprintf(`{"activities":"%d","fines_yuan":"%d.5"}`, months, months)}
		}
		return in
	}
	months := func(from, to int) []string {
		var out []string
		for m := from; m <= to; m++ {
			out = append(out, fmt.Sprintf("2026-%02d", m))
		}
		return out
	}
	cases := []struct {
		name    string
		in      map[string]data.ReceivedReport
		basis   string
		parts   []string
		missing []string
	}{
		{"the yearly workbook before all else", sent(append(months(1, 12), "2026", "2026-Q1", "2026-H2")...), BasisYear,
			[]string{"2026"}, nil},
		{"twelve months, not the quarter beside them", sent(append(months(1, 12), "2026-Q1")...), BasisParts,
			months(1, 12), nil},
		{"quarters", sent("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"), BasisParts,
			[]string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"}, nil},
		{"months where all three are in, else the quarter", sent(append(months(1, 4), "2026-Q2", "2026-H2")...), BasisParts,
			append(months(1, 3), "2026-Q2", "2026-H2"), nil},
		{"the half where a quarter is short", sent("2026-01", "2026-Q1", "2026-H1", "2026-10"), BasisParts,
			[]string{"2026-H1", "2026-10"}, []string{"2026-07", "2026-08", "2026-09", "2026-11", "2026-12"}},
		{"what there is", sent("2026-02", "2026-03", "2026-Q3"), BasisParts,
			[]string{"2026-02", "2026-03", "2026-Q3"}, append(append([]string{"2026-01"}, months(4, 6)...), months(10, 12)...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ty, err := townYear(2026, c.in)
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, p := range ty.Parts {
				parts = append(parts, p.Period)
			}
			if ty.Basis != c.basis || !slices.Equal(parts, c.parts) || !slices.Equal(ty.Missing, c.missing) {
				t.Errorf("basis %s, parts %v, missing %v; want %s, %v, %v", ty.Basis, parts, ty.Missing, c.basis, c.parts,
					c.missing)
			}
			if want := int64(12 - len(c.missing)); ty.Figures.Activities != want {
				t.Errorf("%d months of activities added up, want %d", ty.Figures.Activities, want)
			}
			if want := (12-int64(len(c.missing)))*100 + 50*int64(len(c.parts)); ty.Figures.Fines != want {
				t.Errorf("fines %d fen, want %d", ty.Figures.Fines, want)
			}
		})
	}
}
