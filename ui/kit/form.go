package kit

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// FormPage is a form's whole screen: top (back button and heading) above, the fields
// scrolling in the middle, and at the bottom the refusal message over a fixed bar of buttons,
// the primary one last (on the right) — visible at any window height, never under the fold.
// Buttons before a nil go to the left end of the bar (删除, say), the rest to the right.
func FormPage(top, fields fyne.CanvasObject, message *widget.Label, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	var left, right []fyne.CanvasObject
	side := &right
	if slices.Contains(buttons, nil) {
		side = &left
	}
	for _, b := range buttons {
		switch {
		case b == nil:
			side = &right
		case b == fyne.CanvasObject((*widget.Button)(nil)):
			// a button the form does not offer (删除 on a new record)
		default:
			*side = append(*side, b)
		}
	}
	bar := container.NewHBox(append(append(left, layout.NewSpacer()), right...)...)
	bottom := container.NewVBox(widget.NewSeparator(), message, bar)
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(fields))
}

// WrapLabel is a paragraph that wraps at a reading width.
func WrapLabel(text string, width float32) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewStack(Strut(width), l)
}

// Narrow gives a field a fixed width: a number of a few digits does not need the window's.
func Narrow(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}
