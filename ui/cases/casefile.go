package cases

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// CaseView is a case's page: what it is about, its deadlines, its full record and the form
// to record the next step.
type CaseView struct {
	c         *Cases
	id        string
	View      appcases.View
	Deadlines []*widget.Label
	Timeline  []*widget.Label

	Step                                       *widget.Select
	On, ReinspectOn, AnnouncedOn               *widget.Entry
	Outcome                                    *widget.Select
	Fine, Amount, Penalty, Note                *widget.Entry
	Officers                                   *widget.CheckGroup
	HearingOffered, RightsInformed, Correction *widget.Check
	Passed, WaivesHearing                      *widget.Check
	Approval                                   *widget.Select
	Save                                       *widget.Button
	Message                                    *widget.Label
	steps                                      map[string]rules.Step
	outcomes                                   map[string]rules.Outcome
	approvals                                  map[string]rules.Approval
	certified                                  map[string]bool
	fields                                     *fyne.Container
	content                                    fyne.CanvasObject
}

func newCaseView(c *Cases, id string) (*CaseView, error) {
	v, err := c.svc.Load(context.Background(), id, c.u.Now())
	if err != nil {
		return nil, err
	}
	cv := &CaseView{c: c, id: id, View: v, Message: kit.ErrorLabel(), steps: map[string]rules.Step{},
		outcomes: map[string]rules.Outcome{}, approvals: map[string]rules.Approval{}, certified: map[string]bool{}}
	head := widget.NewLabelWithStyle(locale.T("casefile.header", map[string]any{"No": v.Case.CaseNo, "Party": v.Party.Name}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	about := widget.NewLabel(locale.T(rules.ProcedureKey(rules.Procedure(v.Case.Procedure))) + " · " +
		locale.T("casefile.item", map[string]any{"Item": v.Item.Code + " " + v.Item.Name}) + " · " +
		locale.T("casefile.stage", map[string]any{"Stage": locale.T(rules.StepKey(rules.Step(v.Case.Stage)))}))
	about.Wrapping = fyne.TextWrapWord

	dl := container.NewVBox()
	for _, d := range v.Deadlines {
		if d.Informative && d.Status == rules.StatusOK {
			continue
		}
		l := widget.NewLabel(locale.T("casefile.deadline.line", map[string]any{"Name": locale.T(rules.DeadlineKey(d.Kind)),
			"Due": d.Due.Format("2006-01-02"), "Status": locale.T(rules.StatusKey(d.Status))}))
		l.Importance = kit.StatusImportance(d.Status)
		cv.Deadlines = append(cv.Deadlines, l)
		dl.Add(l)
		if d.Kind == rules.DeadlinePayment && d.Status == rules.StatusOverdue {
			fee := rules.LateFee(v.Case.Fine, d.Due, c.u.Now())
			late := widget.NewLabel(locale.T("casefile.late_fee", map[string]any{"Fee": rules.FormatYuan(fee)}))
			late.Importance = widget.DangerImportance
			late.Wrapping = fyne.TextWrapWord
			cv.Deadlines = append(cv.Deadlines, late)
			dl.Add(late)
		}
	}
	if len(cv.Deadlines) == 0 {
		dl.Add(widget.NewLabel(locale.T("casefile.deadlines.none")))
	}
	tl := container.NewVBox()
	for _, st := range v.Steps {
		l := widget.NewLabel(strings.Join(strings.Fields(locale.T("casefile.timeline.line", map[string]any{"On": st.OccurredOn,
			"Step": locale.T(rules.StepKey(rules.Step(st.Step))), "Doc": st.DocNo, "Officers": st.Officers})), "  "))
		cv.Timeline = append(cv.Timeline, l)
		tl.Add(l)
	}
	cv.buildForm()
	left := container.NewVBox(widget.NewCard(locale.T("casefile.deadlines"), "", dl), widget.NewCard(locale.T("casefile.timeline"), "", tl))
	var right fyne.CanvasObject = widget.NewCard(locale.T("casefile.record"), "",
		container.NewVBox(cv.fields, cv.Message, container.NewHBox(kit.Spacer(), cv.Save)))
	if stage := rules.Step(v.Case.Stage); !c.u.Session.Can(auth.EditCases) || stage == rules.StepClosing || stage == rules.StepVoid {
		right = widget.NewLabel("") // nothing more may be recorded
	}
	body := container.NewGridWithColumns(2, container.NewVScroll(left), container.NewVScroll(right))
	cv.content = container.NewBorder(container.NewVBox(container.NewHBox(BackButton(c), head), about), nil, nil, nil, body)
	return cv, nil
}

func (cv *CaseView) buildForm() {
	var stepLabels []string
	for _, s := range rules.Steps {
		if s == rules.StepFiled {
			continue
		}
		l := locale.T(rules.StepKey(s))
		cv.steps[l] = s
		stepLabels = append(stepLabels, l)
	}
	var outcomeLabels []string
	for _, o := range rules.Outcomes {
		l := locale.T(rules.OutcomeKey(o))
		cv.outcomes[l] = o
		outcomeLabels = append(outcomeLabels, l)
	}
	var approvalLabels []string
	for _, a := range []rules.Approval{rules.ApprovalHead, rules.ApprovalNextLevel} {
		l := locale.T(rules.ApprovalKey(a))
		cv.approvals[l] = a
		approvalLabels = append(approvalLabels, l)
	}
	cv.On = kit.DateEntry(true)
	cv.On.SetText(cv.c.u.Now().Format("2006-01-02"))
	cv.ReinspectOn, cv.AnnouncedOn = kit.DateEntry(false), kit.DateEntry(false)
	cv.Outcome = kit.Choice(outcomeLabels, nil)
	cv.Fine, cv.Amount = kit.Entry("25000", nil), kit.Entry("25000", nil)
	cv.Penalty, cv.Note = kit.Entry("", nil), kit.Entry("", nil)
	officers, _ := cv.c.u.Office.Officers(context.Background())
	var names []string
	for _, o := range officers {
		cv.certified[o.Name] = o.CertStatus == "valid" || o.CertStatus == "due"
		names = append(names, o.Name)
	}
	cv.Officers = widget.NewCheckGroup(names, nil)
	cv.HearingOffered = widget.NewCheck(locale.T("casefile.record.hearing_offered"), nil)
	cv.RightsInformed = widget.NewCheck(locale.T("casefile.record.rights_informed"), nil)
	cv.Correction = widget.NewCheck(locale.T("casefile.record.correction"), nil)
	cv.Passed = widget.NewCheck(locale.T("casefile.record.passed"), nil)
	cv.WaivesHearing = widget.NewCheck(locale.T("casefile.record.waives_hearing"), nil)
	cv.Approval = kit.Choice(approvalLabels, nil)
	cv.Save = widget.NewButton(locale.T("casefile.record.save"), cv.save)
	cv.Save.Importance = widget.HighImportance
	cv.fields = container.NewVBox()
	cv.Step = kit.Choice(stepLabels, func(string) { cv.showFields() })
	cv.Step.PlaceHolder = locale.T("casefile.record.step")
	cv.showFields()
}

// showFields shows the fields the chosen step uses, and only those.
func (cv *CaseView) showFields() {
	item := func(key string, w fyne.CanvasObject) *widget.FormItem {
		if key == "" { // a check box says what it is itself
			return widget.NewFormItem("", w)
		}
		return widget.NewFormItem(locale.T(key), w)
	}
	// Every step records who took it (全过程记录); the investigation needs two certified officers.
	items := []*widget.FormItem{item("casefile.record.step", cv.Step), item("casefile.record.on", cv.On),
		item("filing.officers", cv.Officers)}
	switch cv.steps[cv.Step.Selected] {
	case rules.StepNotice:
		items = append(items, item("casefile.record.outcome", cv.Outcome), item("casefile.record.fine", cv.Fine),
			item("casefile.record.penalty", cv.Penalty), item("", cv.HearingOffered))
	case rules.StepDecision:
		items = append(items, item("casefile.record.outcome", cv.Outcome), item("casefile.record.fine", cv.Fine),
			item("casefile.record.penalty", cv.Penalty), item("", cv.RightsInformed), item("", cv.Correction),
			item("casefile.record.reinspect_on", cv.ReinspectOn))
	case rules.StepStatement:
		items = append(items, item("", cv.WaivesHearing))
	case rules.StepHearing:
		items = append(items, item("casefile.record.announced_on", cv.AnnouncedOn))
	case rules.StepLegalReview:
		items = append(items, item("", cv.Passed))
	case rules.StepPayment:
		items = append(items, item("casefile.record.amount", cv.Amount))
	case rules.StepExtension:
		items = append(items, item("casefile.record.approval", cv.Approval))
	}
	items = append(items, item("casefile.record.note", cv.Note))
	cv.fields.Objects = []fyne.CanvasObject{widget.NewForm(items...)}
	cv.fields.Refresh()
}

// Event reads the form as the step to record, or the problems with what was typed.
func (cv *CaseView) Event() (rules.Event, []string) {
	var problems []string
	note := func(err error) {
		if err != nil {
			problems = append(problems, locale.Err(err))
		}
	}
	ev := rules.Event{Step: cv.steps[cv.Step.Selected], Outcome: cv.outcomes[cv.Outcome.Selected],
		Penalty: strings.TrimSpace(cv.Penalty.Text), HearingOffered: cv.HearingOffered.Checked,
		RightsInformed: cv.RightsInformed.Checked, CorrectionOrdered: cv.Correction.Checked,
		WaivesHearing: cv.WaivesHearing.Checked, Approval: cv.approvals[cv.Approval.Selected], Note: strings.TrimSpace(cv.Note.Text)}
	var err error
	ev.On, err = kit.ParseDay(cv.On.Text, true)
	note(err)
	optDay := func(e *widget.Entry) *time.Time {
		t, err := kit.ParseDay(e.Text, false)
		note(err)
		if t.IsZero() {
			return nil
		}
		return &t
	}
	switch ev.Step {
	case rules.StepNotice, rules.StepDecision:
		if ev.Outcome == rules.OutcomeFine {
			ev.Fine, err = appcases.ParseYuan(cv.Fine.Text)
			note(err)
		}
		ev.ReinspectOn = optDay(cv.ReinspectOn)
	case rules.StepHearing:
		ev.AnnouncedOn = optDay(cv.AnnouncedOn)
	case rules.StepLegalReview:
		passed := cv.Passed.Checked
		ev.Passed = &passed
	case rules.StepPayment:
		ev.Amount, err = appcases.ParseYuan(cv.Amount.Text)
		note(err)
	}
	for _, n := range cv.Officers.Selected {
		ev.Officers = append(ev.Officers, rules.Officer{Name: n, Certified: cv.certified[n]})
	}
	return ev, problems
}

func (cv *CaseView) save() {
	ev, problems := cv.Event()
	if len(problems) > 0 {
		kit.SetMessage(cv.Message, "• "+strings.Join(problems, "\n• "))
		return
	}
	if err := cv.c.svc.Record(context.Background(), cv.c.u.Session, cv.id, ev); err != nil {
		kit.SetMessage(cv.Message, kit.ListMessage(err))
		return
	}
	cv.c.open(cv.id)
}
