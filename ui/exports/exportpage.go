package exports

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/office"
	"townledger/app/outbox"
	"townledger/app/report"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// ExportPage shows one version of the history: its hashes, who made it, when it was sent and
// acknowledged, its outbox attempts, and saves a copy of the very file.
type ExportPage struct {
	Export office.ExportRecord
	SaveAs *widget.Button
	Back   *widget.Button
	Fields map[string]*widget.Label
}

func (e *Exports) Open(id string) {
	ctx := context.Background()
	rec, err := e.u.Office.Export(ctx, id)
	if err != nil {
		kit.ShowError(e.u.Win, err)
		return
	}
	p := &ExportPage{Export: rec, Fields: map[string]*widget.Label{}}
	form := widget.NewForm()
	add := func(key, value string) {
		l := widget.NewLabel(value)
		l.Wrapping = fyne.TextWrapBreak
		l.TextStyle.Monospace = len(value) == 64
		p.Fields[key] = l
		form.Append(locale.T(key), l)
	}
	add("export.period", rec.Period)
	add("export.version", strconv.Itoa(rec.Version))
	add("export.state", locale.T("tag."+rec.State))
	by := e.u.Office.Report.Author(ctx, rec.CreatedBy)
	if rec.CreatedBy == office.System.UserID {
		by = locale.T("export.by_cli") // a scheduled task or a script
	}
	add("export.by", by)
	add("export.at", report.LocalTime(rec.CreatedAt))
	add("export.file", rec.FileName)
	add("export.file_sha256", rec.FileSHA256)
	add("export.content_hash", rec.ContentHash)
	if rec.SupersedesID != "" {
		if prev, err := e.u.Office.Export(ctx, rec.SupersedesID); err == nil {
			add("export.supersedes", locale.T("export.version_of", map[string]any{"Version": prev.Version}))
		}
	}
	if rec.SentAt != "" {
		add("export.sent_at", report.LocalTime(rec.SentAt))
	}
	switch {
	case rec.AckedAt != "" && rec.State == office.ExportAcknowledged:
		add("export.acked_at", report.LocalTime(rec.AckedAt))
	case rec.AckedAt != "": // the district's answer sent the version back
		add("export.rejected_at", report.LocalTime(rec.AckedAt))
		reason := rec.RejectReason
		if reason == "" {
			reason = locale.T("exports.rejected.no_reason")
		}
		add("export.reject_reason", reason)
	}
	if box, err := e.u.Office.OutboxItems(ctx); err == nil {
		for _, it := range box {
			if it.Export.ID != rec.ID {
				continue
			}
			add("export.attempts", strconv.Itoa(it.Attempts))
			if err := outbox.LastError(it); err != nil && it.State != office.OutboxSent {
				add("export.last_error", locale.Err(err))
			}
		}
	}
	p.Back = widget.NewButtonWithIcon(locale.T("action.back"), theme.NavigateBackIcon(), func() { e.showList() })
	p.SaveAs = widget.NewButtonWithIcon(locale.T("export.save_copy"), theme.DocumentSaveIcon(), func() {
		kit.SaveAs(e.u, rec.FileName, func(path string) {
			if err := e.u.Office.Report.SaveCopy(context.Background(), rec.ID, path); err != nil {
				kit.ShowError(e.u.Win, err)
				return
			}
			dialog.ShowInformation(locale.T("export.save_copy"), path, e.u.Win)
		})
	})
	e.Page = p
	title := widget.NewLabelWithStyle(versionTitle(rec.Period+" v"+strconv.Itoa(rec.Version)),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.Set(container.NewBorder(container.NewHBox(p.Back, title), container.NewHBox(p.SaveAs), nil, nil,
		container.NewVScroll(form)))
}
