package publicity

import (
	"context"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/period"
	apppublicity "townledger/app/publicity"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// targetKeys name the 五进 targets in the interface.
var targetKeys = map[apppublicity.Target]string{apppublicity.Enterprises: "activity.target.enterprise",
	apppublicity.Villages: "activity.target.village", apppublicity.Communities: "activity.target.community",
	apppublicity.Schools: "activity.target.school", apppublicity.Families: "activity.target.family"}

// ActivityStats shows a period's figures, the sentence a report quotes (copyable), the
// monthly activities and people reached, and the year's 五进 coverage.
type ActivityStats struct {
	a        *Activities
	Period   *kit.Select
	Sums     apppublicity.Sums
	Figures  *widget.Label
	Sentence *widget.Entry
	Copy     *widget.Button
	Months   *fyne.Container
	Coverage map[apppublicity.Target]*widget.Label
	periods  map[string]string
	content  fyne.CanvasObject
}

func newActivityStats(a *Activities) *ActivityStats {
	s := &ActivityStats{a: a, Figures: widget.NewLabel(""), Months: container.NewVBox(),
		Coverage: map[apppublicity.Target]*widget.Label{}}
	s.Figures.Wrapping = fyne.TextWrapWord
	s.Sentence = widget.NewMultiLineEntry()
	s.Sentence.Wrapping = fyne.TextWrapWord
	s.Sentence.SetMinRowsVisible(2)
	s.Copy = widget.NewButtonWithIcon(locale.T("activity.copy"), theme.ContentCopyIcon(), func() {
		a.u.App.Clipboard().SetContent(s.Sentence.Text)
	})
	// This year, its halves and quarters, and last year.
	y := a.u.Now().Year()
	labels, periods := kit.PeriodChoices([]string{strconv.Itoa(y), strconv.Itoa(y) + "-H1", strconv.Itoa(y) + "-H2",
		strconv.Itoa(y) + "-Q1", strconv.Itoa(y) + "-Q2", strconv.Itoa(y) + "-Q3", strconv.Itoa(y) + "-Q4", strconv.Itoa(y - 1)})
	s.periods = periods
	s.Period = kit.Choice(labels, func(string) { s.refresh() })
	grid := container.NewGridWithColumns(5)
	for _, t := range apppublicity.Targets {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		s.Coverage[t] = l
		grid.Add(widget.NewCard(locale.T(targetKeys[t]), "", l))
	}
	heading := widget.NewLabelWithStyle(locale.T("activity.stats"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	s.content = container.NewBorder(container.NewHBox(a.Back(), heading, s.Period), nil, nil, nil, container.NewVScroll(container.NewVBox(
		widget.NewCard(locale.T("activity.sentence"), "", container.NewBorder(nil, nil, nil, s.Copy, s.Sentence)),
		widget.NewCard(locale.T("activity.figures"), "", s.Figures),
		widget.NewCard(locale.T("activity.monthly"), "", s.Months),
		widget.NewCard(locale.T("activity.coverage"), "", grid))))
	s.Period.SetSelected(labels[0])
	return s
}

func (s *ActivityStats) refresh() {
	ctx := context.Background()
	svc := s.a.u.Office.Publicity
	from, to, err := period.Parse(s.periods[s.Period.Selected])
	if err != nil {
		s.Figures.SetText(locale.Err(err))
		return
	}
	if s.Sums, err = svc.Totals(ctx, from, to); err != nil {
		s.Figures.SetText(locale.Err(err))
		return
	}
	s.Sentence.SetText(apppublicity.Sentence(s.Sums, from, to, kit.Translate))
	t := s.Sums
	s.Figures.SetText(locale.T("activity.figures.text", map[string]any{"Activities": t.Activities, "Banners": t.Banners,
		"Boards": t.Boards, "Materials": t.Materials, "Consultations": t.Consultations, "People": t.People,
		"Enterprises": t.Enterprises, "Drills": t.Drills, "DrillPeople": t.DrillPeople, "Cost": strconv.FormatFloat(float64(t.Cost)/100, 'f', 2, 64)}))

	months, err := svc.Monthly(ctx, from.Year())
	if err == nil {
		s.Months.Objects = nil
		maxA, maxP := 1, 1
		for _, m := range months {
			maxA, maxP = max(maxA, m.Activities), max(maxP, m.People)
		}
		for i, m := range months {
			s.Months.Add(monthRow(i+1, m, maxA, maxP))
		}
		s.Months.Refresh()
	}
	cov, err := svc.Coverage(ctx, from.Year())
	if err == nil {
		for _, t := range apppublicity.Targets {
			places, reached := cov[t]
			l := s.Coverage[t]
			switch {
			case !reached:
				l.SetText(locale.T("activity.coverage.none"))
				l.Importance = widget.WarningImportance
			case len(places) == 0:
				l.SetText(locale.T("activity.coverage.reached"))
				l.Importance = widget.SuccessImportance
			default:
				// The bundled font has no ✓: say it in words.
				l.SetText(locale.T("activity.coverage.places", map[string]any{"Places": strings.Join(places, "、")}))
				l.Importance = widget.SuccessImportance
			}
			l.Refresh()
		}
	}
}

// monthRow draws a month's activities and people reached as two bars on their own scales.
func monthRow(month int, m apppublicity.MonthFigure, maxA, maxP int) fyne.CanvasObject {
	bar := func(n, most int, c color.Color) fyne.CanvasObject {
		return kit.Bar(float32(n)/float32(most), c, 12)
	}
	label := widget.NewLabel(locale.T("activity.month", map[string]any{"M": month}))
	value := widget.NewLabel(locale.T("activity.month.value", map[string]any{"A": m.Activities, "P": m.People}))
	bars := container.NewVBox(bar(m.Activities, maxA, color.NRGBA{R: 0xD9, G: 0x48, B: 0x0F, A: 0xFF}),
		bar(m.People, maxP, color.NRGBA{R: 0x1C, G: 0x7E, B: 0xD6, A: 0xFF}))
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(60, 36), label),
		container.NewGridWrap(fyne.NewSize(220, 36), value), bars)
}
