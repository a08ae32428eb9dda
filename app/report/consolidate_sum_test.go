package report

import "testing"

// The district's totals: counts summed, yuan and hours summed exactly in hundredths (no
// 0.30000000000000004), 万元 worked out again from the summed yuan and not summed from the
// towns' rounded 万元, and a figure a town's cover lacks counted as nothing.
func TestConsolidatedTotals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		towns []map[string]string
		want  map[string]string
	}{
		{"one town", []map[string]string{{"cases": "8", "fines_yuan": "85200", "fines_wan": "8.52", "training_hours": "40.5"}},
			map[string]string{"cases": "8", "fines_yuan": "85200", "fines_wan": "8.52", "training_hours": "40.5", "people": "0"}},
		{"万元 from the summed yuan", []map[string]string{
			{"cases": "1", "fines_yuan": "12345.67", "fines_wan": "1.2346"},
			{"cases": "2", "fines_yuan": "12345.67", "fines_wan": "1.2346"},
			{"cases": "3", "fines_yuan": "12345.67", "fines_wan": "1.2346"}},
			map[string]string{"cases": "6", "fines_yuan": "37037.01", "fines_wan": "3.7037"}},
		{"hours in hundredths", []map[string]string{{"training_hours": "0.1"}, {"training_hours": "0.2"}, {}},
			map[string]string{"training_hours": "0.3", "fines_yuan": "0", "fines_wan": "0"}},
		{"no towns", nil, map[string]string{"cases": "0", "training_hours": "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Consolidation{}
			for _, f := range tc.towns {
				c.Towns = append(c.Towns, ConsolidatedTown{Name: "镇", Figures: f})
			}
			figs, err := c.totals()
			if err != nil {
				t.Fatal(err)
			}
			if len(figs) != len((Figures{}).lines()) || len(c.Figures) != len(figs) {
				t.Fatalf("%d figures", len(figs))
			}
			got := map[string]string{}
			for _, f := range c.Figures {
				got[f.Name] = f.Value
			}
			for name, want := range tc.want {
				if got[name] != want {
					t.Errorf("%s = %q, want %q", name, got[name], want)
				}
			}
		})
	}
	c := Consolidation{Towns: []ConsolidatedTown{{Name: "镇", Figures: map[string]string{"cases": "many"}}}}
	if _, err := c.totals(); err == nil {
		t.Error("a figure that is no number was added up")
	}
}
