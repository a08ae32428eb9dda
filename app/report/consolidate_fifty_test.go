package report_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"townledger/app/district"
	"townledger/app/report"
	"townledger/data"
)

// fiftySize is a smaller year than the benchmark's, so 50 towns set up in seconds; every kind
// of record is still there.
var fiftySize = consSize{cases: 24, staff: 6, sessions: 3, attendees: 6, activities: 12}

// townTotals adds up what each town's own ledger computed for its workbook (not what the
// district read from it), by cover figure name.
type townTotals map[string]float64

func (tt townTotals) add(f report.Figures) {
	for name, v := range map[string]float64{
		"cases": float64(f.Cases), "filed": float64(f.Filed), "decided": float64(f.Decided), "closed": float64(f.Closed),
		"summary": float64(f.Summary), "general": float64(f.General), "fines_yuan": float64(f.Fines) / 100,
		"not_penalised": float64(f.NotPenalised), "published": float64(f.Published), "published_on_time": float64(f.OnTime),
		"training_sessions": float64(f.TrainingSessions), "attendances": float64(f.Attendances),
		"training_hours": f.TrainingHours, "activities": float64(f.Publicity.Activities),
		"boards": float64(f.Publicity.Boards), "materials": float64(f.Publicity.Materials), "people": float64(f.Publicity.People),
	} {
		tt[name] += v
	}
}

// check compares the consolidation's totals with the towns' own.
func (tt townTotals) check(t *testing.T, what string, figs []report.SubmittedFigure) {
	t.Helper()
	got := map[string]string{}
	for _, f := range figs {
		got[f.Name] = f.Value
	}
	for name, want := range tt {
		v, err := strconv.ParseFloat(got[name], 64)
		if err != nil || fmt.Sprintf("%.2f", v) != fmt.Sprintf("%.2f", want) {
			t.Errorf("%s: %s = %q, the towns' own figures add up to %.2f", what, name, got[name], want)
		}
	}
}

// Fifty towns' real period workbooks (each exported from its own generated ledger) merge into
// the district totals the towns' own figures add up to; taking the same files in again changes
// nothing; five towns' second versions replace their first in full, and the first versions
// arriving late change nothing.
func TestFiftyTownsMergeIntoTheirTotals(t *testing.T) {
	if testing.Short() {
		t.Skip("sets up 50 town ledgers")
	}
	ctx := context.Background()
	root := t.TempDir()
	dist, err := data.Open(ctx, filepath.Join(root, "district.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dist.Close()
	if err := setupDistrict(ctx, dist); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 1, 10, 9, 0, 0, 0, time.Local)
	in, late := filepath.Join(root, "in"), filepath.Join(root, "late")
	for _, d := range []string{in, late} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// Towns 45 to 49 correct their year before the district takes anything in: their v2 comes
	// in with the others, their v1 is held back and arrives late.
	want, first := townTotals{}, townTotals{}
	stores := make([]*data.Store, consTowns)
	for i := range stores {
		dir := filepath.Join(root, strconv.Itoa(i))
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		s, err := consTownLedger(ctx, dir, i, fiftySize)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
		town, _, err := s.Town(ctx)
		if err != nil {
			t.Fatal(err)
		}
		to := in
		if i >= 45 {
			to = late
		}
		sum := exportVersion(t, s, filepath.Join(to, town.Name+"_2024_v1.xlsx"), now, 1)
		if i >= 45 {
			addActivity(t, s)
			sum = exportVersion(t, s, filepath.Join(in, town.Name+"_2024_v2.xlsx"), now, 2)
		}
		first.add(sum.Figures)
		if i >= 5 {
			want.add(sum.Figures)
		}
		if _, err := district.AddTown(ctx, dist, consolidAdmin, district.Town{Name: town.Name, DivisionCode: town.Code}); err != nil {
			t.Fatal(err)
		}
	}
	// The size is known, so some totals can be worked out by hand as well.
	for name, n := range map[string]int{"filed": consTowns * fiftySize.cases, "training_sessions": consTowns * fiftySize.sessions,
		"attendances": consTowns * fiftySize.sessions * fiftySize.attendees, "activities": consTowns*fiftySize.activities + 5} {
		if first[name] != float64(n) {
			t.Fatalf("the towns' own %s add up to %.0f, not %d", name, first[name], n)
		}
	}
	pullAll := func(dir string, want string) {
		t.Helper()
		out, err := district.PullFolder(ctx, dist, consolidator, dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out {
			if got := o.Result; got != want && !(want == "again" && o.Again) {
				t.Fatalf("%s: %s %v, want %s", o.File, got, o.Err, want)
			}
		}
	}
	consolidate := func(name string) report.Consolidation {
		t.Helper()
		c, err := report.WriteConsolidated(ctx, dist, "2024", filepath.Join(root, name), now, "李")
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Towns) != consTowns || len(c.Missing) != 0 {
			t.Fatalf("%s: %d towns, %d missing", name, len(c.Towns), len(c.Missing))
		}
		return c
	}
	pullAll(in, data.ReceivedMerged)
	c1 := consolidate("c1.xlsx")
	first.check(t, "first versions", c1.Figures)

	pullAll(in, "again")
	if again := consolidate("c2.xlsx"); again.ContentHash != c1.ContentHash {
		t.Error("taking the same 50 workbooks in again changed the consolidation")
	}

	// Five towns record another activity and send v2.
	v2 := filepath.Join(root, "v2")
	if err := os.Mkdir(v2, 0o700); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		addActivity(t, stores[i])
		town, _, _ := stores[i].Town(ctx)
		want.add(exportVersion(t, stores[i], filepath.Join(v2, town.Name+"_2024_v2.xlsx"), now, 2).Figures)
	}
	pullAll(v2, data.ReceivedMerged)
	c3 := consolidate("c3.xlsx")
	want.check(t, "after five second versions", c3.Figures)
	if got := c3.Rows[report.SheetActivities] - c1.Rows[report.SheetActivities]; got != 5 {
		t.Errorf("the activity sheet grew by %d rows, want 5", got)
	}
	for _, tw := range c3.Towns {
		if v := tw.Version; (v == 2) != (tw.Name <= "示范05镇" || tw.Name >= "示范46镇") {
			t.Errorf("%s in force at version %d", tw.Name, v)
		}
	}

	// The held-back first versions (never seen, but older than the versions in force), then the
	// first intake's files once more.
	pullAll(late, data.ReceivedLate)
	pullAll(in, "again")
	if c4 := consolidate("c4.xlsx"); c4.ContentHash != c3.ContentHash {
		t.Error("first versions arriving late changed the consolidation")
	}
}

// exportVersion exports the town's year to path and checks the version it was given.
func exportVersion(t *testing.T, s *data.Store, path string, now time.Time, version int) report.Summary {
	t.Helper()
	sum, rec, err := report.Export(context.Background(), s, consolidAdmin, "2024", path, now, "周")
	if err != nil || rec.Version != version {
		t.Fatalf("%s: version %d, want %d: %v", filepath.Base(path), rec.Version, version, err)
	}
	return sum
}

// addActivity records one more publicity activity in the town's year.
func addActivity(t *testing.T, s *data.Store) {
	t.Helper()
	err := s.Write(context.Background(), data.System, func(tx *data.Tx) error {
		_, err := tx.InsertActivity(data.Activity{HeldOn: "2024-06-01", Title: "补报的宣传活动", Type: "其他",
			PlaceKind: "village", PlaceName: "东村", Organisers: "镇应急管理办公室", Boards: 3, People: 41})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
