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

// Home is the first page after sign-in: how many records each part of the ledger holds (a
// tap on a figure opens its section), the cases needing attention and the reports due.
// The page is shown at once; the figures and the agenda, which read the whole ledger, are
// read in the background and filled in, and leaving the page stops that reading.
type Home struct {
	Cards map[office.ListKind]*LinkCard
	// Agenda is what the agenda shows, once read (Loaded); AgendaBox holds it, with the
	// Loading line until then.
	Agenda     cases.Agenda
	AgendaBox  *fyne.Container
	Loading    *widget.Label
	Loaded     bool
	DueButtons []*widget.Button
	// Reports are the periods due to the district; ReportButtons open them.
	Reports       []report.Due
	ReportButtons []*widget.Button
	// Calendar reminds that a year's holidays are missing; hidden when none are.
	Calendar *widget.Button
	hint     *widget.Label
	content  fyne.CanvasObject
	ctx      context.Context
	cancel   context.CancelFunc
}

// loadAgenda reads the home page's agenda.
func loadAgenda(ctx context.Context, u *kit.Env) (cases.Agenda, error) {
	return u.Office.Cases.AgendaOn(ctx, u.Now())
}

// loadCounts reads the figures of the home page's cards.
func loadCounts(ctx context.Context, u *kit.Env) (map[office.ListKind]int, error) {
	return u.Office.Counts(ctx)
}

// Leave stops the page's background reading: the shell calls it when another section
// replaces the page, the page itself before it opens another.
func (h *Home) Leave() { h.cancel() }

// open leaves the page for another section.
func (h *Home) open(u *kit.Env, key string) kit.Screen {
	h.Leave()
	return u.Go(key)
}

// background reads in the background until the page is left; show then runs on the UI
// goroutine with what was read, unless the page was left meanwhile.
func background[T any](h *Home, u *kit.Env, what string, read func(ctx context.Context) (T, error), show func(T, error)) {
	ctx := h.ctx
	gate := u.ReadGate
	if gate != nil {
		plain := read
		read = func(ctx context.Context) (T, error) {
			if err := gate(ctx, what); err != nil {
				var zero T
				return zero, err
			}
			return plain(ctx)
		}
	}
	if u.SyncReads && gate == nil { // a held reading runs in the background, as in the program
		v, err := read(ctx)
		show(v, err)
		return
	}
	u.Background(func(context.Context) (func(), error) {
		v, err := read(ctx)
		if ctx.Err() != nil {
			return nil, nil // left: nobody to tell
		}
		return func() {
			if ctx.Err() == nil {
				show(v, err)
			}
		}, nil
	})
}

// showAgenda fills the agenda: the counts, then the first cases needing attention, each
// line opening its case.
func (h *Home) showAgenda(u *kit.Env, a cases.Agenda, err error) {
	h.Loaded = true
	// The card grows with its lines: the page is laid out again, or the card would draw its
	// lines over the cards below it.
	defer h.content.Refresh()
	box := h.AgendaBox
	box.RemoveAll()
	if err != nil {
		msg := widget.NewLabel(locale.Err(err))
		msg.Wrapping = fyne.TextWrapWord
		box.Add(msg)
		return
	}
	h.Agenda = a
	summary := widget.NewLabel(locale.T("home.due.summary", map[string]any{"Open": a.Open, "Overdue": a.Overdue,
		"Soon": a.DueSoon, "Days": a.SoonDays}))
	summary.Wrapping = fyne.TextWrapWord
	if a.Open == 0 {
		summary.SetText(locale.T("home.due.none"))
	}
	box.Add(summary)
	for _, it := range a.Items {
		text := locale.T("home.due.line", map[string]any{"No": it.CaseNo, "Party": it.Party,
			"Name": locale.T(rules.DeadlineKey(it.Kind)), "Due": it.Deadline.Due.Format("2006-01-02"),
			"Status": locale.T(rules.StatusKey(it.Status))})
		if it.Guessed {
			text += locale.T("calendar.guessed.short")
		}
		b := widget.NewButton(text, func() {
			if cs, ok := h.open(u, "nav.cases").(kit.CaseOpener); ok {
				cs.OpenCase(it.CaseID)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = kit.StatusImportance(it.Status)
		h.DueButtons = append(h.DueButtons, b)
		box.Add(b)
	}
	if n := a.More(); n > 0 {
		box.Add(widget.NewLabel(locale.T("home.due.more", map[string]any{"N": n})))
	}
}

// showCounts puts the figures on the cards, and the first steps' hint on an empty ledger.
func (h *Home) showCounts(counts map[office.ListKind]int, err error) {
	defer h.content.Refresh() // the hint may show, moving what is below it
	if err != nil {
		kit.SetMessage(h.hint, locale.Err(err))
		return
	}
	for k, c := range h.Cards {
		c.SetTitle(strconv.Itoa(counts[k]))
	}
	if counts[office.ListParties]+counts[office.ListCatalog]+counts[office.ListStaff] == 0 {
		kit.SetMessage(h.hint, locale.T("home.start_hint"))
	}
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

// New builds the home page: its frame at once, the figures and the agenda as they are read.
func New(u *kit.Env) *Home {
	h := &Home{Cards: map[office.ListKind]*LinkCard{}}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	greeting := widget.NewLabelWithStyle(locale.T("home.greeting", map[string]any{"Name": u.Session.DisplayName}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	grid := container.NewGridWithColumns(4)
	for _, k := range homeKinds {
		key := "nav." + string(k)
		c := newLinkCard(locale.T("home.count.loading"), locale.T(key), func() { h.open(u, key) })
		h.Cards[k] = c
		grid.Add(c)
	}
	h.Loading = widget.NewLabel(locale.T("home.due.loading"))
	h.AgendaBox = container.NewVBox(h.Loading)
	dueCard := widget.NewCard(locale.T("home.due"), "", h.AgendaBox)
	reportCard := widget.NewCard(locale.T("home.reports"), "", h.reports(u))
	h.hint = widget.NewLabel("")
	h.hint.Wrapping = fyne.TextWrapWord
	h.hint.Hide()
	h.Calendar = h.calendarNotice(u)
	h.content = container.NewVScroll(container.NewVBox(greeting, h.hint, h.Calendar, dueCard, reportCard, grid))
	background(h, u, "counts", func(ctx context.Context) (map[office.ListKind]int, error) { return loadCounts(ctx, u) }, h.showCounts)
	background(h, u, "agenda", func(ctx context.Context) (cases.Agenda, error) { return loadAgenda(ctx, u) },
		func(a cases.Agenda, err error) { h.showAgenda(u, a, err) })
	return h
}

// calendarNotice reminds, from December on, that next year's holidays are not entered yet
// (and any time this year's are missing): deadlines there are counted on the plain week.
func (h *Home) calendarNotice(u *kit.Env) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.WarningIcon(), func() { h.open(u, "nav.settings") })
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
