package cases

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// stepForm records the next step of a case. Its widgets are made once, each in one row of
// rows for good; choosing a step or an outcome only shows and hides rows, so the drop-down
// the user taps is always the one on screen (see Choice).
type stepForm struct {
	Step                                       *kit.Select
	On, ReinspectOn, AnnouncedOn, DueOn        *widget.Entry
	ReceiptNo, Instalments                     *widget.Entry
	FirstHint                                  *widget.Label // 首违不罚 open to this case
	Outcome                                    *kit.Select
	Fine, Amount, Penalty, Note                *widget.Entry
	Mitigation                                 *kit.Select   // 减轻处罚 ground (Art. 30–32), first "none"
	MitigationReason                           *widget.Entry // its facts in words
	FineHint                                   *widget.Label // the tier's range, under the fine
	Officers                                   *Officers
	HearingOffered, RightsInformed, Correction *widget.Check
	Passed, WaivesHearing                      *widget.Check
	Approval                                   *kit.Select
	Save                                       *widget.Button
	Message                                    *widget.Label
	Done                                       *Confirmation
	steps                                      []rules.Step
	outcomes                                   []rules.Outcome
	approvals                                  []rules.Approval
	mitigations                                []rules.Mitigation // parallel to Mitigation's options; "" for none
	certified                                  map[string]bool
	rows                                       *formRows
	fineRow                                    *fyne.Container
	draft                                      *kit.Draft
}

func (cv *CaseView) buildForm() {
	f := &cv.stepForm
	f.Message, f.Done, f.certified = kit.ErrorLabel(), newConfirmation(), map[string]bool{}
	var stepLabels, outcomeLabels, approvalLabels []string
	for _, s := range rules.Steps {
		if s != rules.StepFiled {
			f.steps = append(f.steps, s)
			stepLabels = append(stepLabels, locale.T(rules.StepKey(s)))
		}
	}
	for _, o := range rules.Outcomes {
		f.outcomes = append(f.outcomes, o)
		outcomeLabels = append(outcomeLabels, locale.T(rules.OutcomeKey(o)))
	}
	for _, a := range []rules.Approval{rules.ApprovalHead, rules.ApprovalNextLevel} {
		f.approvals = append(f.approvals, a)
		approvalLabels = append(approvalLabels, locale.T(rules.ApprovalKey(a)))
	}
	f.Step = kit.Choice(stepLabels, func(string) { cv.stepChanged() })
	f.Step.PlaceHolder = locale.T("casefile.record.step.pick")
	f.On = kit.DateEntry(true)
	f.ReinspectOn, f.AnnouncedOn, f.DueOn = kit.DateEntry(false), kit.DateEntry(false), kit.DateEntry(false)
	f.ReceiptNo = kit.Entry(locale.T("casefile.record.receipt_no.hint"), nil)
	f.Instalments = kit.Entry("1", nil)
	f.FirstHint = widget.NewLabel(locale.T("casefile.record.first_hint"))
	f.FirstHint.Wrapping, f.FirstHint.Importance = fyne.TextWrapWord, widget.SuccessImportance
	f.Outcome = kit.Choice(outcomeLabels, func(string) { cv.showFields() })
	f.Fine, f.Amount = kit.Entry(locale.T("casefile.record.yuan_hint"), nil), kit.Entry(locale.T("casefile.record.yuan_hint"), nil)
	f.FineHint = widget.NewLabel("")
	f.FineHint.SizeName = theme.SizeNameCaptionText
	f.Penalty, f.Note = kit.Entry("", nil), kit.Entry("", nil)
	officers, err := cv.c.u.Office.Officers(context.Background())
	if err != nil {
		kit.SetMessage(f.Message, locale.Err(err))
	}
	var names []string
	for _, o := range officers {
		f.certified[o.Name] = o.CertStatus == "valid" || o.CertStatus == "due"
		names = append(names, o.Name)
	}
	f.Officers = newOfficers(names, locale.T("filing.officers.none"))
	f.HearingOffered = widget.NewCheck(locale.T("casefile.record.hearing_offered"), nil)
	f.RightsInformed = widget.NewCheck(locale.T("casefile.record.rights_informed"), nil)
	f.Correction = widget.NewCheck(locale.T("casefile.record.correction"), nil)
	f.Passed = widget.NewCheck(locale.T("casefile.record.passed"), nil)
	f.WaivesHearing = widget.NewCheck(locale.T("casefile.record.waives_hearing"), nil)
	f.Approval = kit.Choice(approvalLabels, nil)
	mitigationLabels := []string{locale.T("casefile.record.mitigation.none")}
	f.mitigations = []rules.Mitigation{""}
	for _, m := range rules.Mitigations {
		f.mitigations = append(f.mitigations, m)
		mitigationLabels = append(mitigationLabels, locale.T(rules.MitigationKey(m)))
	}
	f.Mitigation = kit.Choice(mitigationLabels, func(string) { cv.showFields() })
	f.Mitigation.PlaceHolder = mitigationLabels[0]
	f.MitigationReason = kit.Entry(locale.T("casefile.record.mitigation_reason.hint"), nil)
	f.Save = widget.NewButtonWithIcon(locale.T("casefile.record.save"), theme.DocumentSaveIcon(), cv.save)
	f.Save.Importance = widget.HighImportance

	// Every step records who took it (全过程记录); the investigation needs two certified officers.
	f.rows = newFormRows()
	f.fineRow = container.NewVBox(f.Fine, f.FineHint)
	for _, r := range []struct {
		key string
		w   fyne.CanvasObject
	}{
		{"casefile.record.step", f.Step}, {"casefile.record.on", f.On}, {"filing.officers", f.Officers.content},
		{"casefile.record.outcome", f.Outcome}, {"casefile.record.fine", f.fineRow},
		{"casefile.record.mitigation", f.Mitigation}, {"casefile.record.mitigation_reason", f.MitigationReason},
		{"casefile.record.penalty", f.Penalty},
		{"", f.HearingOffered}, {"", f.RightsInformed}, {"", f.Correction}, {"casefile.record.reinspect_on", f.ReinspectOn},
		{"", f.WaivesHearing}, {"casefile.record.announced_on", f.AnnouncedOn}, {"", f.Passed},
		{"casefile.record.amount", f.Amount}, {"casefile.record.receipt_no", f.ReceiptNo},
		{"casefile.record.due_on", f.DueOn}, {"casefile.record.instalments", f.Instalments}, {"", f.FirstHint},
		{"casefile.record.approval", f.Approval}, {"casefile.record.note", f.Note},
	} {
		f.rows.add(r.key, r.w)
	}
	cv.showFields()
	cv.keepDraft()
}

// keepDraft keeps the step being typed as a draft of this case's page; the step and outcome
// come first, as they decide which fields show.
func (cv *CaseView) keepDraft() {
	f := &cv.stepForm
	d := cv.c.u.NewDraft("cases.step", cv.id)
	f.draft = d
	d.Select("step", f.Step)
	d.Select("outcome", f.Outcome)
	d.Select("approval", f.Approval)
	d.Select("mitigation", f.Mitigation)
	for name, e := range map[string]*widget.Entry{"on": f.On, "reinspect_on": f.ReinspectOn, "announced_on": f.AnnouncedOn,
		"fine": f.Fine, "amount": f.Amount, "penalty": f.Penalty, "note": f.Note, "mitigation_reason": f.MitigationReason,
		"receipt_no": f.ReceiptNo, "due_on": f.DueOn, "instalments": f.Instalments} {
		d.Entry(name, e)
	}
	for name, c := range map[string]*widget.Check{"hearing_offered": f.HearingOffered, "rights_informed": f.RightsInformed,
		"correction": f.Correction, "passed": f.Passed, "waives_hearing": f.WaivesHearing} {
		d.Check(name, c)
	}
	f.Officers.bind(d)
}

// stepChanged: a refusal or a confirmation was about the step chosen before; neither
// applies to the new one.
func (cv *CaseView) stepChanged() {
	kit.SetMessage(cv.Message, "")
	cv.Done.Clear()
	cv.showFields()
}

// chosen is the step chosen, "" for none.
func (f *stepForm) chosen() rules.Step {
	if i := f.Step.SelectedIndex(); i >= 0 {
		return f.steps[i]
	}
	return ""
}

func (f *stepForm) mitigation() rules.Mitigation {
	if i := f.Mitigation.SelectedIndex(); i >= 0 {
		return f.mitigations[i]
	}
	return ""
}

func (f *stepForm) outcome() rules.Outcome {
	if i := f.Outcome.SelectedIndex(); i >= 0 {
		return f.outcomes[i]
	}
	return ""
}

// showFields shows the rows the chosen step (and outcome) use, and only those.
func (cv *CaseView) showFields() {
	f := &cv.stepForm
	step, out := f.chosen(), f.outcome()
	penalty := step == rules.StepNotice || step == rules.StepDecision
	show := map[fyne.CanvasObject]bool{
		f.Outcome: penalty,
		f.fineRow: penalty && (out == "" || out == rules.OutcomeFine),
		// 减轻 concerns fines; a summary case cannot have the legal review it needs.
		f.Mitigation:       penalty && out == rules.OutcomeFine && cv.View.Case.Procedure != string(rules.Summary),
		f.MitigationReason: penalty && out == rules.OutcomeFine && f.mitigation() != "",
		f.Penalty:          penalty && out == rules.OutcomeOther,
		f.HearingOffered:   step == rules.StepNotice,
		f.RightsInformed:   step == rules.StepDecision && cv.View.Case.Procedure == string(rules.Summary), // told on the spot
		f.Correction:       step == rules.StepDecision && out.NotPenalised(),
		f.ReinspectOn:      step == rules.StepDecision && out.NotPenalised(),
		f.WaivesHearing:    step == rules.StepStatement,
		f.AnnouncedOn:      step == rules.StepHearing,
		f.Passed:           step == rules.StepLegalReview,
		f.Amount:           step == rules.StepPayment || step == rules.StepCollection,
		f.ReceiptNo:        step == rules.StepCollection,
		f.DueOn:            step == rules.StepDeferral,
		f.Instalments:      step == rules.StepDeferral,
		f.FirstHint:        step == rules.StepDecision && cv.View.FirstExemptOpen(),
		f.Approval:         step == rules.StepExtension,
	}
	for w, visible := range show {
		f.rows.show(w, visible)
	}
	f.rows.box.Refresh()
}

// resetForm empties the form for the next step: today's date, and the officers of the last
// step already ticked — the same team usually carries a case through.
func (cv *CaseView) resetForm() {
	f := &cv.stepForm
	f.Step.ClearSelected()
	f.Outcome.ClearSelected()
	f.Approval.ClearSelected()
	f.Mitigation.ClearSelected()
	f.On.SetText(cv.c.u.Now().Format("2006-01-02"))
	for _, e := range []*widget.Entry{f.ReinspectOn, f.AnnouncedOn, f.Fine, f.Amount, f.Penalty, f.Note, f.MitigationReason,
		f.ReceiptNo, f.DueOn, f.Instalments} {
		e.SetText("")
	}
	for _, c := range []*widget.Check{f.HearingOffered, f.RightsInformed, f.Correction, f.Passed, f.WaivesHearing} {
		c.SetChecked(false)
	}
	f.Officers.SetSelected(cv.View.LastOfficers())
	kit.SetMessage(f.Message, "")
	cv.showFields()
}

// named says a problem with a field, naming the field.
func named(labelKey string, err error) string {
	return locale.T("filing.field_problem", map[string]any{"Field": locale.T(labelKey), "Problem": locale.Err(err)})
}

// Event reads the form as the step to record, or every problem with it that can be told
// before the rules look at the case: what was typed wrongly (with the field's name) and
// every part the step needs that is empty.
func (cv *CaseView) Event() (rules.Event, []string) {
	f := &cv.stepForm
	var problems []string
	typo := map[string]bool{} // fields typed wrongly: not also reported as empty
	ev := rules.Event{Step: f.chosen(), Outcome: f.outcome(), Penalty: strings.TrimSpace(f.Penalty.Text),
		HearingOffered: f.HearingOffered.Checked, RightsInformed: f.RightsInformed.Checked,
		CorrectionOrdered: f.Correction.Checked, WaivesHearing: f.WaivesHearing.Checked,
		Note: strings.TrimSpace(f.Note.Text)}
	if i := f.Approval.SelectedIndex(); i >= 0 {
		ev.Approval = f.approvals[i]
	}
	day := func(field, labelKey string, e *widget.Entry) time.Time {
		t, err := kit.ParseDay(e.Text, false)
		if err != nil {
			problems, typo[field] = append(problems, named(labelKey, err)), true
		}
		return t
	}
	optDay := func(field, labelKey string, e *widget.Entry) *time.Time {
		if t := day(field, labelKey, e); !t.IsZero() {
			return &t
		}
		return nil
	}
	money := func(field, labelKey string, e *widget.Entry) int64 {
		if strings.TrimSpace(e.Text) == "" {
			return 0
		}
		fen, err := appcases.ParseYuan(e.Text)
		if err != nil {
			problems, typo[field] = append(problems, named(labelKey, err)), true
		}
		return fen
	}
	ev.On = day(rules.FieldOn, "casefile.record.on", f.On)
	switch ev.Step {
	case rules.StepNotice, rules.StepDecision:
		if ev.Outcome == rules.OutcomeFine {
			ev.Fine = money(rules.FieldFine, "casefile.record.fine", f.Fine)
			if cv.View.Case.Procedure != string(rules.Summary) {
				ev.Mitigation, ev.MitigationReason = f.mitigation(), strings.TrimSpace(f.MitigationReason.Text)
			}
		}
		if ev.Step == rules.StepDecision && ev.Outcome.NotPenalised() {
			ev.ReinspectOn = optDay(rules.FieldReinspectOn, "casefile.record.reinspect_on", f.ReinspectOn)
		}
	case rules.StepHearing:
		ev.AnnouncedOn = optDay(rules.FieldAnnouncedOn, "casefile.record.announced_on", f.AnnouncedOn)
	case rules.StepLegalReview:
		passed := f.Passed.Checked
		ev.Passed = &passed
	case rules.StepPayment:
		ev.Amount = money(rules.FieldAmount, "casefile.record.amount", f.Amount)
	case rules.StepCollection:
		ev.Amount = money(rules.FieldAmount, "casefile.record.amount", f.Amount)
		ev.ReceiptNo = strings.TrimSpace(f.ReceiptNo.Text)
	case rules.StepDeferral:
		ev.DueOn = optDay(rules.FieldDueOn, "casefile.record.due_on", f.DueOn)
		ev.Instalments = 1
		if t := strings.TrimSpace(f.Instalments.Text); t != "" {
			n, err := strconv.Atoi(t)
			if err != nil || n < 1 || n > 36 {
				problems, typo[rules.FieldInstalments] = append(problems, locale.T("casefile.record.instalments.invalid")), true
			}
			ev.Instalments = n
		}
	}
	for _, p := range rules.Missing(ev) {
		if !typo[p.Field] {
			problems = append(problems, locale.T(p.Key, p.Data))
		}
	}
	for _, n := range f.Officers.Selected() {
		ev.Officers = append(ev.Officers, rules.Officer{Name: n, Certified: f.certified[n]})
	}
	return ev, problems
}

func (cv *CaseView) save() {
	cv.Done.Clear()
	ev, problems := cv.Event()
	if len(problems) > 0 {
		kit.SetMessage(cv.Message, "• "+strings.Join(problems, "\n• "))
		return
	}
	if err := cv.c.svc.Record(context.Background(), cv.c.u.Session, cv.id, ev); err != nil {
		kit.SetMessage(cv.Message, kit.ListMessage(err))
		return
	}
	// Saved: the page reads the case again in place, the form starts on the next step.
	if err := cv.reload(); err != nil {
		kit.SetMessage(cv.Message, locale.Err(err))
		return
	}
	f := &cv.stepForm
	f.draft.Saved()
	f.draft.Quietly(cv.resetForm)
	cv.Done.Say(locale.T("casefile.record.saved", map[string]any{"Step": locale.T(rules.StepKey(ev.Step)),
		"On": ev.On.Format("2006-01-02")}))
}
