package ui

import (
	"strings"
	"testing"
	"townledger/ui/parties"

	"fyne.io/fyne/v2/test"
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
