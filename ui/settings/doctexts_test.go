package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	appsettings "townledger/app/settings"
	"townledger/ui/kit"
	"townledger/ui/kit/kittest"
)

func adminEnv(t *testing.T) *kit.Env {
	t.Helper()
	u, _ := kittest.DemoEnv(t)
	u.SyncReads = true // the preview shown as soon as it is made (as in the ui package's tests)
	return u
}

// TestAdministratorEntersTheDocumentsFixedTexts: the texts typed show in the sample
// decision before they are saved, a text too long is refused on save, and saved ones are
// there when the settings open again.
func TestAdministratorEntersTheDocumentsFixedTexts(t *testing.T) {
	u := adminEnv(t)
	s := New(u)
	s.Open("settings.doc.tab")
	d := s.DocTexts
	if d == nil {
		t.Fatal("an administrator has no 文书 settings")
	}
	if !strings.Contains(d.Preview.Text, "行政处罚决定书") {
		t.Fatalf("no sample decision:\n%s", d.Preview.Text)
	}
	d.Fields[appsettings.DocBank].SetText("中国农业银行青石支行")
	d.Fields[appsettings.DocCourt].SetText("示范区人民法院")
	test.Tap(d.Update)
	for _, want := range []string{"中国农业银行青石支行", "示范区人民法院", "壹万贰仟元整", "《中华人民共和国安全生产法》第九十七条"} {
		if !strings.Contains(d.Preview.Text, want) {
			t.Errorf("the preview does not show %q:\n%s", want, d.Preview.Text)
		}
	}
	d.Fields[appsettings.DocAccount].SetText(strings.Repeat("1", 201))
	test.Tap(d.Save)
	if !strings.Contains(d.Message.Text, "不超过 200 个字") {
		t.Errorf("a long account number saved: %q", d.Message.Text)
	}
	d.Fields[appsettings.DocAccount].SetText("6228480010000000017")
	test.Tap(d.Save)
	if d.Message.Text != "" {
		t.Fatalf("save refused: %q", d.Message.Text)
	}
	reopened := New(u)
	reopened.Open("settings.doc.tab")
	again := reopened.DocTexts
	if got := again.Fields[appsettings.DocBank].Text; got != "中国农业银行青石支行" {
		t.Errorf("the bank after saving: %q", got)
	}
	if got := again.Fields[appsettings.DocAccount].Text; got != "6228480010000000017" {
		t.Errorf("the account after saving: %q", got)
	}
}
