package training

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/office"
	apptraining "townledger/app/training"
	"townledger/app/trainingimport"
	"townledger/app/workbook"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Staff is the 人员 section: the roster, a person's form, and archiving a person who left.
type Staff struct {
	u    *kit.Env
	List *kit.RecordList
	New  *widget.Button
	Form *StaffForm // while the form is open
	kit.Body
}

func NewStaff(u *kit.Env) *Staff {
	s := &Staff{u: u, Body: kit.NewBody()}
	s.New = widget.NewButtonWithIcon(locale.T("staff.new"), theme.ContentAddIcon(), func() { s.showForm(apptraining.Person{}) })
	if !u.Session.Can(auth.EditStaff) {
		s.New.Disable()
	}
	s.showList()
	return s
}

func (s *Staff) showList() {
	s.Form = nil
	actions := []fyne.CanvasObject{s.New}
	if s.u.Session.Can(auth.EditStaff) {
		actions = append(kit.TransferButtons(s.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				n, err := s.u.Office.TrainingImport.ImportStaff(ctx, s.u.Session, path, s.u.Now())
				return locale.T("cli.import.staff.done", map[string]any{"N": n}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(trainingimport.StaffSpec, path) },
			TemplateName:  locale.T("staff.template_name"),
		}), actions...)
	}
	s.List = kit.NewRecordList(s.u, office.ListStaff, actions...)
	s.List.OnOpen = s.open
	s.Set(s.List.Content())
}

func (s *Staff) open(id string) {
	people, err := s.u.Office.Training.Roster(context.Background(), true)
	if err != nil {
		kit.ShowError(s.u.Win, err)
		return
	}
	for _, p := range people {
		if p.ID == id {
			s.showForm(p)
			return
		}
	}
	kit.ShowError(s.u.Win, kit.ErrNotFound)
}

func (s *Staff) showForm(p apptraining.Person) {
	s.Form = newStaffForm(s, p)
	s.Set(s.Form.content)
	s.Form.draft.Settled()
	s.Form.draft.Offer()
}

// StaffForm enters or changes a person on the roster.
type StaffForm struct {
	s                                   *Staff
	person                              apptraining.Person
	Name, Unit, Position, Phone, CertNo *widget.Entry
	CertDueOn                           *widget.Entry
	Officer                             *widget.Check
	CertStatus                          *kit.Select
	Save, Archive                       *widget.Button
	Message                             *widget.Label
	statuses                            map[string]string
	draft                               *kit.Draft
	content                             fyne.CanvasObject
}

func newStaffForm(s *Staff, p apptraining.Person) *StaffForm {
	f := &StaffForm{s: s, person: p, Message: kit.ErrorLabel(), statuses: map[string]string{}}
	f.Name, f.Unit, f.Position = kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil)
	f.Phone = kit.Entry("", kit.Validator(func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		_, err := ids.ValidatePhone(v)
		return err
	}))
	f.CertNo = kit.Entry("", nil)
	f.CertDueOn = kit.DateEntry(false)
	f.Officer = widget.NewCheck(locale.T("staff.officer"), nil)
	var labels []string
	for _, st := range []string{"valid", "due", "revoked"} {
		l := locale.T("tag." + st)
		f.statuses[l] = st
		labels = append(labels, l)
	}
	f.CertStatus = kit.Choice(labels, nil)
	f.Name.SetText(p.Name)
	f.Unit.SetText(p.Unit)
	f.Position.SetText(p.Position)
	f.Phone.SetText(p.Phone)
	f.CertNo.SetText(p.CertNo)
	f.CertDueOn.SetText(p.CertDueOn)
	f.Officer.SetChecked(p.IsOfficer)
	if p.CertStatus != "" {
		f.CertStatus.SetSelected(locale.T("tag." + p.CertStatus))
	}
	f.Save = widget.NewButton(locale.T("action.save"), f.save)
	f.Save.Importance = widget.HighImportance
	f.Archive = widget.NewButton(locale.T("staff.archive"), func() {
		ask := dialog.NewConfirm(locale.T("staff.archive"), locale.T("staff.archive.confirm", map[string]any{"Name": p.Name}),
			func(ok bool) {
				if ok {
					f.archive()
				}
			}, s.u.Win)
		ask.SetConfirmText(locale.T("staff.archive"))
		ask.SetDismissText(locale.T("action.cancel"))
		ask.SetConfirmImportance(widget.WarningImportance)
		ask.Show()
	})
	if p.ID == "" || p.ArchivedOn != "" {
		f.Archive.Hide()
	}
	if !s.u.Session.Can(auth.EditStaff) || p.ArchivedOn != "" {
		f.Save.Disable()
		f.Archive.Disable()
	}
	form := widget.NewForm(
		widget.NewFormItem(locale.T("staff.name"), f.Name),
		widget.NewFormItem(locale.T("staff.unit"), f.Unit),
		widget.NewFormItem(locale.T("staff.position"), f.Position),
		widget.NewFormItem(locale.T("parties.field.phone"), f.Phone),
		widget.NewFormItem("", f.Officer),
		widget.NewFormItem(locale.T("staff.cert_no"), f.CertNo),
		widget.NewFormItem(locale.T("staff.cert_status"), f.CertStatus),
		widget.NewFormItem(locale.T("staff.cert_due_on"), f.CertDueOn),
	)
	title := locale.T("staff.new")
	if p.ID != "" {
		title = p.Name
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	back := widget.NewButtonWithIcon(locale.T("staff.back"), theme.NavigateBackIcon(), func() { s.u.Leave(s.showList) })
	archived := widget.NewLabel("")
	if p.ArchivedOn != "" {
		archived.SetText(locale.T("staff.archived_on", map[string]any{"Date": p.ArchivedOn}))
	} else {
		archived.Hide()
	}
	f.content = kit.FormPage(container.NewHBox(back, heading), container.NewVBox(archived, form), f.Message, f.Archive, nil, f.Save)
	f.draft = s.u.NewDraft("training.staff", p.ID)
	for name, e := range map[string]*widget.Entry{"name": f.Name, "unit": f.Unit, "position": f.Position, "phone": f.Phone,
		"cert_no": f.CertNo, "cert_due_on": f.CertDueOn} {
		f.draft.Entry(name, e)
	}
	f.draft.Check("officer", f.Officer)
	f.draft.Select("cert_status", f.CertStatus)
	return f
}

func (f *StaffForm) save() {
	p := f.person
	p.Name, p.Unit, p.Position, p.Phone = f.Name.Text, f.Unit.Text, f.Position.Text, f.Phone.Text
	p.IsOfficer, p.CertNo, p.CertDueOn = f.Officer.Checked, f.CertNo.Text, strings.TrimSpace(f.CertDueOn.Text)
	p.CertStatus = f.statuses[f.CertStatus.Selected]
	if p.CertDueOn != "" {
		t, err := kit.ParseDay(p.CertDueOn, false)
		if err != nil {
			kit.SetMessage(f.Message, locale.Err(err))
			return
		}
		p.CertDueOn = t.Format(office.DateLayout)
	}
	if _, err := f.s.u.Office.Training.SaveStaff(context.Background(), f.s.u.Session, p); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.draft.Saved()
	f.s.showList()
	kit.SetMessage(f.s.List.Notice, locale.T("staff.saved", map[string]any{"Name": strings.TrimSpace(p.Name)}))
}

func (f *StaffForm) archive() {
	if err := f.s.u.Office.Training.ArchiveStaff(context.Background(), f.s.u.Session, f.person.ID, f.s.u.Now()); err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.s.showList()
}

// Leave stops the list's reading under way: the shell calls it when another section
// replaces this one.
func (s *Staff) Leave() { s.List.Stop() }
