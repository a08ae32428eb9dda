package cases

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"townledger/app/cases/rules"
	"townledger/ui/locale"
)

// fitColumns lays the case table (and the empty-list note over it) out at full size, fitting
// the columns to the width first.
type fitColumns struct{ t *CaseTable }

func (l *fitColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.t.fit(size.Width)
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fitColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// fit gives the columns widths for a table width: columns without weight as wide as their
// content, the others sharing what is left by weight, never under their minimum (the table
// scrolls sideways when the window is narrower than all the minimums).
func (t *CaseTable) fit(width float32) {
	if width <= 0 || width == t.fittedTo {
		return
	}
	t.fittedTo = width
	need := contentWidths()
	// What the table itself takes: a divider per column and the vertical scroll bar.
	avail := width - float32(len(caseColumns))*theme.SeparatorThicknessSize() - theme.ScrollBarSize()
	widths := columnWidths(caseColumns, need, avail)
	for i, w := range widths {
		if i >= len(t.widths) || t.widths[i] != w {
			t.Table.SetColumnWidth(i, w)
		}
	}
	t.widths = widths
}

// columnWidths shares avail among the columns: fixed ones (weight 0) get need; weighted
// ones a share by weight, at least max(min, need) — a column held at its minimum leaves
// the rest to the others.
func columnWidths(cols []caseColumn, need []float32, avail float32) []float32 {
	out := make([]float32, len(cols))
	floor := make([]float32, len(cols))
	for i, c := range cols {
		floor[i] = max(c.min, need[i])
		if c.weight == 0 {
			out[i] = floor[i]
			avail -= floor[i]
		}
	}
	held := make([]bool, len(cols))
	for {
		rest, weights := avail, float32(0)
		for i, c := range cols {
			switch {
			case c.weight == 0:
			case held[i]:
				rest -= floor[i]
			default:
				weights += c.weight
			}
		}
		more := false
		for i, c := range cols {
			if c.weight == 0 || held[i] {
				continue
			}
			if out[i] = rest * c.weight / weights; out[i] < floor[i] {
				out[i], held[i], more = floor[i], true, true
			}
		}
		if !more {
			return out
		}
	}
}

// contentWidths is what each column's content needs in the language in use: its header
// (with room for the sort arrow), and for the step, date and money columns the longest
// value they show.
func contentWidths() []float32 {
	text := func(s string, bold bool) float32 {
		return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width + 2*theme.InnerPadding()
	}
	out := make([]float32, len(caseColumns))
	for i, c := range caseColumns {
		// A header is a button: its text, the sort icon and their paddings.
		out[i] = text(locale.T(c.key), true) + theme.IconInlineSize() + 2*theme.Padding()
		switch c.key {
		case "cases.col.stage":
			for _, s := range rules.Steps {
				out[i] = max(out[i], min(text(locale.T(rules.StepKey(s)), false), maxStageWidth))
			}
		case "cases.col.filed":
			out[i] = max(out[i], text("2024-12-31", false))
		case "cases.col.fine":
			out[i] = max(out[i], text("200,000.00", false))
		}
	}
	return out
}
