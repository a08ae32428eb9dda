package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// FormPage is a form's whole screen: top (back button and heading) above, the fields
// scrolling in the middle, and at the bottom the refusal message over a fixed bar of buttons,
// the primary one last (on the right) — visible at any window height, never under the fold.
func FormPage(top, fields fyne.CanvasObject, message *widget.Label, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	bar := container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...)
	bottom := container.NewVBox(widget.NewSeparator(), message, bar)
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(fields))
}

// WrapLabel is a paragraph that wraps at a reading width.
func WrapLabel(text string, width float32) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewStack(Strut(width), l)
}
