package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"townledger/app/office"
	"townledger/ui/parties"
)

func TestEnterpriseIsEnteredOnceAndShowsItsCases(t *testing.T) {
	u := signedIn(t)
	u.Shell.Select("nav.parties")
	ps := u.Shell.Current.(*parties.Parties)
	test.Tap(ps.New)
	f := ps.Form
	typeInto(f.Name, "青石机械加工厂")
	typeInto(f.CreditCode, "９１１１００００６０００３７３４１Ｋ") // full-width, wrong check character
	if f.CreditCode.Validate() == nil {
		t.Error("the credit code field does not flag a wrong check character as typed")
	}
	test.Tap(f.Save)
	if ps.Page != nil || !strings.Contains(f.Message.Text, "校验位错误") || !strings.Contains(f.Message.Text, "“L”") {
		t.Fatalf("bad credit code: %q", f.Message.Text)
	}
	if f.Name.Text != "青石机械加工厂" {
		t.Error("a refused save lost the name")
	}
	typeInto(f.CreditCode, "９１１１００００６０００３７３４１Ｌ")
	typeInto(f.Phone, "13812345678")
	test.Tap(f.Save)
	if ps.Page == nil {
		t.Fatalf("valid enterprise refused: %q", f.Message.Text)
	}
	if ps.Page.Party.CreditCode != "91110000600037341L" || !strings.Contains(ps.Page.First.Text, "首次违法") {
		t.Errorf("party page: %+v / %q", ps.Page.Party, ps.Page.First.Text)
	}
	// The same code again is refused with the existing party's name.
	test.Tap(ps.Back())
	test.Tap(ps.New)
	typeInto(ps.Form.Name, "另一个名字")
	typeInto(ps.Form.CreditCode, "91110000600037341L")
	test.Tap(ps.Form.Save)
	if !strings.Contains(ps.Form.Message.Text, "青石机械加工厂") {
		t.Errorf("duplicate code: %q", ps.Form.Message.Text)
	}
}

// TestListSearchesInTheBackground: a section list reads what is typed in its search box in
// the background — the window stays with what it showed until the reading is done — and
// each keystroke cancels the reading of the one before, which never shows; leaving the
// section cancels its reading too.
func TestListSearchesInTheBackground(t *testing.T) {
	u := signedIn(t)
	if err := u.Office.Demo.Load(context.Background(), office.System, u.Now()); err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.parties")
	ps := u.Shell.Current.(*parties.Parties)
	all := ps.List.Count.Text
	top, ok := ps.List.Item(0)
	if !ok {
		t.Fatal("no demo party listed")
	}
	name := top.Title
	env := u.Shell.Env
	env.SyncReads = false
	defer func() { env.SyncReads = true }()
	started, release := heldReadings(t, u, "list.parties")
	held := func() context.Context { return readingStarted(t, started) }
	ps.List.Search.SetText(string([]rune(name)[:1]))
	first := held()
	if ps.List.Count.Text != all {
		t.Errorf("while the search is read the list shows %q, want what it showed (%q)", ps.List.Count.Text, all)
	}
	ps.List.Search.SetText(name)
	second := held()
	if first.Err() == nil {
		t.Error("a new keystroke left the reading of the one before going")
	}
	close(release)
	u.tasks.Wait()
	if second.Err() != nil || ps.List.Total() == 0 || ps.List.Count.Text == all {
		t.Errorf("after the reading the list shows %q (%d lines), want the matches of %s", ps.List.Count.Text, ps.List.Total(), name)
	}
	if it, ok := ps.List.Item(0); !ok || !strings.Contains(it.Title, name) {
		t.Errorf("first line %+v, want %s", it, name)
	}
	// Leaving the section stops a reading under way.
	started, release = heldReadings(t, u, "list.parties")
	ps.List.Search.SetText(string([]rune(name)[:2]))
	third := held()
	env.ReadGate, env.SyncReads = nil, true // the home page reads as in the other tests
	u.Shell.Select("nav.home")
	if third.Err() == nil {
		t.Error("leaving the section left its reading going")
	}
	close(release)
	u.tasks.Wait()
}
