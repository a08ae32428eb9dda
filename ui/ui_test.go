package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/setup"
	"townledger/ui/cases"
	"townledger/ui/catalog"
	"townledger/ui/exports"
	"townledger/ui/home"
	"townledger/ui/kit"
	"townledger/ui/locale"
	"townledger/ui/parties"
	"townledger/ui/publicity"
	"townledger/ui/settings"
	"townledger/ui/training"
)

func newTestUI(t *testing.T) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	o, err := office.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.Close() })
	if err := locale.Use(locale.Default); err != nil {
		t.Fatal(err)
	}
	u := New(a, o, "test")
	u.Now = func() time.Time { return time.Date(2024, 11, 20, 10, 0, 0, 0, time.Local) }
	u.MailSync = 0        // the mail tests start it themselves
	u.StartChecks = false // a background backup would outlive the test's ledger
	u.SyncReads = true    // the home page's figures and agenda, the case list's first page: there when shown
	// Background work (a draft kept shortly after typing) ends before the next test starts
	// drawing: Fyne's test driver runs it on the calling goroutine.
	t.Cleanup(u.tasks.Wait)
	t.Cleanup(u.stopMailSync) // runs first: a mail round started by a test ends with it
	u.Start()
	return u
}

// typeInto replaces an entry's text the way a user does: focus, select all, type.
func typeInto(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func TestWizardLoginAndEverySection(t *testing.T) {
	u := newTestUI(t)
	w := u.Wizard
	if w == nil || w.Page() != 0 {
		t.Fatal("a new database must open on the wizard's town page")
	}

	// Nothing typed: every required field is explained, and the page stays.
	test.Tap(w.Next)
	if w.Page() != 0 || !strings.Contains(w.Message.Text, "请填写镇名称") || !strings.Contains(w.Message.Text, "请填写行政区划代码") {
		t.Fatalf("empty town page: page %d, message %q", w.Page(), w.Message.Text)
	}

	// A division code of the wrong length is refused with its length; typed text stays.
	typeInto(w.TownName, "青石镇")
	typeInto(w.DivisionCode, "1101051")
	typeInto(w.DistrictName, "示范区应急管理局")
	typeInto(w.DistrictEmail, "yjj@example.gov.cn")
	test.Tap(w.Next)
	if w.Page() != 0 || !strings.Contains(w.Message.Text, "实际为7位") {
		t.Fatalf("short division code: message %q", w.Message.Text)
	}
	if w.TownName.Text != "青石镇" || w.DistrictEmail.Text != "yjj@example.gov.cn" {
		t.Error("a refused page lost what was typed")
	}
	if w.DivisionCode.Validate() == nil {
		t.Error("the division code field does not show its problem as typed")
	}
	typeInto(w.DivisionCode, "110105100000")
	test.Tap(w.Next)
	if w.Page() != 1 {
		t.Fatalf("valid town page did not advance: %q", w.Message.Text)
	}

	// Account page: mismatched confirmation is refused and nothing is stored.
	typeInto(w.DisplayName, "王主任")
	typeInto(w.Password, "qingshi2024")
	typeInto(w.Confirm, "qingshi2025")
	test.Tap(w.Finish)
	if !strings.Contains(w.Message.Text, "两次输入的密码不一致") {
		t.Fatalf("mismatch: %q", w.Message.Text)
	}
	if st, _ := u.Office.Setup.StageOf(context.Background()); st != setup.NeedsTown {
		t.Fatal("a refused set-up stored something")
	}
	typeInto(w.Confirm, "qingshi2024")
	test.Tap(w.Demo)
	test.Tap(w.Finish)
	u.tasks.Wait() // demo data loads in the background
	if u.Login == nil {
		t.Fatal("no sign-in screen after set-up")
	}

	// Sign-in: a wrong password is refused in Chinese, the right one opens the main window.
	l := u.Login
	if l.Username.Text != "admin" {
		t.Errorf("user name not carried over from set-up: %q", l.Username.Text)
	}
	typeInto(l.Password, "wrong-password1")
	test.Tap(l.Submit)
	if u.Shell != nil || l.Message.Text != "用户名或密码不正确。" {
		t.Fatalf("wrong password: shell %v, message %q", u.Shell != nil, l.Message.Text)
	}
	typeInto(l.Password, "qingshi2024")
	test.Tap(l.Submit)
	if u.Shell == nil {
		t.Fatalf("right password refused: %q", l.Message.Text)
	}

	// Every section opens and shows its records or an honest empty state.
	wantCounts := map[string]string{"nav.catalog": "共 8 条", "nav.cases": "共 8 条", "nav.exports": "共 0 条"}
	for _, sec := range u.Shell.Sections {
		if !u.Shell.Select(sec.Key) || u.Shell.SelectedKey() != sec.Key {
			t.Fatalf("cannot open %s", sec.Key)
		}
		if !strings.HasSuffix(u.Win.Title(), locale.T(sec.Key)) {
			t.Errorf("%s: window title %q", sec.Key, u.Win.Title())
		}
		rl, ok := u.Shell.Current.(*kit.RecordList)
		switch sc := u.Shell.Current.(type) {
		case *cases.Cases:
			if want, ok := wantCounts[sec.Key]; ok && sc.List.Count.Text != want {
				t.Errorf("%s: count %q, want %q", sec.Key, sc.List.Count.Text, want)
			}
			continue
		case *parties.Parties:
			rl, ok = sc.List, true
		case *catalog.Catalog:
			rl, ok = sc.List, true
		case *training.Trainings:
			rl, ok = sc.List, true
		case *training.Staff:
			rl, ok = sc.List, true
		case *publicity.Activities:
			rl, ok = sc.List, true
		case *exports.Exports:
			rl, ok = sc.List, true
		}
		if !ok {
			continue
		}
		if want, ok := wantCounts[sec.Key]; ok && rl.Count.Text != want {
			t.Errorf("%s: count %q, want %q", sec.Key, rl.Count.Text, want)
		}
		if rl.Total() == 0 && (!rl.Empty.Visible() || rl.Empty.Text == "") {
			t.Errorf("%s: empty list without an explanation", sec.Key)
		}
	}
	shell := u.Shell
	shell.Select("nav.home")
	h := shell.Current.(*home.Home)
	if h.Cards[office.ListParties].Title != "46" {
		t.Errorf("home enterprise card = %q", h.Cards[office.ListParties].Title)
	}
	if h.Agenda.Open != 6 || len(h.DueButtons) == 0 {
		t.Fatalf("home agenda: %d open cases, %d lines; the demo has 6 open cases, one near its decision date", h.Agenda.Open, len(h.DueButtons))
	}
	test.Tap(h.DueButtons[0])
	if cs, ok := u.Shell.Current.(*cases.Cases); !ok || cs.Case == nil || cs.Case.View.Case.ID != h.Agenda.Items[0].CaseID {
		t.Fatal("a due line did not open its case")
	}
	shell.Select("nav.home")
	h = shell.Current.(*home.Home)
	test.Tap(h.Cards[office.ListStaff])
	if u.Shell.SelectedKey() != "nav.staff" {
		t.Errorf("tapping the staff figure opened %s", u.Shell.SelectedKey())
	}

	// A click on an item opens its page with its tiers and legal basis.
	u.Shell.Select("nav.catalog")
	cat := u.Shell.Current.(*catalog.Catalog)
	for i := 0; i < cat.List.Total(); i++ {
		if it, _ := cat.List.Item(i); strings.HasPrefix(it.Title, "AQ-05") {
			cat.List.List.Select(i)
		}
	}
	if cat.Item == nil || len(cat.Item.Tiers) != 4 || cat.Item.Refs[1].Article != 99 {
		t.Errorf("catalogue item page: %+v", cat.Item)
	}

	// Search by pinyin initials narrows the enterprise list.
	u.Shell.Select("nav.parties")
	rl := u.Shell.Current.(*parties.Parties).List
	all := rl.Total()
	test.Type(rl.Search, "qs")
	if rl.Total() == 0 || rl.Total() >= all {
		t.Errorf("searching qs: %d of %d", rl.Total(), all)
	}
	typeInto(rl.Search, "没有这个企业")
	if rl.Total() != 0 || !strings.Contains(rl.Empty.Text, "没有这个企业") {
		t.Errorf("no match: %d %q", rl.Total(), rl.Empty.Text)
	}

	// Sign out returns to the sign-in screen.
	test.Tap(u.Shell.Logout)
	if u.Login == nil || u.Shell != nil {
		t.Error("sign out did not return to sign-in")
	}
}

func signedIn(t *testing.T) *UI {
	t.Helper()
	u := newTestUI(t)
	err := u.Office.Setup.Run(context.Background(), setup.Town{Name: "青石镇", DivisionCode: "110105100", Since: "2020-01-01"},
		setup.Admin{NewAccount: newAccount("admin", "qingshi2024"), Confirm: "qingshi2024"})
	if err != nil {
		t.Fatal(err)
	}
	u.Start()
	typeInto(u.Login.Username, "admin")
	typeInto(u.Login.Password, "qingshi2024")
	test.Tap(u.Login.Submit)
	if u.Shell == nil {
		t.Fatalf("sign-in failed: %q", u.Login.Message.Text)
	}
	return u
}

// settingsTab opens 设置 and the tab named by key in it, as a user's clicks do.
func settingsTab(t *testing.T, u *UI, key string) *settings.Settings {
	t.Helper()
	u.Shell.Select("nav.settings")
	s := u.Shell.Current.(*settings.Settings)
	if !s.Open(key) {
		t.Fatalf("设置 has no tab %s for this user: %v", key, s.TabKeys())
	}
	return s
}

// 设置 opens on 常规 without making its other tabs (their forms and reads held the window a
// quarter of a second at every visit); a tab clicked in the tab bar is made then, once.
func TestSettingsMakesATabWhenItIsFirstShown(t *testing.T) {
	u := signedIn(t)
	u.Shell.Select("nav.settings")
	s := u.Shell.Current.(*settings.Settings)
	want := []string{"settings.users", "settings.rules", "calendar.title", "lists.title", "disclosure.settings.tab",
		"mail.tab", "pkg.tab", "settings.data", "settings.doc.tab"}
	if got := s.TabKeys(); !slices.Equal(got, want) {
		t.Fatalf("an administrator's tabs: %v", got)
	}
	if s.Users != nil || s.Data != nil || s.Rules != nil {
		t.Fatal("the tabs behind 常规 were made before they were shown")
	}
	s.Tabs.SelectIndex(1) // a click on 用户与角色
	if s.Users == nil {
		t.Fatal("the users tab was shown empty")
	}
	if texts := fmt.Sprint(textsOf(s.Tabs.Selected().Content)); !strings.Contains(texts, "admin") {
		t.Errorf("the users tab shows %s", texts)
	}
	made := s.Users
	s.Tabs.SelectIndex(0)
	s.Tabs.SelectIndex(1)
	if s.Users != made {
		t.Error("the users tab was made again on its second showing")
	}
}

func TestSwitchingToEnglishRelabelsTheWindowAndPersists(t *testing.T) {
	u := signedIn(t)
	t.Cleanup(func() { locale.Use(locale.Default) })
	u.Shell.Select("nav.settings")
	s := u.Shell.Current.(*settings.Settings)
	s.Language.SetSelected("English（英文）")
	if u.Shell.SelectedKey() != "nav.settings" {
		t.Error("switching language left the settings page")
	}
	if got := locale.T("nav.cases"); got != "Penalty cases" {
		t.Errorf("after switching, nav.cases = %q", got)
	}
	if !strings.HasPrefix(u.Win.Title(), "TownLedger") {
		t.Errorf("window title %q", u.Win.Title())
	}
	// A new start reads the choice from the database.
	locale.Use(locale.Default)
	u2 := New(test.NewTempApp(t), u.Office, "test")
	// As newTestUI's: background results shown at once, no start-up backup outliving the test.
	u2.SyncReads, u2.StartChecks = true, false
	u2.Start()
	if locale.Current() != "en" || u2.Login.Submit.Text != "Sign in" {
		t.Errorf("language not kept: %s %q", locale.Current(), u2.Login.Submit.Text)
	}
}

func TestAdministratorAddsAnOfficerWhoSeesNoUserAdmin(t *testing.T) {
	u := signedIn(t)
	ua := settingsTab(t, u, "settings.users").Users
	if ua == nil {
		t.Fatal("administrator has no user management")
	}
	typeInto(ua.Username, "li")
	typeInto(ua.DisplayName, "李执法")
	typeInto(ua.Password, "short")
	test.Tap(ua.Add)
	if !strings.Contains(ua.Message.Text, "至少需要 8 个字符") || !strings.Contains(ua.Message.Text, "请至少选择一个角色") {
		t.Fatalf("bad account accepted or unexplained: %q", ua.Message.Text)
	}
	if ua.Username.Text != "li" {
		t.Error("refused form lost the user name")
	}
	typeInto(ua.Password, "lizhifa2024")
	ua.Roles.SetSelected([]string{"执法人员"})
	test.Tap(ua.Add)
	if ua.Message.Visible() || !strings.Contains(ua.List.Text, "li · 李执法 · 执法人员") {
		t.Fatalf("officer not added: %q / %q", ua.Message.Text, ua.List.Text)
	}
	test.Tap(u.Shell.Logout)
	typeInto(u.Login.Username, "li")
	typeInto(u.Login.Password, "lizhifa2024")
	test.Tap(u.Login.Submit)
	u.Shell.Select("nav.settings")
	if s := u.Shell.Current.(*settings.Settings); len(s.TabKeys()) > 0 || s.Open("settings.users") || s.Users != nil {
		t.Errorf("an officer sees administrator settings: %v", s.TabKeys())
	}
}

func TestOpenFailureExplainsInChinese(t *testing.T) {
	a := test.NewTempApp(t)
	_, err := office.Open(context.Background(), t.TempDir()) // a folder is no database
	if err == nil {
		t.Fatal("opened a folder")
	}
	w := ShowOpenFailure(a, err, "zh-Hans")
	found := false
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "不是本程序的数据库") {
			found = true
		}
	}
	if !found {
		t.Error("the failure window does not say why in Chinese")
	}
}

func newAccount(name, pw string) auth.NewAccount {
	return auth.NewAccount{Username: name, DisplayName: name, Password: pw}
}

func TestAdministratorEditsTheHolidayCalendar(t *testing.T) {
	u := signedIn(t)
	ce := settingsTab(t, u, "calendar.title").Calendar
	if ce == nil {
		t.Fatal("no calendar editor for the administrator")
	}
	ce.Year.SetSelected("2024")
	if len(ce.Days.Objects) != 36 {
		t.Errorf("2024 shows %d days, want the 36 built in", len(ce.Days.Objects))
	}
	if ce.Missing.Visible() { // the test clock is in 2024, which is covered: no warning
		t.Errorf("warning shown for a covered year: %q", ce.Missing.Text)
	}
	typeInto(ce.Date, "2024-11-18") // a Monday
	ce.Kind.SetSelected("调休上班")
	test.Tap(ce.Save)
	if !strings.Contains(ce.Message.Text, "本来就是工作日") {
		t.Errorf("a weekday as working day: %q", ce.Message.Text)
	}
	typeInto(ce.Date, "2024-11-18")
	ce.Kind.SetSelected("节假日")
	typeInto(ce.Name, "镇庆")
	test.Tap(ce.Save)
	if ce.Message.Visible() || len(ce.Days.Objects) != 37 {
		t.Errorf("holiday not added: %q, %d days", ce.Message.Text, len(ce.Days.Objects))
	}
}

func TestAdministratorChangesALegalThreshold(t *testing.T) {
	u := signedIn(t)
	rs := settingsTab(t, u, "settings.rules").Rules
	typeInto(rs.Entries["case.large_fine_org_yuan"], "五万")
	test.Tap(rs.Save)
	if !strings.Contains(rs.Message.Text, "不是有效的数值") {
		t.Fatalf("a threshold in words: %q", rs.Message.Text)
	}
	typeInto(rs.Entries["case.large_fine_org_yuan"], "50000")
	test.Tap(rs.Save)
	if rs.Message.Visible() {
		t.Fatalf("valid threshold refused: %q", rs.Message.Text)
	}
	u.Shell.Select("nav.home")
	if got := settingsTab(t, u, "settings.rules").Rules.Entries["case.large_fine_org_yuan"].Text; got != "50000" {
		t.Errorf("threshold after reopening: %q", got)
	}
	// The district's numbering for entrusted cases: refused in words until it keeps the
	// town's numbers apart from the bureau's.
	rs = u.Shell.Current.(*settings.Settings).Rules
	typeInto(rs.Entries["case.entrust.issuer"], "示范区")
	typeInto(rs.Entries["case.entrust.mark"], "")
	test.Tap(rs.Save)
	if !strings.Contains(rs.Message.Text, "本镇标识或号段") {
		t.Fatalf("numbering with nothing to keep it apart: %q", rs.Message.Text)
	}
	typeInto(rs.Entries["case.entrust.mark"], "青石")
	test.Tap(rs.Save)
	if rs.Message.Visible() {
		t.Fatalf("numbering refused: %q", rs.Message.Text)
	}
	if n, _ := u.Office.Settings.Entrust(context.Background()); n.Issuer != "示范区" || n.Mark != "青石" {
		t.Errorf("numbering stored %+v", n)
	}
}

func TestAdministratorEditsTheOfficeLists(t *testing.T) {
	u := signedIn(t)
	ls := settingsTab(t, u, "lists.title").Lists
	typeInto(ls.Types, "")
	test.Tap(ls.Save)
	if !ls.Message.Visible() {
		t.Fatal("an empty type list was accepted")
	}
	typeInto(ls.Types, "安全生产月\n进企业\n村村响广播")
	test.Tap(ls.Save)
	if ls.Message.Visible() {
		t.Fatalf("lists refused: %q", ls.Message.Text)
	}
	u.Shell.Select("nav.activities")
	test.Tap(u.Shell.Current.(*publicity.Activities).New)
	if got := u.Shell.Current.(*publicity.Activities).Form.Type.Options; len(got) != 3 || got[2] != "村村响广播" {
		t.Errorf("activity types offered: %v", got)
	}
}
