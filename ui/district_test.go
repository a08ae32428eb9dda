package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/setup"
	"townledger/ui/district"
	"townledger/ui/settings"
)

var districtSections = []string{"nav.towns", "nav.inbox", "nav.status", "nav.consolidate", "nav.annual", "nav.catalog", "nav.settings"}

func sectionKeys(s *Shell) []string {
	var keys []string
	for _, sec := range s.Sections {
		keys = append(keys, sec.Key)
	}
	return keys
}

func TestWizardSetsUpADistrictBureau(t *testing.T) {
	u := newTestUI(t)
	w := u.Wizard
	w.Mode.SetSelected("区局（县区应急管理局）")
	if w.DistrictName.Visible() || w.DistrictEmail.Visible() {
		t.Error("a district bureau is asked for the district above it")
	}
	if w.townForm.Items[1].Text != "单位名称" || w.townForm.Items[2].Text != "简称（用于文号）" || w.townForm.Items[3].Text != "行政区划代码" {
		t.Errorf("a bureau's fields are labelled %q, %q, %q", w.townForm.Items[1].Text, w.townForm.Items[2].Text, w.townForm.Items[3].Text)
	}
	typeInto(w.TownName, "示范区应急管理局")
	// The district's own 6-digit code (a town's ledger would refuse it).
	typeInto(w.DivisionCode, "110105")
	test.Tap(w.Next)
	if w.Page() != 1 {
		t.Fatalf("the bureau's page did not advance: %q", w.Message.Text)
	}
	typeInto(w.DisplayName, "李科长")
	typeInto(w.Password, "shifan2024")
	typeInto(w.Confirm, "shifan2024")
	test.Tap(w.Finish)
	if u.Login == nil {
		t.Fatalf("no sign-in after set-up: %q", w.Message.Text)
	}
	typeInto(u.Login.Password, "shifan2024")
	test.Tap(u.Login.Submit)
	if u.Shell == nil {
		t.Fatalf("sign-in failed: %q", u.Login.Message.Text)
	}
	if got := sectionKeys(u.Shell); !slices.Equal(got, districtSections) {
		t.Fatalf("district navigation: %v, want %v", got, districtSections)
	}
	if u.Shell.SelectedKey() != "nav.towns" {
		t.Errorf("a bureau opens on %s", u.Shell.SelectedKey())
	}
	if town, _, err := u.Office.Town(context.Background()); err != nil || town.Code != "110105" {
		t.Errorf("the bureau's code: %q %v", town.Code, err)
	}
}

// toDistrict makes the signed-in office a district bureau from the settings, as its
// administrator does.
func toDistrict(t *testing.T, u *UI) {
	t.Helper()
	u.Shell.Select("nav.settings")
	s := u.Shell.Current.(*settings.Settings)
	if s.Mode == nil {
		t.Fatal("the administrator is offered no mode")
	}
	s.Mode.SetSelected("区局（县区应急管理局）")
	if got := sectionKeys(u.Shell); !slices.Equal(got, districtSections) {
		t.Fatalf("after choosing district mode the navigation is %v", got)
	}
	if u.Shell.SelectedKey() != "nav.settings" {
		t.Errorf("choosing the mode left the settings for %s", u.Shell.SelectedKey())
	}
}

// addTown registers a town through the 辖区乡镇 form.
func addTown(t *testing.T, u *UI, name, code, emails string) *district.Towns {
	t.Helper()
	u.Shell.Select("nav.towns")
	tw := u.Shell.Current.(*district.Towns)
	u.tasks.Wait()
	test.Tap(tw.New)
	f := tw.Form
	typeInto(f.Name, name)
	typeInto(f.Code, code)
	typeInto(f.Emails, emails)
	test.Tap(f.Save)
	if tw.Form != nil {
		t.Fatalf("adding %s was refused: %q", name, f.Message.Text)
	}
	u.tasks.Wait()
	return tw
}

func TestDistrictModeFromSettingsAndATownAdded(t *testing.T) {
	u := signedIn(t)
	if slices.Contains(sectionKeys(u.Shell), "nav.towns") {
		t.Fatal("a town's window shows the district's sections")
	}
	toDistrict(t, u)

	u.Shell.Select("nav.towns")
	tw := u.Shell.Current.(*district.Towns)
	u.tasks.Wait()
	if len(tw.Shown) != 0 || !tw.Empty.Visible() {
		t.Fatalf("a new bureau lists towns: %d", len(tw.Shown))
	}

	// A wrong code is explained next to the form and nothing typed is lost.
	test.Tap(tw.New)
	f := tw.Form
	typeInto(f.Name, "青石镇")
	typeInto(f.Code, "11010510")
	test.Tap(f.Save)
	if tw.Form == nil || !f.Message.Visible() || !strings.Contains(f.Message.Text, "位") {
		t.Fatalf("a short code: form open %v, message %q", tw.Form != nil, f.Message.Text)
	}
	if f.Name.Text != "青石镇" {
		t.Error("the refused form lost the name")
	}
	typeInto(f.Code, "110105100")
	typeInto(f.Contact, "周干事")
	typeInto(f.Emails, "qingshi@example.cn; qs2@example.cn")
	test.Tap(f.Save)
	if tw.Form != nil {
		t.Fatalf("a valid town was refused: %q", f.Message.Text)
	}
	u.tasks.Wait()
	if len(tw.Shown) != 1 || tw.Shown[0].Name != "青石镇" || tw.Shown[0].DivisionCode != "110105100" {
		t.Fatalf("listed after adding: %+v", tw.Shown)
	}
	if !strings.Contains(tw.Notice.Text, "青石镇") {
		t.Errorf("no word that it was saved: %q", tw.Notice.Text)
	}
	addTown(t, u, "白沙镇", "110105101", "baisha@example.cn")
	u.Shell.Select("nav.towns")
	tw = u.Shell.Current.(*district.Towns)
	u.tasks.Wait()
	if len(tw.Shown) != 2 {
		t.Fatalf("two towns registered, %d listed", len(tw.Shown))
	}
	typeInto(tw.Search, "白沙")
	if len(tw.Shown) != 1 || tw.Shown[0].Name != "白沙镇" {
		t.Errorf("searching 白沙: %+v", tw.Shown)
	}
	typeInto(tw.Search, "qingshi@")
	if len(tw.Shown) != 1 || tw.Shown[0].Name != "青石镇" {
		t.Errorf("searching by address: %+v", tw.Shown)
	}

	// A town picked in the list opens in the form; a change is saved and listed.
	typeInto(tw.Search, "")
	tw.List.Select(0) // listed by division code
	if tw.Form == nil || tw.Form.Name.Text != "青石镇" || tw.Form.Delete == nil {
		t.Fatal("picking 青石镇 did not open it in the form")
	}
	typeInto(tw.Form.Phone, "010-66668888")
	test.Tap(tw.Form.Save)
	if tw.Form != nil {
		t.Fatalf("the change was refused: %q", tw.Form.Message.Text)
	}
	if len(tw.Shown) != 2 || tw.Shown[0].Phone != "010-66668888" || tw.Shown[0].Contact != "周干事" {
		t.Errorf("after the change: %+v", tw.Shown)
	}

	// The same code twice is refused with the town that has it.
	u.Shell.Select("nav.towns")
	tw = u.Shell.Current.(*district.Towns)
	u.tasks.Wait()
	test.Tap(tw.New)
	typeInto(tw.Form.Name, "青石镇重复")
	typeInto(tw.Form.Code, "110105100")
	test.Tap(tw.Form.Save)
	if tw.Form == nil || !strings.Contains(tw.Form.Message.Text, "青石镇") {
		t.Fatalf("a code taken: %v", tw.Form != nil)
	}
}

// townWorkbook exports a demo town's 2023-Q4 workbook into dir, named as the town mails
// it, from a town ledger of its own.
func townWorkbook(t *testing.T, dir, name, code string) {
	t.Helper()
	ctx := context.Background()
	o, err := office.Open(ctx, filepath.Join(t.TempDir(), "town.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	err = o.Setup.Run(ctx, setup.Town{Name: name, DivisionCode: code, DistrictName: "示范区应急管理局", Since: "2020-01-01"},
		setup.Admin{NewAccount: newAccount("admin", "qingshi2024"), Confirm: "qingshi2024"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := o.Users.Login(ctx, "admin", "qingshi2024")
	if err != nil {
		t.Fatal(err)
	}
	if !s.Can(auth.ExportReports) {
		t.Fatal("the town's administrator may not export")
	}
	if err := o.Demo.LoadAs(ctx, s, time.Date(2023, 12, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(t.TempDir(), "export.xlsx")
	if _, _, err := o.Report.Export(ctx, s, "2023-Q4", tmp, time.Date(2024, 1, 5, 9, 0, 0, 0, time.Local), "周"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name+"_2023-Q4_v1.xlsx")); err != nil {
		t.Fatal(err)
	}
}

func TestFolderPullShowsInTheMatrix(t *testing.T) {
	u := signedIn(t)
	toDistrict(t, u)
	// The district asks for quarterly reports.
	if err := u.Office.Settings.SetReportKinds(context.Background(), u.Shell.Env.Session, []string{"quarter"}); err != nil {
		t.Fatal(err)
	}
	addTown(t, u, "青石镇", "110105100", "qingshi@example.cn")
	addTown(t, u, "白沙镇", "110105101", "baisha@example.cn")
	dir := t.TempDir()
	townWorkbook(t, dir, "青石镇", "110105100")
	if err := os.WriteFile(filepath.Join(dir, "说明.xlsx"), []byte("not a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}

	u.Shell.Select("nav.inbox")
	in := u.Shell.Current.(*district.Inbox)
	u.tasks.Wait()
	if len(in.Received) != 0 {
		t.Fatalf("a new bureau has received %d", len(in.Received))
	}
	in.PullFolder(dir)
	u.tasks.Wait()
	summary := strings.Join(in.LastPull, "\n")
	if len(in.LastPull) != 2 || !strings.Contains(summary, "已接收并汇入") || !strings.Contains(summary, "说明.xlsx：退回") {
		t.Fatalf("the pull's summary:\n%s", summary)
	}
	if len(in.Received) != 2 {
		t.Fatalf("received listed: %d", len(in.Received))
	}
	var lines []string
	for i := range in.Received {
		title, detail, outcome, _ := in.Line(i)
		lines = append(lines, title+" | "+detail+" | "+outcome)
	}
	all := strings.Join(lines, "\n")
	if !strings.Contains(all, "青石镇 · 2023年第四季度 · 第 1 版") || !strings.Contains(all, "现行版本") ||
		!strings.Contains(all, "退回") || !strings.Contains(all, "来自文件夹") {
		t.Errorf("the received list:\n%s", all)
	}

	// The same folder again brings nothing new.
	in.PullFolder(dir)
	u.tasks.Wait()
	if len(in.Received) != 2 || !strings.Contains(strings.Join(in.LastPull, "\n"), "此前已收到") {
		t.Errorf("a second pull: %d received, %q", len(in.Received), in.LastPull)
	}

	u.Shell.Select("nav.status")
	st := u.Shell.Current.(*district.Status)
	u.tasks.Wait()
	st.Year.SetSelected("2023")
	u.tasks.Wait()
	col := slices.Index(st.Matrix.Periods, "2023-Q4")
	q3 := slices.Index(st.Matrix.Periods, "2023-Q3")
	if col < 0 || q3 < 0 {
		t.Fatalf("the 2023 columns: %v", st.Matrix.Periods)
	}
	row := map[string]int{}
	for i, n := range st.Matrix.Towns {
		row[n] = i
	}
	qs, bs := row["青石镇"], row["白沙镇"]
	if len(st.Matrix.Towns) != 2 {
		t.Fatalf("rows: %v", st.Matrix.Towns)
	}
	// Taken in today, long after its due day (2024-01-05): in force, marked late.
	if c := st.Matrix.Cells[qs][col]; c.State != district.CellLate || c.Text != "v1 迟报" {
		t.Errorf("青石镇 2023-Q4: %s %q", c.State, c.Text)
	}
	// 2024-11-20: the fourth quarter of 2023 was due on 2024-01-05.
	if c := st.Matrix.Cells[bs][col]; c.State != district.CellOverdue || c.Text != "逾期" {
		t.Errorf("白沙镇 2023-Q4: %s %q", c.State, c.Text)
	}
	if c := st.Matrix.Cells[qs][q3]; c.State != district.CellOverdue {
		t.Errorf("青石镇 2023-Q3 (nothing sent): %s %q", c.State, c.Text)
	}
	st.Year.SetSelected("2024")
	u.tasks.Wait()
	if q4 := slices.Index(st.Matrix.Periods, "2024-Q4"); q4 < 0 || st.Matrix.Cells[0][q4].State != district.CellOpen {
		t.Errorf("a quarter not ended yet: %v", st.Matrix.Periods)
	}
}
