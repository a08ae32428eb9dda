package cases

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/caseimport"
	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/office"
	"townledger/app/workbook"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Cases is the 处罚案件 section: the case list, the filing form and a case's page.
type Cases struct {
	u      *kit.Env
	svc    *appcases.Service
	List   *CaseTable
	New    *widget.Button
	Filing *FilingForm // while the filing form is open
	Case   *CaseView   // while a case is open
	kit.Body
}

func New(u *kit.Env) *Cases {
	c := &Cases{u: u, svc: u.Office.Cases, Body: kit.NewBody()}
	c.New = widget.NewButtonWithIcon(locale.T("cases.new"), theme.ContentAddIcon(), c.showFiling)
	c.New.Importance = widget.HighImportance
	if !u.Session.Can(auth.EditCases) {
		c.New.Disable()
	}
	c.showList()
	return c
}

func (c *Cases) showList() {
	c.Filing, c.Case = nil, nil
	disclose := widget.NewButtonWithIcon(locale.T("cases.disclosure"), theme.DownloadIcon(), func() {
		// The year chosen in the list's filter, or this year so far.
		now := c.u.Now()
		from, to := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.Local), now
		if y := c.List.Query.Year; y > 0 {
			from, to = time.Date(y, 1, 1, 0, 0, 0, 0, time.Local), time.Date(y, 12, 31, 0, 0, 0, 0, time.Local)
		}
		kit.SaveAs(c.u, locale.T("cases.disclosure.file", map[string]any{"Year": from.Year()}), func(path string) {
			var n int
			c.u.Run(locale.T("cases.disclosure"), func(ctx context.Context) error {
				var err error
				n, err = c.u.Office.Disclosure.WriteOn(ctx, from, to, path, now)
				return err
			}, func(err error) {
				if err != nil {
					kit.ShowError(c.u.Win, err)
					return
				}
				dialog.ShowInformation(locale.T("cases.disclosure"), locale.T("cli.disclosure.done", map[string]any{"N": n, "Path": path}), c.u.Win)
			})
		})
	})
	actions := []fyne.CanvasObject{disclose, c.New}
	if c.u.Session.Can(auth.EditCases) {
		actions = append(kit.TransferButtons(c.u, kit.Transfer{
			ImportFile: func(ctx context.Context, path string) (string, error) {
				r, err := c.u.Office.CaseImport.Import(ctx, c.u.Session, path, c.u.Now())
				return locale.T("cli.import.cases.done", map[string]any{"N": r.Cases, "M": r.NewParties}), err
			},
			WriteTemplate: func(path string) error { return workbook.WriteTemplate(caseimport.Spec, path) },
			TemplateName:  locale.T("cases.template_name"),
		}), actions...)
	}
	c.List = newCaseTable(c.u, actions...)
	c.List.OnOpen = c.open
	c.Set(c.List.content)
}

func (c *Cases) showFiling() {
	c.Filing = newFilingForm(c)
	c.Set(c.Filing.content)
}

func (c *Cases) open(id string) {
	v, err := newCaseView(c, id)
	if err != nil {
		kit.ShowError(c.u.Win, err)
		return
	}
	c.Filing, c.Case = nil, v
	c.Set(v.content)
}

func BackButton(c *Cases) *widget.Button {
	return widget.NewButtonWithIcon(locale.T("cases.back"), theme.NavigateBackIcon(), c.showList)
}

// FilingForm opens a case (立案).
type FilingForm struct {
	c                                  *Cases
	Procedure                          *widget.RadioGroup
	PartySearch                        *widget.Entry
	Party                              *widget.Select
	Item, Tier                         *widget.Select
	Title, Facts                       *widget.Entry
	ViolationOn, DiscoveredOn, FiledOn *widget.Entry
	Officers                           *widget.CheckGroup
	Harmful, Major, Late               *widget.Check
	Submit                             *widget.Button
	Message                            *widget.Label
	parties, items, tiers, officers    map[string]string // shown label → id (tiers: ordinal)
	certified                          map[string]bool
	procedures                         map[string]rules.Procedure
	content                            fyne.CanvasObject
}

func newFilingForm(c *Cases) *FilingForm {
	ctx := context.Background()
	f := &FilingForm{c: c, Message: kit.ErrorLabel(), parties: map[string]string{}, items: map[string]string{},
		tiers: map[string]string{}, officers: map[string]string{}, certified: map[string]bool{},
		procedures: map[string]rules.Procedure{}}
	var procs []string
	for _, p := range []rules.Procedure{rules.General, rules.Summary} {
		l := locale.T(rules.ProcedureKey(p))
		f.procedures[l] = p
		procs = append(procs, l)
	}
	f.Procedure = widget.NewRadioGroup(procs, nil)
	f.Procedure.Horizontal = true
	f.Procedure.SetSelected(procs[0])
	f.Party = kit.Choice(nil, nil)
	f.Party.PlaceHolder = locale.T("filing.party.pick")
	f.PartySearch = widget.NewEntry()
	f.PartySearch.SetPlaceHolder(locale.T("filing.party.search"))
	f.PartySearch.OnChanged = f.searchParties
	f.searchParties("")

	today := c.u.Now().Format(office.DateLayout)
	items, err := c.u.Office.CatalogItemsInForce(ctx, today)
	if err != nil {
		kit.SetMessage(f.Message, locale.Err(err))
	}
	var itemLabels []string
	for _, it := range items {
		l := it.Code + " " + it.Name
		f.items[l] = it.ID
		itemLabels = append(itemLabels, l)
	}
	f.Tier = kit.Choice(nil, nil)
	f.Tier.PlaceHolder = locale.T("filing.tier.none")
	f.Item = kit.Choice(itemLabels, f.pickItem)
	f.Item.PlaceHolder = locale.T("filing.item")

	f.Title = kit.Entry(locale.T("filing.case_title.hint"), nil)
	f.Facts = widget.NewMultiLineEntry()
	f.Facts.SetMinRowsVisible(3)
	f.ViolationOn, f.DiscoveredOn, f.FiledOn = kit.DateEntry(false), kit.DateEntry(true), kit.DateEntry(true)
	f.FiledOn.SetText(today)

	officers, err := c.u.Office.Officers(ctx)
	if err != nil {
		kit.SetMessage(f.Message, locale.Err(err))
	}
	var names []string
	for _, o := range officers {
		f.officers[o.Name] = o.ID
		f.certified[o.Name] = o.CertStatus == "valid" || o.CertStatus == "due"
		names = append(names, o.Name)
	}
	f.Officers = widget.NewCheckGroup(names, nil)
	var officerBox fyne.CanvasObject = f.Officers
	if len(names) == 0 {
		officerBox = widget.NewLabel(locale.T("filing.officers.none"))
	}
	f.Harmful = widget.NewCheck(locale.T("filing.harmful"), nil)
	f.Major = widget.NewCheck(locale.T("filing.major"), nil)
	f.Late = widget.NewCheck(locale.T("filing.late"), nil)
	f.Submit = widget.NewButton(locale.T("filing.submit"), f.submit)
	f.Submit.Importance = widget.HighImportance

	form := widget.NewForm(
		widget.NewFormItem(locale.T("filing.procedure"), f.Procedure),
		widget.NewFormItem(locale.T("filing.party"), container.NewGridWithColumns(2, f.PartySearch, f.Party)),
		widget.NewFormItem(locale.T("filing.item"), f.Item),
		widget.NewFormItem(locale.T("filing.tier"), f.Tier),
		widget.NewFormItem(locale.T("filing.case_title"), f.Title),
		widget.NewFormItem(locale.T("filing.facts"), f.Facts),
		widget.NewFormItem(locale.T("filing.violation_on"), f.ViolationOn),
		widget.NewFormItem(locale.T("filing.discovered_on"), f.DiscoveredOn),
		widget.NewFormItem(locale.T("filing.filed_on"), f.FiledOn),
		widget.NewFormItem(locale.T("filing.officers"), officerBox),
		widget.NewFormItem(locale.T("filing.flags"), container.NewVBox(f.Harmful, f.Major, f.Late)),
	)
	heading := widget.NewLabelWithStyle(locale.T("filing.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	f.content = container.NewBorder(container.NewHBox(BackButton(c), heading), nil, nil, nil,
		container.NewVScroll(container.NewVBox(form, f.Message, container.NewHBox(kit.Spacer(), f.Submit))))
	return f
}

// searchParties fills the party picker with up to 50 matches of what is typed.
func (f *FilingForm) searchParties(q string) {
	items, _, err := f.c.u.Office.List(context.Background(), office.ListParties, q, 0, 50)
	if err != nil {
		kit.SetMessage(f.Message, locale.Err(err))
		return
	}
	f.parties = map[string]string{}
	labels := make([]string, len(items))
	for i, it := range items {
		labels[i] = strings.TrimSpace(it.Title + " · " + strings.Fields(it.Detail + " ")[0])
		f.parties[labels[i]] = it.ID
	}
	f.Party.Options = labels
	if len(labels) == 1 {
		f.Party.SetSelected(labels[0])
	} else if _, ok := f.parties[f.Party.Selected]; !ok {
		f.Party.ClearSelected()
	}
	f.Party.Refresh()
}

// pickItem offers the chosen item's discretion tiers.
func (f *FilingForm) pickItem(label string) {
	f.tiers = map[string]string{}
	f.Tier.ClearSelected()
	f.Tier.Options = nil
	it, ok, err := f.c.u.Office.CatalogItem(context.Background(), f.items[label])
	if err != nil || !ok {
		f.Tier.Refresh()
		return
	}
	for _, t := range it.Tiers {
		l := t.Name + " · " + t.Condition
		f.tiers[l] = string(rune('0' + t.Ordinal))
		f.Tier.Options = append(f.Tier.Options, l)
	}
	f.Tier.Refresh()
}

func (f *FilingForm) submit() {
	var problems []string
	day := func(e *widget.Entry, required bool) time.Time {
		v, err := kit.ParseDay(e.Text, required)
		if err != nil {
			problems = append(problems, locale.Err(err))
		}
		return v
	}
	fl := appcases.Filing{Procedure: f.procedures[f.Procedure.Selected], PartyID: f.parties[f.Party.Selected],
		ItemID: f.items[f.Item.Selected], Title: f.Title.Text, Facts: f.Facts.Text,
		ViolationOn: day(f.ViolationOn, false), DiscoveredOn: day(f.DiscoveredOn, true), FiledOn: day(f.FiledOn, true),
		Harmful: f.Harmful.Checked, Major: f.Major.Checked, Late: f.Late.Checked}
	if o := f.tiers[f.Tier.Selected]; o != "" {
		fl.TierOrdinal = int(o[0] - '0')
	}
	for _, name := range f.Officers.Selected {
		fl.Officers = append(fl.Officers, rules.Officer{Name: name, Certified: f.certified[name]})
	}
	if len(problems) > 0 {
		kit.SetMessage(f.Message, "• "+strings.Join(problems, "\n• "))
		return
	}
	id, err := f.c.svc.File(context.Background(), f.c.u.Session, fl)
	if err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	f.c.open(id)
}

// OpenCase shows a case's page (from the home page or a party's page).
func (c *Cases) OpenCase(id string) { c.open(id) }
