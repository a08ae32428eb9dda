package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/search"
	"townledger/app/training"
	"townledger/app/trainingimport"
	"townledger/app/workbook"
	"townledger/data"
	"townledger/ui/locale"
)

// Trainings is the 培训记录 section: sessions, a session's form with its attendance, and
// everyone's hours for the year.
type Trainings struct {
	u      *UI
	List   *RecordList
	New    *widget.Button
	HoursB *widget.Button
	Form   *SessionForm // while a session is open
	Hours  *HoursPage   // while the hours page is open
	sectionBody
}

func newTrainings(u *UI) *Trainings {
	t := &Trainings{u: u, sectionBody: newSectionBody()}
	t.New = widget.NewButtonWithIcon(locale.T("training.new"), theme.ContentAddIcon(), func() { t.open("") })
	if !u.session.Can(auth.EditTrainings) {
		t.New.Disable()
	}
	t.HoursB = widget.NewButtonWithIcon(locale.T("hours.title"), theme.GridIcon(), t.showHours)
	t.showList()
	return t
}

func (t *Trainings) showList() {
	t.Form, t.Hours = nil, nil
	actions := []fyne.CanvasObject{t.HoursB, t.New}
	if t.u.session.Can(auth.EditTrainings) {
		sessions := transferButtons(t.u, transfer{
			importFile: func(ctx context.Context, path string) (string, error) {
				n, err := trainingimport.ImportTrainings(ctx, t.u.Office.Store, t.u.session, path, t.u.Now())
				return locale.T("cli.import.trainings.done", map[string]any{"N": n}), err
			},
			writeTemplate: func(path string) error { return workbook.WriteTemplate(trainingimport.TrainingsSpec, path) },
			templateName:  locale.T("training.template_name"),
		})
		signIn := transferButtons(t.u, transfer{
			importFile: func(ctx context.Context, path string) (string, error) {
				r, err := trainingimport.ImportAttendance(ctx, t.u.Office.Store, t.u.session, path, t.u.Now())
				return locale.T("cli.import.attendance.done", map[string]any{"N": r.Attendees, "Title": r.Title, "Date": r.Date}), err
			},
			writeTemplate: func(path string) error { return workbook.WriteTemplate(trainingimport.AttendanceSpec, path) },
			templateName:  locale.T("training.signin_template_name"),
		})
		signIn[0].(*widget.Button).SetText(locale.T("training.import_signin"))
		signIn[1].(*widget.Button).SetText(locale.T("training.signin_template"))
		actions = append(append(sessions, signIn...), actions...)
	}
	t.List = newRecordList(t.u, data.ListTrainings, actions...)
	t.List.OnOpen = t.open
	t.set(t.List.content)
}

func (t *Trainings) open(id string) {
	f, err := newSessionForm(t, id)
	if err != nil {
		showError(t.u.Win, err)
		return
	}
	t.Form = f
	t.set(f.content)
}

func (t *Trainings) showHours() {
	h, err := newHoursPage(t)
	if err != nil {
		showError(t.u.Win, err)
		return
	}
	t.Hours = h
	t.set(h.content)
}

func (t *Trainings) back() *widget.Button {
	return widget.NewButtonWithIcon(locale.T("training.back"), theme.NavigateBackIcon(), t.showList)
}

// attendeeRow is one person of the roster in a session's attendance.
type attendeeRow struct {
	person       training.Person
	initials     string
	Check        *widget.Check
	Hours, Score *widget.Entry
	row          fyne.CanvasObject
}

// SessionForm records a session and ticks its attendees quickly: search the roster, tick a
// whole unit at once, and override hours (left early) or enter a score per person.
type SessionForm struct {
	t                                       *Trainings
	session                                 training.Session
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
	store := t.u.Office.Store
	f := &SessionForm{t: t, Message: errorLabel(), Units: map[string]*widget.Button{}, Count: widget.NewLabel(""),
		rows: container.NewVBox()}
	var attendees []training.Attendee
	if id != "" {
		var err error
		if f.session, attendees, err = training.LoadSession(ctx, store, id); err != nil {
			return nil, err
		}
	}
	cats, err := training.Categories(ctx, store)
	if err != nil {
		return nil, err
	}
	people, err := training.Roster(ctx, store, false)
	if err != nil {
		return nil, err
	}
	s := f.session
	f.Title, f.Organiser, f.Trainer, f.TrainerUnit = entry("", nil), entry("", nil), entry("", nil), entry("", nil)
	f.Place, f.Notes = entry(locale.T("training.place.hint"), nil), widget.NewMultiLineEntry()
	f.HeldOn = dateEntry(true)
	f.StartsAt, f.EndsAt, f.HoursE = entry("09:00", nil), entry("11:00", nil), entry("2", nil)
	f.Category = choice(cats, nil)
	f.Form = choice(training.Forms, nil)
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

	picked := map[string]training.Attendee{}
	for _, a := range attendees {
		picked[a.StaffID] = a
	}
	byUnit := map[string][]*attendeeRow{}
	var units []string
	for _, p := range people {
		r := &attendeeRow{person: p, initials: search.Initials(p.Name)}
		r.Check = widget.NewCheck(p.Name, func(bool) { f.count() })
		r.Hours, r.Score = entry(locale.T("training.hours.same"), nil), entry(locale.T("training.score"), nil)
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
		r.row = container.NewGridWithColumns(4, r.Check, unit, r.Hours, r.Score)
		f.Rows = append(f.Rows, r)
		f.rows.Add(r.row)
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
	if !t.u.session.Can(auth.EditTrainings) {
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
	buttons := container.NewHBox(layoutSpacer(), f.Save)
	if s.ID != "" && !f.Save.Disabled() {
		f.Delete = widget.NewButtonWithIcon(locale.T("action.delete"), theme.DeleteIcon(), f.confirmDelete)
		f.Delete.Importance = widget.DangerImportance
		buttons = container.NewHBox(f.Delete, layoutSpacer(), f.Save)
	}
	f.content = container.NewBorder(container.NewHBox(t.back(), heading), container.NewVBox(f.Message, buttons),
		nil, nil, container.NewVScroll(body))
	return f, nil
}

// filter shows the roster rows whose name, pinyin initials or unit match what is typed.
func (f *SessionForm) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	for _, r := range f.Rows {
		if q == "" || strings.Contains(r.person.Name, q) || strings.HasPrefix(r.initials, q) || strings.Contains(r.person.Unit, q) {
			r.row.Show()
		} else {
			r.row.Hide()
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
	if day, err := parseDay(f.HeldOn.Text, true); err != nil {
		problems = append(problems, locale.Err(err))
	} else {
		s.HeldOn = day.Format(data.DateLayout)
	}
	if h, ok := parseOptional(f.HoursE.Text); !ok || h == nil {
		problems = append(problems, locale.T("training.hours.number", map[string]any{"Value": f.HoursE.Text}))
	} else {
		s.Hours = *h
	}
	var attendees []training.Attendee
	for _, r := range f.Rows {
		if !r.Check.Checked {
			continue
		}
		a := training.Attendee{StaffID: r.person.ID}
		var ok bool
		if a.Hours, ok = parseOptional(r.Hours.Text); !ok {
			problems = append(problems, locale.T("training.hours.number", map[string]any{"Value": r.person.Name + " " + r.Hours.Text}))
		}
		if a.Score, ok = parseOptional(r.Score.Text); !ok {
			problems = append(problems, locale.T("training.score.number", map[string]any{"Value": r.person.Name + " " + r.Score.Text}))
		}
		attendees = append(attendees, a)
	}
	if len(problems) > 0 {
		setMessage(f.Message, "• "+strings.Join(problems, "\n• "))
		return
	}
	if _, err := training.SaveSession(context.Background(), f.t.u.Office.Store, f.t.u.session, s, attendees); err != nil {
		setMessage(f.Message, listMessage(err))
		return
	}
	f.t.showList()
}
