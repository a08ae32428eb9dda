package training

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/problem"
	apptraining "townledger/app/training"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// fieldsWidth is the width of the session's fields; the attendance list takes the rest.
const fieldsWidth = 400

// SessionForm records a session: its fields in a column on the left, and beside them, with
// the window's whole height, the roster to tick the attendees on (see Attendance).
type SessionForm struct {
	t                                       *Trainings
	session                                 apptraining.Session
	Title, Organiser, Trainer, TrainerUnit  *widget.Entry
	HeldOn, StartsAt, EndsAt, Place, HoursE *widget.Entry
	Notes                                   *NotesEntry
	Category, Form                          *kit.Select
	*Attendance
	Back    *widget.Button // asks first when something is not saved
	Save    *widget.Button
	Delete  *widget.Button // nil for a new session
	Message *widget.Label
	draft   *kit.Draft
	Files   *SessionFiles // nil until the session is saved
	forms   map[string]string
	filled  string // the hours last filled in from the times, replaced while untouched
	content fyne.CanvasObject
}

// NotesEntry is a multi-line entry that Tab leaves, so the keyboard can go on past it.
type NotesEntry struct{ widget.Entry }

// AcceptsTab is false: Tab moves to the next field instead of typing a tab.
func (e *NotesEntry) AcceptsTab() bool { return false }

// sessionData is what a session's form shows, read before the form is made.
type sessionData struct {
	session   apptraining.Session // zero for a new one
	attendees []apptraining.Attendee
	cats      []string
	people    []apptraining.Person
}

// readSession reads a session (id "" for a new one), the categories and the roster: off the
// UI goroutine, as a roster of thousands takes some tens of milliseconds.
func readSession(ctx context.Context, svc apptraining.Service, id string) (sessionData, error) {
	var d sessionData
	var err error
	if id != "" {
		if d.session, d.attendees, err = svc.LoadSession(ctx, id); err != nil {
			return d, err
		}
	}
	if d.cats, err = svc.Categories(ctx); err != nil {
		return d, err
	}
	d.people, err = svc.Roster(ctx, false)
	return d, err
}

func newSessionForm(t *Trainings, d sessionData) *SessionForm {
	f := &SessionForm{t: t, session: d.session, Message: kit.ErrorLabel(), forms: map[string]string{}}
	attendees, cats, people := d.attendees, d.cats, d.people
	editable := t.u.Session.Can(auth.EditTrainings)
	picked := map[string]apptraining.Attendee{}
	for _, a := range attendees {
		picked[a.StaffID] = a
	}
	f.Attendance = newAttendance(t.u.Win, people, picked, editable)
	f.fields(cats)

	s := f.session
	f.Save = widget.NewButtonWithIcon(locale.T("action.save"), theme.DocumentSaveIcon(), f.save)
	f.Save.Importance = widget.HighImportance
	if !editable {
		f.Save.Disable()
	}
	bar := container.NewHBox(kit.Spacer(), f.Save)
	if s.ID != "" && editable {
		f.Delete = widget.NewButtonWithIcon(locale.T("action.delete"), theme.DeleteIcon(), f.confirmDelete)
		f.Delete.Importance = widget.DangerImportance
		bar = container.NewHBox(f.Delete, kit.Spacer(), f.Save)
	}
	form := widget.NewForm(
		widget.NewFormItem(locale.T("training.title"), f.Title),
		widget.NewFormItem(locale.T("training.category"), f.Category),
		widget.NewFormItem(locale.T("training.form"), f.Form),
		widget.NewFormItem(locale.T("training.held_on"), f.HeldOn),
		widget.NewFormItem(locale.T("training.start_end"), container.NewGridWithColumns(2, f.StartsAt, f.EndsAt)),
		widget.NewFormItem(locale.T("training.hours"), f.HoursE),
		widget.NewFormItem(locale.T("training.place"), f.Place),
		widget.NewFormItem(locale.T("training.organiser"), f.Organiser),
		widget.NewFormItem(locale.T("training.trainer.name"), f.Trainer),
		widget.NewFormItem(locale.T("training.trainer.unit"), f.TrainerUnit),
		widget.NewFormItem(locale.T("training.notes"), f.Notes),
	)
	fields := container.NewVBox(kit.Strut(fieldsWidth), form)
	if s.ID != "" { // files belong to a saved session
		f.Files = newSessionFiles(t.u, s.ID)
		files := widget.NewLabelWithStyle(locale.T("training.files"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		files.Wrapping = fyne.TextWrapBreak
		fields.Add(widget.NewSeparator())
		fields.Add(files)
		fields.Add(f.Files.content)
	}
	left := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), f.Message, bar), nil, nil, container.NewVScroll(fields))

	title := locale.T("training.new")
	if s.ID != "" {
		title = s.Title
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis
	f.Back = t.back()
	top := container.NewBorder(nil, nil, f.Back, nil, heading)
	right := container.NewBorder(nil, nil, widget.NewSeparator(), nil, f.Attendance.content)
	// Objects in this order so Tab goes from the heading through the fields to the search.
	f.content = container.New(layout.NewBorderLayout(top, nil, left, nil), top, left, right)
	f.keepDraft()
	return f
}

// keepDraft keeps what is typed and ticked in the ledger as it changes, so a crash or a
// stray click on 返回 loses nothing; the attendance is kept as one value.
func (f *SessionForm) keepDraft() {
	d := f.t.u.NewDraft("training.session", f.session.ID)
	for name, e := range map[string]*widget.Entry{"title": f.Title, "held_on": f.HeldOn, "starts_at": f.StartsAt,
		"ends_at": f.EndsAt, "hours": f.HoursE, "place": f.Place, "organiser": f.Organiser, "trainer": f.Trainer,
		"trainer_unit": f.TrainerUnit, "notes": &f.Notes.Entry} {
		d.Entry(name, e)
	}
	d.Select("category", f.Category)
	d.Select("form", f.Form)
	d.Value("attendance", f.draftValue, f.restoreDraft)
	f.changed = d.Changed
	f.draft = d
}

// fields makes the session's own entries and fills them from the session.
func (f *SessionForm) fields(cats []string) {
	s := f.session
	f.Title, f.Organiser, f.Trainer, f.TrainerUnit = kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil)
	f.Place = kit.Entry(locale.T("training.place.hint"), nil)
	f.Notes = &NotesEntry{}
	f.Notes.MultiLine, f.Notes.Wrapping = true, fyne.TextWrapWord
	f.Notes.SetMinRowsVisible(2)
	f.Notes.ExtendBaseWidget(f.Notes)
	f.HeldOn = kit.DateEntry(true)
	f.StartsAt = kit.Entry(locale.T("training.starts_at.hint"), nil)
	f.EndsAt = kit.Entry(locale.T("training.ends_at.hint"), nil)
	f.HoursE = kit.Entry(locale.T("training.hours.hint"), kit.Validator(func(v string) error {
		if h, ok := parseOptional(v); !ok || h == nil {
			return problem.New("training.hours.field", nil)
		}
		return nil
	}))
	f.Category = kit.Choice(cats, nil)
	var labels []string
	for _, v := range apptraining.Forms {
		l := locale.T(apptraining.FormKey(v))
		f.forms[l] = v
		labels = append(labels, l)
	}
	f.Form = kit.Choice(labels, nil)
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
	if k := apptraining.FormKey(s.Form); k != "" {
		f.Form.SetSelected(locale.T(k))
	}
	f.StartsAt.OnChanged = func(string) { f.fillHours() }
	f.EndsAt.OnChanged = func(string) { f.fillHours() }
}

// fillHours puts the time between start and end as the hours, until the user types other
// hours: most sessions count their whole length.
func (f *SessionForm) fillHours() {
	h, ok := apptraining.Span(f.StartsAt.Text, f.EndsAt.Text)
	if !ok || (f.HoursE.Text != "" && f.HoursE.Text != f.filled) {
		return
	}
	f.filled = strconv.FormatFloat(h, 'f', -1, 64)
	f.HoursE.SetText(f.filled)
}

func (f *SessionForm) save() {
	s := f.session
	s.Title, s.Category, s.Form = f.Title.Text, f.Category.Selected, f.forms[f.Form.Selected]
	s.Organiser, s.Trainer, s.TrainerUnit = f.Organiser.Text, f.Trainer.Text, f.TrainerUnit.Text
	s.Place, s.Notes = f.Place.Text, f.Notes.Text
	s.StartsAt, s.EndsAt = strings.TrimSpace(f.StartsAt.Text), strings.TrimSpace(f.EndsAt.Text)
	var problems []string
	if day, err := kit.ParseDay(f.HeldOn.Text, true); err != nil {
		problems = append(problems, locale.Err(err))
	} else {
		s.HeldOn = day.Format(office.DateLayout)
	}
	if h, ok := parseOptional(f.HoursE.Text); !ok || h == nil {
		problems = append(problems, locale.T("training.hours.field"))
	} else {
		s.Hours = *h
	}
	attendees, more := f.attendees()
	if problems = append(problems, more...); len(problems) > 0 {
		// Say the session's other problems too, so one attempt shows them all.
		_, l := s.Check(f.t.u.Now())
		for _, p := range l {
			if p.Field != apptraining.FieldHours && p.Field != apptraining.FieldHeldOn {
				problems = append(problems, locale.T(p.Key, p.Data))
			}
		}
		kit.SetMessage(f.Message, "• "+strings.Join(problems, "\n• "))
		for _, e := range []*widget.Entry{f.HeldOn, f.HoursE} {
			e.AlwaysShowValidationError = true // mark the field itself, not only the message
			e.Validate()
		}
		return
	}
	if _, err := f.t.u.Office.Training.SaveSession(context.Background(), f.t.u.Session, s, attendees); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.draft.Saved()
	f.t.saved(s, len(attendees))
}
