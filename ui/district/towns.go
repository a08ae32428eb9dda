// Package district holds the window's screens of district mode: the register of the
// district's towns, the workbooks received from them, and who has reported for which period.
package district

import (
	"context"
	"strings"
	"townledger/app/office"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	appdistrict "townledger/app/district"
	"townledger/app/workbook"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Towns is the 辖区乡镇 section: the district's towns and centres, searchable, with a form
// to add, change or remove one and the import from a sheet.
type Towns struct {
	u      *kit.Env
	Search *widget.Entry
	Count  *widget.Label
	List   *widget.List
	Empty  *widget.Label
	Notice *widget.Label
	New    *widget.Button
	Form   *TownForm // while the form is open
	all    []office.DistrictTown
	Shown  []office.DistrictTown // the towns matching the search, as listed
	kit.Body
}

// NewTowns makes the 辖区乡镇 section.
func NewTowns(u *kit.Env) *Towns {
	t := &Towns{u: u, Body: kit.NewBody(), Notice: kit.Notice()}
	t.New = widget.NewButtonWithIcon(locale.T("dtowns.new"), theme.ContentAddIcon(), func() { t.showForm(office.DistrictTown{}) })
	t.Search = widget.NewEntry()
	t.Search.SetPlaceHolder(locale.T("dtowns.search"))
	t.Search.OnChanged = func(string) { t.filter() }
	t.Count = widget.NewLabel("")
	t.Empty = widget.NewLabel("")
	t.Empty.Wrapping = fyne.TextWrapWord
	t.Empty.Alignment = fyne.TextAlignCenter
	t.List = widget.NewList(
		func() int { return len(t.Shown) },
		func() fyne.CanvasObject { return kit.ListRow(widget.NewLabel("")) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.Shown) {
				return
			}
			d := t.Shown[i]
			row := o.(*fyne.Container)
			text := row.Objects[0].(*fyne.Container)
			text.Objects[0].(*widget.Label).SetText(d.Name + "　" + d.DivisionCode)
			var parts []string
			for _, s := range []string{d.Contact, d.Phone, d.Emails} {
				if s != "" {
					parts = append(parts, s)
				}
			}
			if len(parts) == 0 {
				parts = append(parts, locale.T("dtowns.no_contact"))
			}
			text.Objects[1].(*widget.Label).SetText(strings.Join(parts, " · "))
			row.Objects[1].(*widget.Label).SetText(KindLabel(d.Kind))
		},
	)
	t.List.OnSelected = func(i widget.ListItemID) {
		t.List.UnselectAll()
		if i < len(t.Shown) && t.u.Session.Can(auth.ManageSettings) {
			t.showForm(t.Shown[i])
		}
	}
	t.showList()
	return t
}

// KindLabel names a town's kind (乡镇 or 中心).
func KindLabel(kind string) string {
	if kind == office.DistrictKindCentre {
		return locale.T("district.kind.centre")
	}
	return locale.T("district.kind.town")
}

func (t *Towns) showList() {
	t.Form = nil
	var actions []fyne.CanvasObject
	if t.u.Session.Can(auth.ManageSettings) {
		actions = append(kit.TransferButtons(t.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				n, err := t.u.Office.District.ImportTowns(ctx, t.u.Session, path)
				return locale.T("dtowns.imported", map[string]any{"N": n}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(appdistrict.TownsSpec, path) },
			TemplateName:  locale.T("dtowns.template_name"),
		}), t.New)
	}
	heading := widget.NewLabelWithStyle(locale.T("nav.towns"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.NewBorder(nil, nil, heading, container.NewHBox(append([]fyne.CanvasObject{t.Count}, actions...)...)),
		t.Search, t.Notice)
	t.Set(container.NewBorder(top, nil, nil, nil, container.NewStack(t.List, container.NewVBox(kit.Spacer(), t.Empty, kit.Spacer()))))
	t.Reload()
}

// Reload reads the register again: a few dozen rows, read at once as every list of the
// window reads its first page.
func (t *Towns) Reload() {
	towns, err := t.u.Office.District.Towns(context.Background())
	if err != nil {
		kit.SetMessage(t.Empty, locale.Err(err))
		return
	}
	t.all = towns
	t.filter()
}

// Refresh reads the register again (after an import, say).
func (t *Towns) Refresh() { t.Reload() }

// filter lists the towns whose name, code, contact or address holds the search.
func (t *Towns) filter() {
	q := strings.ToLower(strings.TrimSpace(t.Search.Text))
	t.Shown = t.Shown[:0:0]
	for _, d := range t.all {
		if q == "" || strings.Contains(strings.ToLower(d.Name+" "+d.DivisionCode+" "+d.Contact+" "+d.Phone+" "+d.Emails), q) {
			t.Shown = append(t.Shown, d)
		}
	}
	t.Count.SetText(locale.T("list.count", map[string]any{"N": len(t.Shown)}))
	switch {
	case len(t.Shown) > 0:
		t.Empty.Hide()
	case q != "":
		kit.SetMessage(t.Empty, locale.T("list.no_match", map[string]any{"Query": t.Search.Text}))
	default:
		kit.SetMessage(t.Empty, locale.T("dtowns.empty"))
	}
	t.List.Refresh()
}

func (t *Towns) showForm(d office.DistrictTown) {
	t.Form = newTownForm(t, d)
	t.Set(t.Form.content)
	t.Form.draft.Settled()
	t.Form.draft.Offer()
}

// TownForm adds a town or changes one.
type TownForm struct {
	t                                         *Towns
	town                                      office.DistrictTown
	Name, Code, Contact, Phone, Emails, Notes *widget.Entry
	Kind                                      *widget.RadioGroup
	Save, Delete                              *widget.Button
	Message                                   *widget.Label
	draft                                     *kit.Draft
	content                                   fyne.CanvasObject
}

func newTownForm(t *Towns, d office.DistrictTown) *TownForm {
	f := &TownForm{t: t, town: d, Message: kit.ErrorLabel()}
	f.Name = kit.Entry(locale.T("dtowns.name.hint"), nil)
	f.Code = kit.Entry(locale.T("dtowns.code.hint"), kit.Validator(func(s string) error {
		_, l := appdistrict.Town{Name: "-", DivisionCode: s}.Check()
		for _, p := range l {
			if p.Field == appdistrict.FieldCode {
				return p
			}
		}
		return nil
	}))
	f.Contact, f.Phone = kit.Entry("", nil), kit.Entry("", nil)
	f.Emails = kit.Entry(locale.T("dtowns.emails.hint"), kit.Validator(func(s string) error {
		_, l := appdistrict.Town{Name: "-", DivisionCode: "110105100", Emails: s}.Check()
		for _, p := range l {
			if p.Field == appdistrict.FieldEmails {
				return p
			}
		}
		return nil
	}))
	f.Notes = widget.NewMultiLineEntry()
	f.Notes.SetMinRowsVisible(3)
	kinds := []string{KindLabel(office.DistrictKindTown), KindLabel(office.DistrictKindCentre)}
	f.Kind = widget.NewRadioGroup(kinds, nil)
	f.Kind.Horizontal = true
	f.Kind.Required = true
	f.Name.SetText(d.Name)
	f.Code.SetText(d.DivisionCode)
	f.Contact.SetText(d.Contact)
	f.Phone.SetText(d.Phone)
	f.Emails.SetText(d.Emails)
	f.Notes.SetText(d.Notes)
	f.Kind.SetSelected(KindLabel(d.Kind))
	form := widget.NewForm(
		widget.NewFormItem(locale.T("dtowns.field.name"), f.Name),
		&widget.FormItem{Text: locale.T("dtowns.field.code"), Widget: f.Code, HintText: locale.T("dtowns.code.help")},
		widget.NewFormItem(locale.T("dtowns.field.kind"), f.Kind),
		widget.NewFormItem(locale.T("dtowns.field.contact"), f.Contact),
		widget.NewFormItem(locale.T("dtowns.field.phone"), f.Phone),
		&widget.FormItem{Text: locale.T("dtowns.field.emails"), Widget: f.Emails, HintText: locale.T("dtowns.emails.help")},
		widget.NewFormItem(locale.T("dtowns.field.notes"), f.Notes),
	)
	f.Save = widget.NewButton(locale.T("action.save"), f.save)
	f.Save.Importance = widget.HighImportance
	title := locale.T("dtowns.new")
	if d.ID != "" {
		title = d.Name
		f.Delete = widget.NewButtonWithIcon(locale.T("action.delete"), theme.DeleteIcon(), f.remove)
		f.Delete.Importance = widget.DangerImportance
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	back := widget.NewButtonWithIcon(locale.T("dtowns.back"), theme.NavigateBackIcon(), func() { t.u.Leave(t.showList) })
	f.content = kit.FormPage(container.NewHBox(back, heading), form, f.Message, f.Delete, nil, f.Save)
	f.draft = t.u.NewDraft("district.town", d.ID)
	f.Kind.OnChanged = func(string) { f.draft.Changed() }
	f.draft.Value("kind", func() string { return f.Kind.Selected }, f.Kind.SetSelected)
	for name, e := range map[string]*widget.Entry{"name": f.Name, "code": f.Code, "contact": f.Contact,
		"phone": f.Phone, "emails": f.Emails, "notes": f.Notes} {
		f.draft.Entry(name, e)
	}
	return f
}

func (f *TownForm) value() appdistrict.Town {
	kind := office.DistrictKindTown
	if f.Kind.Selected == KindLabel(office.DistrictKindCentre) {
		kind = office.DistrictKindCentre
	}
	return appdistrict.Town{ID: f.town.ID, Name: f.Name.Text, DivisionCode: f.Code.Text, Kind: kind,
		Contact: f.Contact.Text, Phone: f.Phone.Text, Emails: f.Emails.Text, Notes: f.Notes.Text}
}

func (f *TownForm) save() {
	v := f.value()
	svc, by := f.t.u.Office.District, f.t.u.Session
	var err error
	if v.ID == "" {
		_, err = svc.AddTown(context.Background(), by, v)
	} else {
		err = svc.UpdateTown(context.Background(), by, v)
	}
	if err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.draft.Saved()
	f.t.showList()
	kit.SetMessage(f.t.Notice, locale.T("dtowns.saved", map[string]any{"Name": strings.TrimSpace(v.Name)}))
}

func (f *TownForm) remove() {
	kit.ConfirmDelete(f.t.u.Win, locale.T("dtowns.delete.title"),
		locale.T("dtowns.delete.question", map[string]any{"Name": f.town.Name}), func() {
			if err := f.t.u.Office.District.RemoveTown(context.Background(), f.t.u.Session, f.town.ID); err != nil {
				kit.ShowError(f.t.u.Win, err)
				return
			}
			f.draft.Saved()
			f.t.showList()
			kit.SetMessage(f.t.Notice, locale.T("dtowns.removed", map[string]any{"Name": f.town.Name}))
		})
}
