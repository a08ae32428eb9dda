package home

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/office"
	"townledger/app/report"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Home is the first page after sign-in: how many records each part of the ledger holds;
// a tap on a figure opens its section.
type Home struct {
	Cards      map[office.ListKind]*LinkCard
	Agenda     cases.Agenda
	DueButtons []*widget.Button
	// Reports are the periods due to the district; ReportButtons open them.
	Reports       []report.Due
	ReportButtons []*widget.Button
	// Calendar reminds that a year's holidays are missing; hidden when none are.
	Calendar *widget.Button
	content  fyne.CanvasObject
}

// agenda lists the open cases' overdue and soon-due deadlines; each line opens its case.
func (h *Home) agenda(u *kit.Env) fyne.CanvasObject {
	a, err := u.Office.Cases.AgendaOn(context.Background(), u.Now())
	if err != nil {
		return widget.NewLabel(locale.Err(err))
	}
	h.Agenda = a
	summary := widget.NewLabel(locale.T("home.due.summary", map[string]any{"Open": a.Open, "Overdue": a.Overdue, "Soon": a.DueSoon}))
	summary.Wrapping = fyne.TextWrapWord
	if a.Open == 0 {
		summary.SetText(locale.T("home.due.none"))
	}
	box := container.NewVBox(summary)
	const shown = 8
	for i, it := range a.Items {
		if i == shown {
			box.Add(widget.NewLabel(locale.T("home.due.more", map[string]any{"N": len(a.Items) - shown})))
			break
		}
		it := it
		text := locale.T("home.due.line", map[string]any{"No": it.CaseNo, "Party": it.Party,
			"Name": locale.T(rules.DeadlineKey(it.Kind)), "Due": it.Deadline.Due.Format("2006-01-02"),
			"Status": locale.T(rules.StatusKey(it.Status))})
		if it.Guessed {
			text += locale.T("calendar.guessed.short")
		}
		b := widget.NewButton(text, func() {
			if cs, ok := u.Go("nav.cases").(kit.CaseOpener); ok {
				cs.OpenCase(it.CaseID)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = kit.StatusImportance(it.Status)
		h.DueButtons = append(h.DueButtons, b)
		box.Add(b)
	}
	return box
}

// LinkCard is a card that opens something when tapped.
type LinkCard struct {
	widget.Card
	OnTapped func()
}

func newLinkCard(title, subtitle string, tapped func()) *LinkCard {
	c := &LinkCard{OnTapped: tapped}
	c.Title, c.Subtitle = title, subtitle
	c.ExtendBaseWidget(c)
	return c
}

// Tapped runs the card's action.
func (c *LinkCard) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

// Cursor shows a hand, as over a link.
func (c *LinkCard) Cursor() desktop.Cursor { return desktop.PointerCursor }

var homeKinds = []office.ListKind{office.ListCases, office.ListParties, office.ListCatalog, office.ListTrainings,
	office.ListStaff, office.ListActivities, office.ListExports}

// New builds the home page.
func New(u *kit.Env) *Home {
	h := &Home{Cards: map[office.ListKind]*LinkCard{}}
	counts, err := u.Office.Counts(context.Background())
	greeting := widget.NewLabelWithStyle(locale.T("home.greeting", map[string]any{"Name": u.Session.DisplayName}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if err != nil {
		msg := widget.NewLabel(locale.Err(err))
		msg.Wrapping = fyne.TextWrapWord
		h.content = container.NewVBox(greeting, msg)
		return h
	}
	grid := container.NewGridWithColumns(4)
	for _, k := range homeKinds {
		key := "nav." + string(k)
		c := newLinkCard(strconv.Itoa(counts[k]), locale.T(key), func() { u.Go(key) })
		h.Cards[k] = c
		grid.Add(c)
	}
	dueCard := widget.NewCard(locale.T("home.due"), "", h.agenda(u))
	reportCard := widget.NewCard(locale.T("home.reports"), "", h.reports(u))
	hint := widget.NewLabel("")
	hint.Wrapping = fyne.TextWrapWord
	if counts[office.ListParties]+counts[office.ListCatalog]+counts[office.ListStaff] == 0 {
		hint.SetText(locale.T("home.start_hint"))
	} else {
		hint.Hide()
	}
	h.Calendar = h.calendarNotice(u)
	h.content = container.NewVScroll(container.NewVBox(greeting, hint, h.Calendar, dueCard, reportCard, grid))
	return h
}

// calendarNotice reminds, from December on, that next year's holidays are not entered yet
// (and any time this year's are missing): deadlines there are counted on the plain week.
func (h *Home) calendarNotice(u *kit.Env) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.WarningIcon(), func() { u.Go("nav.settings") })
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.WarningImportance
	y, err := u.Office.Settings.CalendarGap(context.Background(), u.Now())
	if err != nil || y == 0 {
		b.Hide()
		return b
	}
	b.SetText(locale.T("calendar.gap", map[string]any{"Year": y}))
	return b
}

// Content is the screen's widget tree.
func (x *Home) Content() fyne.CanvasObject { return x.content }
