package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/data"
	"townledger/ui/locale"
)

// Exports is the 数据报送 section: the export history, and writing a period's workbook for
// the district.
type Exports struct {
	sectionBody
	u       *UI
	List    *RecordList
	Period  *widget.Select
	Export  *widget.Button
	periods map[string]string
}

func newExports(u *UI) *Exports {
	e := &Exports{u: u, sectionBody: newSectionBody(), periods: map[string]string{}}
	now := u.Now()
	y, m, q := now.Year(), int(now.Month()), (int(now.Month())-1)/3+1
	// The periods a town usually reports, most recent first.
	var candidates []string
	prevMonth := now.AddDate(0, -1, 0)
	candidates = append(candidates, prevMonth.Format("2006-01"))
	if q > 1 {
		candidates = append(candidates, strconv.Itoa(y)+"-Q"+strconv.Itoa(q-1))
	} else {
		candidates = append(candidates, strconv.Itoa(y-1)+"-Q4")
	}
	if m > 6 {
		candidates = append(candidates, strconv.Itoa(y)+"-H1")
	}
	candidates = append(candidates, strconv.Itoa(y-1), strconv.Itoa(y))
	var labels []string
	for _, p := range candidates {
		from, to, err := publicity.ParsePeriod(p)
		if err != nil {
			continue
		}
		l := publicity.PeriodLabel(from, to, translate)
		e.periods[l] = p
		labels = append(labels, l)
	}
	e.Period = choice(labels, nil)
	e.Period.SetSelected(labels[0])
	e.Export = widget.NewButtonWithIcon(locale.T("exports.write"), theme.DocumentSaveIcon(), e.write)
	e.Export.Importance = widget.HighImportance
	if !u.session.Can(auth.ExportReports) {
		e.Export.Disable()
	}
	e.List = newRecordList(u, data.ListExports)
	e.set(container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel(locale.T("exports.period")), e.Export, e.Period),
		nil, nil, nil, e.List.content))
	return e
}

func (e *Exports) write() {
	period := e.periods[e.Period.Selected]
	name := locale.T("exports.file_name", map[string]any{"Period": e.Period.Selected})
	saveAs(e.u, name, func(path string) {
		var sum report.Summary
		e.u.run(locale.T("exports.write"), func(ctx context.Context) error {
			var err error
			if sum, err = report.Write(ctx, e.u.Office.Store, period, path, e.u.Now(), e.u.session.DisplayName); err != nil {
				return err
			}
			_, err = report.Record(ctx, e.u.Office.Store, e.u.session, sum)
			return err
		}, func(err error) {
			if err != nil {
				showError(e.u.Win, err)
				return
			}
			e.List.reload() // the new version heads the history
			dialog.ShowInformation(locale.T("exports.write"), locale.T("cli.export.done", map[string]any{"Period": e.Period.Selected,
				"Records": sum.Records, "Path": sum.Path, "Hash": sum.ContentHash[:16]}), e.u.Win)
		})
	})
}
