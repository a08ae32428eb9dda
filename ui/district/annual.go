package district

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	appdistrict "townledger/app/district"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Annual is the 年度数据 section: a year's figures for the district's annual report on
// rule-of-law government — the sentences as the report words them, to copy, each town's main
// figures, the towns whose year is not whole, and the year saved as a sheet and a text.
type Annual struct {
	u          *kit.Env
	Year       *kit.Select
	Sentences  *widget.Entry // read-only in effect: an edit is put back, the text can be copied
	Copy       *widget.Button
	Save       *widget.Button
	Table      *widget.Table
	Incomplete *widget.Label
	Message    *widget.Label
	Data       appdistrict.AnnualData
	Saved      string // the workbook the last save wrote
	text       string
	content    fyne.CanvasObject
}

// annualColumns are the heads of the per-town table, by translation key.
var annualColumns = []string{"annual.col.town", "annual.col.filed", "annual.col.decided", "annual.col.fines",
	"annual.col.reviews", "annual.col.training", "annual.col.activities", "annual.col.whole"}

func tr(key string, d map[string]any) string { return locale.T(key, d) }

// NewAnnual makes the 年度数据 section.
func NewAnnual(u *kit.Env) *Annual {
	a := &Annual{u: u, Message: widget.NewLabel(""), Incomplete: widget.NewLabel("")}
	a.Message.Wrapping = fyne.TextWrapWord
	a.Message.Hide()
	a.Incomplete.Wrapping = fyne.TextWrapWord
	a.Incomplete.Importance = widget.WarningImportance
	a.Incomplete.Hide()
	a.Sentences = widget.NewMultiLineEntry()
	a.Sentences.Wrapping = fyne.TextWrapWord
	a.Sentences.SetMinRowsVisible(7)
	a.Sentences.OnChanged = func(s string) {
		if s != a.text {
			a.Sentences.SetText(a.text)
		}
	}
	a.Copy = widget.NewButtonWithIcon(locale.T("annual.copy"), theme.ContentCopyIcon(), func() {
		a.u.App.Clipboard().SetContent(a.text)
	})
	a.Save = widget.NewButtonWithIcon(locale.T("annual.save"), theme.DocumentSaveIcon(), a.choosePath)
	a.Table = widget.NewTable(
		func() (int, int) { return len(a.Data.Towns) + 2, len(annualColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = id.Row == 0 || id.Row == len(a.Data.Towns)+1
			l.SetText(a.Cell(id.Row, id.Col))
		},
	)
	a.Table.StickyRowCount, a.Table.StickyColumnCount = 1, 1
	for i, w := range []float32{150, 70, 110, 100, 90, 90, 90, 80} {
		a.Table.SetColumnWidth(i, w)
	}
	this := u.Now().Year()
	var years []string
	for y := this; y > this-6; y-- {
		years = append(years, strconv.Itoa(y))
	}
	a.Year = kit.Choice(years, nil)
	heading := widget.NewLabelWithStyle(locale.T("nav.annual"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading, container.NewHBox(widget.NewLabel(locale.T("dstatus.year")),
			kit.Narrow(a.Year, 110), a.Copy, a.Save)),
		a.Message, a.Sentences, a.Incomplete)
	a.content = container.NewBorder(top, nil, nil, nil, a.Table)
	a.Year.SetSelected(latestYear(u, years))
	a.Refresh()
	a.Year.OnChanged = func(string) { a.Refresh() }
	return a
}

// latestYear is the latest of years with a workbook in force, else the first.
func latestYear(u *kit.Env, years []string) string {
	got, err := u.Office.District.Inbox(context.Background())
	if err == nil {
		for _, y := range years {
			for _, r := range got {
				if r.InForce && strings.HasPrefix(r.Period, y) {
					return y
				}
			}
		}
	}
	return years[0]
}

// Content is the screen's widget tree.
func (a *Annual) Content() fyne.CanvasObject { return a.content }

// Refresh reads the chosen year's figures again. It is read at once, as 报送情况 reads its
// matrix: the versions in force of a year's periods, a few hundred small rows at most.
func (a *Annual) Refresh() {
	year, err := strconv.Atoi(a.Year.Selected)
	if err != nil {
		return
	}
	d, err := a.u.Office.District.Annual(context.Background(), year)
	if err != nil {
		a.Data = appdistrict.AnnualData{Year: year}
		a.setText("")
		a.Save.Disable()
		a.Copy.Disable()
		a.Incomplete.Hide()
		kit.SetMessage(a.Message, locale.Err(err))
		a.Table.Refresh()
		return
	}
	a.Message.Hide()
	a.Data = d
	a.setText(strings.Join(d.Sentences(tr), "\n\n"))
	a.Save.Enable()
	a.Copy.Enable()
	if inc := d.Incomplete(); len(inc) > 0 {
		names := make([]string, len(inc))
		for i, t := range inc {
			names[i] = t.Name
		}
		a.Incomplete.SetText(locale.T("annual.incomplete", map[string]any{"N": len(inc),
			"Towns": strings.Join(names, locale.T(appdistrict.KeyAnnualSeparator))}))
		a.Incomplete.Show()
	} else {
		a.Incomplete.Hide()
	}
	a.Table.Refresh()
}

func (a *Annual) setText(s string) {
	a.text = s
	a.Sentences.SetText(s)
}

// Text is the sentences shown.
func (a *Annual) Text() string { return a.text }

// Cell is what the per-town table shows at row, col: the heads, a town a row, the total last.
func (a *Annual) Cell(row, col int) string {
	if row == 0 {
		return locale.T(annualColumns[col])
	}
	var f appdistrict.YearFigures
	var name, whole string
	if row <= len(a.Data.Towns) {
		t := a.Data.Towns[row-1]
		f, name = t.Figures, t.Name
		if name == "" {
			name = t.Code
		}
		switch {
		case t.Basis == appdistrict.BasisNone:
			whole = locale.T("annual.whole.none")
		case len(t.Missing) > 0:
			whole = locale.T("annual.whole.no", map[string]any{"N": len(t.Missing)})
		default:
			whole = locale.T("annual.whole.yes")
		}
	} else {
		f, name = a.Data.Total, locale.T("annual.total")
	}
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	return []string{name, n(f.Filed), n(f.Decided), strconv.FormatFloat(f.FinesWan(), 'f', -1, 64),
		n(f.LegalReviews), n(f.TrainingSessions), n(f.Activities), whole}[col]
}

func (a *Annual) choosePath() {
	kit.SaveAs(a.u, locale.T("annual.file", map[string]any{"Year": a.Data.Year}), a.SaveTo)
}

// SaveTo writes the year's workbook to path and its text beside it in the background, then
// says where they are.
func (a *Annual) SaveTo(path string) {
	d, text := a.Data, appdistrict.TextPath(path)
	a.u.Run(locale.T("annual.saving"), func(ctx context.Context) error {
		return a.u.Office.District.SaveAnnual(ctx, d, path, text, tr)
	}, func(err error) {
		if err != nil {
			kit.ShowError(a.u.Win, err)
			return
		}
		a.Saved = path
		l := widget.NewLabel(locale.T("annual.saved", map[string]any{"Path": path, "Text": text}))
		l.Wrapping = fyne.TextWrapWord
		dialog.ShowCustom(locale.T("nav.annual"), locale.T("OK"), container.NewStack(kit.Strut(460), l), a.u.Win)
	})
}
