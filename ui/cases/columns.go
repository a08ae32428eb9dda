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
	need[0] = max(need[0], t.numberWidth)
	// What the table itself takes: the padding after each column, and room for the vertical
	// scroll bar, which is drawn over the last column.
	avail := width - float32(len(caseColumns))*theme.Padding() - theme.ScrollBarSize()
	widths := columnWidths(caseColumns, need, avail)
	// The table refreshes every cell it shows at each column's new width: the cells are
	// filled once, after the last (it took 50–80 ms on the UI goroutine when the first page
	// came in, every column moving to make room for the case numbers).
	t.quiet = true
	changed := false
	for i, w := range widths {
		if i >= len(t.widths) || t.widths[i] != w {
			t.Table.SetColumnWidth(i, w)
			changed = true
		}
	}
	t.quiet = false
	t.widths = widths
	if changed {
		t.Table.Refresh()
	}
}

// columnWidths shares avail among the columns. Fixed ones (weight 0) get what their content
// needs. Weighted ones get at least their content's need — squeezed evenly toward their
// minimum when the window cannot hold every need — and share what is left by weight.
func columnWidths(cols []caseColumn, need []float32, avail float32) []float32 {
	out := make([]float32, len(cols))
	floor := make([]float32, len(cols))
	var needs, mins float32
	for i, c := range cols {
		if c.weight == 0 {
			out[i] = need[i]
			avail -= need[i]
			continue
		}
		floor[i] = max(c.min, need[i])
		needs += floor[i]
		mins += c.min
	}
	if avail < needs && needs > mins {
		k := max(0, (avail-mins)/(needs-mins))
		for i, c := range cols {
			if c.weight != 0 {
				floor[i] = c.min + (floor[i]-c.min)*k
			}
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

// refit fits the columns again to the same width (after the content changed).
func (t *CaseTable) refit() {
	w := t.fittedTo
	t.fittedTo = 0
	t.fit(w)
}

// textWidth is the width of a cell showing s, with a little room to spare: digits differ
// in width in the bundled font, and a date cut to "2026-11-..." is useless.
func textWidth(s string, bold bool) float32 {
	return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width + 2*theme.InnerPadding() + 2*theme.Padding()
}

// contentWidths is what each column's content needs in the language in use: its header
// (with room for the sort arrow), and for the step, date and money columns the longest
// value they show.
func contentWidths() []float32 {
	text := textWidth
	out := make([]float32, len(caseColumns))
	for i, c := range caseColumns {
		// A header is a button: its text, the sort icon and their paddings.
		out[i] = fyne.MeasureText(locale.T(c.key), theme.TextSize(), fyne.TextStyle{Bold: true}).Width +
			theme.IconInlineSize() + 2*theme.InnerPadding() + theme.Padding()
		switch c.key {
		case "cases.col.stage":
			for _, s := range rules.Steps {
				out[i] = max(out[i], min(text(locale.T(rules.StepKey(s)), false), maxStageWidth))
			}
		case "cases.col.filed":
			out[i] = max(out[i], text("0000-00-00", false))
		case "cases.col.next_due":
			// Only the office's own deadlines come next (rules.NextDue), never the party's
			// periods or informative dates.
			for _, k := range []string{rules.DeadlineDecide, rules.DeadlineService, rules.DeadlinePublication, rules.DeadlinePayment} {
				out[i] = max(out[i], min(text("0000-00-00 "+locale.T(rules.DeadlineKey(k)), false), maxDueWidth))
			}
		case "cases.col.fine":
			out[i] = max(out[i], text("200,000.00", false))
		}
	}
	return out
}
