package training

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Chip is a small button for the mouse only. It takes no keyboard focus on purpose: a Tab
// and a Space from the search box must never tick a dozen people unseen.
type Chip struct {
	widget.BaseWidget
	Text     string
	OnTapped func()
	hovered  bool
	bg       *canvas.Rectangle
	text     *canvas.Text
}

func newChip(text string, tapped func()) *Chip {
	c := &Chip{Text: text, OnTapped: tapped}
	c.ExtendBaseWidget(c)
	return c
}

func (c *Chip) CreateRenderer() fyne.WidgetRenderer {
	c.bg = canvas.NewRectangle(nil)
	c.bg.StrokeWidth = 1
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.text = canvas.NewText(c.Text, nil)
	c.paint()
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.New(layout.NewCustomPaddedLayout(4, 4, 10, 10), c.text)))
}

func (c *Chip) paint() {
	if c.bg == nil {
		return
	}
	c.bg.FillColor = theme.Color(theme.ColorNameButton)
	if c.hovered {
		c.bg.FillColor = theme.Color(theme.ColorNameHover)
	}
	c.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	c.text.Color = theme.Color(theme.ColorNameForeground)
	c.text.Text = c.Text
	c.text.TextSize = theme.TextSize()
}

func (c *Chip) Refresh() {
	c.paint()
	c.BaseWidget.Refresh()
}

// Tapped runs the chip's action.
func (c *Chip) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

func (c *Chip) MouseIn(*desktop.MouseEvent)    { c.hovered = true; c.Refresh() }
func (c *Chip) MouseMoved(*desktop.MouseEvent) {}
func (c *Chip) MouseOut()                      { c.hovered = false; c.Refresh() }

// Cursor shows a hand, as over a link.
func (c *Chip) Cursor() desktop.Cursor { return desktop.PointerCursor }

// wrapRow lays its objects out left to right like words, starting a new line when one is
// full, so every unit's chip is in sight however many units the roster has.
type wrapRow struct{ width float32 } // the width last laid out in

func (w *wrapRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w.width = size.Width
	w.place(objs, size.Width, true)
}

func (w *wrapRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widest := float32(0)
	for _, o := range objs {
		widest = max(widest, o.MinSize().Width)
	}
	width := w.width
	if width < widest {
		width = widest
	}
	return fyne.NewSize(widest, w.place(objs, width, false))
}

// place puts the objects in lines within width (moving them when move is set) and returns
// the height used.
func (w *wrapRow) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	gap := theme.Padding()
	x, y, line := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, line = 0, y+line+gap, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + gap
		line = max(line, m.Height)
	}
	return y + line
}
