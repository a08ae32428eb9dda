package cases

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/office"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// partyRows is how many matches of the party search show at once.
const partyRows = 4

// FilingForm opens a case (立案). Every widget is made once; choosing a party or an item
// updates the others in place.
type FilingForm struct {
	c                                  *Cases
	Procedure                          *widget.RadioGroup
	PartySearch                        *widget.Entry
	Parties                            *widget.List  // the search's matches, shown as typed
	Matches                            *widget.Label // how many matched, or that none did
	Party                              *widget.Label // the party chosen
	Item, Tier                         *kit.Select
	Title, Facts                       *widget.Entry
	ViolationOn, DiscoveredOn, FiledOn *widget.Entry
	Officers                           *Officers
	Harmful, Major, Late               *widget.Check
	Submit                             *widget.Button
	Message                            *widget.Label
	matches                            []office.ListItem
	searching                          context.CancelFunc // the party search under way
	party                              office.ListItem    // chosen; ID "" for none
	items                              []office.CatalogItem
	tiers                              []tierChoice // of the chosen item; option 0 is "not applicable"
	certified                          map[string]bool
	procedures                         []rules.Procedure
	draft                              *kit.Draft
	content                            fyne.CanvasObject
}

// tierChoice is a discretion tier as offered.
type tierChoice struct {
	ordinal   int
	rng       rules.TierRange
	condition string
}

func newFilingForm(c *Cases) *FilingForm {
	ctx := context.Background()
	f := &FilingForm{c: c, Message: kit.ErrorLabel(), certified: map[string]bool{},
		procedures: []rules.Procedure{rules.General, rules.Summary}}
	var procs []string
	for _, p := range f.procedures {
		procs = append(procs, locale.T(rules.ProcedureKey(p)))
	}
	f.Procedure = widget.NewRadioGroup(procs, nil)
	f.Procedure.Horizontal = true
	f.Procedure.SetSelected(procs[0])

	f.PartySearch = widget.NewEntry()
	f.PartySearch.SetPlaceHolder(locale.T("filing.party.search"))
	f.PartySearch.OnChanged = f.searchParties
	f.PartySearch.OnSubmitted = func(string) {
		if len(f.matches) > 0 {
			f.Parties.Select(0)
		}
	}
	f.Parties = widget.NewList(func() int { return len(f.matches) }, newMatchRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { fillMatchRow(f.matches[i], o) })
	f.Parties.OnSelected = f.choosePartyAt
	f.Matches = widget.NewLabel("")
	f.Matches.SizeName = theme.SizeNameCaptionText
	f.Party = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.Party.Wrapping = fyne.TextWrapWord
	f.showParty()

	today := c.u.Now().Format(office.DateLayout)
	items, err := c.u.Office.CatalogItemsInForce(ctx, today)
	if err != nil {
		kit.SetMessage(f.Message, locale.Err(err))
	}
	f.items = items
	var itemLabels []string
	for _, it := range items {
		itemLabels = append(itemLabels, it.Code+" "+it.Name)
	}
	f.Tier = kit.Choice(nil, nil)
	f.Tier.PlaceHolder = locale.T("filing.tier.none")
	f.Item = kit.Choice(itemLabels, func(string) { f.pickItem() })
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
		f.certified[o.Name] = o.CertStatus == "valid" || o.CertStatus == "due"
		names = append(names, o.Name)
	}
	f.Officers = newOfficers(names, locale.T("filing.officers.none"))
	f.Harmful = widget.NewCheck(locale.T("filing.harmful"), nil)
	f.Major = widget.NewCheck(locale.T("filing.major"), nil)
	f.Late = widget.NewCheck(locale.T("filing.late"), nil)
	f.Submit = widget.NewButtonWithIcon(locale.T("filing.submit"), theme.DocumentSaveIcon(), f.submit)
	f.Submit.Importance = widget.HighImportance
	f.searchParties("")

	rows := newFormRows()
	rows.add("filing.procedure", f.Procedure)
	rows.add("filing.party", container.NewVBox(f.PartySearch, fixedHeight(f.Parties, partyRows*rowHeight()), f.Matches, f.Party))
	rows.add("filing.item", f.Item)
	rows.add("filing.tier", f.Tier)
	rows.add("filing.case_title", f.Title)
	rows.add("filing.facts", f.Facts)
	rows.add("filing.violation_on", f.ViolationOn)
	rows.add("filing.discovered_on", f.DiscoveredOn)
	rows.add("filing.filed_on", f.FiledOn)
	rows.add("filing.officers", f.Officers.content)
	rows.add("filing.flags", container.NewVBox(f.Harmful, f.Major, f.Late))
	top := container.NewHBox(BackButton(c), heading(locale.T("filing.title")))
	f.content = formPage(top, rows.box, f.Message, newConfirmation(), f.Submit)
	f.keepDraft()
	return f
}

// keepDraft keeps what is typed as a draft; the item comes before the tier it offers, the
// party as the one chosen.
func (f *FilingForm) keepDraft() {
	d := f.c.u.NewDraft("cases.filing", "")
	f.draft = d
	prevProc := f.Procedure.OnChanged
	f.Procedure.OnChanged = func(s string) {
		if prevProc != nil {
			prevProc(s)
		}
		d.Changed()
	}
	d.Value("procedure", func() string { return f.Procedure.Selected }, f.Procedure.SetSelected)
	d.Value("party", func() string {
		if f.party.ID == "" {
			return ""
		}
		return strings.Join([]string{f.party.ID, f.party.Title, f.party.Tag}, "\t")
	}, func(v string) {
		if parts := strings.Split(v, "\t"); len(parts) == 3 {
			f.party = office.ListItem{ID: parts[0], Title: parts[1], Tag: parts[2]}
			f.showParty()
			f.offerTiers()
		}
	})
	d.Select("item", f.Item)
	d.Select("tier", f.Tier)
	for name, e := range map[string]*widget.Entry{"title": f.Title, "facts": f.Facts, "violation_on": f.ViolationOn,
		"discovered_on": f.DiscoveredOn, "filed_on": f.FiledOn} {
		d.Entry(name, e)
	}
	for name, c := range map[string]*widget.Check{"harmful": f.Harmful, "major": f.Major, "late": f.Late} {
		d.Check(name, c)
	}
	f.Officers.bind(d)
}

// rowHeight is the height of one match: a name over a caption line.
func rowHeight() float32 {
	return newMatchRow().MinSize().Height + theme.Padding()
}

// newMatchRow is one line: the name, then kind, credit code and address in small print.
func newMatchRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	detail.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, nil, name, nil, detail)
}

func fillMatchRow(it office.ListItem, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	box.Objects[1].(*widget.Label).SetText(it.Title)
	detail := strings.TrimSpace(it.Detail)
	if kind := locale.T("tag." + it.Tag); it.Tag != "" && kind != "tag."+it.Tag {
		detail = strings.TrimSpace(kind + "  " + detail)
	}
	box.Objects[0].(*widget.Label).SetText(detail)
}

// searchParties shows up to 50 matches of what is typed as it is typed; a single match is
// chosen at once. The search is read in the background (a ledger may hold 100,000
// enterprises and persons) and each keystroke cancels the reading of the one before.
func (f *FilingForm) searchParties(q string) {
	f.stop()
	ctx, cancel := context.WithCancel(context.Background())
	f.searching = cancel
	read := func() ([]office.ListItem, int, error) {
		return f.c.u.Office.List(ctx, office.ListParties, q, 0, 50)
	}
	if f.c.u.SyncReads {
		items, total, err := read()
		f.showMatches(q, items, total, err)
		return
	}
	f.c.u.Background(func(context.Context) (func(), error) {
		items, total, err := read()
		if ctx.Err() != nil {
			return nil, nil // typed on, or the form was left
		}
		return func() {
			if ctx.Err() == nil {
				f.showMatches(q, items, total, err)
			}
		}, nil
	})
}

// stop cancels the party search under way, if any.
func (f *FilingForm) stop() {
	if f.searching != nil {
		f.searching()
	}
}

// showMatches puts a search's matches under the search box.
func (f *FilingForm) showMatches(q string, items []office.ListItem, total int, err error) {
	if err != nil {
		kit.SetMessage(f.Message, locale.Err(err))
		return
	}
	f.matches = items
	f.Parties.UnselectAll()
	f.Parties.Refresh()
	f.Parties.ScrollToTop()
	switch {
	case total == 0 && strings.TrimSpace(q) != "":
		f.Matches.SetText(locale.T("filing.party.no_match", map[string]any{"Query": strings.TrimSpace(q)}))
	case total == 0:
		f.Matches.SetText(locale.T("filing.party.none_registered"))
	default:
		f.Matches.SetText(locale.T("filing.party.matches", map[string]any{"N": total}))
	}
	if len(items) == 1 && strings.TrimSpace(q) != "" {
		f.Parties.Select(0) // chooses it, highlighted
	}
}

// choosePartyAt chooses the i-th match (the first when the search is submitted).
func (f *FilingForm) choosePartyAt(i int) {
	if i < 0 || i >= len(f.matches) {
		return
	}
	f.party = f.matches[i]
	f.showParty()
	f.offerTiers() // a person may have a tier range of its own
}

func (f *FilingForm) showParty() {
	if f.party.ID == "" {
		f.Party.SetText(locale.T("filing.party.unchosen"))
		f.Party.Importance = widget.MediumImportance
	} else {
		f.Party.SetText(locale.T("filing.party.chosen", map[string]any{"Name": f.party.Title}))
		f.Party.Importance = widget.SuccessImportance
	}
	f.Party.Refresh()
}

// PartyID is the chosen party, "" for none.
func (f *FilingForm) PartyID() string { return f.party.ID }

// pickItem offers the chosen item's discretion tiers.
func (f *FilingForm) pickItem() {
	f.tiers = nil
	if i := f.Item.SelectedIndex(); i >= 0 {
		it, ok, err := f.c.u.Office.CatalogItem(context.Background(), f.items[i].ID)
		if err != nil {
			kit.SetMessage(f.Message, locale.Err(err))
		}
		if ok {
			for _, t := range it.Tiers {
				f.tiers = append(f.tiers, tierChoice{ordinal: t.Ordinal, rng: rules.TierRangeOf(t), condition: t.Condition})
			}
		}
	}
	f.Tier.ClearSelected()
	f.offerTiers()
}

// offerTiers labels the tiers with their ranges for the chosen party, keeping the choice.
func (f *FilingForm) offerTiers() {
	chosen := f.Tier.SelectedIndex()
	opts := []string{locale.T("filing.tier.none")}
	kind := rules.PartyOrg
	if f.party.Tag == rules.PartyPerson {
		kind = rules.PartyPerson
	}
	for _, t := range f.tiers {
		opts = append(opts, tierLabel(t.rng, kind, t.condition))
	}
	f.Tier.Options = opts
	if chosen >= 0 && chosen < len(opts) {
		f.Tier.Selected = opts[chosen]
	}
	f.Tier.Refresh()
}

// TierOrdinal is the chosen tier's ordinal, 0 for none.
func (f *FilingForm) TierOrdinal() int {
	if i := f.Tier.SelectedIndex(); i > 0 && i <= len(f.tiers) {
		return f.tiers[i-1].ordinal
	}
	return 0
}

func (f *FilingForm) submit() {
	fl := appcases.Filing{PartyID: f.party.ID, Title: f.Title.Text, Facts: f.Facts.Text, TierOrdinal: f.TierOrdinal(),
		Harmful: f.Harmful.Checked, Major: f.Major.Checked, Late: f.Late.Checked}
	for _, p := range f.procedures {
		if locale.T(rules.ProcedureKey(p)) == f.Procedure.Selected {
			fl.Procedure = p
		}
	}
	if i := f.Item.SelectedIndex(); i >= 0 {
		fl.ItemID = f.items[i].ID
	}
	// A date typed wrongly is named with its field; an empty required one is named by Missing.
	invalid := map[string]string{}
	day := func(field, label string, e *widget.Entry) time.Time {
		v, err := kit.ParseDay(e.Text, false)
		if err != nil {
			invalid[field] = locale.T("filing.field_problem", map[string]any{"Field": locale.T(label), "Problem": locale.Err(err)})
		}
		return v
	}
	fl.ViolationOn = day("violation_on", "filing.violation_on", f.ViolationOn)
	fl.DiscoveredOn = day(appcases.FieldDiscoveredOn, "filing.discovered_on", f.DiscoveredOn)
	fl.FiledOn = day(appcases.FieldFiledOn, "filing.filed_on", f.FiledOn)
	for _, name := range f.Officers.Selected() {
		fl.Officers = append(fl.Officers, rules.Officer{Name: name, Certified: f.certified[name]})
	}
	missing := map[string]string{}
	for _, p := range fl.Missing() {
		missing[p.Field] = locale.T(p.Key, p.Data)
	}
	var problems []string
	for _, field := range []string{appcases.FieldParty, appcases.FieldItem, "violation_on", appcases.FieldDiscoveredOn, appcases.FieldFiledOn} {
		if p, ok := invalid[field]; ok {
			problems = append(problems, p)
		} else if p, ok := missing[field]; ok {
			problems = append(problems, p)
		}
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
	f.draft.Saved()
	f.c.open(id)
	if cv := f.c.Case; cv != nil {
		cv.Done.Say(locale.T("filing.done", map[string]any{"No": cv.View.Case.CaseNo}))
	}
}
