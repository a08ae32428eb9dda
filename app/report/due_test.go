package report_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/report"
	"townledger/app/settings"
	"townledger/data"
)

// The home page's list: the last finished period of each kind the district wants, the one
// before while unsent, overdue after the due day, and a written version's state.
func TestDueListFollowsSettingsAndHistory(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	admin := auth.Session{UserID: "u-a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	states := func(now time.Time) map[string]string {
		t.Helper()
		due, err := report.DueList(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, d := range due {
			out[d.Period] = d.State
		}
		return out
	}
	oct3 := time.Date(2024, 10, 3, 9, 0, 0, 0, time.Local)
	got := states(oct3) // default: monthly, due on the 5th
	if len(got) != 2 || got["2024-09"] != report.DueOpen || got["2024-08"] != report.DueOverdue {
		t.Errorf("monthly on 3 Oct: %v", got)
	}
	if err := settings.SetReportKinds(ctx, s, admin, []string{settings.PeriodQuarter, settings.PeriodYear}); err != nil {
		t.Fatal(err)
	}
	got = states(time.Date(2024, 10, 8, 9, 0, 0, 0, time.Local))
	want := map[string]string{"2024-Q3": report.DueOverdue, "2024-Q2": report.DueOverdue, "2023": report.DueOverdue, "2022": report.DueOverdue}
	if len(got) != len(want) {
		t.Errorf("quarter+year on 8 Oct: %v", got)
	}
	for p, st := range want {
		if got[p] != st {
			t.Errorf("%s: %q, want %q (all %v)", p, got[p], st, got)
		}
	}
	sum, err := report.Write(ctx, s, "2024-Q3", filepath.Join(t.TempDir(), "q3.xlsx"), oct3, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Record(ctx, s, admin, sum); err != nil {
		t.Fatal(err)
	}
	// Exported but not sent is still overdue: only the district receiving it counts.
	if got := states(time.Date(2024, 10, 8, 9, 0, 0, 0, time.Local)); got["2024-Q3"] != report.DueOverdue {
		t.Errorf("exported, unsent: %v", got)
	}
	if err := settings.SetReportKinds(ctx, s, admin, nil); err == nil {
		t.Error("no period kind at all was accepted")
	}
}

// The 数据报送 page offers what the district asks for first, then the finished periods, the
// most recent first, then this year so far — each once.
func TestOfferedPeriodsInTheOrderAClerkWants(t *testing.T) {
	s := officetest.NewStore(t)
	for _, c := range []struct {
		now  time.Time
		want []string
	}{
		{time.Date(2026, 12, 3, 10, 0, 0, 0, time.Local), []string{"2026-11", "2026-10", "2026-Q3", "2026-H1", "2025", "2026"}},
		{time.Date(2026, 2, 10, 10, 0, 0, 0, time.Local), []string{"2026-01", "2025-12", "2025-Q4", "2025-H2", "2025", "2026"}},
		{time.Date(2026, 7, 20, 10, 0, 0, 0, time.Local), []string{"2026-06", "2026-05", "2026-Q2", "2026-H1", "2025", "2026"}},
	} {
		got, err := report.Offered(context.Background(), s, c.now)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("on %s: %v, want %v", c.now.Format("2006-01-02"), got, c.want)
		}
	}
}

// A town that starts its ledger today has nothing overdue: periods that ended before the
// 建账日期 are not due; the first period it reports is the one it started in.
func TestANewLedgerStartsClean(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	today := time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local)
	set := func(since string) {
		t.Helper()
		if err := s.Write(ctx, data.System, func(tx *data.Tx) error { return tx.SetSetting(settings.LedgerSince, since) }); err != nil {
			t.Fatal(err)
		}
	}
	set("2026-12-03")
	due, err := report.DueList(ctx, s, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 0 {
		t.Errorf("a ledger begun today owes %v", due)
	}
	// Begun mid-November: November is due (its records since the start), October is not.
	set("2026-11-15")
	due, _ = report.DueList(ctx, s, today)
	if len(due) != 1 || due[0].Period != "2026-11" || due[0].State != report.DueOpen {
		t.Errorf("a ledger begun on 15 November owes %+v", due)
	}
	// Next month the December report falls due like any other.
	due, _ = report.DueList(ctx, s, time.Date(2027, 1, 8, 9, 0, 0, 0, time.Local))
	var periods []string
	for _, d := range due {
		periods = append(periods, d.Period+":"+d.State)
	}
	if !slices.Equal(periods, []string{"2026-12:overdue", "2026-11:overdue"}) {
		t.Errorf("in January: %v", periods)
	}
}
