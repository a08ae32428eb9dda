package district

import (
	"context"
	"strings"
	"townledger/app/office"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	appdistrict "townledger/app/district"
	"townledger/app/outbox"
	"townledger/app/period"
	"townledger/app/report"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Inbox is the 收件 section: every workbook received from the towns, the latest first, with
// what came of it, and the intake from a folder.
type Inbox struct {
	u        *kit.Env
	Count    *widget.Label
	List     *widget.List
	Empty    *widget.Label
	Folder   *widget.Button
	Mail     *widget.Button // 收取邮件
	Received []office.ReceivedReport
	// LastPull is what the last intake said of each file, as its summary dialog lists it.
	LastPull []string
	names    map[string]string // division code → registered name
	content  fyne.CanvasObject
}

// NewInbox makes the 收件 section.
func NewInbox(u *kit.Env) *Inbox {
	x := &Inbox{u: u, names: map[string]string{}}
	x.Folder = widget.NewButtonWithIcon(locale.T("inbox.folder"), theme.FolderOpenIcon(), x.chooseFolder)
	if !u.Session.Can(auth.ExportReports) {
		x.Folder.Disable()
	}
	x.Count = widget.NewLabel("")
	x.Empty = widget.NewLabel("")
	x.Empty.Wrapping = fyne.TextWrapWord
	x.Empty.Alignment = fyne.TextAlignCenter
	x.List = widget.NewList(
		func() int { return len(x.Received) },
		func() fyne.CanvasObject { return kit.ListRow(widget.NewLabel("")) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(x.Received) {
				return
			}
			title, detail, outcome, imp := x.Line(i)
			row := o.(*fyne.Container)
			text := row.Objects[0].(*fyne.Container)
			text.Objects[0].(*widget.Label).SetText(title)
			text.Objects[1].(*widget.Label).SetText(detail)
			tag := row.Objects[1].(*widget.Label)
			tag.Importance = imp
			tag.SetText(outcome)
		},
	)
	x.List.OnSelected = func(i widget.ListItemID) {
		x.List.UnselectAll()
		if i < len(x.Received) {
			x.showOne(i)
		}
	}
	heading := widget.NewLabelWithStyle(locale.T("nav.inbox"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	actions := []fyne.CanvasObject{x.Count, x.Folder}
	if mail := mailButton(u, x); mail != nil {
		actions = append(actions, mail)
	}
	top := container.NewVBox(container.NewBorder(nil, nil, heading, container.NewHBox(actions...)), widget.NewSeparator())
	x.content = container.NewBorder(top, nil, nil, nil, container.NewStack(x.List, container.NewVBox(kit.Spacer(), x.Empty, kit.Spacer())))
	x.Refresh()
	return x
}

// Content is the screen's widget tree.
func (x *Inbox) Content() fyne.CanvasObject { return x.content }

// Refresh reads the received workbooks again (one indexed query, as the window's lists
// read their first page).
func (x *Inbox) Refresh() {
	ctx := context.Background()
	towns, err := x.u.Office.District.Towns(ctx)
	var got []office.ReceivedReport
	if err == nil {
		got, err = x.u.Office.District.Inbox(ctx)
	}
	if err != nil {
		kit.SetMessage(x.Empty, locale.Err(err))
		return
	}
	x.names = map[string]string{}
	for _, t := range towns {
		x.names[t.DivisionCode] = t.Name
	}
	x.Received = got
	x.Count.SetText(locale.T("list.count", map[string]any{"N": len(got)}))
	if len(got) == 0 {
		kit.SetMessage(x.Empty, locale.T("inbox.empty"))
	} else {
		x.Empty.Hide()
	}
	x.List.Refresh()
}

// townName names the town a workbook came from: its registered name, else its code.
func (x *Inbox) townName(code string) string {
	switch {
	case x.names[code] != "":
		return x.names[code]
	case code == "":
		return locale.T("inbox.town_unknown")
	}
	return locale.T("inbox.town_unregistered", map[string]any{"Code": code})
}

// VersionText says a version number in words (第 2 版).
func VersionText(n int) string {
	if n <= 0 {
		return locale.T("cli.district.version.unknown")
	}
	return locale.T("cli.district.version.number", map[string]any{"N": n})
}

// PeriodText names a period (2026年第三季度) in the window's language.
func PeriodText(p string) string {
	from, to, err := period.Parse(p)
	if err != nil {
		return p
	}
	return period.Label(from, to, func(key string, d map[string]any) string { return locale.T(key, d) })
}

// Line is what row i of the list says: town, period and version; when and from whom; and
// the outcome with how it is marked.
func (x *Inbox) Line(i int) (title, detail, outcome string, imp widget.Importance) {
	r := x.Received[i]
	parts := []string{x.townName(r.FromTown)}
	if r.Period != "" {
		parts = append(parts, PeriodText(r.Period))
	}
	if r.Version > 0 || r.Outcome != office.ReceivedRejected {
		parts = append(parts, VersionText(r.Version))
	}
	title = strings.Join(parts, " · ")
	from := locale.T("inbox.via_folder")
	if r.Source == office.SourceMail {
		from = locale.T("inbox.via_mail", map[string]any{"Sender": r.Sender})
	}
	d := []string{report.LocalTime(r.ReceivedAt), from, r.FileName}
	if r.Reason != "" {
		d = append(d, locale.T("inbox.reason", map[string]any{"Reason": r.Reason}))
	}
	detail = strings.Join(d, " · ")
	outcome, imp = OutcomeText(r)
	return title, detail, outcome, imp
}

// OutcomeText says what came of a received workbook, and how it is marked.
func OutcomeText(r office.ReceivedReport) (string, widget.Importance) {
	switch {
	case r.InForce:
		return locale.T("inbox.outcome.in_force"), widget.SuccessImportance
	case r.Outcome == office.ReceivedRejected:
		return locale.T("inbox.outcome.rejected"), widget.DangerImportance
	case r.Outcome == office.ReceivedLate:
		return locale.T("inbox.outcome.late"), widget.WarningImportance
	case r.Outcome == office.ReceivedDuplicate:
		return locale.T("inbox.outcome.duplicate"), widget.MediumImportance
	case r.Outcome == office.ReceivedSuperseded:
		return locale.T("inbox.outcome.superseded"), widget.MediumImportance
	}
	return locale.T("inbox.outcome.merged"), widget.MediumImportance
}

// showOne shows everything recorded of one received workbook.
func (x *Inbox) showOne(i int) {
	r := x.Received[i]
	outcome, _ := OutcomeText(r)
	from := locale.T("inbox.via_folder")
	if r.Source == office.SourceMail {
		from = locale.T("inbox.via_mail", map[string]any{"Sender": r.Sender})
	}
	items := []*widget.FormItem{
		widget.NewFormItem(locale.T("inbox.field.town"), widget.NewLabel(x.townName(r.FromTown))),
		widget.NewFormItem(locale.T("inbox.field.period"), widget.NewLabel(PeriodText(r.Period))),
		widget.NewFormItem(locale.T("inbox.field.version"), widget.NewLabel(VersionText(r.Version))),
		widget.NewFormItem(locale.T("inbox.field.received"), widget.NewLabel(report.LocalTime(r.ReceivedAt))),
		widget.NewFormItem(locale.T("inbox.field.from"), widget.NewLabel(from)),
		widget.NewFormItem(locale.T("inbox.field.file"), widget.NewLabel(r.FileName)),
		widget.NewFormItem(locale.T("inbox.field.outcome"), widget.NewLabel(outcome)),
	}
	if r.Reason != "" {
		reason := widget.NewLabel(r.Reason)
		reason.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem(locale.T("inbox.field.reason"), reason))
	}
	d := dialog.NewCustom(locale.T("inbox.one.title"), locale.T("OK"),
		container.NewStack(kit.Strut(520), widget.NewForm(items...)), x.u.Win)
	d.Show()
}

// chooseFolder asks for the folder the towns' workbooks were saved in, and takes them in.
func (x *Inbox) chooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		x.PullFolder(l.Path())
	}, x.u.Win)
	d.SetTitleText(locale.T("inbox.folder.title"))
	if l, err := storage.ListerForURI(storage.NewFileURI(x.u.App.Preferences().StringWithFallback(lastFolderKey, ""))); err == nil {
		d.SetLocation(l)
	}
	s := x.u.Win.Canvas().Size()
	d.Resize(fyne.NewSize(min(s.Width-40, 900), min(s.Height-40, 600)))
	d.Show()
}

const lastFolderKey = "townledger.district.folder"

// PullFolder takes in every workbook in dir in the background, then lists what came of
// each in a dialog and shows the list again.
func (x *Inbox) PullFolder(dir string) {
	x.u.App.Preferences().SetString(lastFolderKey, dir)
	var outs []appdistrict.Outcome
	x.u.Run(locale.T("inbox.pulling"), func(ctx context.Context) error {
		if err := x.u.Office.Backup.CheckSound(ctx); err != nil {
			return err
		}
		var err error
		outs, err = x.u.Office.District.PullFolder(ctx, x.u.Session, dir, func(err error) string { return locale.Err(err) })
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(x.u.Win, err)
		} else {
			x.showOutcomes(outs, locale.T("inbox.pull.nothing", map[string]any{"Dir": dir}))
		}
		x.Refresh() // what was recorded, even of an intake cancelled half-way
	})
}

// showOutcomes lists what came of each file of an intake.
func (x *Inbox) showOutcomes(outs []appdistrict.Outcome, nothing string) {
	x.LastPull = x.LastPull[:0:0]
	for _, o := range outs {
		x.LastPull = append(x.LastPull, x.outcomeLine(o))
	}
	x.showSummary(outs, nothing)
}

// showSummary shows LastPull in a dialog, under how many of outs were new.
func (x *Inbox) showSummary(outs []appdistrict.Outcome, nothing string) {
	fresh := 0
	for _, o := range outs {
		if !o.Again {
			fresh++
		}
	}
	head := widget.NewLabel(locale.T("inbox.pull.done", map[string]any{"N": fresh, "M": len(outs)}))
	head.Wrapping = fyne.TextWrapWord
	if len(outs) == 0 {
		head.SetText(nothing)
		dialog.ShowCustom(locale.T("inbox.pull.title"), locale.T("OK"), container.NewStack(kit.Strut(420), head), x.u.Win)
		return
	}
	text := widget.NewLabel(strings.Join(x.LastPull, "\n"))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	s := x.u.Win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(640, s.Width-80), min(320, s.Height-220)))
	dialog.ShowCustom(locale.T("inbox.pull.title"), locale.T("OK"), container.NewBorder(head, nil, nil, nil, scroll), x.u.Win)
}

// outcomeLine says what came of one file, as the command line does.
func (x *Inbox) outcomeLine(out appdistrict.Outcome) string {
	d := map[string]any{"File": out.File, "Town": out.TownName, "Period": PeriodText(out.Report.Period),
		"Version": VersionText(out.Report.Version)}
	if out.TownName == "" {
		d["Town"] = x.townName(out.Report.FromTown)
	}
	key := ""
	switch {
	case out.Again && out.Result == office.ReceivedRejected:
		key, d["At"] = "cli.district.pull.again_rejected", report.LocalTime(out.Report.ReceivedAt)
	case out.Again:
		key, d["At"] = "cli.district.pull.again", report.LocalTime(out.Report.ReceivedAt)
	case out.Result == office.ReceivedMerged && out.Replaced.ID != "":
		key, d["Old"] = "cli.district.pull.superseded", VersionText(out.Replaced.Version)
	case out.Result == office.ReceivedMerged:
		key = "cli.district.pull.merged"
	case out.Result == office.ReceivedDuplicate:
		key, d["InForce"] = "cli.district.pull.duplicate", VersionText(out.InForce.Version)
	case out.Result == office.ReceivedLate:
		key, d["InForce"] = "cli.district.pull.late", VersionText(out.InForce.Version)
	case out.Result == office.ReceivedRejected:
		key, d["Reason"] = "cli.district.pull.rejected", reasonOf(out)
	default:
		key, d["Reason"] = "cli.district.pull.failed", reasonOf(out)
	}
	return locale.T(key, d)
}

func reasonOf(out appdistrict.Outcome) string {
	if out.Err != nil {
		return strings.Join(locale.Lines(out.Err), "；")
	}
	return out.Report.Reason
}

// mailButton is the 收取邮件 button: the district's mailbox is read with the office's mail
// account, as a town checks for the district's replies.
func mailButton(u *kit.Env, x *Inbox) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(locale.T("inbox.mail"), theme.MailReplyIcon(), x.pullMail)
	if !u.Session.Can(auth.ExportReports) {
		b.Disable()
	}
	x.Mail = b
	return b
}

// pullMail takes in the towns' workbooks from the district's mailbox in the background,
// answering each town, then lists what came of each message.
func (x *Inbox) pullMail() {
	x.u.MailAccount(func(cfg outbox.Config, pw string) {
		var outs []appdistrict.MailOutcome
		x.u.Run(locale.T("inbox.mail.pulling"), func(ctx context.Context) error {
			if err := x.u.Office.Backup.CheckSound(ctx); err != nil {
				return err
			}
			var err error
			outs, err = x.u.Office.District.PullMail(ctx, x.u.Session, x.u.Mail.Account(cfg, pw),
				func(err error) string { return locale.Err(err) })
			return err
		}, func(err error) {
			if err != nil {
				kit.ShowError(x.u.Win, err)
			}
			if err == nil || len(outs) > 0 {
				x.showMailOutcomes(outs)
			}
			x.Refresh()
		})
	})
}

// showMailOutcomes lists what came of each message and of its receipt.
func (x *Inbox) showMailOutcomes(outs []appdistrict.MailOutcome) {
	plain := make([]appdistrict.Outcome, len(outs))
	x.LastPull = x.LastPull[:0:0]
	for i, o := range outs {
		plain[i] = o.Outcome
		line := x.outcomeLine(o.Outcome)
		switch {
		case o.Retried:
			line = locale.T("inbox.mail.receipt_retried", map[string]any{"File": o.File})
			plain[i].Again = true // nothing new was received
		case o.ReceiptErr != nil:
			line += locale.T("inbox.mail.receipt_failed", map[string]any{"Reason": strings.Join(locale.Lines(o.ReceiptErr), "；")})
		case o.Receipt != "":
			line += locale.T("inbox.mail.receipt_sent")
		}
		x.LastPull = append(x.LastPull, line)
	}
	x.showSummary(plain, locale.T("inbox.mail.nothing"))
}
