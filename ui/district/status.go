package district

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	appdistrict "townledger/app/district"
	"townledger/app/outbox"
	"townledger/app/period"
	"townledger/app/report"
	appsettings "townledger/app/settings"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Cell states of the 报送情况 matrix.
const (
	CellReceived = "received" // a version is in force
	CellLate     = "late"     // a version is in force, but the first one came after the due day
	CellReplaced = "replaced" // a version is in force that replaced an earlier one (更正)
	CellRejected = "rejected" // what came was sent back, nothing in force
	CellOverdue  = "overdue"  // nothing came and the due day has passed
	CellMissing  = "missing"  // nothing came; not due yet
	CellOpen     = "open"     // the period has not ended
	CellBefore   = "before"   // the period ended before the ledger began: not asked for here
)

// Cell is one town's standing for one period.
type Cell struct {
	State  string
	Text   string
	Status appdistrict.TownStatus
}

// Matrix is the towns × periods table of a year.
type Matrix struct {
	Periods []string // canonical, in column order
	Towns   []string // row names
	Cells   [][]Cell // [town][period]
}

// Status is the 报送情况 section: for a chosen year, every town against every period the
// district asks for — the version received, sent back, overdue or not yet sent.
type Status struct {
	u       *kit.Env
	Year    *kit.Select
	Table   *widget.Table
	Message *widget.Label
	Matrix  Matrix
	Remind  *widget.Button // 催报…
	// Reminded is what the last reminder said of each town, as its dialog lists it.
	Reminded []string
	content  fyne.CanvasObject
}

// NewStatus makes the 报送情况 section.
func NewStatus(u *kit.Env) *Status {
	s := &Status{u: u, Message: widget.NewLabel("")}
	s.Message.Wrapping = fyne.TextWrapWord
	s.Message.Hide()
	this := u.Now().Year()
	var years []string
	for y := this; y > this-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.Year = kit.Choice(years, nil)
	s.Table = widget.NewTable(
		func() (int, int) { return len(s.Matrix.Towns) + 1, len(s.Matrix.Periods) + 1 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(canvas.NewRectangle(color.Transparent), l)
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { s.fill(id, o.(*fyne.Container)) },
	)
	s.Table.StickyRowCount, s.Table.StickyColumnCount = 1, 1
	s.Table.SetColumnWidth(0, 150)
	s.Table.OnSelected = func(id widget.TableCellID) {
		s.Table.UnselectAll()
		if id.Row > 0 && id.Col > 0 && id.Row <= len(s.Matrix.Towns) && id.Col <= len(s.Matrix.Periods) {
			s.showCell(id.Row-1, id.Col-1)
		}
	}
	heading := widget.NewLabelWithStyle(locale.T("nav.status"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	legend := container.NewHBox()
	for _, st := range []string{CellReceived, CellReplaced, CellLate, CellRejected, CellOverdue, CellMissing, CellOpen, CellBefore} {
		legend.Add(container.NewStack(canvas.NewRectangle(cellColor(st)), widget.NewLabel(locale.T("dstatus.legend."+st))))
	}
	s.Remind = widget.NewButtonWithIcon(locale.T("dstatus.remind"), theme.MailSendIcon(), s.chooseRemind)
	if !u.Session.Can(auth.ExportReports) {
		s.Remind.Disable()
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading, container.NewHBox(widget.NewLabel(locale.T("dstatus.year")), kit.Narrow(s.Year, 110), s.Remind)),
		legend, s.Message)
	s.content = container.NewBorder(top, nil, nil, nil, s.Table)
	s.Year.SetSelected(years[0])
	s.Refresh()
	s.Year.OnChanged = func(string) { s.Refresh() }
	return s
}

// Content is the screen's widget tree.
func (s *Status) Content() fyne.CanvasObject { return s.content }

// Refresh reads the chosen year's standing again. It is read at once, as the window's lists
// read their first page: a dozen indexed readings of a few hundred rows at most.
func (s *Status) Refresh() {
	year, err := strconv.Atoi(s.Year.Selected)
	if err != nil {
		return
	}
	m, err := BuildMatrix(context.Background(), s.u, year, s.u.Now())
	s.show(m, err)
}

func (s *Status) show(m Matrix, err error) {
	if err != nil {
		kit.SetMessage(s.Message, locale.Err(err))
		return
	}
	s.Matrix = m
	if len(m.Towns) == 0 {
		kit.SetMessage(s.Message, locale.T("dstatus.no_towns"))
	} else {
		s.Message.Hide()
	}
	for i := range m.Periods {
		s.Table.SetColumnWidth(i+1, 78) // a year of months fits a 1366-wide window
	}
	s.Table.Refresh()
}

// Periods lists the periods of year the district asks for, by kind (months, then
// quarters, half-years, the year), each in order.
func Periods(kinds []string, year int) []string {
	var out []string
	for _, k := range kinds {
		n := map[string]int{appsettings.PeriodMonth: 1, appsettings.PeriodQuarter: 3, appsettings.PeriodHalf: 6, appsettings.PeriodYear: 12}[k]
		if n == 0 {
			continue
		}
		for m := 1; m <= 12; m += n {
			from := time.Date(year, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
			out = append(out, period.Canonical(from, from.AddDate(0, n, -1)))
		}
	}
	return out
}

// BuildMatrix reads every town's standing for each period of year the district asks for.
func BuildMatrix(ctx context.Context, u *kit.Env, year int, now time.Time) (Matrix, error) {
	kinds, err := u.Office.Settings.ReportKinds(ctx)
	if err != nil {
		return Matrix{}, err
	}
	dueDay := 5
	if v, err := u.Office.Settings.Get(ctx, appsettings.ReportDueDay); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 1 && n <= 28 {
			dueDay = n
		}
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	// Periods that ended before the bureau kept its ledger here (建账日期) were collected
	// some other way: they are not overdue, though what came for them shows.
	var since time.Time
	if v, err := u.Office.Settings.Get(ctx, appsettings.LedgerSince); err == nil {
		since, _ = time.Parse("2006-01-02", strings.TrimSpace(v))
	}
	m := Matrix{Periods: Periods(kinds, year)}
	row := map[string]int{}
	for j, p := range m.Periods {
		list, err := u.Office.District.Status(ctx, p)
		if err != nil {
			return Matrix{}, fmt.Errorf("the standing of %s: %w", p, err)
		}
		from, to, _ := period.Parse(p)
		next := to.AddDate(0, 0, 1)
		due := time.Date(next.Year(), next.Month(), dueDay, 0, 0, 0, 0, time.UTC)
		for _, ts := range list {
			i, ok := row[ts.Town.DivisionCode]
			if !ok {
				i = len(m.Towns)
				row[ts.Town.DivisionCode] = i
				name := ts.Town.Name
				if !ts.Registered {
					name = locale.T("inbox.town_unregistered", map[string]any{"Code": ts.Town.DivisionCode})
				}
				m.Towns = append(m.Towns, name)
				m.Cells = append(m.Cells, make([]Cell, len(m.Periods)))
			}
			c := Cell{Status: ts}
			switch {
			case ts.State == appdistrict.StateReceived:
				c.State, c.Text = receivedCell(ts, due)
			case ts.State == appdistrict.StateRejected:
				c.State, c.Text = CellRejected, locale.T("dstatus.legend.rejected")
			case !today.After(to) || from.After(today):
				c.State, c.Text = CellOpen, ""
			case to.Before(since):
				c.State, c.Text = CellBefore, "—"
			case today.After(due):
				c.State, c.Text = CellOverdue, locale.T("dstatus.legend.overdue")
			default:
				c.State, c.Text = CellMissing, locale.T("dstatus.legend.missing")
			}
			m.Cells[i][j] = c
		}
	}
	// A code that sent nothing for some period has empty cells there: nothing came.
	for i := range m.Cells {
		for j := range m.Cells[i] {
			if m.Cells[i][j].State == "" {
				m.Cells[i][j] = Cell{State: CellBefore, Text: "—"}
			}
		}
	}
	return m, nil
}

// receivedCell is the state and text of a period a version is in force for: late when the
// first version the district took in came after the due day (a correction sent later is not
// late), replaced when a later version superseded an earlier one. A marked cell says the
// version short (v2) to fit a month's column; the cell's dialog tells the whole story.
func receivedCell(ts appdistrict.TownStatus, due time.Time) (string, string) {
	first := ts.InForce.ReceivedAt
	for _, r := range ts.Superseded {
		first = min(first, r.ReceivedAt)
	}
	state := CellReceived
	if len(ts.Superseded) > 0 {
		state = CellReplaced
	}
	// Received at is UTC; the due day is the bureau's calendar day, ending at local midnight.
	if local, err := report.ParseStamp(first); err == nil {
		if time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC).After(due) {
			state = CellLate
		}
	}
	if state == CellReceived {
		return state, VersionText(ts.InForce.Version)
	}
	return state, locale.T("dstatus.mark."+state, map[string]any{"N": ts.InForce.Version})
}

// ColumnLabel names a period in a column's head: 1月, 第一季度, 上半年, 全年.
func ColumnLabel(p string) string {
	from, to, err := period.Parse(p)
	if err != nil {
		return p
	}
	switch months := int(to.Month()) - int(from.Month()) + 1; months {
	case 12:
		return locale.T("dstatus.col.year")
	case 6:
		return locale.T([]string{"dstatus.col.h1", "dstatus.col.h2"}[int(from.Month()-1)/6])
	case 3:
		return locale.T([]string{"dstatus.col.q1", "dstatus.col.q2", "dstatus.col.q3", "dstatus.col.q4"}[int(from.Month()-1)/3])
	}
	return locale.T("dstatus.col.month", map[string]any{"Month": int(from.Month())})
}

func cellColor(state string) color.Color {
	if state == CellLate {
		// Yellow: received, but not in time; apart from the theme's orange of 退回.
		return color.NRGBA{R: 0xFF, G: 0xE0, B: 0x20, A: 120}
	}
	name := map[string]fyne.ThemeColorName{CellReceived: theme.ColorNameSuccess, CellReplaced: theme.ColorNameHyperlink,
		CellRejected: theme.ColorNameWarning, CellOverdue: theme.ColorNameError, CellMissing: theme.ColorNameDisabled}[state]
	if name == "" {
		return color.Transparent
	}
	r, g, b, _ := theme.Color(name).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 70}
}

func (s *Status) fill(id widget.TableCellID, c *fyne.Container) {
	bg := c.Objects[0].(*canvas.Rectangle)
	l := c.Objects[1].(*widget.Label)
	l.TextStyle = fyne.TextStyle{}
	l.Alignment = fyne.TextAlignCenter
	bg.FillColor = color.Transparent
	switch {
	case id.Row == 0 && id.Col == 0:
		l.Alignment = fyne.TextAlignLeading
		l.TextStyle.Bold = true
		l.SetText(locale.T("dstatus.town"))
	case id.Row == 0:
		l.TextStyle.Bold = true
		l.SetText(ColumnLabel(s.Matrix.Periods[id.Col-1]))
	case id.Col == 0:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(s.Matrix.Towns[id.Row-1])
	default:
		cell := s.Matrix.Cells[id.Row-1][id.Col-1]
		bg.FillColor = cellColor(cell.State)
		l.SetText(cell.Text)
	}
	bg.Refresh()
	l.Refresh()
}

// showCell says everything received from one town for one period.
func (s *Status) showCell(i, j int) {
	c := s.Matrix.Cells[i][j]
	var lines []string
	st := c.Status
	if st.InForce.ID != "" {
		lines = append(lines, locale.T("dstatus.detail.in_force", map[string]any{"Version": VersionText(st.InForce.Version),
			"At": report.LocalTime(st.InForce.ReceivedAt)}))
	}
	for _, r := range st.Superseded {
		lines = append(lines, locale.T("dstatus.detail.superseded", map[string]any{"Version": VersionText(r.Version), "At": report.LocalTime(r.ReceivedAt)}))
	}
	for _, r := range st.Late {
		lines = append(lines, locale.T("dstatus.detail.late", map[string]any{"Version": VersionText(r.Version), "At": report.LocalTime(r.ReceivedAt)}))
	}
	for _, r := range st.Rejected {
		lines = append(lines, locale.T("dstatus.detail.rejected", map[string]any{"Version": VersionText(r.Version),
			"At": report.LocalTime(r.ReceivedAt), "Reason": r.Reason}))
	}
	if len(lines) == 0 {
		lines = append(lines, locale.T("dstatus.detail.none"))
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	title := s.Matrix.Towns[i] + " · " + PeriodText(s.Matrix.Periods[j])
	dialog.ShowCustom(title, locale.T("OK"), container.NewStack(kit.Strut(480), text), s.u.Win)
}

// Ended lists the matrix's periods that have ended by now, the latest first: those a town can
// be reminded of.
func (s *Status) Ended(now time.Time) []string {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var out []string
	for _, p := range s.Matrix.Periods {
		if _, to, err := period.Parse(p); err == nil && today.After(to) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		_, ta, _ := period.Parse(a)
		_, tb, _ := period.Parse(b)
		return tb.Compare(ta)
	})
	return out
}

// chooseRemind asks which ended period of the year to remind the towns of.
func (s *Status) chooseRemind() {
	ended := s.Ended(s.u.Now())
	if len(ended) == 0 {
		dialog.ShowInformation(locale.T("dstatus.remind.title"), locale.T("dstatus.remind.none_ended"), s.u.Win)
		return
	}
	labels := make([]string, len(ended))
	for i, p := range ended {
		labels[i] = PeriodText(p)
	}
	pick := kit.Choice(labels, nil)
	pick.SetSelected(labels[0])
	hint := widget.NewLabel(locale.T("dstatus.remind.hint"))
	hint.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(locale.T("dstatus.remind.title"), locale.T("dstatus.remind.send"), locale.T("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(locale.T("consolidate.period"), pick), widget.NewFormItem("", hint)},
		func(ok bool) {
			if i := slices.Index(labels, pick.Selected); ok && i >= 0 {
				s.RemindOf(ended[i])
			}
		}, s.u.Win)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

// RemindOf mails a reminder of period p to every registered town with nothing in force for it,
// with the office's mail account, in the background, then lists who was reminded.
func (s *Status) RemindOf(p string) {
	s.u.MailAccount(func(cfg outbox.Config, pw string) {
		var list []appdistrict.Reminded
		s.u.Run(locale.T("dstatus.remind.sending"), func(ctx context.Context) error {
			var err error
			list, err = s.u.Office.District.Remind(ctx, s.u.Session, s.u.Mail.Account(cfg, pw), p)
			return err
		}, func(err error) {
			if err != nil {
				kit.ShowError(s.u.Win, err)
				return
			}
			s.showReminded(p, list)
		})
	})
}

// showReminded lists who was reminded of p, and whose mail could not go.
func (s *Status) showReminded(p string, list []appdistrict.Reminded) {
	s.Reminded = s.Reminded[:0:0]
	sent := 0
	for _, r := range list {
		d := map[string]any{"Code": r.Town.DivisionCode, "Name": r.Town.Name, "To": strings.Join(r.To, locale.T("cli.list_separator")),
			"State": locale.T("cli.district.state." + r.State)}
		if r.Err != nil {
			d["Error"] = strings.Join(locale.Lines(r.Err), "；")
			s.Reminded = append(s.Reminded, strings.TrimSpace(locale.T("cli.district.remind.failed", d)))
			continue
		}
		sent++
		s.Reminded = append(s.Reminded, strings.TrimSpace(locale.T("cli.district.remind.sent", d)))
	}
	head := locale.T("cli.district.remind.done", map[string]any{"N": sent})
	if len(list) == 0 {
		head = locale.T("cli.district.remind.nothing", map[string]any{"Period": PeriodText(p)})
	}
	top := widget.NewLabel(head)
	top.Wrapping = fyne.TextWrapWord
	text := widget.NewLabel(strings.Join(s.Reminded, "\n"))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	size := s.u.Win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(600, size.Width-80), min(240, size.Height-220)))
	dialog.ShowCustom(locale.T("dstatus.remind.title"), locale.T("OK"), container.NewBorder(top, nil, nil, nil, scroll), s.u.Win)
}
