package training

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
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
	// Notice says above the list what the last save did.
	Notice *widget.Label
	notice fyne.CanvasObject
	// opening counts the sessions opened and the list shown again: a session read in the
	// background is shown only if nothing came after its opening.
	opening int
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
	t.opening++
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
	t.List.TagKey = apptraining.FormKey
	t.List.OnOpen = t.Open
	t.Notice = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Notice.Wrapping = fyne.TextWrapBreak
	band := canvas.NewRectangle(color.NRGBA{R: 0xE3, G: 0xF4, B: 0xE6, A: 0xFF}) // pale green: done
	band.CornerRadius = theme.InputRadiusSize()
	t.notice = container.NewStack(band, container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, t.Notice))
	t.notice.Hide()
	t.Set(container.NewBorder(t.notice, nil, nil, nil, t.List.Content()))
}

// saved goes back to the list and says there what was saved.
func (t *Trainings) saved(s apptraining.Session, attendees int) {
	t.showList()
	t.Notice.SetText(locale.T("training.saved", map[string]any{"Title": s.Title, "Date": s.HeldOn, "N": attendees}))
	t.notice.Show()
}

func (t *Trainings) Open(id string) {
	t.opening++
	opening := t.opening
	show := func(d sessionData, err error) {
		if opening != t.opening { // another session was opened meanwhile
			return
		}
		if err != nil {
			kit.ShowError(t.u.Win, err)
			return
		}
		f := newSessionForm(t, d)
		t.Form = f
		t.Set(f.content)
		f.draft.Offer()
	}
	svc := t.u.Office.Training
	if t.u.SyncReads {
		show(readSession(context.Background(), svc, id))
		return
	}
	t.u.Background(func(ctx context.Context) (func(), error) {
		d, err := readSession(ctx, svc, id)
		return func() { show(d, err) }, nil
	})
}

func (t *Trainings) showHours() {
	t.opening++
	h, err := newHoursPage(t)
	if err != nil {
		kit.ShowError(t.u.Win, err)
		return
	}
	t.Hours = h
	t.Set(h.content)
}

func (t *Trainings) back() *widget.Button {
	return widget.NewButtonWithIcon(locale.T("training.back"), theme.NavigateBackIcon(), func() { t.u.Leave(t.showList) })
}

// Leave stops the list's reading under way: the shell calls it when another section
// replaces this one.
func (t *Trainings) Leave() {
	t.opening++
	t.List.Stop()
}
