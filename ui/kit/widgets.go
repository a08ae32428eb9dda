package kit

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"townledger/app/problem"
	"townledger/ui/locale"
)

func Spacer() fyne.CanvasObject { return layout.NewSpacer() }

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

// Choice is a drop-down whose empty state says 请选择 (Fyne's own says "(Select one)").
func Choice(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = locale.T("select.placeholder")
	return s
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
