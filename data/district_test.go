package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The district's register: a town's division code is taken once among the live towns, an
// update and a removal are audited, and a removed town's code may be registered again.
func TestDistrictTownsRegister(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	write := func(fn func(tx *Tx) error) error { return s.Write(ctx, alice, fn) }
	var id string
	if err := write(func(tx *Tx) error {
		var err error
		id, err = tx.InsertDistrictTown(DistrictTown{DivisionCode: "110105100", Name: "青石镇", Emails: "a@qs.cn"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	err := write(func(tx *Tx) error {
		_, err := tx.InsertDistrictTown(DistrictTown{DivisionCode: "110105100", Name: "又一个"})
		return err
	})
	if KindOf(err) != ErrConflict {
		t.Fatalf("a second town with the same code: %v", err)
	}
	if err := write(func(tx *Tx) error {
		return tx.UpdateDistrictTown(DistrictTown{ID: id, DivisionCode: "110105100", Name: "青石镇", Kind: DistrictKindCentre, Emails: "b@qs.cn"})
	}); err != nil {
		t.Fatal(err)
	}
	d, ok, err := s.DistrictTownByCode(ctx, "110105100")
	if err != nil || !ok || d.Emails != "b@qs.cn" || d.Kind != DistrictKindCentre {
		t.Fatalf("after update %+v %v %v", d, ok, err)
	}
	if err := write(func(tx *Tx) error { return tx.DeleteDistrictTown(id) }); err != nil {
		t.Fatal(err)
	}
	if list, err := s.DistrictTowns(ctx); err != nil || len(list) != 0 {
		t.Fatalf("after removal %+v %v", list, err)
	}
	if err := write(func(tx *Tx) error {
		_, err := tx.InsertDistrictTown(DistrictTown{DivisionCode: "110105100", Name: "青石镇"})
		return err
	}); err != nil {
		t.Fatalf("registering a removed code again: %v", err)
	}
	checkLogClean(t, s)
}

func checkLogClean(t *testing.T, s *Store) {
	t.Helper()
	c, err := s.CheckLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !c.OK() {
		t.Fatalf("verify finds %+v (break %+v)", c.Findings, c.Break)
	}
}

func districtRows(n int, prefix string) []DistrictRow {
	var rows []DistrictRow
	for i := range n {
		rows = append(rows, DistrictRow{Sheet: "案件", Row: i + 2, Table: "case_file",
			RecordID: fmt.Sprintf("%s-%04d", prefix, i), Cells: []string{prefix, fmt.Sprint(i), "罚款"}})
	}
	return rows
}

// Merging: the rows of a town's period are those of its version in force; a new version
// replaces them whole (records it no longer has are gone) and marks the old one superseded;
// other towns' and periods' rows stay. Lookups by file and message find what was received.
func TestMergeReplacesTheTownsPeriod(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	merge := func(r ReceivedReport, rows []DistrictRow) string {
		t.Helper()
		var id string
		if err := s.Write(ctx, alice, func(tx *Tx) error {
			var err error
			id, err = tx.MergeReport(r, rows)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	report := func(town, period string, v int, sha string) ReceivedReport {
		return ReceivedReport{Source: SourceFolder, ReceivedAt: "2024-10-05T08:00:00.000Z", FileName: sha + ".xlsx",
			FileSHA256: sha, FromTown: town, Period: period, Version: v, MessageID: "<" + sha + "@x>"}
	}
	type key struct{ town, record string }
	collect := func(period string) (map[key][]string, []string) {
		t.Helper()
		got := map[key][]string{}
		var order []string
		if err := s.DistrictRows(ctx, period, func(r DistrictRow) error {
			got[key{r.FromTown, r.RecordID}] = r.Cells
			order = append(order, r.FromTown+"/"+r.RecordID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got, order
	}
	// 600 rows: more than one INSERT's batch.
	a1 := merge(report("110105100", "2024-Q3", 1, "a1"), districtRows(600, "a"))
	merge(report("110105101", "2024-Q3", 1, "b1"), districtRows(3, "b"))
	merge(report("110105100", "2024-Q2", 1, "a0"), districtRows(2, "z"))
	got, order := collect("2024-Q3")
	if len(got) != 603 || order[0] != "110105100/a-0000" || order[599] != "110105100/a-0599" || order[600] != "110105101/b-0000" {
		t.Fatalf("%d rows, order %v … %v", len(got), order[:2], order[598:])
	}
	if c := got[key{"110105100", "a-0007"}]; strings.Join(c, "|") != "a|7|罚款" {
		t.Fatalf("cells %q", c)
	}
	v2 := districtRows(10, "a")
	v2 = append(v2[:4], v2[5:]...) // a-0004 withdrawn
	v2[0].Cells = []string{"a", "0", "警告"}
	a2 := merge(report("110105100", "2024-Q3", 2, "a2"), v2)
	got, _ = collect("2024-Q3")
	if len(got) != 12 {
		t.Fatalf("after v2: %d rows, want 9 of 青石镇 and 3 of the other", len(got))
	}
	if _, ok := got[key{"110105100", "a-0004"}]; ok {
		t.Error("a record v2 no longer has is still counted")
	}
	if c := got[key{"110105100", "a-0000"}]; c[2] != "警告" {
		t.Errorf("a changed row kept its old cells %q", c)
	}
	if old, _ := collect("2024-Q2"); len(old) != 2 {
		t.Errorf("another period's rows changed: %d", len(old))
	}
	inForce, err := s.ReportsInForce(ctx, "2024-Q3")
	if err != nil || len(inForce) != 2 || inForce[0].ID != a2 || inForce[0].Version != 2 || !inForce[0].InForce {
		t.Fatalf("in force %+v %v", inForce, err)
	}
	all, err := s.ReceivedReports(ctx, "2024-Q3")
	if err != nil || len(all) != 3 || all[0].ID != a1 || all[0].Outcome != ReceivedSuperseded || all[0].InForce {
		t.Fatalf("received %+v %v", all, err)
	}
	for _, c := range []struct{ sha, msg, want string }{{"a2", "", a2}, {"", "<a1@x>", a1}, {"nope", "<nope>", ""}} {
		r, ok, err := s.ReceivedBefore(ctx, c.sha, c.msg, SourceFolder, "")
		if err != nil || ok != (c.want != "") || r.ID != c.want {
			t.Errorf("received before %q %q: %v %v %v", c.sha, c.msg, r.ID, ok, err)
		}
	}
	// A late version is recorded, and changes nothing.
	late := report("110105100", "2024-Q3", 1, "a1b")
	late.Outcome, late.Reason = ReceivedLate, ""
	if err := s.Write(ctx, alice, func(tx *Tx) error { _, err := tx.InsertReceivedReport(late); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := collect("2024-Q3"); len(got) != 12 {
		t.Errorf("a late version changed the rows: %d", len(got))
	}
	err = s.Write(ctx, alice, func(tx *Tx) error {
		_, err := tx.InsertReceivedReport(ReceivedReport{Outcome: ReceivedMerged})
		return err
	})
	if err == nil {
		t.Error("a merged report was recorded without its rows")
	}
	// A file once rejected counts as received again only from the same source and sender.
	rejected := ReceivedReport{Source: SourceMail, Sender: "x@y.cn", ReceivedAt: "2024-10-06T08:00:00.000Z", FileName: "r.xlsx",
		FileSHA256: "rej", Outcome: ReceivedRejected, Reason: "unknown sender"}
	if err := s.Write(ctx, alice, func(tx *Tx) error { _, err := tx.InsertReceivedReport(rejected); return err }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		source, sender string
		want           bool
	}{{SourceMail, "x@y.cn", true}, {SourceMail, "town@y.cn", false}, {SourceFolder, "", false}} {
		if _, ok, err := s.ReceivedBefore(ctx, "rej", "", c.source, c.sender); err != nil || ok != c.want {
			t.Errorf("rejected file from %s %s: received before %v %v", c.source, c.sender, ok, err)
		}
	}
	// Once taken in after a rejection, the file's record that counts is the one taken in.
	taken := ReceivedReport{Source: SourceMail, Sender: "x@y.cn", ReceivedAt: "2024-10-07T08:00:00.000Z", FileName: "r.xlsx",
		FileSHA256: "rej", Outcome: ReceivedLate}
	if err := s.Write(ctx, alice, func(tx *Tx) error { _, err := tx.InsertReceivedReport(taken); return err }); err != nil {
		t.Fatal(err)
	}
	if r, ok, err := s.ReceivedBefore(ctx, "rej", "", SourceFolder, ""); err != nil || !ok || r.Outcome != ReceivedLate {
		t.Errorf("a file rejected, then taken in: %+v %v %v", r, ok, err)
	}
	periods, err := s.ReceivedPeriods(ctx)
	if err != nil || strings.Join(periods, " ") != "2024-Q2 2024-Q3" {
		t.Errorf("periods %v %v", periods, err)
	}
	merge(report("110105101", "2024-Q3", 2, "b2"), append(districtRows(2, "b"), DistrictRow{Sheet: "培训", Row: 2,
		Table: "training", RecordID: "t-1", Cells: []string{"t"}}))
	var sheet []string
	if err := s.DistrictSheetRows(ctx, "2024-Q3", "案件", func(r DistrictRow) error {
		sheet = append(sheet, r.FromTown+"/"+r.RecordID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(sheet) != 11 || sheet[0] != "110105100/a-0000" || sheet[8] != "110105100/a-0009" || sheet[10] != "110105101/b-0001" {
		t.Errorf("one sheet's rows: %v", sheet)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.DistrictRows(ctx, "2024-Q3", func(DistrictRow) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn's error did not stop the rows: %v after %d", err, n)
	}
	// The derived rows are not audited, the reports are: verify stays clean.
	checkLogClean(t, s)
}
