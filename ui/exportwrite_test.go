package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/office"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/app/training"
	"townledger/ui/exports"
)

// TestExporterWritesThePeriodReport: an administrator picks October 2024 on the export page,
// saves the workbook where the file dialog is, and the workbook holds that month's records
// and nothing else: two cases, one training session with three attendees and two publicity
// activities the test records, beside records of September and November and the demo's
// records of 2023, which stay out.
func TestExporterWritesThePeriodReport(t *testing.T) {
	u := signedIn(t)
	ctx := context.Background()
	if err := u.Office.Demo.LoadAs(ctx, u.session, time.Date(2023, 12, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	octoberRecords(t, u)

	u.Shell.Select("nav.exports")
	ex := u.Shell.Current.(*exports.Exports)
	if len(ex.Period.Options) < 4 || ex.Period.Selected != "2024年10月" {
		t.Fatalf("periods offered: %v, chosen %q", ex.Period.Options, ex.Period.Selected)
	}
	if ex.Export.Disabled() {
		t.Fatal("an administrator cannot export")
	}
	dir := t.TempDir()
	fyne.CurrentApp().Preferences().SetString("townledger.window.lastdir", dir) // where the dialog opens
	test.Tap(ex.Export)
	name := saveInDialog(t, u)
	if name != "2024年10月应急执法工作报表.xlsx" {
		t.Errorf("suggested file name %q", name)
	}
	u.tasks.Wait()
	path := filepath.Join(dir, name)
	if top := u.Win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(textsOf(top), "\n"), path) {
		t.Errorf("no word of the written file %s; shown: %v", path, top)
	}
	if !strings.Contains(ex.State.Text, "第 1 版") {
		t.Errorf("the period's state after writing: %q", ex.State.Text)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the workbook the export page wrote: %v", err)
	}
	defer f.Close()
	rows := func(sheet string) [][]string {
		t.Helper()
		r, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil || len(r) == 0 {
			t.Fatalf("sheet %s: %d rows, %v", sheet, len(r), err)
		}
		return r
	}
	cover := map[string]string{}
	for _, r := range rows(report.SheetCover)[1:] {
		if len(r) > 2 && r[2] != "" {
			cover[r[0]+"/"+r[2]] = r[1]
		} else if len(r) > 1 {
			cover[r[0]] = r[1]
		}
	}
	for key, want := range map[string]string{
		"报送单位": "青石镇", "报告期": "2024年10月", "填报人": "admin", "填报日期": "2024-11-20",
		"案件数（立案或作出决定）/件": "2", "立案数/件": "2", "作出行政处罚决定数（不含不予处罚）/件": "1",
		"结案数/件": "0", "其中：简易程序/件": "2", "其中：普通程序/件": "0", "罚款金额/元": "2000",
		"涉案企业/家": "2", "处罚决定公示/件": "0",
		"培训场次/场": "1", "参训人次/人次": "3", "培训学时/人·学时": "7.5",
		"宣传活动/场次": "2", "悬挂横幅/条": "3", "宣传展板/块": "5", "发放宣传资料/份": "300", "受教育群众/人次": "160",
	} {
		if cover[key] != want {
			t.Errorf("cover %s = %q, want %s", key, cover[key], want)
		}
	}
	for _, c := range []struct {
		sheet string
		rows  int
	}{
		{report.SheetCases, 2}, {report.SheetDisclosure, 1}, {report.SheetTrainings, 1},
		{report.SheetAttendance, 3}, {report.SheetHours, 3}, {report.SheetActivities, 2},
	} {
		if got := len(rows(c.sheet)) - 1; got != c.rows {
			t.Errorf("%s has %d rows, want %d", c.sheet, got, c.rows)
		}
	}
	// The one who left early has 1.5 hours in October and 3.5 in the year (2 in September).
	early := 0
	for _, r := range rows(report.SheetHours)[1:] {
		if len(r) > 6 && r[5] == "1.5" {
			early++
			if r[6] != "3.5" {
				t.Errorf("hours of %s: %q in the year, want 3.5", r[0], r[6])
			}
		}
	}
	if early != 1 {
		t.Errorf("%d people with 1.5 hours in October, want 1", early)
	}
}

// octoberRecords records, as the signed-in administrator, what October 2024 holds (and
// neighbours in September and November that the month's report leaves out).
func octoberRecords(t *testing.T, u *UI) {
	t.Helper()
	ctx := context.Background()
	by := u.session
	local := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02", s, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}

	// Cases on the spot under AQ-07 against two demo organisations: one fined 2000 yuan in
	// October, one filed in October and not yet decided, one filed and fined in September.
	items, err := u.Office.CatalogItemsInForce(ctx, "2024-10-01")
	if err != nil {
		t.Fatal(err)
	}
	var item string
	for _, it := range items {
		if it.Code == "AQ-07" {
			item = it.ID
		}
	}
	parties, _, err := u.Office.List(ctx, office.ListParties, "", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var orgs []string
	for _, p := range parties {
		if full, ok, err := u.Office.Party(ctx, p.ID); err == nil && ok && full.Kind == "org" {
			orgs = append(orgs, p.ID)
		}
	}
	if item == "" || len(orgs) < 3 {
		t.Fatalf("demo: item AQ-07 %q, organisations %v", item, orgs)
	}
	team := []rules.Officer{{Name: "李明", Certified: true}, {Name: "张强", Certified: true}}
	for i, c := range []struct {
		on   string
		fine int64 // fen; 0: not decided
	}{{"2024-10-08", 200000}, {"2024-10-21", 0}, {"2024-09-20", 100000}} {
		on := local(c.on)
		id, err := u.Office.Cases.File(ctx, by, cases.Filing{Procedure: rules.Summary, PartyID: orgs[i], ItemID: item,
			Title: "现场检查发现", DiscoveredOn: on, FiledOn: on, Officers: team})
		if err != nil {
			t.Fatalf("file the case of %s: %v", c.on, err)
		}
		if c.fine == 0 {
			continue
		}
		if err := u.Office.Cases.Record(ctx, by, id, rules.Event{Step: rules.StepDecision, On: on, Officers: team,
			Outcome: rules.OutcomeFine, Fine: c.fine, RightsInformed: true}); err != nil {
			t.Fatalf("decide the case of %s: %v", c.on, err)
		}
	}
	// The district publishes on-the-spot decisions too, so October's fine is on 双公示.
	opts, err := u.Office.Disclosure.CurrentOptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	opts.IncludeSummary = true
	if err := u.Office.Disclosure.SetOptions(ctx, by, opts); err != nil {
		t.Fatal(err)
	}

	// A three-hour session on 10 October, one attendee leaving after an hour and a half; the
	// same one at a two-hour session in September.
	roster, err := u.Office.Training.Roster(ctx, false)
	if err != nil || len(roster) < 3 {
		t.Fatalf("demo roster: %d people, %v", len(roster), err)
	}
	half := 1.5
	for _, s := range []struct {
		session   training.Session
		attendees []training.Attendee
	}{
		{training.Session{Title: "《安全生产法》专题学习", Category: "专业法律知识", Organiser: "镇应急管理办公室", Trainer: "周律师",
			HeldOn: "2024-10-10", StartsAt: "09:00", EndsAt: "12:00", Place: "镇政府三楼会议室", Form: "集中", Hours: 3},
			[]training.Attendee{{StaffID: roster[0].ID, Hours: &half}, {StaffID: roster[1].ID}, {StaffID: roster[2].ID}}},
		{training.Session{Title: "执法文书制作", Category: "专业法律知识", Organiser: "镇应急管理办公室", Trainer: "周律师",
			HeldOn: "2024-09-12", StartsAt: "14:00", EndsAt: "16:00", Place: "镇政府三楼会议室", Form: "集中", Hours: 2},
			[]training.Attendee{{StaffID: roster[0].ID}}},
	} {
		if _, err := u.Office.Training.SaveSession(ctx, by, s.session, s.attendees); err != nil {
			t.Fatalf("session %s: %v", s.session.HeldOn, err)
		}
	}

	// Activities on October's first and last days count; those on the days around do not.
	for _, a := range []publicity.Activity{
		{HeldOn: "2024-10-01", Title: "国庆安全宣传", Type: "进企业", PlaceName: "宏达机械厂", Banners: 2, Boards: 3, Materials: 200, People: 60},
		{HeldOn: "2024-10-31", Title: "月底讲座", Type: "讲座", PlaceName: "东村", Banners: 1, Boards: 2, Materials: 100, People: 100},
		{HeldOn: "2024-09-30", Title: "九月讲座", Type: "讲座", PlaceName: "西村", Banners: 9, Boards: 9, Materials: 900, People: 900},
		{HeldOn: "2024-11-01", Title: "十一月讲座", Type: "讲座", PlaceName: "西村", Banners: 8, Boards: 8, Materials: 800, People: 800},
	} {
		if _, err := u.Office.Publicity.Save(ctx, by, a); err != nil {
			t.Fatalf("activity %s: %v", a.Title, err)
		}
	}
}

// saveInDialog accepts the file dialog on top of the window with the name it suggests, and
// returns that name.
func saveInDialog(t *testing.T, u *UI) string {
	t.Helper()
	top := u.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog shown")
	}
	var name *widget.Entry
	var save *widget.Button
	walkVisible(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			if strings.HasSuffix(w.Text, ".xlsx") {
				name = w
			}
		case *widget.Button:
			if w.Importance == widget.HighImportance {
				save = w
			}
		}
	})
	if name == nil || save == nil || save.Disabled() {
		t.Fatalf("the file dialog has no file name or no save button: %q", textsOf(top))
	}
	test.Tap(save)
	return name.Text
}
