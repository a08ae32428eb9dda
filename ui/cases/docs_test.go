package cases

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"townledger/app/casedoc"
	"townledger/app/office"
	"townledger/ui/kit"
	"townledger/ui/kit/kittest"
	"townledger/ui/locale"
)

// demoCases opens the cases section on officetest's demo ledger, as its administrator, on
// the day the demo stands.
func demoCases(t *testing.T) (*Cases, *office.Office) {
	t.Helper()
	u, _ := kittest.DemoEnv(t)
	u.Win.Resize(fyne.NewSize(1280, 800))
	// The section without its list, which fills in from the background: the test opens
	// cases by id, as the home page and a party's page do.
	c := &Cases{u: u, svc: u.Office.Cases, Body: kit.NewBody()}
	u.Win.SetContent(c.Content())
	return c, u.Office
}

// TestCasePageProducesAStepsDocument: on a decided case's page the decision's 生成文书…
// opens its form with the case's facts and a preview; the facts corrected show in the
// preview; 生成并打开 keeps the PDF, which then shows in the 全过程记录 with its hash and
// can be opened again.
func TestCasePageProducesAStepsDocument(t *testing.T) {
	c, o := demoCases(t)
	rows, _, err := o.CaseRows(context.Background(), office.CaseQuery{Stage: "closing"}, 0, 20)
	if err != nil || len(rows) == 0 {
		t.Fatalf("no closed demo case: %v", err)
	}
	var cv *CaseView
	for _, r := range rows { // the closed case of the general procedure
		c.OpenCase(r.ID)
		if cv = c.Case; cv != nil && cv.View.Case.Procedure == "general" {
			break
		}
	}
	if cv == nil || cv.View.Case.Procedure != "general" {
		t.Fatal("no closed case of the general procedure opened")
	}
	mk := cv.Docs.Buttons[casedoc.KindDecision]
	if mk == nil || cv.Docs.Buttons[casedoc.KindFiling] == nil || cv.Docs.Buttons[casedoc.KindClosing] == nil {
		t.Fatalf("a closed case lists documents %v", cv.Docs.Entries)
	}
	if len(cv.Docs.Open) != 0 {
		t.Error("documents to open before any was produced")
	}
	test.Tap(mk)
	f := cv.Docs.Form
	if f == nil {
		t.Fatal("the decision's form did not open")
	}
	party := cv.View.Party.Name
	if !strings.Contains(f.Preview.Text, "行政处罚决定书") || !strings.Contains(f.Preview.Text, party) ||
		!strings.Contains(f.Preview.Text, casedoc.Capital(cv.View.Case.Fine)) {
		t.Errorf("preview:\n%s", f.Preview.Text)
	}
	facts := f.Fields[casedoc.TextFacts]
	if facts == nil || !strings.Contains(facts.Text, party) {
		t.Fatalf("the facts do not start from the case: %v", facts)
	}
	facts.SetText("经查，当事人在二号车间配电房未设置安全警示标志。")
	test.Tap(f.Update)
	if !strings.Contains(f.Preview.Text, "二号车间配电房") {
		t.Errorf("the preview does not show the facts typed:\n%s", f.Preview.Text)
	}
	test.Tap(f.Produce)
	if f.Message.Text != "" {
		t.Fatalf("produce refused: %s", f.Message.Text)
	}
	if len(cv.Docs.Kept) != 1 || cv.Docs.Open[casedoc.KindDecision] == nil {
		t.Fatalf("the produced decision is not kept: %+v", cv.Docs.Kept)
	}
	kept := cv.Docs.Kept[0]
	found := false
	for _, l := range cv.Timeline {
		found = found || (strings.Contains(l.Text, "生成文书") && strings.Contains(l.Text, kept.SHA256[:12]))
	}
	if !found {
		t.Error("the 全过程记录 does not list the document produced with its hash")
	}
	if !cv.Docs.Dossier.Visible() || cv.Docs.Dossier.Disabled() {
		t.Error("the whole 案卷 cannot be printed")
	}

	// A document of a step not recorded (a reminder to pay) is offered too, as a draft.
	reminder := locale.T(casedoc.KindReminder.Key())
	offered := false
	for _, o := range cv.Docs.Other.Options {
		offered = offered || o == reminder
		if o == locale.T(casedoc.KindDecision.Key()) {
			t.Error("a recorded step's document is offered among the others")
		}
	}
	if !offered {
		t.Fatalf("the 催告书 is not offered: %v", cv.Docs.Other.Options)
	}
	cv.Docs.Other.SetSelected(reminder)
	if cv.Docs.Form == nil || cv.Docs.Form.entry.Kind != casedoc.KindReminder || !strings.Contains(cv.Docs.Form.Preview.Text, "催告书") {
		t.Fatal("choosing the 催告书 did not open its form")
	}
}
