package ui

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

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// strut is an invisible object that gives a container a minimum width.
func strut(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return r
}

// listMessage says every refusal in err, one per line.
func listMessage(err error) string {
	lines := locale.Lines(err)
	if len(lines) == 1 {
		return lines[0]
	}
	return "• " + strings.Join(lines, "\n• ")
}

var errNotFound = problem.New("db.not_found", nil)

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// choice is a drop-down whose empty state says 请选择 (Fyne's own says "(Select one)").
func choice(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = locale.T("select.placeholder")
	return s
}

// sectionBody shows one screen of a section at a time: its list, a form or a page.
type sectionBody struct{ body *fyne.Container }

func newSectionBody() sectionBody { return sectionBody{body: container.NewStack()} }

// Content is the section's widget tree.
func (b sectionBody) Content() fyne.CanvasObject { return b.body }

func (b sectionBody) set(o fyne.CanvasObject) {
	b.body.Objects = []fyne.CanvasObject{o}
	b.body.Refresh()
}
