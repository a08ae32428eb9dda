package home

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/app/office"
	"townledger/app/period"
	"townledger/app/report"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// reports lists the periods the district wants with their state (due, overdue, sent,
// acknowledged); a line opens 数据报送 on that period.
func (h *Home) reports(u *kit.Env) fyne.CanvasObject {
	due, err := u.Office.Report.DueList(context.Background(), u.Now())
	if err != nil {
		return widget.NewLabel(locale.Err(err))
	}
	h.Reports = due
	box := container.NewVBox()
	for _, d := range due {
		d := d
		label := period.Label(d.From, d.To, kit.Translate)
		v := map[string]any{"Period": label, "Kind": locale.T("period.kind." + d.Kind), "Due": d.DueOn.Format("2006-01-02")}
		if d.Latest != nil {
			v["Version"], v["SentAt"], v["AckedAt"] = d.Latest.Version, report.LocalTime(d.Latest.SentAt), report.LocalTime(d.Latest.AckedAt)
		}
		b := widget.NewButton(locale.T("home.report."+d.State, v), func() {
			if e, ok := h.open(u, "nav.exports").(kit.PeriodChooser); ok {
				e.ChoosePeriod(d.Period)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		switch d.State {
		case report.DueOverdue:
			b.Importance = widget.DangerImportance
		case report.DueOpen, report.DueQueued:
			b.Importance = widget.WarningImportance
		default:
			b.Importance = widget.LowImportance
		}
		h.ReportButtons = append(h.ReportButtons, b)
		box.Add(b)
		if d.State == report.DueSent || d.State == report.DueAcknowledged {
			h.flagChanged(u, b, *d.Latest)
		}
	}
	return box
}

// flagChanged checks in the background whether a sent version still matches the period's
// data, and says so on its line when it does not (数据报送 then offers the next version).
func (h *Home) flagChanged(u *kit.Env, b *widget.Button, sent office.ExportRecord) {
	background(h, u, "changed", func(ctx context.Context) (bool, error) { return u.Office.Report.Changed(ctx, sent, u.Now()) },
		func(changed bool, err error) {
			if err != nil {
				fyne.LogError("home: report changed", err)
			}
			if !changed {
				return
			}
			b.SetText(b.Text + locale.T("home.report.changed"))
			b.Importance = widget.WarningImportance
			b.Refresh()
		})
}
