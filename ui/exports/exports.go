package exports

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/outbox"
	"townledger/app/period"
	"townledger/app/report"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Exports is the 数据报送 section: the chosen period's state, writing its workbook, sending
// it to the district in one step, the outbox and the export history.
type Exports struct {
	kit.Body
	u        *kit.Env
	List     *kit.RecordList
	Period   *kit.Select
	Export   *widget.Button
	Send     *widget.Button
	Replies  *widget.Button
	Retry    *widget.Button
	State    *widget.Label // the chosen period's newest version and its state
	Changed  *widget.Label // shown when a sent version no longer matches the data
	Outbox   *widget.Label // what waits in the outbox and why
	Page     *ExportPage   // the version shown, nil on the list
	list     fyne.CanvasObject
	periods  map[string]string
	latest   *office.ExportRecord
	stateSeq int // the newest status check; older answers are dropped
}

// reportPeriods are the periods the page offers, in the order app/report gives them.
func reportPeriods(u *kit.Env) (labels []string, periods map[string]string) {
	offered, err := u.Office.Report.Offered(context.Background(), u.Now())
	if err != nil {
		fyne.LogError("report periods", err)
	}
	return kit.PeriodChoices(offered)
}

func New(u *kit.Env) *Exports {
	e := &Exports{u: u, Body: kit.NewBody()}
	labels, periods := reportPeriods(u)
	e.periods = periods
	e.State, e.Changed, e.Outbox = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	for _, l := range []*widget.Label{e.State, e.Changed, e.Outbox} {
		l.Wrapping = fyne.TextWrapWord
	}
	e.Changed.Importance = widget.WarningImportance
	e.Changed.Hide()
	e.Period = kit.Choice(labels, func(string) { e.refresh() })
	e.Export = widget.NewButtonWithIcon(locale.T("exports.write"), theme.DocumentSaveIcon(), e.write)
	e.Send = widget.NewButtonWithIcon(locale.T("exports.send"), theme.MailSendIcon(), func() { e.SendPeriod(false) })
	e.Send.Importance = widget.HighImportance
	e.Replies = widget.NewButtonWithIcon(locale.T("exports.replies"), theme.MailReplyIcon(), e.checkReplies)
	e.Retry = widget.NewButtonWithIcon(locale.T("exports.retry"), theme.ViewRefreshIcon(), e.retry)
	e.Retry.Hide()
	if !u.Session.Can(auth.ExportReports) {
		for _, b := range []*widget.Button{e.Export, e.Send, e.Replies, e.Retry} {
			b.Disable()
		}
	}
	e.List = kit.NewRecordList(u, office.ListExports)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(locale.T("exports.period")),
			container.NewHBox(e.Export, e.Send), e.Period),
		e.State, e.Changed, container.NewBorder(nil, nil, nil, container.NewHBox(e.Retry, e.Replies), e.Outbox), widget.NewSeparator())
	e.List.OnOpen = e.Open
	plain := e.List.Fetch
	e.List.Fetch = func(q string) kit.ListReader {
		read := plain(q)
		return func(ctx context.Context, page office.ListPage) ([]office.ListItem, int, error) {
			items, n, err := read(ctx, page)
			for i := range items {
				items[i].Title = versionTitle(items[i].Title)
			}
			return items, n, err
		}
	}
	e.list = container.NewBorder(top, nil, nil, nil, e.List.Content())
	e.Set(e.list)
	if len(labels) > 0 {
		e.Period.SetSelected(labels[0])
	}
	return e
}

func (e *Exports) period() string { return e.periods[e.Period.Selected] }

// refresh reads the chosen period's versions and the outbox, then checks in the background
// whether a sent version still matches the data.
func (e *Exports) refresh() {
	ctx := context.Background()
	e.List.Reload()
	e.showOutbox()
	period := e.period()
	versions, err := e.u.Office.Exports(ctx, period)
	e.latest = nil
	e.Changed.Hide()
	switch {
	case err != nil:
		e.State.SetText(locale.Err(err))
		return
	case len(versions) == 0:
		e.State.SetText(locale.T("exports.state.none"))
		return
	}
	// How far the period got with the district: the version waiting in the outbox, else the
	// one it has, else the newest draft; a draft after those is said too.
	st := report.StandingOf(versions)
	last := versions[0] // only versions taken back out of the outbox: the newest of them
	if l := st.Latest(); l != nil {
		last = *l
	}
	e.latest = &last
	reason := last.RejectReason // said when the district sent the version back
	if reason == "" {
		reason = locale.T("exports.rejected.no_reason")
	}
	text := locale.T("exports.state."+last.State, map[string]any{"Version": last.Version,
		"At": report.LocalTime(last.CreatedAt), "SentAt": report.LocalTime(last.SentAt), "AckedAt": report.LocalTime(last.AckedAt),
		"Reason": reason})
	if d := st.Draft; d != nil && d.ID != last.ID {
		text += "\n" + locale.T("exports.state.draft", map[string]any{"Version": d.Version, "At": report.LocalTime(d.CreatedAt)})
	}
	e.State.SetText(text)
	got := st.Received
	if got == nil {
		return
	}
	next := report.NextVersion(versions)
	e.stateSeq++
	seq := e.stateSeq
	e.u.Background(func(ctx context.Context) (func(), error) {
		changed, err := e.u.Office.Report.Changed(ctx, *got, e.u.Now())
		return func() {
			if seq != e.stateSeq || err != nil || !changed {
				return
			}
			e.Changed.SetText(locale.T("exports.changed", map[string]any{"Version": got.Version,
				"Next": next, "SentAt": report.LocalTime(got.SentAt)}))
			e.Changed.Show()
		}, err
	})
}

// showOutbox says what waits to be sent and the last failure.
func (e *Exports) showOutbox() {
	items, err := e.u.Office.OutboxItems(context.Background())
	if err != nil {
		e.Outbox.SetText(locale.Err(err))
		return
	}
	waiting, failed := 0, 0
	var lastErr error
	for _, it := range items {
		switch it.State {
		case office.OutboxPending, office.OutboxSending:
			waiting++
		case office.OutboxFailed:
			failed++
		}
		if it.State != office.OutboxSent && lastErr == nil {
			lastErr = outbox.LastError(it)
		}
	}
	text := locale.T("exports.outbox", map[string]any{"Waiting": waiting, "Failed": failed})
	if waiting+failed == 0 {
		text = locale.T("exports.outbox.empty")
	}
	if lastErr != nil {
		text += "\n" + locale.T("exports.outbox.last_error", map[string]any{"Error": locale.Err(lastErr)})
	}
	town, _, _ := e.u.Office.Town(context.Background())
	if cfg, err := e.u.Office.Outbox.Load(context.Background()); err == nil && (!cfg.Configured() || town.DistrictEmail == "") {
		text += "\n" + locale.T("exports.setup_hint") // said before the person tries to send
	}
	e.Outbox.SetText(text)
	if waiting+failed > 0 && e.u.Session.Can(auth.ExportReports) {
		e.Retry.Show()
	} else {
		e.Retry.Hide()
	}
}

func (e *Exports) write() {
	period := e.period()
	name := locale.T("exports.file_name", map[string]any{"Period": e.Period.Selected})
	kit.SaveAs(e.u, name, func(path string) {
		var sum report.Summary
		var rec office.ExportRecord
		e.u.Run(locale.T("exports.write"), func(ctx context.Context) error {
			var err error
			if sum, err = e.u.Office.Report.Write(ctx, period, path, e.u.Now(), e.u.Session.DisplayName); err != nil {
				return err
			}
			rec, err = e.u.Office.Report.Record(ctx, e.u.Session, sum)
			return err
		}, func(err error) {
			if err != nil {
				kit.ShowError(e.u.Win, err)
				return
			}
			e.refresh() // the new version heads the history
			key := "exports.written"
			switch {
			case report.Reused(sum, rec) && rec.Received():
				key = "exports.written_same" // the district has these data: no new version
			case report.Reused(sum, rec):
				key = "exports.written_same_unsent"
			}
			dialog.ShowInformation(locale.T("exports.write"), locale.T(key, map[string]any{
				"Period": e.Period.Selected, "Version": rec.Version, "Records": sum.Records, "Path": sum.Path}), e.u.Win)
		})
	})
}

// choose selects a period (canonical form), adding it to the choices when missing.
func (e *Exports) choose(canonical string) {
	for l, p := range e.periods {
		if p == canonical {
			e.Period.SetSelected(l)
			return
		}
	}
	from, to, err := period.Parse(canonical)
	if err != nil {
		return
	}
	l := period.Label(from, to, kit.Translate)
	e.periods[l] = canonical
	e.Period.Options = append([]string{l}, e.Period.Options...)
	e.Period.SetSelected(l)
}

// showList goes back from a version's page to the list.
func (e *Exports) showList() {
	e.Page = nil
	e.Set(e.list)
	e.refresh()
}

// versionTitle shows a history line's "2024-Q3 v2" as "2024年第三季度 第 2 版".
func versionTitle(title string) string {
	name, v, ok := strings.Cut(title, " v")
	from, to, err := period.Parse(name)
	n, nerr := strconv.Atoi(v)
	if !ok || err != nil || nerr != nil {
		return title
	}
	return locale.T("export.title", map[string]any{"Period": period.Label(from, to, kit.Translate), "Version": n})
}

// ChoosePeriod shows a period (from the home page's report lines).
func (e *Exports) ChoosePeriod(period string) { e.choose(period) }

// Refresh reads the chosen period's state and the history again (after a background send).
func (e *Exports) Refresh() { e.refresh() }

// Leave stops the list's reading under way: the shell calls it when another section
// replaces this one.
func (e *Exports) Leave() { e.List.Stop() }
