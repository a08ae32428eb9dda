package training

import (
	"context"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	apptraining "townledger/app/training"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// HoursPage shows each person's training hours for a year against the target as a bar
// chart, who is behind, and the enforcement certificates due for registration.
type HoursPage struct {
	t       *Trainings
	Year    *kit.Select
	Totals  []apptraining.Total
	Behind  *widget.Label
	Due     *widget.Label
	chart   *fyne.Container
	content fyne.CanvasObject
}

func newHoursPage(t *Trainings) (*HoursPage, error) {
	h := &HoursPage{t: t, Behind: widget.NewLabel(""), Due: widget.NewLabel(""), chart: container.NewVBox()}
	h.Behind.Wrapping, h.Due.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	h.Behind.Importance, h.Due.Importance = widget.WarningImportance, widget.WarningImportance
	this := t.u.Now().Year()
	var years []string
	for y := this; y >= this-4; y-- {
		years = append(years, strconv.Itoa(y))
	}
	h.Year = kit.Choice(years, func(string) { h.refresh() })
	heading := widget.NewLabelWithStyle(locale.T("hours.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	h.content = container.NewBorder(container.NewHBox(t.back(), heading, h.Year), nil, nil, nil,
		container.NewVScroll(container.NewVBox(h.Behind, h.Due, widget.NewCard(locale.T("hours.chart"), "", h.chart))))
	h.Year.SetSelected(years[0])
	return h, nil
}

func (h *HoursPage) refresh() {
	ctx := context.Background()
	year, _ := strconv.Atoi(h.Year.Selected)
	totals, err := h.t.u.Office.Training.Totals(ctx, year)
	if err != nil {
		h.Behind.SetText(locale.Err(err))
		return
	}
	h.Totals = totals
	h.chart.Objects = nil
	var behind []string
	max := 1.0
	for _, t := range totals {
		if t.Hours > max {
			max = t.Hours
		}
		if t.Target > max {
			max = t.Target
		}
	}
	for _, t := range totals {
		if t.Behind {
			behind = append(behind, t.Name)
		}
		h.chart.Add(hoursBar(t, max))
	}
	if len(totals) == 0 {
		h.chart.Add(widget.NewLabel(locale.T("hours.none")))
	}
	if len(behind) > 0 {
		h.Behind.SetText(locale.T("hours.behind", map[string]any{"N": len(behind), "Names": joinNames(behind, 12)}))
		h.Behind.Show()
	} else {
		h.Behind.Hide()
	}
	due, err := h.t.u.Office.Training.CertsDueSoon(ctx, h.t.u.Now())
	if err == nil && len(due) > 0 {
		var names []string
		for _, p := range due {
			names = append(names, p.Name+"（"+p.CertDueOn+"）")
		}
		h.Due.SetText(locale.T("hours.certs_due", map[string]any{"N": len(due), "Names": joinNames(names, 12)}))
		h.Due.Show()
	} else {
		h.Due.Hide()
	}
	h.chart.Refresh()
}

func joinNames(names []string, most int) string {
	out := ""
	for i, n := range names {
		if i == most {
			return out + locale.T("hours.and_more", map[string]any{"N": len(names) - most})
		}
		if i > 0 {
			out += "、"
		}
		out += n
	}
	return out
}

// hoursBar is one person's row of the chart: name, a bar scaled to the largest figure with
// the target marked, and the hours.
func hoursBar(t apptraining.Total, max float64) fyne.CanvasObject {
	name := widget.NewLabel(t.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	fill := color.NRGBA{R: 0x2F, G: 0x9E, B: 0x44, A: 0xFF} // target met
	if t.Behind {
		fill = color.NRGBA{R: 0xE8, G: 0x8B, B: 0x16, A: 0xFF}
	}
	bars := kit.Meter(float32(t.Hours/max), float32(t.Target/max), fill, color.NRGBA{R: 0xE6, G: 0xE6, B: 0xE6, A: 0xFF},
		color.NRGBA{R: 0xD9, G: 0x48, B: 0x0F, A: 0xFF}, 16)
	value := widget.NewLabel(locale.T("hours.value", map[string]any{"Hours": strconv.FormatFloat(t.Hours, 'f', -1, 64),
		"Target": strconv.FormatFloat(t.Target, 'f', -1, 64), "Sessions": t.Sessions}))
	// Fixed widths on both sides keep every bar starting at the same place; the bar takes the
	// rest of the window's width.
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(120, 36), name),
		container.NewGridWrap(fyne.NewSize(210, 36), value), bars)
}
