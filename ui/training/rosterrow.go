package training

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/problem"
	apptraining "townledger/app/training"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Column widths of the attendance list; the unit takes the rest, up to unitMaxWidth.
const (
	nameWidth    = 150
	hoursWidth   = 150
	scoreWidth   = 100
	unitMaxWidth = 360
	scrollRoom   = 14 // the list's scroll bar is drawn over the rows' right edge
)

// RosterRow shows one person in the attendance list: tick box with the name, unit, own
// hours (left early) and score. The list reuses rows as it scrolls, so a row is bound to a
// member each time it is shown.
type RosterRow struct {
	widget.BaseWidget
	a            *Attendance
	at           int  // index into a.Rows; -1 until bound
	binding      bool // values being put in by bind, not typed
	bg           *canvas.Rectangle
	Check        *widget.Check
	Unit         *widget.Label
	Hours, Score *widget.Entry
}

func (a *Attendance) newRow() *RosterRow {
	r := &RosterRow{a: a, at: -1, bg: canvas.NewRectangle(color.Transparent)}
	r.Check = widget.NewCheck("", func(on bool) {
		if !r.binding && r.at >= 0 {
			a.setTicked(r.at, on)
		}
	})
	r.Unit = widget.NewLabel("")
	r.Unit.Truncation = fyne.TextTruncateEllipsis
	r.Hours = widget.NewEntry()
	r.Hours.SetPlaceHolder(locale.T("training.hours.same"))
	r.Hours.OnChanged = func(s string) {
		if !r.binding && r.at >= 0 {
			a.typed(r.at, func(m *Member) { m.Hours = s }, s)
		}
	}
	r.Hours.Validator = numberIn(0, apptraining.MaxHours, false, "training.hours.field")
	r.Score = widget.NewEntry()
	r.Score.Validator = numberIn(0, 100, true, "training.score.field")
	r.Score.OnChanged = func(s string) {
		if !r.binding && r.at >= 0 {
			a.typed(r.at, func(m *Member) { m.Score = s }, s)
		}
	}
	if !a.editable {
		r.Check.Disable()
		r.Hours.Disable()
		r.Score.Disable()
	}
	r.ExtendBaseWidget(r)
	a.made = append(a.made, r)
	return r
}

func (r *RosterRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.New(columns{}, r.Check, r.Unit, r.Hours, r.Score)))
}

// bind shows member i; lit marks the row Enter would tick.
func (r *RosterRow) bind(i int, lit bool) {
	m := r.a.Rows[i]
	r.binding = true
	r.at = i
	r.Check.Text = m.Person.Name
	r.Check.SetChecked(m.Ticked)
	r.Check.Refresh()
	r.Unit.SetText(m.Person.Unit)
	// Only what differs is set: the row may be the one being typed in.
	if r.Hours.Text != m.Hours {
		r.Hours.SetText(m.Hours)
	}
	if r.Score.Text != m.Score {
		r.Score.SetText(m.Score)
	}
	r.binding = false
	r.bg.FillColor = color.Transparent
	if lit {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	r.bg.Refresh()
}

// numberIn checks an optional figure as it is typed: nothing, or a number above low (or
// equal to it when lowOK) and at most high; key says the problem.
func numberIn(low, high float64, lowOK bool, key string) fyne.StringValidator {
	return kit.Validator(func(s string) error {
		v, ok := parseOptional(s)
		if ok && (v == nil || (*v > low || lowOK && *v == low) && *v <= high) {
			return nil
		}
		return problem.New(key, nil)
	})
}

// Member is the person the row shows (nil before it is first bound).
func (r *RosterRow) Member() *Member {
	if r.at < 0 {
		return nil
	}
	return r.a.Rows[r.at]
}

// Rows are the row widgets made so far (only those the list needs on screen).
func (a *Attendance) RowWidgets() []*RosterRow { return a.made }

// columns lays out a row or the header: fixed widths but for the unit, which takes the rest.
type columns struct{}

func (columns) widths(total float32) []float32 {
	gap := theme.Padding()
	// On a wide screen the unit stops growing, keeping each name near its hours.
	unit := min(max(total-nameWidth-hoursWidth-scoreWidth-3*gap-scrollRoom, 60), unitMaxWidth)
	return []float32{nameWidth, unit, hoursWidth, scoreWidth}
}

func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range c.widths(size.Width) {
		if i >= len(objs) {
			return
		}
		objs[i].Move(fyne.NewPos(x, 0))
		objs[i].Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(nameWidth+60+hoursWidth+scoreWidth+3*theme.Padding()+scrollRoom, h)
}

func columnHeader() fyne.CanvasObject {
	label := func(key string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(locale.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	return container.New(columns{}, label("staff.name"), label("staff.unit"), label("training.hours.own"), label("training.score"))
}

// compactTheme is the app's theme with tighter rows, so a 768-pixel screen shows a dozen
// people or more.
type compactTheme struct{}

func (compactTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameInnerPadding:
		return 5
	case theme.SizeNamePadding:
		return 3
	}
	return t.base().Size(n)
}

func (t compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base().Color(n, v)
}
func (t compactTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }
