package district_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"townledger/app/district"
	"townledger/app/officetest"
	"townledger/app/report"
)

// figure is a consolidation's figure by name, as a number.
func figure(t *testing.T, figs []report.SubmittedFigure, name string) int {
	t.Helper()
	for _, f := range figs {
		if f.Name == name {
			n, err := strconv.Atoi(f.Value)
			if err != nil {
				t.Fatalf("%s = %q", name, f.Value)
			}
			return n
		}
	}
	t.Fatalf("no figure %s", name)
	return 0
}

// The consolidation adds up the versions in force only: once a town's v2 supersedes its v1,
// the district's totals and its activity sheet are the v2's (the activity v2 withdrew is
// gone), and v1's file pulled again changes nothing.
func TestConsolidateAddsUpTheVersionsInForce(t *testing.T) {
	if testing.Short() {
		t.Skip("exports two demo towns")
	}
	ctx := context.Background()
	dist := officetest.NewStore(t)
	a, b := newTown(t, "青石镇", "110105100"), newTown(t, "白水镇", "110105101")
	register(t, dist, a, b)
	in := t.TempDir()
	a1, b1 := a.export(t), b.export(t)
	copyTo(t, in, a1, b1)
	pull(t, dist, in)
	now := time.Date(2024, 1, 20, 9, 0, 0, 0, time.Local)
	consolidate := func(name string) (report.Consolidation, report.Submission) {
		t.Helper()
		path := filepath.Join(t.TempDir(), name)
		c, err := district.Consolidate(ctx, dist, clerk, period, path, now, "")
		if err != nil {
			t.Fatal(err)
		}
		sub, err := report.ReadSubmissionFile(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		return c, sub
	}
	c1, _ := consolidate("v1.xlsx")
	if len(c1.Towns) != 2 || c1.Towns[0].Version != 1 {
		t.Fatalf("towns %+v", c1.Towns)
	}

	gone := a.removeActivity(t)
	a2 := a.export(t)
	in2 := t.TempDir()
	copyTo(t, in2, a2)
	pull(t, dist, in2)
	c2, sub := consolidate("v2.xlsx")
	if c2.Towns[0].Code != a.code || c2.Towns[0].Version != 2 {
		t.Errorf("towns %+v", c2.Towns)
	}
	if got, was := figure(t, c2.Figures, "activities"), figure(t, c1.Figures, "activities"); got != was-1 {
		t.Errorf("activities: %d after v2, %d before", got, was)
	}
	if slices.ContainsFunc(sub.Rows[report.SheetActivities], func(r report.SubmittedRow) bool { return r.ID == gone }) {
		t.Error("the activity v2 withdrew is still on the consolidated sheet")
	}
	if n := len(sub.Rows[report.SheetActivities]); n != c2.Rows[report.SheetActivities] || n != c1.Rows[report.SheetActivities]-1 {
		t.Errorf("activity rows %d, said %d, before %d", n, c2.Rows[report.SheetActivities], c1.Rows[report.SheetActivities])
	}

	// v1's file again, from another folder.
	in3 := t.TempDir()
	copyTo(t, in3, a1)
	pull(t, dist, in3)
	c3, _ := consolidate("late.xlsx")
	if !slices.Equal(c3.Figures, c2.Figures) || c3.Towns[0].Version != 2 {
		t.Errorf("v1 pulled again changed the consolidation: %+v", c3.Towns)
	}
}
