package training

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/search"
	apptraining "townledger/app/training"
	"townledger/app/trainingimport"
	"townledger/app/workbook"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Trainings is the 培训记录 section: sessions, a session's form with its attendance, and
// everyone's hours for the year.
type Trainings struct {
	u      *kit.Env
	List   *kit.RecordList
	New    *widget.Button
	HoursB *widget.Button
	Form   *SessionForm // while a session is open
	Hours  *HoursPage   // while the hours page is open
	kit.Body
}

func NewTrainings(u *kit.Env) *Trainings {
	t := &Trainings{u: u, Body: kit.NewBody()}
	t.New = widget.NewButtonWithIcon(locale.T("training.new"), theme.ContentAddIcon(), func() { t.Open("") })
	if !u.Session.Can(auth.EditTrainings) {
		t.New.Disable()
	}
	t.HoursB = widget.NewButtonWithIcon(locale.T("hours.title"), theme.GridIcon(), t.showHours)
	t.showList()
	return t
}

func (t *Trainings) showList() {
	t.Form, t.Hours = nil, nil
	actions := []fyne.CanvasObject{t.HoursB, t.New}
	if t.u.Session.Can(auth.EditTrainings) {
		sessions := kit.TransferButtons(t.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				n, err := t.u.Office.TrainingImport.ImportTrainings(ctx, t.u.Session, path, t.u.Now())
				return locale.T("cli.import.trainings.done", map[string]any{"N": n}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(trainingimport.TrainingsSpec, path) },
			TemplateName:  locale.T("training.template_name"),
		})
		signIn := kit.TransferButtons(t.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				r, err := t.u.Office.TrainingImport.ImportAttendance(ctx, t.u.Session, path, t.u.Now())
				return locale.T("cli.import.attendance.done", map[string]any{"N": r.Attendees, "Title": r.Title, "Date": r.Date}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(trainingimport.AttendanceSpec, path) },
			TemplateName:  locale.T("training.signin_template_name"),
		})
		signIn[0].(*widget.Button).SetText(locale.T("training.import_signin"))
		signIn[1].(*widget.Button).SetText(locale.T("training.signin_template"))
		actions = append(append(sessions, signIn...), actions...)
	}
	t.List = kit.NewRecordList(t.u, office.ListTrainings, actions...)
	t.List.OnOpen = t.Open
	t.Set(t.List.Content())
}

func (t *Trainings) Open(id string) {
	f, err := newSessionForm(t, id)
	if err != nil {
		kit.ShowError(t.u.Win, err)
		return
	}
	t.Form = f
	t.Set(f.content)
}

func (t *Trainings) showHours() {
	h, err := newHoursPage(t)
	if err != nil {
		kit.ShowError(t.u.Win, err)
		return
	}
	t.Hours = h
	t.Set(h.content)
}

func (t *Trainings) back() *widget.Button {
	return widget.NewButtonWithIcon(locale.T("training.back"), theme.NavigateBackIcon(), t.showList)
}

// attendeeRow is one person of the roster in a session's attendance.
type attendeeRow struct {
	Person       apptraining.Person
	initials     string
	Check        *widget.Check
	Hours, Score *widget.Entry
	Row          fyne.CanvasObject
}

// SessionForm records a session and ticks its attendees quickly: search the roster, tick a
// whole unit at once, and override hours (left early) or enter a score per person.
type SessionForm struct {
	t                                       *Trainings
	session                                 apptraining.Session
	Title, Organiser, Trainer, TrainerUnit  *widget.Entry
	HeldOn, StartsAt, EndsAt, Place, HoursE *widget.Entry
	Notes                                   *widget.Entry
	Category, Form                          *widget.Select
	Search                                  *widget.Entry
	Units                                   map[string]*widget.Button
	Rows                                    []*attendeeRow
	Count                                   *widget.Label
	Save                                    *widget.Button
	Delete                                  *widget.Button // nil for a new session
	Message                                 *widget.Label
	Files                                   *SessionFiles // nil until the session is saved
	rows                                    *fyne.Container
	content                                 fyne.CanvasObject
}

func newSessionForm(t *Trainings, id string) (*SessionForm, error) {
	ctx := context.Background()
	svc := t.u.Office.Training
	f := &SessionForm{t: t, Message: kit.ErrorLabel(), Units: map[string]*widget.Button{}, Count: widget.NewLabel(""),
		rows: container.NewVBox()}
	var attendees []apptraining.Attendee
	if id != "" {
		var err error
		if f.session, attendees, err = svc.LoadSession(ctx, id); err != nil {
			return nil, err
		}
	}
	cats, err := svc.Categories(ctx)
	if err != nil {
		return nil, err
	}
	people, err := svc.Roster(ctx, false)
	if err != nil {
		return nil, err
	}
	s := f.session
	f.Title, f.Organiser, f.Trainer, f.TrainerUnit = kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil)
	f.Place, f.Notes = kit.Entry(locale.T("training.place.hint"), nil), widget.NewMultiLineEntry()
	f.HeldOn = kit.DateEntry(true)
	f.StartsAt, f.EndsAt, f.HoursE = kit.Entry("09:00", nil), kit.Entry("11:00", nil), kit.Entry("2", nil)
	f.Category = kit.Choice(cats, nil)
	f.Form = kit.Choice(apptraining.Forms, nil)
	f.Title.SetText(s.Title)
	f.Organiser.SetText(s.Organiser)
	f.Trainer.SetText(s.Trainer)
	f.TrainerUnit.SetText(s.TrainerUnit)
	f.Place.SetText(s.Place)
	f.Notes.SetText(s.Notes)
	f.HeldOn.SetText(s.HeldOn)
	f.StartsAt.SetText(s.StartsAt)
	f.EndsAt.SetText(s.EndsAt)
	if s.Hours > 0 {
		f.HoursE.SetText(strconv.FormatFloat(s.Hours, 'f', -1, 64))
	}
	f.Category.SetSelected(s.Category)
	f.Form.SetSelected(s.Form)

	picked := map[string]apptraining.Attendee{}
	for _, a := range attendees {
		picked[a.StaffID] = a
	}
	byUnit := map[string][]*attendeeRow{}
	var units []string
	for _, p := range people {
		r := &attendeeRow{Person: p, initials: search.Initials(p.Name)}
		r.Check = widget.NewCheck(p.Name, func(bool) { f.count() })
		r.Hours, r.Score = kit.Entry(locale.T("training.hours.same"), nil), kit.Entry(locale.T("training.score"), nil)
		if a, ok := picked[p.ID]; ok {
			r.Check.SetChecked(true)
			if a.Hours != nil {
				r.Hours.SetText(strconv.FormatFloat(*a.Hours, 'f', -1, 64))
			}
			if a.Score != nil {
				r.Score.SetText(strconv.FormatFloat(*a.Score, 'f', -1, 64))
			}
		}
		unit := widget.NewLabel(p.Unit)
		unit.Truncation = fyne.TextTruncateEllipsis
		r.Row = container.NewGridWithColumns(4, r.Check, unit, r.Hours, r.Score)
		f.Rows = append(f.Rows, r)
		f.rows.Add(r.Row)
		if _, ok := byUnit[p.Unit]; !ok {
			units = append(units, p.Unit)
		}
		byUnit[p.Unit] = append(byUnit[p.Unit], r)
	}
	unitBar := container.NewHBox(widget.NewLabel(locale.T("training.tick_unit")))
	for _, u := range units {
		rows := byUnit[u]
		b := widget.NewButton(u, func() {
			for _, r := range rows {
				r.Check.SetChecked(true)
			}
			f.count()
		})
		f.Units[u] = b
		unitBar.Add(b)
	}
	f.Search = widget.NewEntry()
	f.Search.SetPlaceHolder(locale.T("training.search_roster"))
	f.Search.OnChanged = f.filter
	f.Save = widget.NewButton(locale.T("action.save"), f.save)
	f.Save.Importance = widget.HighImportance
	if !t.u.Session.Can(auth.EditTrainings) {
		f.Save.Disable()
	}
	f.count()

	form := widget.NewForm(
		widget.NewFormItem(locale.T("training.title"), f.Title),
		widget.NewFormItem(locale.T("training.category"), f.Category),
		widget.NewFormItem(locale.T("training.held_on"), f.HeldOn),
		widget.NewFormItem(locale.T("training.time"), container.NewGridWithColumns(3, f.StartsAt, f.EndsAt, f.HoursE)),
		widget.NewFormItem(locale.T("training.form"), f.Form),
		widget.NewFormItem(locale.T("training.place"), f.Place),
		widget.NewFormItem(locale.T("training.organiser"), f.Organiser),
		widget.NewFormItem(locale.T("training.trainer"), container.NewGridWithColumns(2, f.Trainer, f.TrainerUnit)),
		widget.NewFormItem(locale.T("training.notes"), f.Notes),
	)
	header := container.NewGridWithColumns(4, widget.NewLabel(locale.T("staff.name")), widget.NewLabel(locale.T("staff.unit")),
		widget.NewLabel(locale.T("training.hours.person")), widget.NewLabel(locale.T("training.score")))
	attendance := widget.NewCard(locale.T("training.attendance"), "", container.NewVBox(
		container.NewBorder(nil, nil, nil, f.Count, f.Search), container.NewHScroll(unitBar), header, f.rows))
	title := locale.T("training.new")
	if s.ID != "" {
		title = s.Title
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	body := container.NewVBox(form, attendance)
	if s.ID != "" { // files belong to a saved session
		f.Files = newSessionFiles(t.u, s.ID)
		body.Add(widget.NewCard(locale.T("training.files"), "", f.Files.content))
	}
	buttons := container.NewHBox(kit.Spacer(), f.Save)
	if s.ID != "" && !f.Save.Disabled() {
		f.Delete = widget.NewButtonWithIcon(locale.T("action.delete"), theme.DeleteIcon(), f.confirmDelete)
		f.Delete.Importance = widget.DangerImportance
		buttons = container.NewHBox(f.Delete, kit.Spacer(), f.Save)
	}
	f.content = container.NewBorder(container.NewHBox(t.back(), heading), container.NewVBox(f.Message, buttons),
		nil, nil, container.NewVScroll(body))
	return f, nil
}

// filter shows the roster rows whose name, pinyin initials or unit match what is typed.
func (f *SessionForm) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	for _, r := range f.Rows {
		if q == "" || strings.Contains(r.Person.Name, q) || strings.HasPrefix(r.initials, q) || strings.Contains(r.Person.Unit, q) {
			r.Row.Show()
		} else {
			r.Row.Hide()
		}
	}
	f.rows.Refresh()
}

func (f *SessionForm) count() {
	n := 0
	for _, r := range f.Rows {
		if r.Check.Checked {
			n++
		}
	}
	f.Count.SetText(locale.T("training.count", map[string]any{"N": n}))
}

func parseOptional(s string) (*float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return &v, true
}

func (f *SessionForm) save() {
	var problems []string
	s := f.session
	s.Title, s.Category, s.Form = f.Title.Text, f.Category.Selected, f.Form.Selected
	s.Organiser, s.Trainer, s.TrainerUnit = f.Organiser.Text, f.Trainer.Text, f.TrainerUnit.Text
	s.Place, s.Notes = f.Place.Text, f.Notes.Text
	s.StartsAt, s.EndsAt = strings.TrimSpace(f.StartsAt.Text), strings.TrimSpace(f.EndsAt.Text)
	if day, err := kit.ParseDay(f.HeldOn.Text, true); err != nil {
		problems = append(problems, locale.Err(err))
	} else {
		s.HeldOn = day.Format(office.DateLayout)
	}
	if h, ok := parseOptional(f.HoursE.Text); !ok || h == nil {
		problems = append(problems, locale.T("training.hours.number", map[string]any{"Value": f.HoursE.Text}))
	} else {
		s.Hours = *h
	}
	var attendees []apptraining.Attendee
	for _, r := range f.Rows {
		if !r.Check.Checked {
			continue
		}
		a := apptraining.Attendee{StaffID: r.Person.ID}
		var ok bool
		if a.Hours, ok = parseOptional(r.Hours.Text); !ok {
			problems = append(problems, locale.T("training.hours.number", map[string]any{"Value": r.Person.Name + " " + r.Hours.Text}))
		}
		if a.Score, ok = parseOptional(r.Score.Text); !ok {
			problems = append(problems, locale.T("training.score.number", map[string]any{"Value": r.Person.Name + " " + r.Score.Text}))
		}
		attendees = append(attendees, a)
	}
	if len(problems) > 0 {
		kit.SetMessage(f.Message, "• "+strings.Join(problems, "\n• "))
		return
	}
	if _, err := f.t.u.Office.Training.SaveSession(context.Background(), f.t.u.Session, s, attendees); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.t.showList()
}
