package report_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/demo"
	"townledger/app/district"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/app/setup"
	"townledger/data"
)

var (
	consolidator  = auth.Session{UserID: "u-clerk", Username: "clerk", DisplayName: "李", Roles: []auth.Role{auth.Exporter}}
	consolidAdmin = auth.Session{UserID: "u-admin", Username: "admin", Roles: []auth.Role{auth.Admin}}
)

const consolidatedPeriod = "2023-Q4"

// demoTown sets up a town's ledger with the demo's records under its name and code and
// writes its period workbook into dir, named as the town mails it; it returns the path.
// change, if not nil, edits the town's records first so the towns differ.
func demoTown(t *testing.T, dir, name, code string, change func(*data.Store)) string {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "town.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = setup.Run(ctx, s, setup.Town{Name: name, DivisionCode: code, DistrictName: "示范区应急管理局", Since: "2020-01-01"},
		setup.Admin{NewAccount: auth.NewAccount{Username: "admin", DisplayName: "王", Password: officetest.AdminPassword},
			Confirm: officetest.AdminPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, s, data.System, time.Date(2023, 12, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(s)
	}
	path := filepath.Join(dir, name+"_"+consolidatedPeriod+"_v1.xlsx")
	if _, err := report.WriteFile(ctx, s, consolidatedPeriod, path, time.Date(2024, 1, 5, 9, 0, 0, 0, time.Local), "周"); err != nil {
		t.Fatal(err)
	}
	return path
}

// periodActivities are the ids of a town's activities in the period.
func periodActivities(t *testing.T, s *data.Store) []string {
	t.Helper()
	ctx := context.Background()
	rows, _, err := s.ListActivities(ctx, "", data.ActivityFilter{Year: 2023}, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		a, err := publicity.Load(ctx, s, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.HeldOn >= "2023-10-01" {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) < 2 {
		t.Fatalf("the demo has %d activities in %s", len(ids), consolidatedPeriod)
	}
	return ids
}

// districtWith sets up a bureau's ledger under its own area code, registers the towns on it
// and takes in their workbooks from dir, each merged.
func districtWith(t *testing.T, name, code, dir string, towns map[string]string) *data.Store {
	t.Helper()
	ctx := context.Background()
	dist := officetest.NewBureau(t, name, code)
	codes := make([]string, 0, len(towns))
	for code := range towns {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		if _, err := district.AddTown(ctx, dist, consolidAdmin, district.Town{Name: towns[code], DivisionCode: code}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := district.PullFolder(ctx, dist, consolidator, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		if o.Result != data.ReceivedMerged {
			t.Fatalf("%s: %s %v", o.File, o.Result, o.Err)
		}
	}
	return dist
}

// sheetRows reads a sheet's rows as text (raw values: dates as serial numbers).
func sheetRows(t *testing.T, x *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The district consolidates its towns' real workbooks: the cover's figures are the sums of
// the towns' (罚款金额（万元） worked out again from the summed yuan), the per-town table
// has each town's own figures, a registered town that sent nothing is named as missing,
// every detail sheet lists every town's rows, town after town in the town's own order, behind
// the town's name; and the workbook is itself a valid submission, read back without a
// complaint and taken in by a city's ledger with the district as its town.
func TestConsolidatedWorkbookAddsUpTheTownsAndIsASubmission(t *testing.T) {
	if testing.Short() {
		t.Skip("exports three demo towns")
	}
	ctx := context.Background()
	in := t.TempDir()
	paths := []string{
		demoTown(t, in, "白水镇", "110105101", nil),
		demoTown(t, in, "红山乡", "110105200", func(s *data.Store) { // fewer activities
			if err := publicity.Delete(ctx, s, consolidAdmin, periodActivities(t, s)[0]); err != nil {
				t.Fatal(err)
			}
		}),
		demoTown(t, in, "东坝镇", "110105102", func(s *data.Store) { // more people reached
			a, err := publicity.Load(ctx, s, periodActivities(t, s)[1])
			if err != nil {
				t.Fatal(err)
			}
			a.People += 1234
			if _, err := publicity.Save(ctx, s, consolidAdmin, a); err != nil {
				t.Fatal(err)
			}
		}),
	}
	dist := districtWith(t, "示范区应急管理局", "110105", in, map[string]string{"110105101": "白水镇", "110105200": "红山乡", "110105102": "东坝镇",
		"110105103": "无报镇"})
	// Each town's workbook as the district reads it, in the consolidated order (by code).
	var subs []report.Submission
	for _, p := range []string{paths[0], paths[2], paths[1]} {
		sub, err := report.ReadSubmissionFile(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		subs = append(subs, sub)
	}
	names := []string{"白水镇", "东坝镇", "红山乡"}

	out := filepath.Join(t.TempDir(), "汇总.xlsx")
	now := time.Date(2024, 1, 20, 9, 0, 0, 0, time.Local)
	c, err := district.Consolidate(ctx, dist, consolidator, "2023-q4", out, now, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Period != consolidatedPeriod || len(c.Towns) != 3 || len(c.Missing) != 1 || c.Missing[0].Name != "无报镇" {
		t.Fatalf("consolidation %+v", c)
	}

	// The district's totals: each figure summed over the towns' figures.
	want := map[string]float64{}
	for _, s := range subs {
		for _, f := range s.Figures {
			v, err := strconv.ParseFloat(f.Value, 64)
			if err != nil {
				t.Fatalf("%s: figure %s = %q", s.TownName, f.Name, f.Value)
			}
			want[f.Name] += v
		}
	}
	if subs[0].Figures[len(subs[0].Figures)-1].Value == subs[1].Figures[len(subs[1].Figures)-1].Value {
		t.Fatal("the towns reach as many people: the sums would not show a town counted twice")
	}
	want["fines_wan"] = math.Round(want["fines_yuan"]) / 10000
	back, err := report.ReadSubmissionFile(ctx, out)
	if err != nil {
		t.Fatalf("the consolidated workbook is no valid submission: %v", err)
	}
	office, _, err := dist.Town(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if back.TownCode != office.Code || back.Period != consolidatedPeriod || back.ExportID != c.ExportID ||
		back.ContentHash != c.ContentHash || back.TownName != office.Name {
		t.Errorf("read back: town %s %s, period %s, export %s, hash %s", back.TownCode, back.TownName, back.Period,
			back.ExportID, back.ContentHash)
	}
	if len(back.Figures) != len(subs[0].Figures) {
		t.Fatalf("cover: %d figures, a town's has %d", len(back.Figures), len(subs[0].Figures))
	}
	for i, f := range back.Figures {
		v, err := strconv.ParseFloat(f.Value, 64)
		if err != nil || math.Abs(v-want[f.Name]) > 1e-6 || f.Label != subs[0].Figures[i].Label || f != c.Figures[i] {
			t.Errorf("cover %s（%s） = %q, the towns add up to %v", f.Label, f.Unit, f.Value, want[f.Name])
		}
	}
	if want["cases"] == 0 || want["people"] == 0 || want["fines_yuan"] == 0 {
		t.Fatalf("the demo towns have nothing to add up: %v", want)
	}

	// The detail sheets: every town's rows in its order, behind its name, with its records.
	records := 0
	for _, name := range []string{report.SheetCases, report.SheetDisclosure, report.SheetTrainings, report.SheetAttendance,
		report.SheetHours, report.SheetActivities} {
		var wantRows []string
		for i, s := range subs {
			for _, r := range s.Rows[name] {
				wantRows = append(wantRows, fmt.Sprint(names[i], r.ID, r.Cells))
			}
		}
		var gotRows []string
		for _, r := range back.Rows[name] {
			gotRows = append(gotRows, fmt.Sprint(r.Cells[0], r.ID, r.Cells[1:]))
		}
		if len(wantRows) == 0 || !slices.Equal(gotRows, wantRows) || c.Rows[name] != len(wantRows) {
			t.Errorf("%s: %d rows (said %d), the towns have %d", name, len(gotRows), c.Rows[name], len(wantRows))
		}
		if head := back.Columns[name]; head[0].Header != report.ColTown || !slices.Equal(head[1:], subs[0].Columns[name]) {
			t.Errorf("%s: columns %v, a town's %v", name, head, subs[0].Columns[name])
		}
	}
	for _, s := range subs {
		records += s.Records
	}
	if back.Records != records || c.Records != records {
		t.Errorf("%d records (said %d), the towns have %d", back.Records, c.Records, records)
	}

	// As a spreadsheet: the cover's totals as numbers, the per-town table, the row counts.
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !slices.Equal(got, []string{report.SheetCover, report.SheetTowns, report.SheetCases,
		report.SheetDisclosure, report.SheetTrainings, report.SheetAttendance, report.SheetHours, report.SheetActivities,
		report.SheetMeta}) {
		t.Errorf("sheets %v", got)
	}
	cover := map[string]string{}
	for _, r := range sheetRows(t, x, report.SheetCover) {
		if len(r) >= 3 {
			cover[r[0]+"|"+r[2]] = r[1]
		} else if len(r) == 2 {
			cover[r[0]] = r[1]
		}
	}
	if cover["报送单位"] != office.Name || cover["填报人"] != "李" || cover["人次|受教育群众"] != "" ||
		cover["受教育群众|人次"] != strconv.Itoa(int(want["people"])) || cover["案件数（立案或作出决定）|件"] != strconv.Itoa(int(want["cases"])) {
		t.Errorf("cover %v", cover)
	}
	towns := sheetRows(t, x, report.SheetTowns)
	if len(towns) != 6 { // header, three towns, the missing one, 合计
		t.Fatalf("per-town table: %d rows: %v", len(towns), towns)
	}
	head := towns[0]
	col := slices.Index(head, "受教育群众（人次）")
	if col < 0 || head[0] != "乡镇" {
		t.Fatalf("per-town table header %v", head)
	}
	for i, s := range subs {
		r := towns[1+i]
		if r[0] != names[i] || r[1] != s.TownCode || r[2] != "v1" || r[col] != s.Figures[len(s.Figures)-1].Value {
			t.Errorf("per-town row %v, the town's people %s", r, s.Figures[len(s.Figures)-1].Value)
		}
	}
	if r := towns[4]; r[0] != "无报镇" || r[2] != "未报送" || len(r) > 3 {
		t.Errorf("the missing town's row %v", r)
	}
	if r := towns[5]; r[0] != "合计" || r[col] != strconv.Itoa(int(want["people"])) {
		t.Errorf("the totals' row %v", r)
	}
	for _, name := range []string{report.SheetCases, report.SheetAttendance, report.SheetActivities} {
		n := 0
		for _, s := range subs {
			n += len(s.Rows[name])
		}
		if rows := sheetRows(t, x, name); len(rows)-1 != n || rows[1][0] != names[0] || rows[len(rows)-1][0] != names[2] {
			t.Errorf("%s: %d rows, the towns have %d", name, len(rows)-1, n)
		}
	}

	// A consolidation cancelled leaves nothing behind.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	elsewhere := t.TempDir()
	if _, err := report.WriteConsolidated(cancelled, dist, consolidatedPeriod, filepath.Join(elsewhere, "c.xlsx"), now, ""); err == nil {
		t.Error("a cancelled consolidation went through")
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("a cancelled consolidation left %v", entries)
	}

	// One level up: a city's ledger takes the district's workbook in as its town's.
	city := t.TempDir()
	if err := os.Link(out, filepath.Join(city, "示范区_"+consolidatedPeriod+"_v1.xlsx")); err != nil {
		t.Fatal(err)
	}
	if office.Code != "110105" {
		t.Errorf("the district's code is %s", office.Code)
	}
	cityStore := districtWith(t, "示范市应急管理局", "110100", city, map[string]string{office.Code: office.Name})
	n := 0
	if err := cityStore.DistrictRows(ctx, consolidatedPeriod, func(data.DistrictRow) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, rows := range back.Rows {
		total += len(rows)
	}
	if n != total {
		t.Errorf("the city merged %d rows of %d", n, total)
	}
}

// A consolidation never writes over a file, and a period no town's workbook is in force for
// is refused for that, with no file left behind.
func TestConsolidateRefusesAnExistingFileAndAnEmptyPeriod(t *testing.T) {
	ctx := context.Background()
	dist := officetest.NewStore(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "汇总.xlsx")
	_, err := district.Consolidate(ctx, dist, consolidator, "2024", out, time.Now(), "")
	var p *problem.Error
	if !errors.As(err, &p) || p.Key != report.KeyConsolidateNone || p.Data["Period"] != "2024" {
		t.Errorf("nothing in force: %v", err)
	}
	if err := os.WriteFile(out, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := district.Consolidate(ctx, dist, consolidator, "2024", out, time.Now(), ""); !errors.As(err, &p) ||
		p.Key != report.KeyExists {
		t.Errorf("existing file: %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "mine" {
		t.Error("the existing file was overwritten")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if _, err := district.Consolidate(ctx, dist, auth.Session{UserID: "u", Roles: []auth.Role{auth.Officer}}, "2024",
		filepath.Join(dir, "x.xlsx"), time.Now(), ""); err == nil {
		t.Error("an officer may not consolidate")
	}
}
