package parties

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/cases/rules"
	"townledger/app/ids"
	"townledger/app/office"
	appparties "townledger/app/parties"
	"townledger/app/workbook"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Parties is the 企业 section: the list, the form for a new enterprise or person, and a
// party's page with its cases.
type Parties struct {
	u    *kit.Env
	List *kit.RecordList
	New  *widget.Button
	Form *PartyForm // while the form is open
	Page *PartyPage // while a party is open
	kit.Body
}

func New(u *kit.Env) *Parties {
	p := &Parties{u: u, Body: kit.NewBody()}
	p.New = widget.NewButtonWithIcon(locale.T("parties.new"), theme.ContentAddIcon(), p.showForm)
	if !u.Session.Can(auth.EditParties) {
		p.New.Disable()
	}
	p.showList()
	return p
}

func (p *Parties) showList() {
	p.Form, p.Page = nil, nil
	actions := []fyne.CanvasObject{p.New}
	if p.u.Session.Can(auth.EditParties) {
		actions = append(kit.TransferButtons(p.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				n, err := p.u.Office.Parties.Import(ctx, p.u.Session, path, p.u.Now())
				return locale.T("transfer.parties.done", map[string]any{"N": n}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(appparties.Spec, path) },
			TemplateName:  locale.T("parties.template_name"),
		}), actions...)
	}
	p.List = kit.NewRecordList(p.u, office.ListParties, actions...)
	p.List.OnOpen = p.open
	p.Set(p.List.Content())
}

func (p *Parties) showForm() {
	p.Form = newPartyForm(p)
	p.Set(p.Form.content)
	p.Form.draft.Settled()
	p.Form.draft.Offer()
}

func (p *Parties) open(id string) {
	pg, err := newPartyPage(p, id)
	if err != nil {
		kit.ShowError(p.u.Win, err)
		return
	}
	p.Form, p.Page = nil, pg
	p.Set(pg.content)
}

// Back returns to the list, asking first when a form holds unsaved changes.
func (p *Parties) Back() *widget.Button {
	return widget.NewButtonWithIcon(locale.T("parties.back"), theme.NavigateBackIcon(), func() { p.u.Leave(p.showList) })
}

// PartyForm enters an enterprise or a person once, for every case after.
type PartyForm struct {
	p                                                       *Parties
	Kind                                                    *widget.RadioGroup
	Name, CreditCode, IDNumber, LegalRep, Address, Industry *widget.Entry
	Contact, Phone, Village, Notes                          *widget.Entry
	Save                                                    *widget.Button
	Message                                                 *widget.Label
	kinds                                                   map[string]string
	draft                                                   *kit.Draft
	content                                                 fyne.CanvasObject
}

func newPartyForm(p *Parties) *PartyForm {
	f := &PartyForm{p: p, Message: kit.ErrorLabel(), kinds: map[string]string{}}
	var kindLabels []string
	for _, k := range []string{appparties.KindOrg, appparties.KindPerson} {
		l := locale.T("tag." + k)
		f.kinds[l] = k
		kindLabels = append(kindLabels, l)
	}
	today := p.u.Now()
	f.Name = kit.Entry("", nil)
	f.CreditCode = kit.Entry(locale.T("parties.credit_code.hint"), kit.Validator(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := ids.ValidateCreditCode(s)
		return err
	}))
	f.IDNumber = kit.Entry("", kit.Validator(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := ids.ValidateIDNumber(s, today)
		return err
	}))
	f.Phone = kit.Entry("", kit.Validator(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := ids.ValidatePhone(s)
		return err
	}))
	f.LegalRep, f.Address, f.Industry, f.Contact, f.Village = kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil), kit.Entry("", nil)
	f.Notes = widget.NewMultiLineEntry()
	idItem := widget.NewFormItem(locale.T("parties.field.id_number"), f.IDNumber)
	codeItem := widget.NewFormItem(locale.T("parties.field.credit_code"), f.CreditCode)
	repItem := widget.NewFormItem(locale.T("parties.field.legal_rep"), f.LegalRep)
	form := widget.NewForm(
		widget.NewFormItem(locale.T("parties.field.name"), f.Name), codeItem, repItem, idItem,
		widget.NewFormItem(locale.T("parties.field.address"), f.Address),
		widget.NewFormItem(locale.T("parties.field.industry"), f.Industry),
		widget.NewFormItem(locale.T("parties.field.contact"), f.Contact),
		widget.NewFormItem(locale.T("parties.field.phone"), f.Phone),
		widget.NewFormItem(locale.T("parties.field.village"), f.Village),
		widget.NewFormItem(locale.T("parties.field.notes"), f.Notes),
	)
	// An organisation has a credit code and a legal representative, a person an ID number.
	f.Kind = widget.NewRadioGroup(kindLabels, func(l string) {
		org := f.kinds[l] == appparties.KindOrg
		for _, w := range []fyne.CanvasObject{f.CreditCode, f.LegalRep} {
			if org {
				w.Show()
			} else {
				w.Hide()
			}
		}
		if org {
			f.IDNumber.Hide()
		} else {
			f.IDNumber.Show()
		}
		form.Refresh()
	})
	f.Kind.Horizontal = true
	f.Kind.SetSelected(kindLabels[0])
	f.Save = widget.NewButton(locale.T("action.save"), f.save)
	f.Save.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(locale.T("parties.new"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	f.content = kit.FormPage(container.NewHBox(p.Back(), heading),
		container.NewVBox(widget.NewForm(widget.NewFormItem(locale.T("parties.field.kind"), f.Kind)), form), f.Message, f.Save)
	f.draft = p.u.NewDraft("parties.party", "")
	prevKind := f.Kind.OnChanged
	f.Kind.OnChanged = func(l string) { prevKind(l); f.draft.Changed() }
	f.draft.Value("kind", func() string { return f.Kind.Selected }, f.Kind.SetSelected)
	for name, e := range map[string]*widget.Entry{"name": f.Name, "credit_code": f.CreditCode, "id_number": f.IDNumber,
		"legal_rep": f.LegalRep, "address": f.Address, "industry": f.Industry, "contact": f.Contact, "phone": f.Phone,
		"village": f.Village, "notes": f.Notes} {
		f.draft.Entry(name, e)
	}
	return f
}

func (f *PartyForm) save() {
	pt := appparties.Party{Kind: f.kinds[f.Kind.Selected], Name: f.Name.Text, LegalRep: f.LegalRep.Text,
		Address: f.Address.Text, Industry: f.Industry.Text, Contact: f.Contact.Text, Phone: f.Phone.Text,
		Village: f.Village.Text, Notes: f.Notes.Text}
	if pt.Kind == appparties.KindOrg {
		pt.CreditCode = f.CreditCode.Text
	} else {
		pt.IDNumber = f.IDNumber.Text
	}
	id, err := f.p.u.Office.Parties.Create(context.Background(), f.p.u.Session, pt)
	if err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.draft.Saved()
	f.p.open(id)
}

// PartyPage shows a party and every case brought against it, so an officer sees at once
// whether a violation would be the first (首违).
type PartyPage struct {
	Party   office.Party
	Cases   []office.Case
	First   *widget.Label
	content fyne.CanvasObject
}

func newPartyPage(p *Parties, id string) (*PartyPage, error) {
	ctx := context.Background()
	pt, ok, err := p.u.Office.Party(ctx, id)
	if err != nil || !ok {
		return nil, kit.FirstError(err, kit.ErrNotFound)
	}
	cs, err := p.u.Office.CasesOfParty(ctx, id)
	if err != nil {
		return nil, err
	}
	pg := &PartyPage{Party: pt, Cases: cs}
	penalised := 0
	for _, c := range cs {
		if c.DecidedOn != "" && !rules.Outcome(c.Outcome).NotPenalised() {
			penalised++
		}
	}
	pg.First = widget.NewLabel(locale.T("parties.first", map[string]any{"N": penalised}))
	if penalised == 0 {
		pg.First.SetText(locale.T("parties.first.none"))
		pg.First.Importance = widget.SuccessImportance
	} else {
		pg.First.Importance = widget.WarningImportance
	}
	ident := pt.CreditCode
	if pt.Kind == appparties.KindPerson {
		ident = ids.MaskIDNumber(pt.IDNumber)
	}
	info := widget.NewForm(
		widget.NewFormItem(locale.T("parties.field.kind"), widget.NewLabel(locale.T("tag."+pt.Kind))),
		widget.NewFormItem(locale.T("parties.field.identifier"), widget.NewLabel(ident)),
		widget.NewFormItem(locale.T("parties.field.legal_rep"), widget.NewLabel(pt.LegalRep)),
		widget.NewFormItem(locale.T("parties.field.address"), widget.NewLabel(pt.Address)),
		widget.NewFormItem(locale.T("parties.field.industry"), widget.NewLabel(pt.Industry)),
		widget.NewFormItem(locale.T("parties.field.phone"), widget.NewLabel(pt.Phone)),
	)
	list := container.NewVBox()
	for _, c := range cs {
		c := c
		b := widget.NewButton(locale.T("parties.case_line", map[string]any{"No": c.CaseNo, "Title": c.Title,
			"Stage": locale.T(rules.StepKey(rules.Step(c.Stage))), "Filed": c.FiledOn}), func() {
			if cs, ok := p.u.Go("nav.cases").(kit.CaseOpener); ok {
				cs.OpenCase(c.ID)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		list.Add(b)
	}
	if len(cs) == 0 {
		list.Add(widget.NewLabel(locale.T("parties.no_cases")))
	}
	heading := widget.NewLabelWithStyle(pt.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	pg.content = container.NewBorder(container.NewHBox(p.Back(), heading), nil, nil, nil, container.NewVScroll(container.NewVBox(
		widget.NewCard(locale.T("parties.details"), "", info),
		widget.NewCard(locale.T("parties.cases"), "", container.NewVBox(pg.First, list)))))
	return pg, nil
}

// Leave stops the list's reading under way: the shell calls it when another section
// replaces this one.
func (p *Parties) Leave() { p.List.Stop() }
