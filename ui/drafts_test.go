package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"townledger/ui/parties"
)

// overlayButton finds a button by its text in the dialog on top of the window.
func overlayButton(t *testing.T, u *UI, text string) *widget.Button {
	t.Helper()
	top := u.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog shown, looking for %q", text)
	}
	var found *widget.Button
	var seen []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			seen = append(seen, b.Text)
			if b.Text == text {
				found = b
			}
		}
		if l, ok := o.(*widget.Label); ok {
			seen = append(seen, l.Text)
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(w).Objects() {
				walk(ch)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatalf("the dialog has no button %q; it shows %q", text, seen)
	}
	return found
}

// waitDraft waits until the form's contents are kept in the ledger (they are written
// shortly after typing stops).
func waitDraft(t *testing.T, u *UI, form string) map[string]string {
	t.Helper()
	for i := 0; i < 100; i++ {
		d, ok, err := u.Office.Drafts.Load(context.Background(), u.Shell.Env.Session.UserID, form, "")
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			return d.Values
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no draft of %s was kept", form)
	return nil
}

func TestLeavingAChangedFormAsksAndItsDraftComesBack(t *testing.T) {
	u := signedIn(t)
	u.Shell.Select("nav.parties")
	ps := u.Shell.Current.(*parties.Parties)
	test.Tap(ps.New)
	typeInto(ps.Form.Name, "青石机械加工厂")
	typeInto(ps.Form.Address, "青石村 12 号")
	if got := waitDraft(t, u, "parties.party"); got["name"] != "青石机械加工厂" {
		t.Fatalf("kept draft: %v", got)
	}

	// Another section: the window asks; staying keeps the form as it was.
	u.Shell.Nav.Select(0)
	test.Tap(overlayButton(t, u, "继续编辑"))
	if u.Shell.Current != ps || ps.Form == nil || ps.Form.Name.Text != "青石机械加工厂" {
		t.Fatal("继续编辑 left the form")
	}
	if u.Shell.SelectedKey() != "nav.parties" {
		t.Errorf("the navigation shows %s while the form stays", u.Shell.SelectedKey())
	}

	// Leaving and keeping a draft: the form offers it back next time.
	test.Tap(ps.Back())
	test.Tap(overlayButton(t, u, "先离开，保留草稿"))
	if ps.Form != nil && ps.List == nil {
		t.Fatal("did not leave the form")
	}
	test.Tap(ps.New)
	if ps.Form.Name.Text != "" {
		t.Fatal("a new form is not empty before the draft is restored")
	}
	test.Tap(overlayButton(t, u, "恢复"))
	if ps.Form.Name.Text != "青石机械加工厂" || ps.Form.Address.Text != "青石村 12 号" {
		t.Fatalf("restored: %q / %q", ps.Form.Name.Text, ps.Form.Address.Text)
	}

	// Discarding: the next section opens and the draft is gone.
	u.Shell.Nav.Select(0)
	test.Tap(overlayButton(t, u, "放弃修改"))
	if u.Shell.SelectedKey() != "nav.home" {
		t.Fatalf("放弃修改 did not open 首页 (%s)", u.Shell.SelectedKey())
	}
	if _, ok, _ := u.Office.Drafts.Load(context.Background(), u.Shell.Env.Session.UserID, "parties.party", ""); ok {
		t.Error("a discarded draft is still kept")
	}
}

// A crash loses nothing typed: a new window on the same ledger offers the draft back.
func TestDraftSurvivesTheWindowGoingAway(t *testing.T) {
	u := signedIn(t)
	u.Shell.Select("nav.parties")
	ps := u.Shell.Current.(*parties.Parties)
	test.Tap(ps.New)
	typeInto(ps.Form.Name, "白沙村民宿")
	waitDraft(t, u, "parties.party")

	// The same user signs in again in a new window, as after a crash.
	again := New(test.NewTempApp(t), u.Office, "test")
	again.Now, again.MailSync, again.SyncReads = u.Now, 0, true
	again.showShell(u.session)
	again.Shell.Select("nav.parties")
	ps2 := again.Shell.Current.(*parties.Parties)
	test.Tap(ps2.New)
	test.Tap(overlayButton(t, again, "恢复"))
	if ps2.Form.Name.Text != "白沙村民宿" {
		t.Fatalf("after the window went away the draft gave %q", ps2.Form.Name.Text)
	}
	// Saving ends the draft.
	typeInto(ps2.Form.CreditCode, "91110000600037341L")
	test.Tap(ps2.Form.Save)
	if ps2.Page == nil {
		t.Fatalf("save refused: %q", ps2.Form.Message.Text)
	}
	if _, ok, _ := u.Office.Drafts.Load(context.Background(), u.session.UserID, "parties.party", ""); ok {
		t.Error("the saved form's draft is still kept")
	}
}
