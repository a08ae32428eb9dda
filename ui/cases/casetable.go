package cases

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/office"
	"townledger/app/workdays"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// caseColumn is a column of the case table: header key, sort key ("" = not sortable), its
// share of the width left over (0 = as wide as its content needs, no more), a minimum, and
// whether it holds money (narrow, right-aligned).
type caseColumn struct {
	key, sort string
	weight    float32
	min       float32
	money     bool
}

var caseColumns = []caseColumn{
	{key: "cases.col.number", sort: "case_no"},                   // as wide as the longest number on the first page
	{key: "cases.col.party", sort: "party", weight: 1, min: 170}, // a ten-character company name
	{key: "cases.col.title", weight: 1.3, min: 100},              // the least needed at a glance
	{key: "cases.col.stage", sort: "stage", weight: 0.3},
	{key: "cases.col.filed", sort: "filed_on"},
	{key: "cases.col.next_due", sort: "next_due", weight: 0.8},
	{key: "cases.col.fine", sort: "fine", money: true},
}

// maxStageWidth and maxDueWidth cap what the step and next-deadline columns ask for at
// the narrowest window: the longest English texts may be cut there, the usual ones never.
const (
	maxStageWidth = 200
	maxDueWidth   = 300
)

// CaseTable is the case list: search, filters, sortable columns, and counts of what is
// overdue or due soon. Rows come from the database a page at a time.
type CaseTable struct {
	u                       *kit.Env
	Search, Officer         *widget.Entry
	Stage, Due, Year, Item  *kit.Select
	Count, Overdue, DueSoon *widget.Label
	Table                   *widget.Table
	Empty                   *widget.Label
	OnOpen                  func(id string)
	Query                   office.CaseQuery
	total                   int
	pages                   *kit.Pages[office.CaseRow] // the reading shown
	stages, dues, items     map[string]string
	years                   map[string]int
	window                  appcases.Window
	cal                     *workdays.Calendar // which years' holidays are known
	widths                  []float32          // the columns' widths now
	numberWidth             float32            // the longest case number's
	fittedTo                float32            // the table width they were fitted to
	quiet                   bool               // the columns' widths are being set: fill no cell
	content                 fyne.CanvasObject
	ctx                     context.Context    // the reading of the query shown, and its pages
	cancel                  context.CancelFunc // stops it
}

func newCaseTable(u *kit.Env, actions ...fyne.CanvasObject) *CaseTable {
	ctx := context.Background()
	t := &CaseTable{u: u, stages: map[string]string{}, dues: map[string]string{},
		items: map[string]string{}, years: map[string]int{}}
	today := u.Now()
	// The office's "due soon" setting decides the window, here as on the home page.
	w, err := u.Office.Cases.DueWindow(ctx, today)
	if err != nil {
		w = appcases.Window{Today: today.Format(office.DateLayout), SoonTo: today.Format(office.DateLayout)}
	}
	t.window = w
	t.cal, _ = u.Office.Settings.Calendar(ctx) // nil: no warning rather than no list
	t.Query.Today, t.Query.SoonTo = w.Today, w.SoonTo
	all := func(what string) string { return locale.T("cases.filter.all." + what) }

	t.Search = widget.NewEntry()
	t.Search.SetPlaceHolder(locale.T("list.search"))
	t.Search.OnChanged = func(s string) { t.Query.Search = s; t.reload() }
	t.Officer = widget.NewEntry()
	t.Officer.SetPlaceHolder(locale.T("cases.filter.officer"))
	t.Officer.OnChanged = func(s string) { t.Query.Officer = s; t.reload() }

	stageOpts := []string{all("stages"), locale.T("cases.filter.open")}
	t.stages[stageOpts[1]] = "open"
	for _, s := range rules.Steps {
		l := locale.T(rules.StepKey(s))
		t.stages[l] = string(s)
		stageOpts = append(stageOpts, l)
	}
	t.Stage = kit.Choice(stageOpts, func(l string) { t.Query.Stage = t.stages[l]; t.reload() })
	dueOpts := []string{all("deadlines"), locale.T("case.status.overdue"), locale.T("case.status.due_soon")}
	t.dues[dueOpts[1]], t.dues[dueOpts[2]] = "overdue", "soon"
	t.Due = kit.Choice(dueOpts, func(l string) { t.Query.Due = t.dues[l]; t.reload() })
	yearOpts := []string{all("years")}
	if ys, err := u.Office.CaseYears(ctx); err == nil {
		for _, y := range ys {
			l := strconv.Itoa(y)
			t.years[l] = y
			yearOpts = append(yearOpts, l)
		}
	}
	t.Year = kit.Choice(yearOpts, func(l string) { t.Query.Year = t.years[l]; t.reload() })
	itemOpts := []string{all("items")}
	if its, err := u.Office.CatalogItemsInForce(ctx, t.Query.Today); err == nil {
		for _, it := range its {
			l := it.Code + " " + it.Name
			t.items[l] = it.Code
			itemOpts = append(itemOpts, l)
		}
	}
	t.Item = kit.Choice(itemOpts, func(l string) { t.Query.ItemCode = t.items[l]; t.reload() })
	for _, s := range []*kit.Select{t.Stage, t.Due, t.Year, t.Item} {
		s.PlaceHolder = s.Options[0]
	}

	t.Count, t.Overdue, t.DueSoon = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	t.Overdue.Importance, t.DueSoon.Importance = widget.DangerImportance, widget.WarningImportance
	t.Empty = widget.NewLabel("")
	t.Empty.Wrapping = fyne.TextWrapWord
	t.Empty.Alignment = fyne.TextAlignCenter
	t.buildTable()

	heading := widget.NewLabelWithStyle(locale.T("nav.cases"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	counts := container.NewHBox(append([]fyne.CanvasObject{t.Overdue, t.DueSoon, t.Count}, actions...)...)
	filters := container.NewGridWithColumns(5, t.Stage, t.Due, t.Year, t.Item, t.Officer)
	top := container.NewVBox(container.NewBorder(nil, nil, heading, counts), t.Search, filters)
	// The columns follow the table's width: fitted again whenever the window is resized.
	table := container.New(&fitColumns{t: t}, t.Table, container.NewVBox(kit.Spacer(), t.Empty, kit.Spacer()))
	t.content = container.NewBorder(top, nil, nil, nil, table)
	t.reload()
	return t
}

func (t *CaseTable) buildTable() {
	t.Table = widget.NewTableWithHeaders(
		func() (int, int) { return t.total, len(caseColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if !t.quiet {
				t.fill(id, o.(*widget.Label))
			}
		},
	)
	t.Table.ShowHeaderColumn = false
	t.Table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if t.quiet {
			return
		}
		b := o.(*widget.Button)
		col := caseColumns[id.Col]
		b.Alignment = widget.ButtonAlignLeading
		if col.money {
			b.Alignment = widget.ButtonAlignTrailing
		}
		b.SetText(locale.T(col.key))
		b.SetIcon(nil)
		if col.sort != "" && col.sort == t.Query.Sort {
			b.SetIcon(theme.MenuDropUpIcon())
			if t.Query.Desc {
				b.SetIcon(theme.MenuDropDownIcon())
			}
		}
		b.OnTapped = func() { t.SortBy(col.sort) }
	}
	t.fit(1000) // until the table is laid out
	t.Table.OnSelected = func(id widget.TableCellID) {
		t.Table.UnselectAll()
		if r, ok := t.Row(id.Row); ok && t.OnOpen != nil {
			t.OnOpen(r.ID)
		}
	}
}

// SortBy orders by a column; the same column again reverses the order.
func (t *CaseTable) SortBy(key string) {
	if key == "" {
		return
	}
	if t.Query.Sort == key {
		t.Query.Desc = !t.Query.Desc
	} else {
		t.Query.Sort, t.Query.Desc = key, false
	}
	t.reload()
}

// Total is how many cases match.
func (t *CaseTable) Total() int { return t.total }

// listed is what a (re)load of the list reads: the first page and the counts.
type listed struct {
	rows                 []office.CaseRow
	total, overdue, soon int
}

// reload reads the list again for the query now: in the background, the reading of the
// query before (a keystroke ago) cancelled, and shown unless the query changed meanwhile.
func (t *CaseTable) reload() {
	t.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	t.ctx, t.cancel = ctx, cancel
	q := t.Query
	read := func() (listed, error) {
		var l listed
		var err error
		if l.rows, l.total, err = t.u.Office.CaseRows(ctx, q, 0, kit.PageSize); err != nil {
			return l, err
		}
		count := func(due string) int {
			n, err := t.u.Office.Cases.ListCount(ctx, office.CaseQuery{Due: due, Today: q.Today, SoonTo: q.SoonTo})
			if err != nil {
				return 0
			}
			return n
		}
		l.overdue, l.soon = count("overdue"), count("soon")
		return l, nil
	}
	if t.u.SyncReads {
		l, err := read()
		t.show(l, err)
		return
	}
	t.u.Background(func(context.Context) (func(), error) {
		l, err := read()
		if ctx.Err() != nil {
			return nil, nil // another query, or the list was left
		}
		return func() {
			if ctx.Err() == nil {
				t.show(l, err)
			}
		}, nil
	})
}

// Stop cancels the list's reading under way, if any.
func (t *CaseTable) Stop() {
	if t.cancel != nil {
		t.cancel()
	}
}

// show puts a reading of the list on screen.
func (t *CaseTable) show(l listed, err error) {
	t.pages = nil
	if err != nil {
		t.total = 0
		kit.SetMessage(t.Empty, locale.Err(err))
		t.Table.Refresh()
		return
	}
	q := t.Query
	t.pages = kit.NewPages(t.u, t.ctx, l.rows, func(ctx context.Context, last office.CaseRow) ([]office.CaseRow, error) {
		return t.u.Office.Cases.ListPage(ctx, q, last.Key, kit.PageSize)
	}, func(ctx context.Context, offset int) ([]office.CaseRow, error) {
		rows, _, err := t.u.Office.CaseRows(ctx, q, offset, kit.PageSize)
		return rows, err
	}, t.Table.Refresh)
	// Case numbers are what officers read first: never cut them.
	var nw float32
	for _, r := range l.rows {
		nw = max(nw, textWidth(r.CaseNo, false))
	}
	if nw > t.numberWidth {
		t.numberWidth = nw
		// Before the rows are in: the table lays every cell it shows out again at each
		// column's new width, and every column moves to make room for the numbers.
		t.total = 0
		t.refit()
	}
	t.total = l.total
	t.Count.SetText(locale.T("list.count", map[string]any{"N": l.total}))
	// How many open cases are overdue or due soon (within the office's setting), in colour.
	t.Overdue.SetText(locale.T("cases.overdue_count", map[string]any{"N": l.overdue}))
	t.DueSoon.SetText(locale.T("cases.soon_count", map[string]any{"N": l.soon, "Days": t.window.Days()}))
	switch {
	case l.total > 0:
		t.Empty.Hide()
	case t.Query.Search != "":
		kit.SetMessage(t.Empty, locale.T("list.no_match", map[string]any{"Query": t.Query.Search}))
	default:
		kit.SetMessage(t.Empty, locale.T("empty.cases"))
	}
	t.Table.Refresh()
}

// Row is the list's row i (see kit.Pages.Row).
func (t *CaseTable) Row(i int) (office.CaseRow, bool) { return t.pages.Row(i) }

func (t *CaseTable) fill(id widget.TableCellID, l *widget.Label) {
	r, _ := t.Row(id.Row)
	l.Importance = widget.MediumImportance
	l.Alignment = fyne.TextAlignLeading // cells are reused across columns
	if caseColumns[id.Col].money {
		l.Alignment = fyne.TextAlignTrailing
	}
	switch caseColumns[id.Col].key {
	case "cases.col.number":
		l.SetText(r.CaseNo)
	case "cases.col.party":
		l.SetText(r.Party)
	case "cases.col.title":
		l.SetText(r.Title)
	case "cases.col.stage":
		l.SetText(locale.T(rules.StepKey(rules.Step(r.Stage))))
	case "cases.col.filed":
		l.SetText(r.FiledOn)
	case "cases.col.next_due":
		l.SetText("")
		if r.NextDueOn != "" {
			text := r.NextDueOn + " " + locale.T(rules.DeadlineKey(r.NextDueKind))
			if y, err := strconv.Atoi(r.NextDueOn[:4]); err == nil && t.cal != nil && !t.cal.Covers(y) {
				text += locale.T("calendar.guessed.short")
			}
			l.SetText(text)
			l.Importance = kit.StatusImportance(t.window.StatusOf(r.NextDueOn))
		}
	case "cases.col.fine":
		l.SetText("")
		if r.Fine > 0 {
			l.SetText(rules.FormatYuan(r.Fine))
		}
	}
	l.Refresh()
}
