package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"townledger/app/office"
	"townledger/ui/cases"
)

// TestGeneralCaseFromFilingToClosing takes a case through every step of the general
// procedure the way an officer does: the filing form, then the case page's step form.
func TestGeneralCaseFromFilingToClosing(t *testing.T) {
	u := signedIn(t)
	u.Shell.Select("nav.cases")
	if cs := u.Shell.Current.(*cases.Cases); cs.List.Total() != 0 || !cs.List.Empty.Visible() {
		t.Fatal("a new ledger should show no cases and say so")
	}
	if err := u.Office.Demo.Load(context.Background(), office.System, u.Now()); err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.home")
	u.Shell.Select("nav.cases")
	cs := u.Shell.Current.(*cases.Cases)
	before := cs.List.Total()
	test.Tap(cs.New)
	f := cs.Filing
	if f == nil {
		t.Fatal("the filing form did not open")
	}

	// Nothing chosen: refused with reasons, still on the form.
	test.Tap(f.Submit)
	if cs.Case != nil || !strings.Contains(f.Message.Text, "请填写日期") {
		t.Fatalf("empty filing: %q", f.Message.Text)
	}
	typeInto(f.PartySearch, "qs")
	if len(f.Party.Options) == 0 {
		t.Fatal("searching parties by pinyin initials found none")
	}
	f.Party.SetSelected(f.Party.Options[0])
	for _, o := range f.Item.Options {
		if strings.HasPrefix(o, "AQ-05 ") {
			f.Item.SetSelected(o)
		}
	}
	if len(f.Tier.Options) != 4 {
		t.Fatalf("item AQ-05 offers %d tiers, want 4", len(f.Tier.Options))
	}
	f.Tier.SetSelected(f.Tier.Options[2]) // 三阶: 20,000–30,000 yuan
	typeInto(f.DiscoveredOn, "2024-11-01")
	typeInto(f.FiledOn, "2024年11月4日")
	f.Officers.SetSelected(f.Officers.Options[:2])
	test.Tap(f.Submit)
	cv := cs.Case
	if cv == nil {
		t.Fatalf("filing refused: %q", f.Message.Text)
	}
	if !strings.Contains(cv.View.Case.CaseNo, "应急罚〔2024〕") || len(cv.Timeline) != 1 {
		t.Fatalf("filed case %q with %d steps", cv.View.Case.CaseNo, len(cv.Timeline))
	}

	record := func(step, on string, fill func(*cases.CaseView)) {
		t.Helper()
		cv := cs.Case
		cv.Step.SetSelected(step)
		typeInto(cv.On, on)
		if fill != nil {
			fill(cv)
		}
		test.Tap(cv.Save)
		if cs.Case.Message.Visible() {
			t.Fatalf("%s on %s refused: %q", step, on, cs.Case.Message.Text)
		}
	}
	// A decision before the notice is refused in words, and the form keeps what was typed.
	cv.Step.SetSelected("作出决定")
	typeInto(cv.On, "2024-11-05")
	cv.Outcome.SetSelected("罚款")
	typeInto(cv.Fine, "25000")
	test.Tap(cv.Save)
	if !strings.Contains(cv.Message.Text, "不能作出行政处罚决定") || cv.Fine.Text != "25000" || len(cs.Case.Timeline) != 1 {
		t.Fatalf("decision before notice: %q", cv.Message.Text)
	}

	record("调查取证", "2024-11-05", func(cv *cases.CaseView) { cv.Officers.SetSelected(cv.Officers.Options[:2]) })
	record("行政处罚告知", "2024-11-11", func(cv *cases.CaseView) { cv.Outcome.SetSelected("罚款"); typeInto(cv.Fine, "25,000") })
	// 40,000 yuan is within the law's range but outside the chosen tier: refused with the range.
	cs.Case.Step.SetSelected("作出决定")
	typeInto(cs.Case.On, "2024-11-18")
	cs.Case.Outcome.SetSelected("罚款")
	typeInto(cs.Case.Fine, "40000")
	test.Tap(cs.Case.Save)
	if !strings.Contains(cs.Case.Message.Text, "20,000.00–30,000.00") {
		t.Fatalf("fine outside the tier: %q", cs.Case.Message.Text)
	}
	record("作出决定", "2024-11-18", func(cv *cases.CaseView) { cv.Outcome.SetSelected("罚款"); typeInto(cv.Fine, "25000") })
	record("送达", "2024-11-19", nil)
	record("公示", "2024-11-20", nil)
	record("缴纳罚款", "2024-11-20", func(cv *cases.CaseView) { typeInto(cv.Amount, "25000") })
	record("结案", "2024-11-20", nil)

	v := cs.Case.View
	if v.Case.Stage != "closing" || len(cs.Case.Timeline) != 8 || v.Case.Fine != 2500000 {
		t.Errorf("closed case: stage %s, %d steps, fine %d", v.Case.Stage, len(cs.Case.Timeline), v.Case.Fine)
	}
	for _, l := range cs.Case.Deadlines {
		if strings.Contains(l.Text, "已逾期") {
			t.Errorf("closed case shows an overdue deadline: %s", l.Text)
		}
	}
	// Back in the list, the case shows with its number and stage.
	test.Tap(cases.BackButton(cs)) // a fresh button does what the page's does
	if cs.List.Total() != before+1 {
		t.Errorf("case list shows %d cases", cs.List.Total())
	}
}

func TestCaseTableFiltersSortsAndCountsDeadlines(t *testing.T) {
	u := signedIn(t)
	if err := u.Office.Demo.Load(context.Background(), office.System, u.Now()); err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.cases")
	ct := u.Shell.Current.(*cases.Cases).List
	if ct.Total() != 8 {
		t.Fatalf("demo cases: %d", ct.Total())
	}
	if ct.Overdue.Text == "已逾期 0 件" {
		t.Error("the demo has overdue cases; the count says none")
	}
	ct.Due.SetSelected("已逾期")
	overdue := ct.Total()
	if overdue == 0 || ct.Overdue.Text != "已逾期 "+strconv.Itoa(overdue)+" 件" {
		t.Errorf("overdue filter shows %d, label %q", overdue, ct.Overdue.Text)
	}
	ct.Due.SetSelected("全部期限状态")
	ct.Stage.SetSelected("结案")
	if ct.Total() != 2 {
		t.Errorf("closed demo cases: %d, want 2", ct.Total())
	}
	ct.Stage.SetSelected("全部环节")
	ct.SortBy("fine")
	ct.SortBy("fine") // again: largest first
	first, _ := ct.Row(0)
	for i := 1; i < ct.Total(); i++ {
		if r, _ := ct.Row(i); r.Fine > first.Fine {
			t.Fatalf("sorted by fine, row %d (%d) exceeds the first (%d)", i, r.Fine, first.Fine)
		}
	}
	typeInto(ct.Officer, "没有这个人")
	if ct.Total() != 0 || !ct.Empty.Visible() {
		t.Errorf("unknown officer: %d", ct.Total())
	}
}
