package cases

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// CaseView is a case's page: what it is about, its deadlines, its full record and the form
// to record the next step. The page is built once per case; after a save it reads the case
// again and updates its widgets in place.
type CaseView struct {
	c           *Cases
	id          string
	View        appcases.View
	Head, About *widget.Label
	Deadlines   []*widget.Label
	Timeline    []*widget.Label
	Closed      *widget.Label // instead of the step form once nothing more may be recorded
	Docs        *docPanel     // the steps' 执法文书 (docs.go)
	deadlineBox *fyne.Container
	timelineBox *fyne.Container
	stepForm
	content fyne.CanvasObject
}

func newCaseView(c *Cases, id string) (*CaseView, error) {
	v, err := c.svc.Load(context.Background(), id, c.u.Now())
	if err != nil {
		return nil, err
	}
	cv := &CaseView{c: c, id: id, View: v, deadlineBox: container.NewVBox(), timelineBox: container.NewVBox()}
	cv.Head = heading("")
	cv.About = widget.NewLabel("")
	cv.About.Wrapping = fyne.TextWrapWord
	cv.Closed = widget.NewLabel("")
	cv.Closed.Wrapping = fyne.TextWrapWord
	cv.buildForm()
	cv.Docs = newDocPanel(cv)

	left := container.NewVBox(widget.NewCard(locale.T("casefile.deadlines"), "", cv.deadlineBox), cv.Docs.Card,
		widget.NewCard(locale.T("casefile.timeline"), "", cv.timelineBox))
	right := widget.NewCard(locale.T("casefile.record"), "", container.NewBorder(nil, actionBar(cv.Message, cv.Done, cv.Save), nil, nil,
		container.NewStack(container.NewVScroll(cv.rows.box), container.NewVBox(cv.Closed))))
	body := container.NewGridWithColumns(2, container.NewVScroll(left), right)
	cv.content = container.NewBorder(container.NewVBox(container.NewHBox(BackButton(c), cv.Head), cv.About), nil, nil, nil, body)
	cv.show()
	cv.resetForm()
	return cv, nil
}

// reload reads the case again after a step was recorded.
func (cv *CaseView) reload() error {
	v, err := cv.c.svc.Load(context.Background(), cv.id, cv.c.u.Now())
	if err != nil {
		return err
	}
	cv.View = v
	cv.show()
	return nil
}

// show puts the case as read into the page's widgets.
func (cv *CaseView) show() {
	v := cv.View
	cv.Head.SetText(locale.T("casefile.header", map[string]any{"No": v.Case.CaseNo, "Party": v.Party.Name}))
	cv.About.SetText(locale.T(rules.ProcedureKey(rules.Procedure(v.Case.Procedure))) + " · " +
		locale.T("casefile.item", map[string]any{"Item": v.Item.Code + " " + v.Item.Name}) + " · " +
		locale.T("casefile.stage", map[string]any{"Stage": locale.T(rules.StepKey(rules.Step(v.Case.Stage)))}))
	cv.showDeadlines()
	cv.Docs.refresh()
	cv.showTimeline()
	cv.showFineHint()

	stage := rules.Step(v.Case.Stage)
	switch {
	case !cv.c.u.Session.Can(auth.EditCases):
		cv.Closed.SetText(locale.T("casefile.record.readonly"))
	case stage == rules.StepClosing || stage == rules.StepVoid:
		cv.Closed.SetText(locale.T("casefile.record.closed", map[string]any{"Stage": locale.T(rules.StepKey(stage))}))
	default:
		cv.Closed.SetText("")
	}
	if cv.Closed.Text != "" { // nothing more may be recorded
		cv.rows.box.Hide()
		cv.Save.Hide()
		cv.Closed.Show()
	} else {
		cv.rows.box.Show()
		cv.Save.Show()
		cv.Closed.Hide()
	}
}

// showDeadlines lists the deadlines, coloured by their state. Informative dates (the
// limitation period, the window for court enforcement) are nobody's task: they show
// neutrally with their date unless they are running out.
func (cv *CaseView) showDeadlines() {
	cv.Deadlines = nil
	var objs []fyne.CanvasObject
	add := func(l *widget.Label) {
		l.Wrapping = fyne.TextWrapWord
		cv.Deadlines = append(cv.Deadlines, l)
		objs = append(objs, l)
	}
	for _, d := range cv.View.Deadlines {
		name, due := locale.T(rules.DeadlineKey(d.Kind)), d.Due.Format("2006-01-02")
		var l *widget.Label
		if d.Informative && d.Status != rules.StatusOverdue && d.Status != rules.StatusDueSoon {
			l = widget.NewLabel(locale.T("casefile.deadline.info", map[string]any{"Name": name, "Due": due}))
		} else {
			l = widget.NewLabel(locale.T("casefile.deadline.line", map[string]any{"Name": name, "Due": due,
				"Status": locale.T(rules.StatusKey(d.Status))}))
			l.Importance = kit.StatusImportance(d.Status)
		}
		add(l)
		if d.Guessed {
			g := widget.NewLabel(locale.T("calendar.guessed", map[string]any{"Year": d.Due.Year()}))
			g.Importance = widget.WarningImportance
			add(g)
		}
		if d.Kind == rules.DeadlinePayment && d.Status == rules.StatusOverdue {
			fee := cv.View.LateFee(cv.c.u.Now())
			late := widget.NewLabel(locale.T("casefile.late_fee", map[string]any{"Fee": rules.FormatYuan(fee)}))
			late.Importance = widget.DangerImportance
			add(late)
		}
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(locale.T("casefile.deadlines.none")))
	}
	cv.deadlineBox.Objects = objs
	cv.deadlineBox.Refresh()
}

func (cv *CaseView) showTimeline() {
	cv.Timeline = nil
	var objs []fyne.CanvasObject
	for _, st := range cv.View.Steps {
		l := widget.NewLabel(strings.Join(strings.Fields(locale.T("casefile.timeline.line", map[string]any{"On": st.OccurredOn,
			"Step": locale.T(rules.StepKey(rules.Step(st.Step))), "Doc": st.DocNo, "Officers": st.Officers})), "  ") +
			stepDetail(st.Event))
		l.Wrapping = fyne.TextWrapWord
		cv.Timeline = append(cv.Timeline, l)
		objs = append(objs, l)
		// A reduced penalty stands out: its ground is what the legal review must look at.
		if m := st.Event.Mitigation; m != "" {
			r := widget.NewLabel(locale.T("casefile.timeline.mitigation", map[string]any{
				"Ground": locale.T(rules.MitigationKey(m)), "Reason": st.Event.MitigationReason}))
			r.Wrapping, r.Importance = fyne.TextWrapWord, widget.WarningImportance
			cv.Timeline = append(cv.Timeline, r)
			objs = append(objs, r)
		}
	}
	for _, l := range cv.Docs.lines() { // the documents produced, as served
		cv.Timeline = append(cv.Timeline, l)
		objs = append(objs, l)
	}
	cv.timelineBox.Objects = objs
	cv.timelineBox.Refresh()
}

// showFineHint states the chosen tier's range under the fine, where the case has a tier.
func (cv *CaseView) showFineHint() {
	v := cv.View
	for _, t := range v.Item.Tiers {
		if t.Ordinal == v.Case.TierOrdinal {
			cv.FineHint.SetText(locale.T("casefile.record.fine.tier", map[string]any{"Tier": t.Name,
				"Range": rangeText(rules.TierRangeOf(t).For(v.Party.Kind))}))
			cv.FineHint.Show()
			return
		}
	}
	cv.FineHint.Hide()
}

// stepDetail is what a step recorded beyond its date: the amount and receipt of a payment,
// the new last day of a deferral, the words of a change — so the timeline reads as the file.
func stepDetail(e rules.Event) string {
	var parts []string
	if e.Amount > 0 {
		parts = append(parts, locale.T("casefile.detail.amount", map[string]any{"Amount": rules.FormatYuan(e.Amount)}))
	}
	if e.ReceiptNo != "" {
		parts = append(parts, locale.T("casefile.detail.receipt", map[string]any{"No": e.ReceiptNo}))
	}
	if e.DueOn != nil {
		parts = append(parts, locale.T("casefile.detail.due_on", map[string]any{"Due": e.DueOn.Format("2006-01-02"),
			"N": max(e.Instalments, 1)}))
	}
	if n := strings.TrimSpace(e.Note); n != "" {
		parts = append(parts, n)
	}
	if len(parts) == 0 {
		return ""
	}
	return "  · " + strings.Join(parts, "；")
}
