package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"townledger/app/search"
	"townledger/app/training"
	"townledger/ui/locale"
	uitraining "townledger/ui/training"
)

// rosterUnits are the units of the test roster, with how many people each has.
var rosterUnits = []struct {
	name string
	n    int
}{{"镇应急管理办公室", 13}, {"镇综合行政执法队", 17}, {"网格服务中心", 18}, {"镇党政办公室", 12}}

// addRoster puts 60 people on the roster with names as Chinese names are (initials often
// shared), two of them both called 王芳, and returns them in the roster's order.
func addRoster(t *testing.T, u *UI) []training.Person {
	t.Helper()
	surnames := []rune("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗")
	given := []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
		"刚", "桂英", "建华", "志强", "海燕"}
	seen := map[string]bool{"王芳": true}
	i := 0
	for _, unit := range rosterUnits {
		for k := 0; k < unit.n; k++ {
			var name string
			for {
				name = string(surnames[i%len(surnames)]) + given[(i*7+i/len(surnames))%len(given)]
				i++
				if !seen[name] {
					break
				}
			}
			seen[name] = true
			if k == 0 && (unit.name == "网格服务中心" || unit.name == "镇应急管理办公室") {
				name = "王芳" // two people of one name, in two units
			}
			p := training.Person{Name: name, Unit: unit.name, Position: "科员"}
			if _, err := u.Office.Training.SaveStaff(context.Background(), u.session, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	people, err := u.Office.Training.Roster(context.Background(), false)
	if err != nil || len(people) != 60 {
		t.Fatalf("roster: %d people, %v", len(people), err)
	}
	if n := len(slices.DeleteFunc(slices.Clone(people), func(p training.Person) bool { return p.Name != "王芳" })); n != 2 {
		t.Fatalf("%d people called 王芳, want 2", n)
	}
	return people
}

// hands works the window as a trainer does, with the keyboard going to whatever has focus,
// and counts every key pressed and every click.
type hands struct {
	t            *testing.T
	c            fyne.Canvas
	keys, clicks int
}

func (h *hands) click(o fyne.CanvasObject) {
	h.t.Helper()
	h.clicks++
	if w, ok := o.(fyne.Tappable); ok {
		test.Tap(w)
	}
	if _, button := o.(*widget.Button); !button {
		if w, ok := o.(fyne.Focusable); ok {
			h.c.Focus(w) // a click into an entry puts the caret there
		}
	}
}

// choose picks an option of a drop-down: a click to open it, one to choose.
func (h *hands) choose(s interface{ SetSelected(string) }, option string) {
	h.clicks += 2
	s.SetSelected(option)
}

func (h *hands) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.focused().TypedRune(r)
		h.keys++
	}
}

func (h *hands) press(k fyne.KeyName) {
	h.t.Helper()
	h.focused().TypedKey(&fyne.KeyEvent{Name: k})
	h.keys++
}

func (h *hands) focused() fyne.Focusable {
	h.t.Helper()
	f := h.c.Focused()
	if f == nil {
		h.t.Fatal("nothing has the keyboard focus")
	}
	return f
}

func (h *hands) actions() int { return h.keys + h.clicks }

// fillSession types the session's own fields, one click into each field.
func fillSession(h *hands, f *uitraining.SessionForm) {
	for _, typed := range []struct {
		e    fyne.CanvasObject
		text string
	}{{f.Title, "安全生产法专题培训"}, {f.HeldOn, "2024-11-18"}, {f.StartsAt, "9:00"}, {f.EndsAt, "12:00"}} {
		h.click(typed.e)
		h.typeText(typed.text)
	}
	h.choose(f.Category, f.Category.Options[0])
	h.choose(f.Form, "集中培训")
}

// TestFortyPersonSessionByKeyboard enters a 40-person session the way a trainer with a
// sign-in sheet does: one click into the search box, then for each person the pinyin
// initials until the right person is highlighted, and Enter. The whole session stays under
// a stated number of keys and clicks.
func TestFortyPersonSessionByKeyboard(t *testing.T) {
	u := signedIn(t)
	people := addRoster(t, u)
	u.Win.Resize(fyne.NewSize(1366, 700))
	u.Shell.Select("nav.trainings")
	tr := u.Shell.Current.(*uitraining.Trainings)
	h := &hands{t: t, c: u.Win.Canvas()}
	h.click(tr.New)
	f := tr.Form
	fillSession(h, f)
	if f.HoursE.Text != "3" {
		t.Errorf("09:00 to 12:00 filled in %q hours, want 3", f.HoursE.Text)
	}
	fields := h.actions()

	// Every third person of the roster, then the ones after them: all four units mixed.
	var want []training.Person
	for i := 0; len(want) < 40; i++ {
		want = append(want, people[(i*3)%60+(i*3)/60])
	}
	h.click(f.Search)
	for _, p := range want {
		typeUntilHighlighted(t, h, f, p)
		h.press(fyne.KeyReturn)
		if h.c.Focused() != f.Search || f.Search.Text != "" {
			t.Fatalf("after Enter on %s: focus %T, search %q", p.Name, h.c.Focused(), f.Search.Text)
		}
		if !strings.Contains(f.Status.Text, p.Name) {
			t.Errorf("ticking %s says %q", p.Name, f.Status.Text)
		}
	}
	attendance := h.actions() - fields
	if f.Ticked() != 40 || !strings.Contains(f.Count.Text, "40") {
		t.Fatalf("ticked %d, count says %q", f.Ticked(), f.Count.Text)
	}

	// One left early after an hour and a half: find the row, type the hours.
	early := want[7]
	typeUntilHighlighted(t, h, f, early)
	row := shownRow(t, f, early.ID)
	h.click(row.Hours)
	h.typeText("1.5")
	h.click(f.Save)
	total := h.actions()
	t.Logf("40 people: %d actions for the fields, %d for the attendance (%d keys, %d clicks in all), %d in all",
		fields, attendance, h.keys, h.clicks, total)
	if attendance > 40*4 {
		t.Errorf("ticking 40 people took %d actions, want at most 160 (4 a person)", attendance)
	}
	if total > 220 {
		t.Errorf("the whole session took %d actions, want at most 220", total)
	}
	if tr.Form != nil {
		t.Fatalf("session not saved: %q", f.Message.Text)
	}
	if !strings.Contains(tr.Notice.Text, "安全生产法专题培训") || !strings.Contains(tr.Notice.Text, "参训 40 人") || !tr.Notice.Visible() {
		t.Errorf("after saving the list says %q", tr.Notice.Text)
	}
	saved := savedAttendees(t, u, "安全生产法专题培训")
	if len(saved) != 40 {
		t.Fatalf("saved %d attendees, want 40", len(saved))
	}
	for _, p := range want {
		a, ok := saved[p.ID]
		switch {
		case !ok:
			t.Errorf("%s was ticked but not saved", p.Name)
		case p.ID == early.ID && (a.Hours == nil || *a.Hours != 1.5):
			t.Errorf("%s left early: hours %v", p.Name, a.Hours)
		case p.ID != early.ID && a.Hours != nil:
			t.Errorf("%s has own hours %v", p.Name, *a.Hours)
		}
	}

	// Opened again, the session shows its 40 ticked and the early leaver's hours.
	tr.Open(mustID(t, u, "安全生产法专题培训"))
	if tr.Form == nil || tr.Form.Ticked() != 40 {
		t.Fatal("the saved session does not open with its 40 attendees")
	}
	if tr.Form.Shown() != 40 {
		t.Errorf("the saved session opens listing %d people, want its 40 attendees", tr.Form.Shown())
	}
	for _, m := range tr.Form.Rows {
		if m.Person.ID == early.ID && m.Hours != "1.5" {
			t.Errorf("%s's hours show as %q", m.Person.Name, m.Hours)
		}
	}

	test.Tap(tr.HoursB)
	tr.Hours.Year.SetSelected("2024")
	got := map[float64]int{}
	for _, tot := range tr.Hours.Totals {
		got[tot.Hours]++
	}
	if got[3] != 39 || got[1.5] != 1 {
		t.Errorf("hours per person: %v", got)
	}
}

// typeUntilHighlighted types a person's pinyin initials one letter at a time until the
// search highlights them, then Down until it does: what a trainer watching the list does.
func typeUntilHighlighted(t *testing.T, h *hands, f *uitraining.SessionForm, p training.Person) {
	t.Helper()
	is := func() bool { hl, ok := f.Highlighted(); return ok && hl.ID == p.ID }
	for _, r := range search.Initials(p.Name) {
		h.typeText(string(r))
		if is() {
			return
		}
	}
	for n := 0; n < 10 && !is(); n++ {
		h.press(fyne.KeyDown)
	}
	if !is() {
		t.Fatalf("%s never highlighted (search %q shows %d)", p.Name, f.Search.Text, f.Shown())
	}
}

// shownRow is the list row showing a person, as drawn.
func shownRow(t *testing.T, f *uitraining.SessionForm, id string) *uitraining.RosterRow {
	t.Helper()
	for _, r := range f.RowWidgets() {
		if m := r.Member(); m != nil && m.Person.ID == id && r.Visible() {
			return r
		}
	}
	t.Fatalf("no row shows %s", id)
	return nil
}

func mustID(t *testing.T, u *UI, title string) string {
	t.Helper()
	sessions, err := u.Office.Training.Sessions(context.Background(), 2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sessions {
		if s.Title == title {
			return s.ID
		}
	}
	t.Fatalf("no session %q saved", title)
	return ""
}

func savedAttendees(t *testing.T, u *UI, title string) map[string]training.Attendee {
	t.Helper()
	got, atts, err := u.Office.Training.LoadSession(context.Background(), mustID(t, u, title))
	if err != nil {
		t.Fatal(err)
	}
	if got.Form != "集中" {
		t.Errorf("form stored as %q, want 集中", got.Form)
	}
	out := map[string]training.Attendee{}
	for _, a := range atts {
		out[a.StaffID] = a
	}
	return out
}

// TestPastingASignInSheet ticks a pasted list: names not on the roster and a name two
// people share are listed, not guessed; the shared one is then ticked by keyboard.
func TestPastingASignInSheet(t *testing.T) {
	u := signedIn(t)
	people := addRoster(t, u)
	u.Shell.Select("nav.trainings")
	tr := u.Shell.Current.(*uitraining.Trainings)
	h := &hands{t: t, c: u.Win.Canvas()}
	h.click(tr.New)
	f := tr.Form
	fillSession(h, f)
	fields := h.actions()

	// 38 names as a WeChat message would have them, the two 王芳, two strangers.
	var names []string
	var wangFang []training.Person
	for _, p := range people {
		if p.Name == "王芳" {
			wangFang = append(wangFang, p)
		} else if len(names) < 38 {
			names = append(names, p.Name)
		}
	}
	var sheet strings.Builder
	for i, n := range names {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&sheet, "%d.%s\n", i+1, n)
		case 1:
			sheet.WriteString(n + "、")
		case 2:
			sheet.WriteString(n + "，")
		default:
			sheet.WriteString(n + " ")
		}
	}
	sheet.WriteString("王五；赵六\n王芳")
	h.click(f.Paste)
	if f.PasteBox == nil {
		t.Fatal("粘贴名单 opened nothing to paste into")
	}
	f.PasteBox.SetText(sheet.String()) // Ctrl+V
	h.keys++
	h.click(f.PasteOK)
	if f.Ticked() != 38 {
		t.Errorf("pasting 38 known names ticked %d", f.Ticked())
	}
	for _, want := range []string{"已勾选 38 人", "未找到：王五、赵六", "同名多人", "王芳"} {
		if !strings.Contains(f.Status.Text, want) {
			t.Errorf("paste result %q does not say %q", f.Status.Text, want)
		}
	}
	for _, p := range wangFang {
		typeUntilHighlighted(t, h, f, p)
		h.press(fyne.KeyReturn)
	}
	t.Logf("pasting 40 people: %d actions after the fields", h.actions()-fields)
	if n := h.actions() - fields; n > 12 {
		t.Errorf("pasting took %d actions, want at most 12", n)
	}

	// 返回 by mistake asks first: 40 ticks are not lost to a stray click.
	test.Tap(f.Back)
	if tr.Form != f || u.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("返回 left a form with 40 people ticked without asking")
	}
	u.Win.Canvas().Overlays().Remove(u.Win.Canvas().Overlays().Top())

	// A unit ticked by mistake is taken back with 撤销.
	test.Tap(f.Units["镇综合行政执法队"])
	if !strings.Contains(f.Status.Text, "已勾选 镇综合行政执法队") || f.Ticked() == 40 {
		t.Errorf("ticking a unit says %q, %d ticked", f.Status.Text, f.Ticked())
	}
	test.Tap(f.Undo)
	if f.Ticked() != 40 {
		t.Errorf("after undo %d ticked", f.Ticked())
	}
	test.Tap(f.Save)
	if tr.Form != nil {
		t.Fatalf("session not saved: %q", f.Message.Text)
	}
	if saved := savedAttendees(t, u, "安全生产法专题培训"); len(saved) != 40 {
		t.Errorf("saved %d attendees, want 40", len(saved))
	}
}

// TestAttendanceListFillsASmallScreen opens a new session at 1366x700 (a 1366x768 screen
// less the taskbar) and counts the roster rows drawn whole inside the list.
func TestAttendanceListFillsASmallScreen(t *testing.T) {
	u := signedIn(t)
	addRoster(t, u)
	u.Win.Resize(fyne.NewSize(1366, 700))
	u.Shell.Select("nav.trainings")
	tr := u.Shell.Current.(*uitraining.Trainings)
	test.Tap(tr.New)
	f := tr.Form
	d := fyne.CurrentApp().Driver()
	listTop := d.AbsolutePositionForObject(f.Roster).Y
	listBottom := listTop + f.Roster.Size().Height
	whole, height := 0, float32(0)
	for _, r := range f.RowWidgets() {
		y := d.AbsolutePositionForObject(r).Y
		if r.Visible() && r.Member() != nil && r.Size().Height > 0 && y >= listTop && y+r.Size().Height <= listBottom+0.5 {
			whole++
			height = r.Size().Height
		}
	}
	t.Logf("list %.0f px high, rows %.0f px: %d whole rows", f.Roster.Size().Height, height, whole)
	if whole < 12 {
		t.Errorf("the attendance list shows %d whole rows at 1366x700, want at least 12", whole)
	}
}

// TestSessionFormExplainsAndGuards covers what the tester found: a refusal names the field,
// hints read as hints, forms are translated, and Tab and Space from the search tick nobody.
func TestSessionFormExplainsAndGuards(t *testing.T) {
	u := signedIn(t)
	addRoster(t, u)
	u.Shell.Select("nav.trainings")
	tr := u.Shell.Current.(*uitraining.Trainings)
	test.Tap(tr.New)
	f := tr.Form
	for _, e := range []struct {
		name, hint string
	}{{"start", f.StartsAt.PlaceHolder}, {"end", f.EndsAt.PlaceHolder}, {"hours", f.HoursE.PlaceHolder}} {
		if !strings.Contains(e.hint, "如") {
			t.Errorf("the %s hint %q reads as a value", e.name, e.hint)
		}
	}
	if !slices.Equal(f.Form.Options, []string{"集中培训", "网络培训", "以会代训"}) {
		t.Errorf("form options %q", f.Form.Options)
	}
	t.Cleanup(func() { locale.Use(locale.Default) })
	locale.Use("en")
	tr.Open("")
	if !slices.Equal(tr.Form.Form.Options, []string{"In person", "Online", "Study at a meeting"}) {
		t.Errorf("form options in English %q", tr.Form.Form.Options)
	}
	locale.Use(locale.Default)
	tr.Open("")
	f = tr.Form
	typeInto(f.Title, "警示教育")
	f.Category.SetSelected(f.Category.Options[0])
	typeInto(f.HeldOn, "2024-11-18")
	test.Tap(f.Save)
	if tr.Form == nil || !strings.Contains(f.Message.Text, "学时：请填写数字，如 2 或 1.5") {
		t.Errorf("hours left empty: %q", f.Message.Text)
	}
	if f.Title.Text != "警示教育" {
		t.Error("a refused save lost the title")
	}

	// Tab then Space from the search reaches the paste button at most: nobody is ticked.
	c := u.Win.Canvas()
	c.Focus(f.Search)
	for i := 0; i < 3; i++ {
		c.FocusNext()
		t.Logf("Tab %d: %T", i+1, c.Focused())
		if k, ok := c.Focused().(interface{ TypedKey(*fyne.KeyEvent) }); ok {
			k.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		}
		for _, o := range u.Win.Canvas().Overlays().List() {
			u.Win.Canvas().Overlays().Remove(o) // the paste dialog, if Space opened it
		}
	}
	if f.Ticked() > 1 {
		t.Errorf("Tab and Space from the search ticked %d people", f.Ticked())
	}
	for unit, chip := range f.Units {
		if _, ok := any(chip).(fyne.Focusable); ok {
			t.Errorf("the %s button takes the keyboard focus", unit)
		}
	}
}

func TestSessionFilesAreKeptWithTheSession(t *testing.T) {
	u := signedIn(t)
	id, err := u.Office.Training.SaveSession(context.Background(), u.session, training.Session{Title: "警示教育", Category: "以案释法",
		HeldOn: "2024-11-18", Hours: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.trainings")
	tr := u.Shell.Current.(*uitraining.Trainings)
	tr.Open(id)
	files := tr.Form.Files
	if files == nil {
		t.Fatal("a saved session offers no files")
	}
	files.Kind.SetSelected("签到表")
	files.AddFile("签到表.pdf", []byte("%PDF-1.4 scanned sign-in sheet"))
	if len(files.List.Objects) != 1 || files.Message.Visible() {
		t.Fatalf("file not added: %q", files.Message.Text)
	}
	files.AddFile("empty.jpg", nil)
	if !files.Message.Visible() {
		t.Error("an empty file was accepted")
	}
	// Entered by mistake: deleted with its file, gone from the list.
	if tr.Form.Delete == nil {
		t.Fatal("a saved session offers no delete")
	}
	tr.Form.DeleteNow()
	if tr.Form != nil || tr.List.Total() != 0 {
		t.Errorf("after deleting: form %v, %d sessions listed", tr.Form != nil, tr.List.Total())
	}
	if atts, _ := u.Office.Attachments(context.Background(), "training", id); len(atts) != 0 {
		t.Errorf("the session's files outlived it: %d", len(atts))
	}
}
