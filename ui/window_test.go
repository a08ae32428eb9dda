package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// After a crash the next start says so, where the report is, and offers its folder.
func TestCrashNoticeNamesTheReport(t *testing.T) {
	u := newTestUI(t)
	report := filepath.Join(t.TempDir(), "logs", "crash-20261203-101500-ab12cd34.log")
	u.showCrashNotice(report)
	overlay := u.Win.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no notice shown")
	}
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *widget.Button:
			texts = append(texts, v.Text)
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(w).Objects() {
				walk(child)
			}
		}
	}
	walk(overlay)
	all := strings.Join(texts, "\n")
	for _, want := range []string{"程序上次意外关闭", report, "打开所在文件夹"} {
		if !strings.Contains(all, want) {
			t.Errorf("the notice lacks %q:\n%s", want, all)
		}
	}
}

func TestFolderURLOpensWindowsAndUnixFolders(t *testing.T) {
	for in, want := range map[string]string{
		`C:/Users/王/AppData/Local/TownLedger/logs`: "file:///C:/Users/%E7%8E%8B/AppData/Local/TownLedger/logs",
		"/home/u/.local/state/TownLedger/logs":     "file:///home/u/.local/state/TownLedger/logs",
		"/tmp/a b":                                 "file:///tmp/a%20b",
	} {
		if got := folderURL(in).String(); got != want {
			t.Errorf("folderURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// A refusal under the wizard follows the fields as they are mended.
func TestWizardRefusalFollowsTheFields(t *testing.T) {
	u := newTestUI(t)
	w := u.Wizard
	if w.Since.Text != "2024-11-20" {
		t.Errorf("建账日期 defaults to %q, want today", w.Since.Text)
	}
	test.Tap(w.Next)
	if !strings.Contains(w.Message.Text, "请填写镇名称") {
		t.Fatalf("empty page: %q", w.Message.Text)
	}
	typeInto(w.TownName, "青石镇")
	if strings.Contains(w.Message.Text, "请填写镇名称") || !strings.Contains(w.Message.Text, "行政区划代码") {
		t.Errorf("after typing the town name the message says %q", w.Message.Text)
	}
	typeInto(w.DivisionCode, "110105100")
	if w.Message.Visible() {
		t.Errorf("all mended, the message still says %q", w.Message.Text)
	}
	typeInto(w.Since, "2026.3")
	test.Tap(w.Next)
	if w.Since.Validate() == nil || w.Page() != 0 || !strings.Contains(w.Message.Text, "2026.3") {
		t.Errorf("an unreadable start date is not refused: %q", w.Message.Text)
	}
	typeInto(w.Since, "2024-10-01")
	test.Tap(w.Next)
	test.Tap(w.Finish)
	if !strings.Contains(w.Message.Text, "密码") {
		t.Fatalf("no password: %q", w.Message.Text)
	}
	typeInto(w.DisplayName, "王主任")
	typeInto(w.Password, "qingshi2024")
	typeInto(w.Confirm, "qingshi2024")
	if w.Message.Visible() {
		t.Errorf("password mended, the message still says %q", w.Message.Text)
	}
}

// 设置 → 数据: a backup is made, listed and restored; the window starts again at the sign-in
// on the restored ledger, and the demo button shows only on an empty ledger.
func TestAdministratorRestoresABackup(t *testing.T) {
	u := signedIn(t)
	s := settingsTab(t, u, "settings.data")
	if s.Data == nil || s.Data.Demo == nil {
		t.Fatalf("data tab %+v: the demo town is not offered on an empty ledger", s.Data)
	}
	test.Tap(s.Data.Backup)
	// The backup is written, checked, then said: wait for the words.
	waitFor(t, func() bool {
		top := u.Win.Canvas().Overlays().Top()
		return top != nil && strings.Contains(fmt.Sprint(textsOf(top)), "备份已保存")
	})
	test.Tap(overlayButton(t, u, "确定"))
	if _, ok := s.Data.Copies.Objects[0].(*fyne.Container); !ok {
		t.Fatal("the new backup is not listed")
	}
	s.Data.Copies.Objects[0].(*fyne.Container).Objects[1].(*widget.Button).OnTapped()
	test.Tap(overlayButton(t, u, "恢复"))
	waitFor(t, func() bool { return u.Login != nil })
	if _, ok, err := u.Office.Town(context.Background()); err != nil || !ok {
		t.Fatalf("the restored ledger: %v %v", ok, err)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(u.Office.Path()), "backups", "*-before-restore.db"))
	if len(kept) != 1 {
		t.Errorf("the ledger as it was: %v", kept)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if ok() {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("timed out")
}

// textsOf lists the texts of labels and buttons in a widget tree.
func textsOf(o fyne.CanvasObject) []string {
	var out []string
	switch v := o.(type) {
	case *widget.Label:
		out = append(out, v.Text)
	case *widget.Button:
		out = append(out, v.Text)
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			out = append(out, textsOf(ch)...)
		}
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, ch := range test.WidgetRenderer(w).Objects() {
			out = append(out, textsOf(ch)...)
		}
	}
	return out
}

// 设置 → 数据 → 校验数据库: the check runs in the background and says, record by record, what
// it found; on an untouched ledger it passes.
func TestAdministratorVerifiesTheLedger(t *testing.T) {
	u := signedIn(t)
	s := settingsTab(t, u, "settings.data")
	test.Tap(s.Data.Verify)
	waitFor(t, func() bool {
		top := u.Win.Canvas().Overlays().Top()
		return top != nil && strings.Contains(fmt.Sprint(textsOf(top)), "校验通过：文件完整")
	})
}

// A start on a ledger set up makes the day's backup in the background, once.
func TestStartMakesTheDaysBackup(t *testing.T) {
	u := signedIn(t)
	u.StartChecks = true
	u.Start()
	u.tasks.Wait()
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(u.Office.Path()), "backups", "townledger-*.db"))
	if len(copies) != 1 {
		t.Fatalf("backups after a start: %v", copies)
	}
	u.Start()
	u.tasks.Wait()
	again, _ := filepath.Glob(filepath.Join(filepath.Dir(u.Office.Path()), "backups", "townledger-*.db"))
	if len(again) != 1 {
		t.Errorf("a second start the same day made another: %v", again)
	}
}
