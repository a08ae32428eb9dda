package district_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/demo"
	"townledger/app/district"
	"townledger/app/officetest"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/app/setup"
	"townledger/data"
)

var (
	admin   = auth.Session{UserID: "u-admin", Username: "admin", Roles: []auth.Role{auth.Admin}}
	clerk   = auth.Session{UserID: "u-clerk", Username: "clerk", Roles: []auth.Role{auth.Exporter}}
	officer = auth.Session{UserID: "u-off", Username: "off", Roles: []auth.Role{auth.Officer}}
)

const period = "2023-Q4"

// townOffice is a town's ledger set up with the demo data, as the towns' offices have.
type townOffice struct {
	name, code string
	store      *data.Store
	dir        string
}

// newTown sets up a town's ledger with the demo's records under the town's name and code.
func newTown(t *testing.T, name, code string) *townOffice {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := data.Open(ctx, filepath.Join(dir, "town.db"), data.Options{})
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
	return &townOffice{name: name, code: code, store: s, dir: dir}
}

// export writes the town's period workbook and returns its path, named as the town mails it
// (<town>_<period>_v<n>.xlsx).
func (o *townOffice) export(t *testing.T) string {
	t.Helper()
	tmp := filepath.Join(o.dir, fmt.Sprintf("export-%d.xlsx", time.Now().UnixNano()))
	_, rec, err := report.Export(context.Background(), o.store, admin, period, tmp, time.Date(2024, 1, 5, 9, 0, 0, 0, time.Local), "周")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(o.dir, fmt.Sprintf("%s_%s_v%d.xlsx", o.name, period, rec.Version))
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// activities are the town's activities of the period, by id.
func (o *townOffice) activities(t *testing.T) []string {
	t.Helper()
	rows, _, err := o.store.ListActivities(context.Background(), "", data.ActivityFilter{Year: 2023}, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		a, err := publicity.Load(context.Background(), o.store, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.HeldOn >= "2023-10-01" {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) < 2 {
		t.Fatalf("the demo has %d activities in %s", len(ids), period)
	}
	return ids
}

// removeActivity deletes one of the period's activities and returns its id.
func (o *townOffice) removeActivity(t *testing.T) string {
	t.Helper()
	id := o.activities(t)[0]
	if err := publicity.Delete(context.Background(), o.store, admin, id); err != nil {
		t.Fatal(err)
	}
	return id
}

// morePeople changes one of the period's activities.
func (o *townOffice) morePeople(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	a, err := publicity.Load(ctx, o.store, o.activities(t)[1])
	if err != nil {
		t.Fatal(err)
	}
	a.People += 7
	if _, err := publicity.Save(ctx, o.store, admin, a); err != nil {
		t.Fatal(err)
	}
}

func copyTo(t *testing.T, dir string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		in, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dir, filepath.Base(p)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func pull(t *testing.T, s *data.Store, dir string) []district.Outcome {
	t.Helper()
	out, err := district.PullFolder(context.Background(), s, clerk, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// results lists each outcome as "file:result", with "again" for files received before.
func results(out []district.Outcome) string {
	var l []string
	for _, o := range out {
		r := o.Result
		if o.Again {
			r = "again"
		}
		if o.Err != nil && o.Result != data.ReceivedRejected {
			r = "failed " + o.Err.Error()
		}
		l = append(l, o.File+":"+r)
	}
	return strings.Join(l, " ")
}

// rowsInForce are the district's rows in force of the period: their record ids by town.
func rowsInForce(t *testing.T, s *data.Store) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	err := s.DistrictRows(context.Background(), period, func(r data.DistrictRow) error {
		got[r.FromTown] = append(got[r.FromTown], r.Sheet+"/"+r.RecordID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// submitted are a workbook's rows as ReadSubmissionFile reads them: "sheet/record" each.
func submitted(t *testing.T, path string) []string {
	t.Helper()
	sub, err := report.ReadSubmissionFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for sheet, rows := range sub.Rows {
		for _, r := range rows {
			out = append(out, sheet+"/"+r.ID)
		}
	}
	slices.Sort(out)
	return out
}

func sorted(l []string) []string {
	l = slices.Clone(l)
	slices.Sort(l)
	return l
}

func register(t *testing.T, s *data.Store, towns ...*townOffice) {
	t.Helper()
	for _, o := range towns {
		if _, err := district.AddTown(context.Background(), s, admin, district.Town{Name: o.name, DivisionCode: o.code,
			Emails: "Office@" + o.code + ".example.cn; clerk@" + o.code + ".example.cn"}); err != nil {
			t.Fatal(err)
		}
	}
}

// The district takes in its towns' real period workbooks from a folder: each is merged once,
// pulling again changes nothing, a higher version replaces the town's rows in full (a record
// it no longer has is gone), an older version arriving late changes nothing, and a workbook
// from an unregistered town or one that is no TownLedger report is rejected with its reason
// and merges nothing. Every file is kept beside the ledger, readable by its owner only, and
// verify finds the ledger's log whole.
func TestPullFolderMergesSupersedesAndRefuses(t *testing.T) {
	if testing.Short() {
		t.Skip("exports three demo towns")
	}
	ctx := context.Background()
	dist := officetest.NewStore(t)
	a, b, c := newTown(t, "青石镇", "110105100"), newTown(t, "白水镇", "110105101"), newTown(t, "红山乡", "110105200")
	empty := &townOffice{name: "无报镇", code: "110105102"}
	register(t, dist, a, b, c, empty)

	in := t.TempDir()
	a1, b1, c1 := a.export(t), b.export(t), c.export(t)
	copyTo(t, in, a1, b1, c1)
	if got := results(pull(t, dist, in)); got != "白水镇_2023-Q4_v1.xlsx:merged 红山乡_2023-Q4_v1.xlsx:merged 青石镇_2023-Q4_v1.xlsx:merged" {
		t.Fatalf("first pull: %s", got)
	}
	rows := rowsInForce(t, dist)
	for _, o := range []struct {
		town *townOffice
		path string
	}{{a, a1}, {b, b1}, {c, c1}} {
		want := submitted(t, o.path)
		if len(want) < 10 || !slices.Equal(sorted(rows[o.town.code]), want) {
			t.Errorf("%s: %d rows in force, its workbook has %d", o.town.name, len(rows[o.town.code]), len(want))
		}
	}
	if got := results(pull(t, dist, in)); got != "白水镇_2023-Q4_v1.xlsx:again 红山乡_2023-Q4_v1.xlsx:again 青石镇_2023-Q4_v1.xlsx:again" {
		t.Fatalf("second pull: %s", got)
	}
	if all, _ := dist.ReceivedReports(ctx, period); len(all) != 3 {
		t.Fatalf("the second pull recorded again: %d received", len(all))
	}

	// 青石镇 withdraws an activity: its v2 replaces v1 in full.
	gone := a.removeActivity(t)
	a2 := a.export(t)
	in2 := t.TempDir()
	copyTo(t, in2, a2)
	out := pull(t, dist, in2)
	if got := results(out); got != "青石镇_2023-Q4_v2.xlsx:merged" || out[0].Replaced.Version != 1 || out[0].TownName != "青石镇" {
		t.Fatalf("v2: %s, replaced %+v", got, out[0].Replaced)
	}
	rows = rowsInForce(t, dist)
	if !slices.Equal(sorted(rows[a.code]), submitted(t, a2)) {
		t.Errorf("青石镇's rows are not its v2's")
	}
	for _, r := range rows[a.code] {
		if strings.HasSuffix(r, "/"+gone) {
			t.Errorf("the activity v2 no longer has is still counted: %s", r)
		}
	}

	// 红山乡 sends v2 and v3; v3 arrives first, v2 after it.
	c.morePeople(t)
	c2 := c.export(t)
	c.removeActivity(t)
	c3 := c.export(t)
	before := rowsInForce(t, dist)
	in3 := t.TempDir()
	copyTo(t, in3, c3)
	if got := results(pull(t, dist, in3)); got != "红山乡_2023-Q4_v3.xlsx:merged" {
		t.Fatalf("v3: %s", got)
	}
	if !slices.Equal(sorted(rowsInForce(t, dist)[c.code]), submitted(t, c3)) {
		t.Errorf("红山乡's rows are not its v3's")
	}
	in4 := t.TempDir()
	copyTo(t, in4, c2)
	out = pull(t, dist, in4)
	if got := results(out); got != "红山乡_2023-Q4_v2.xlsx:late" || out[0].InForce.Version != 3 {
		t.Fatalf("v2 after v3: %s, in force %+v", got, out[0].InForce)
	}
	after := rowsInForce(t, dist)
	if !slices.Equal(sorted(after[c.code]), submitted(t, c3)) || !slices.Equal(after[b.code], before[b.code]) {
		t.Errorf("a late version changed the rows")
	}

	// An unregistered town, a spreadsheet that is no TownLedger report, and Excel's lock file.
	stranger := newTown(t, "外乡", "110105300")
	bad := t.TempDir()
	copyTo(t, bad, stranger.export(t))
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "乡镇")
	x.SetCellValue("Sheet1", "B1", "案件数")
	if err := x.SaveAs(filepath.Join(bad, "汇总表.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "~$汇总表.xlsx"), []byte("lock"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "说明.txt"), []byte("not a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	before = rowsInForce(t, dist)
	out = pull(t, dist, bad)
	if got := results(out); got != "外乡_2023-Q4_v1.xlsx:rejected 汇总表.xlsx:rejected" {
		t.Fatalf("bad files: %s", got)
	}
	if k := keyOf(out[0].Err); k != district.KeyTownUnknown || !strings.Contains(out[0].Report.Reason, "110105300") {
		t.Errorf("unknown town: %s, recorded reason %q", k, out[0].Report.Reason)
	}
	if k := keyOf(out[1].Err); !strings.HasPrefix(k, "report.") || out[1].Report.Reason == "" {
		t.Errorf("not a report: %s, recorded reason %q", k, out[1].Report.Reason)
	}
	if after := rowsInForce(t, dist); len(after) != len(before) || len(after[stranger.code]) != 0 {
		t.Errorf("a rejected workbook was merged")
	}

	// Every file received is kept under its SHA-256, for its owner only.
	for _, o := range append(out, pull(t, dist, in)...) {
		st, err := os.Stat(district.ReceivedFile(dist, o.Report.FileSHA256))
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("%s kept with mode %v", o.File, st.Mode().Perm())
		}
	}

	// The period's standing, town by town.
	status, err := district.Status(ctx, dist, period)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, s := range status {
		lines = append(lines, fmt.Sprintf("%s %s v%d superseded %d late %d rejected %d registered %v", s.Town.DivisionCode,
			s.State, s.InForce.Version, len(s.Superseded), len(s.Late), len(s.Rejected), s.Registered))
	}
	want := []string{
		"110105100 received v2 superseded 1 late 0 rejected 0 registered true",
		"110105101 received v1 superseded 0 late 0 rejected 0 registered true",
		"110105102 missing v0 superseded 0 late 0 rejected 0 registered true",
		"110105200 received v3 superseded 1 late 1 rejected 0 registered true",
		"110105300 rejected v0 superseded 0 late 0 rejected 1 registered false",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("status\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	// A file rejected before is nothing new while its reason stands; once its town is
	// registered it goes in.
	if got := results(pull(t, dist, bad)); got != "外乡_2023-Q4_v1.xlsx:again 汇总表.xlsx:again" {
		t.Errorf("the rejected files again: %s", got)
	}
	register(t, dist, stranger)
	if got := results(pull(t, dist, bad)); got != "外乡_2023-Q4_v1.xlsx:merged 汇总表.xlsx:again" {
		t.Errorf("after registering the town: %s", got)
	}
	if rows := rowsInForce(t, dist); len(rows[stranger.code]) == 0 {
		t.Error("the newly registered town's workbook was not merged")
	}
	if all, _ := dist.ReceivedReports(ctx, period); len(all) != 8 {
		t.Errorf("%d received for the period, want 8 (3 + v2 + v3 + late v2 + rejected + merged)", len(all))
	}
	checkLog(t, dist)
}

func checkLog(t *testing.T, s *data.Store) {
	t.Helper()
	c, err := s.CheckLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !c.OK() {
		t.Errorf("verify finds %+v", c.Findings)
	}
}

func keyOf(err error) string {
	keys, _ := officetest.Keys(err)
	return strings.Join(keys, ",")
}

// By mail, a workbook counts only from one of its town's addresses; the same message is
// taken in once; a version number in the mail's header wins over the file's name, and a file
// named without one is ordered by when it was written.
func TestMailIntakeChecksTheSenderAndTakesEachMessageOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("exports a demo town")
	}
	ctx := context.Background()
	dist := officetest.NewStore(t)
	a := newTown(t, "青石镇", "110105100")
	register(t, dist, a)
	v1 := a.export(t)
	content, err := os.ReadFile(v1)
	if err != nil {
		t.Fatal(err)
	}
	src := district.Source{Content: content, FileName: "青石镇2023年第四季度报表.xlsx", Via: data.SourceMail,
		Sender: "someone@elsewhere.cn", MessageID: "<report-1@110105100.example.cn>", Version: 1}
	o, err := district.Intake(ctx, dist, clerk, src)
	if err != nil {
		t.Fatal(err)
	}
	if o.Result != data.ReceivedRejected || keyOf(o.Err) != district.KeySenderUnknown || o.Report.Sender != "someone@elsewhere.cn" {
		t.Fatalf("a stranger's mail: %s %v %+v", o.Result, o.Err, o.Report)
	}
	if rows := rowsInForce(t, dist); len(rows) != 0 {
		t.Fatalf("a stranger's workbook was merged")
	}
	src.Sender, src.MessageID = "青石镇 <OFFICE@110105100.example.cn>", "<report-2@110105100.example.cn>"
	if o, err = district.Intake(ctx, dist, clerk, src); err != nil || o.Result != data.ReceivedMerged || o.Report.Version != 1 {
		t.Fatalf("the town's mail: %s %v %+v", o.Result, err, o.Report)
	}
	// The same message again, even with its attachment saved differently, changes nothing.
	again := src
	again.Content = append(slices.Clone(content), 0)
	if o, err = district.Intake(ctx, dist, clerk, again); err != nil || !o.Again || o.Report.MessageID != src.MessageID {
		t.Fatalf("the same message again: %+v %v", o, err)
	}
	if all, _ := dist.ReceivedReports(ctx, period); len(all) != 2 {
		t.Fatalf("%d received, want the rejected and the merged", len(all))
	}

	// v2, named without a version and mailed without the header: written later, it supersedes.
	a.removeActivity(t)
	v2 := a.export(t)
	o, err = district.Intake(ctx, dist, clerk, district.Source{Path: v2, FileName: "青石镇报表（改）.xlsx", Via: data.SourceFolder})
	if err != nil || o.Result != data.ReceivedMerged || o.Replaced.Version != 1 || o.Report.Version != 0 {
		t.Fatalf("v2 without a number: %s %v replaced %+v", o.Result, err, o.Replaced)
	}
	if !slices.Equal(sorted(rowsInForce(t, dist)[a.code]), submitted(t, v2)) {
		t.Error("the rows are not v2's")
	}
	// v1 again under another name, without a number either: written earlier, it is late.
	o, err = district.Intake(ctx, dist, clerk, district.Source{Content: append(slices.Clone(content), 0, 0), FileName: "旧.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Result != data.ReceivedLate || o.InForce.ExportID == "" {
		t.Errorf("v1 after v2: %s %v", o.Result, o.Err)
	}
	if !slices.Equal(sorted(rowsInForce(t, dist)[a.code]), submitted(t, v2)) {
		t.Error("an older version changed the rows")
	}
	if _, err := district.Intake(ctx, dist, officer, src); keyOf(err) != "perm.denied" {
		t.Errorf("an officer took in a report: %v", err)
	}
	checkLog(t, dist)
}
