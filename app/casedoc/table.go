package casedoc

// row draws a form's row: label and value cells side by side, at least minH tall, foot at
// the bottom right of its last cell. A row taller than a page continues on the next.
func (w *writer) row(cells []string, minH float64, foot string) {
	if len(cells)%2 == 1 {
		cells = append(cells, "")
	}
	pairs := len(cells) / 2
	lw := labelW
	if pairs > 1 { // narrower labels leave an 18-character code room on one line
		lw = 28
	}
	valueW := (contentW - lw*float64(pairs)) / float64(pairs)
	widths := make([]float64, len(cells))
	wrapped := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		widths[i] = valueW
		if i%2 == 0 {
			widths[i] = lw
		}
		wrapped[i] = w.wrap(c, widths[i]-2*cellPad, widths[i]-2*cellPad, tableSize)
		n = max(n, len(wrapped[i]))
	}
	lh := lineH(tableSize)
	footLines := 0
	if foot != "" {
		footLines = 1
	}
	height := max(float64(n+footLines)*lh+2*cellPad, minH, 9)
	if height <= pageH-marginT-marginB {
		w.ensure(height)
		w.rowPart(cells, wrapped, widths, 0, n, height, foot)
		return
	}
	for from := 0; from < n; { // taller than a page: in parts, the label on the first
		fit := int((pageH - marginB - w.y - 2*cellPad) / lh)
		if fit < 2 {
			w.newPage()
			continue
		}
		to := min(from+fit, n)
		f := ""
		if to == n {
			f = foot
		}
		w.rowPart(cells, wrapped, widths, from, to, float64(to-from)*lh+2*cellPad, f)
		from = to
	}
}

func (w *writer) rowPart(cells []string, wrapped [][]string, widths []float64, from, to int, height float64, foot string) {
	lh := lineH(tableSize)
	x := marginL
	for i := range cells {
		w.pdf.Rect(x, w.y, widths[i], height, "D")
		ls := wrapped[i]
		top := w.y + cellPad
		if i%2 == 0 { // labels stand in the middle of their cell, on the first part only
			if from > 0 {
				ls = nil
			}
			top = w.y + (height-float64(len(ls))*lh)/2
		} else {
			ls = ls[min(from, len(ls)):min(to, len(ls))]
		}
		for j, l := range ls {
			w.pdf.SetFontSize(tableSize)
			w.pdf.SetXY(x+cellPad, top+float64(j)*lh)
			w.pdf.CellFormat(widths[i]-2*cellPad, lh, l, "", 0, "L", false, 0, "")
		}
		if foot != "" && i == len(cells)-1 {
			w.pdf.SetXY(x+cellPad, w.y+height-cellPad-lh)
			w.pdf.CellFormat(widths[i]-2*cellPad, lh, printable(foot), "", 0, "R", false, 0, "")
		}
		x += widths[i]
	}
	w.y += height
}
