package settings

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/calendarimport"
	"townledger/app/workbook"
	"townledger/app/workdays"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// CalendarEditor edits the holiday calendar the law's working-day periods are counted in.
type CalendarEditor struct {
	u       *kit.Env
	Year    *kit.Select
	Days    *fyne.Container
	Date    *widget.Entry
	Kind    *widget.RadioGroup
	Name    *widget.Entry
	Save    *widget.Button
	Message *widget.Label
	Missing *widget.Label
	kinds   map[string]workdays.Kind
	content fyne.CanvasObject
}

func newCalendarEditor(u *kit.Env) *CalendarEditor {
	e := &CalendarEditor{u: u, Days: container.NewVBox(), Message: kit.ErrorLabel(), kinds: map[string]workdays.Kind{}}
	hol, work := locale.T("calendar.kind.holiday"), locale.T("calendar.kind.workday")
	e.kinds[hol], e.kinds[work] = workdays.Holiday, workdays.Workday
	e.Kind = widget.NewRadioGroup([]string{hol, work}, nil)
	e.Kind.Horizontal = true
	e.Kind.SetSelected(hol)
	e.Date = kit.DateEntry(true)
	e.Name = kit.Entry(locale.T("calendar.name"), nil)
	e.Save = widget.NewButton(locale.T("calendar.add"), e.save)
	e.Missing = widget.NewLabel("")
	e.Missing.Importance = widget.WarningImportance
	e.Missing.Wrapping = fyne.TextWrapWord
	this := u.Now().Year()
	var years []string
	for y := this + 1; y >= this-3; y-- {
		years = append(years, strconv.Itoa(y))
	}
	e.Year = kit.Choice(years, func(string) { e.refresh() })
	intro := widget.NewLabel(locale.T("calendar.intro"))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(locale.T("casefile.record.on"), e.Date),
		widget.NewFormItem("", e.Kind), widget.NewFormItem(locale.T("calendar.name"), e.Name))
	// A whole year arrives as a sheet: the notice typed once, or the file the district sends.
	transfer := kit.TransferButtons(u, kit.Transfer{
		ImportFile: func(ctx context.Context, path string) (string, error) {
			r, err := u.Office.CalendarImport.Import(ctx, u.Session, path)
			years := make([]string, len(r.Years))
			for i, y := range r.Years {
				years[i] = strconv.Itoa(y)
			}
			return locale.T("cli.import.calendar.done", map[string]any{"N": r.Days, "Years": strings.Join(years, "、")}), err
		},
		WriteTemplate: func(path string) error { return workbook.WriteTemplate(calendarimport.Spec, path) },
		TemplateName:  locale.T("calendar.template_name"),
		Export: func(ctx context.Context, path string) (string, error) {
			n, err := u.Office.CalendarImport.Export(ctx, path)
			return locale.T("calendar.exported", map[string]any{"N": n, "Path": path}), err
		},
		ExportName: locale.T("calendar.export_name"),
	})
	e.content = container.NewVBox(intro, e.Missing, container.NewHBox(transfer...),
		widget.NewForm(widget.NewFormItem(locale.T("calendar.year"), e.Year)),
		e.Days, widget.NewSeparator(), form, e.Message, container.NewHBox(e.Save))
	e.Year.SetSelected(strconv.Itoa(this))
	return e
}

func (e *CalendarEditor) refresh() {
	days, err := e.u.Office.Settings.CalendarDays(context.Background())
	if err != nil {
		kit.SetMessage(e.Message, locale.Err(err))
		return
	}
	e.Days.Objects = nil
	covered := map[string]bool{}
	for _, d := range days {
		covered[d.Date[:4]] = true
		if !strings.HasPrefix(d.Date, e.Year.Selected) {
			continue
		}
		d := d
		kind := locale.T("calendar.kind." + d.Kind.String())
		line := widget.NewLabel(locale.T("calendar.line", map[string]any{"Date": d.Date, "Kind": kind, "Name": d.Name}))
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			if err := e.u.Office.Settings.DeleteCalendarDay(context.Background(), e.u.Session, d.Date); err != nil {
				kit.SetMessage(e.Message, locale.Err(err))
				return
			}
			e.refresh()
		})
		e.Days.Add(container.NewBorder(nil, nil, nil, del, line))
	}
	this := strconv.Itoa(e.u.Now().Year())
	if !covered[this] {
		kit.SetMessage(e.Missing, locale.T("calendar.missing_year", map[string]any{"Year": this}))
	} else {
		e.Missing.Hide()
	}
	e.Days.Refresh()
}

func (e *CalendarEditor) save() {
	t, err := kit.ParseDay(e.Date.Text, true)
	if err != nil {
		kit.SetMessage(e.Message, locale.Err(err))
		return
	}
	d := workdays.Day{Date: t.Format(workdays.DateLayout), Kind: e.kinds[e.Kind.Selected], Name: e.Name.Text}
	if err := e.u.Office.Settings.SetCalendarDay(context.Background(), e.u.Session, d); err != nil {
		kit.SetMessage(e.Message, locale.Err(err))
		return
	}
	kit.SetMessage(e.Message, "")
	e.Date.SetText("")
	e.Name.SetText("")
	e.Year.SetSelected(d.Date[:4])
	e.refresh()
}
