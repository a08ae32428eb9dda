package kit

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"townledger/app/problem"
	"townledger/ui/locale"
)

func Spacer() fyne.CanvasObject { return layout.NewSpacer() }

// ListRow is the template of a list's row: a bold title over a caption-sized detail, both cut
// with an ellipsis, and trailing at the right (a state, a count).
func ListRow(trailing fyne.CanvasObject) fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	detail.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, nil, nil, trailing, container.NewVBox(title, detail))
}

// Strut is an invisible object that gives a container a minimum width.
func Strut(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return r
}

// ListMessage says every refusal in err, one per line.
func ListMessage(err error) string {
	Lines := locale.Lines(err)
	if len(Lines) == 1 {
		return Lines[0]
	}
	return "• " + strings.Join(Lines, "\n• ")
}

var ErrNotFound = problem.New("db.not_found", nil)

// FirstError returns the first non-nil error.
func FirstError(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Select is a drop-down that ignores a tap once it has left the window: Fyne 2.7.4 panics
// opening the pop-up of a Select no longer on any canvas (upstream issue 5965, fixed after
// 2.7.4). The forms never detach a drop-down they show; this guards against the rest.
type Select struct{ widget.Select }

// Choice is a drop-down whose empty state says 请选择 (Fyne's own says "(Select one)").
func Choice(options []string, changed func(string)) *Select {
	c := &Select{}
	c.Options, c.OnChanged = options, changed
	c.PlaceHolder = locale.T("select.placeholder")
	c.ExtendBaseWidget(c)
	return c
}

// onCanvas tells whether the drop-down is in a window now, where its pop-up can open.
func (c *Select) onCanvas() bool {
	return fyne.CurrentApp().Driver().CanvasForObject(c) != nil
}

// Tapped opens the pop-up, unless the drop-down has left the window.
func (c *Select) Tapped(e *fyne.PointEvent) {
	if c.onCanvas() {
		c.Select.Tapped(e)
	}
}

// TypedKey opens the pop-up from the keyboard too, under the same condition.
func (c *Select) TypedKey(e *fyne.KeyEvent) {
	if c.onCanvas() {
		c.Select.TypedKey(e)
	}
}

// Body shows one screen of a section at a time: its list, a form or a page.
type Body struct{ body *fyne.Container }

func NewBody() Body { return Body{body: container.NewStack()} }

// Content is the section's widget tree.
func (b Body) Content() fyne.CanvasObject { return b.body }

func (b Body) Set(o fyne.CanvasObject) {
	b.body.Objects = []fyne.CanvasObject{o}
	b.body.Refresh()
}

// Entry is a text entry with its hint and the check it validates as typed.
func Entry(placeholder string, v fyne.StringValidator) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.Validator = v
	return e
}

// Bar is a horizontal bar of a chart, as long as fraction (0–1) of the width its row gives
// it, so charts use the window's width at any size.
func Bar(fraction float32, c color.Color, height float32) fyne.CanvasObject {
	return container.New(barLayout{frac: min(max(fraction, 0), 1), height: height}, canvas.NewRectangle(c))
}

type barLayout struct{ frac, height float32 }

func (l barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(max(1, size.Width*l.frac), l.height))
		o.Move(fyne.NewPos(0, (size.Height-l.height)/2))
	}
}

func (l barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(20, l.height) }

// Meter is a bar on a full-width track with a mark (a target) — fraction and mark are 0–1
// of the width the row gives it.
func Meter(fraction, mark float32, fill, track, markColor color.Color, height float32) fyne.CanvasObject {
	return container.New(meterLayout{frac: min(max(fraction, 0), 1), mark: min(max(mark, 0), 1), height: height},
		canvas.NewRectangle(track), canvas.NewRectangle(fill), canvas.NewRectangle(markColor))
}

type meterLayout struct{ frac, mark, height float32 }

func (l meterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := (size.Height - l.height) / 2
	objs[0].Resize(fyne.NewSize(size.Width, l.height))
	objs[0].Move(fyne.NewPos(0, y))
	objs[1].Resize(fyne.NewSize(max(1, size.Width*l.frac), l.height))
	objs[1].Move(fyne.NewPos(0, y))
	objs[2].Resize(fyne.NewSize(2, l.height+6))
	objs[2].Move(fyne.NewPos(min(size.Width*l.mark, size.Width-2), y-3))
}

func (l meterLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, l.height+6) }
