package cases

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/ui/locale"
)

// formRows is a two-column form (label, field) built once; rows are shown and hidden in
// place, so a field never moves to a new parent while the user may be tapping it.
type formRows struct {
	box    *fyne.Container
	labels map[fyne.CanvasObject]*widget.Label
}

func newFormRows() *formRows {
	return &formRows{box: container.New(layout.NewFormLayout()), labels: map[fyne.CanvasObject]*widget.Label{}}
}

// add appends a row; key "" leaves the label empty (a tick box says what it is itself).
func (f *formRows) add(key string, w fyne.CanvasObject) {
	text := ""
	if key != "" {
		text = locale.T(key)
	}
	l := widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.labels[w] = l
	// Not Add: it lays the whole form out again at each row (measuring every label so far),
	// which took a case's form 15 ms to make; the form is laid out when it is first sized.
	f.box.Objects = append(f.box.Objects, l, w)
}

// show shows or hides the row of w.
func (f *formRows) show(w fyne.CanvasObject, visible bool) {
	l := f.labels[w]
	if visible {
		l.Show()
		w.Show()
	} else {
		l.Hide()
		w.Hide()
	}
}

// formPage is a form's whole screen: top above, the fields scrolling in the middle, and
// at the bottom the refusal message and the confirmation over a fixed bar of buttons, the
// primary one last — visible at any window height, never under the fold or a scroll bar.
// (Same shape as the shared kit helper under way, so the sections can switch to it.)
func formPage(top, fields fyne.CanvasObject, message *widget.Label, done *Confirmation, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(top, actionBar(message, done, buttons...), nil, nil, container.NewVScroll(fields))
}

func actionBar(message *widget.Label, done *Confirmation, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	bar := container.NewHBox(done.content, layout.NewSpacer())
	for _, b := range buttons {
		bar.Add(b)
	}
	return container.NewVBox(widget.NewSeparator(), message, bar)
}

// Confirmation says, in green beside the save button, what was just saved; it stays until
// the user starts on something else.
type Confirmation struct {
	Label   *widget.Label
	content *fyne.Container
}

func newConfirmation() *Confirmation {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.SuccessImportance
	icon := widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	c := &Confirmation{Label: l, content: container.NewHBox(icon, l)}
	c.content.Hide()
	return c
}

// Say shows text as just done.
func (c *Confirmation) Say(text string) {
	c.Label.SetText(text)
	c.content.Show()
}

// Clear hides the confirmation.
func (c *Confirmation) Clear() { c.content.Hide() }

// Visible tells whether a confirmation shows.
func (c *Confirmation) Visible() bool { return c.content.Visible() }

// fixedHeight gives o a minimum height, for a list inside a scrolling form.
func fixedHeight(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(r, o)
}

// heading is a section's bold title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}
