package report_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/report"
	"townledger/app/settings"
	"townledger/data"
)

// The year's status list: every quarter the district asks for, with its due day, its
// versions, how far the newest that left got and whether the data moved on since; a period
// exported though not asked for is listed too, and a quarter before the ledger began owes
// nothing.
func TestStatusListsTheYearsPeriods(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	admin := auth.Session{UserID: "u-a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	if err := settings.SetReportKinds(ctx, s, admin, []string{settings.PeriodQuarter}); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error { return tx.SetSetting(settings.LedgerSince, "2023-04-10") }); err != nil {
		t.Fatal(err)
	}
	jan8 := time.Date(2024, 1, 8, 9, 0, 0, 0, time.Local)
	dir := t.TempDir()
	// record writes a version of p; stale gives it a content hash the data no longer have.
	record := func(p string, stale bool, then func(tx *data.Tx, id string) error) {
		t.Helper()
		sum, err := report.Write(ctx, s, p, filepath.Join(dir, strings.ReplaceAll(p+time.Now().Format("150405.000000000"), ".", "")+".xlsx"), jan8, "")
		if err != nil {
			t.Fatal(err)
		}
		if stale {
			sum.ContentHash = strings.Repeat("0", 64)
		}
		e, err := report.Record(ctx, s, admin, sum)
		if err != nil {
			t.Fatal(err)
		}
		if then != nil {
			if err := s.Write(ctx, admin.Actor(), func(tx *data.Tx) error { return then(tx, e.ID) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	send := func(tx *data.Tx, id string) error {
		if err := tx.QueueExport(id, "<"+id+"@example.test>"); err != nil {
			return err
		}
		return tx.OutboxSent(id)
	}
	record("2023-Q3", false, func(tx *data.Tx, id string) error {
		if err := send(tx, id); err != nil {
			return err
		}
		return tx.Acknowledge(id)
	})
	record("2023-Q2", true, send)  // sent; the data moved on since
	record("2023-Q2", false, nil)  // a draft of today's data, not sent: v1 is what the district has
	record("2023-H1", false, nil)  // not a kind the district asks for
	record("2023-Q4", false, nil)  // exported only
	record("2022-Q4", false, send) // another year: not listed
	record("2023-H2", false, func(tx *data.Tx, id string) error {
		if err := send(tx, id); err != nil {
			return err
		}
		return tx.Reject(id, "  第 3 行金额有误  ")
	})
	type line struct {
		period, state   string
		versions        int
		out             int // version that left, 0 none
		draft           bool
		changed, wanted bool
		due             string
	}
	want := []line{
		{"2023-Q1", report.StatusBeforeLedger, 0, 0, false, false, true, "2023-04-05"},
		{"2023-Q2", report.DueSent, 1, 1, true, true, true, "2023-07-05"},
		{"2023-H1", report.DueOverdue, 0, 0, true, false, false, "2023-07-05"},
		{"2023-Q3", report.DueAcknowledged, 1, 1, false, false, true, "2023-10-05"},
		{"2023-Q4", report.DueOverdue, 0, 0, true, false, true, "2024-01-05"},
		{"2023-H2", report.StatusRejected, 1, 1, false, false, false, "2024-01-05"},
	}
	got, err := report.Status(ctx, s, 2023, jan8)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		for _, g := range got {
			t.Logf("%+v", g)
		}
		t.Fatalf("%d periods listed, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		out := 0
		if g.Out != nil {
			out = g.Out.Version
		}
		if g.Period != w.period || g.State != w.state || g.Versions != w.versions || out != w.out || (g.Draft != nil) != w.draft ||
			g.Changed != w.changed || g.Wanted != w.wanted || g.DueOn.Format("2006-01-02") != w.due {
			t.Errorf("line %d: %s %s versions %d out v%d draft %v changed %v wanted %v due %s; want %+v", i, g.Period, g.State,
				g.Versions, out, g.Draft != nil, g.Changed, g.Wanted, g.DueOn.Format("2006-01-02"), w)
		}
	}
	if h2 := got[len(got)-1]; h2.Out == nil || h2.Out.RejectReason != "第 3 行金额有误" {
		t.Errorf("the district's reason is not kept with the line: %+v", h2.Out)
	}
	// Before Q4 ends it is not due yet; on 3 January it is due and open.
	for _, c := range []struct {
		now   time.Time
		state string
	}{{time.Date(2023, 12, 20, 9, 0, 0, 0, time.Local), report.StatusNotEnded}, {time.Date(2024, 1, 3, 9, 0, 0, 0, time.Local), report.DueOpen}} {
		got, err := report.Status(ctx, s, 2023, c.now)
		if err != nil {
			t.Fatal(err)
		}
		if last := got[len(got)-2]; last.Period != "2023-Q4" || last.State != c.state {
			t.Errorf("on %s: %s %s, want 2023-Q4 %s", c.now.Format("2006-01-02"), last.Period, last.State, c.state)
		}
	}
}
