package cases

import (
	"image/color"
	"slices"

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
	f.box.Add(l)
	f.box.Add(w)
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

// Officers is a tick box per officer, several to a row: a roster of a dozen names in one
// column would push the rest of the form off the screen.
type Officers struct {
	Options []string
	Checks  []*widget.Check
	content fyne.CanvasObject
}

// officerColumns suits two- to four-character names at the narrowest form (1366 px wide).
const officerColumns = 4

func newOfficers(names []string, empty string) *Officers {
	o := &Officers{Options: names}
	grid := container.NewGridWithColumns(officerColumns)
	for _, n := range names {
		c := widget.NewCheck(n, nil)
		o.Checks = append(o.Checks, c)
		grid.Add(c)
	}
	o.content = grid
	if len(names) == 0 {
		o.content = widget.NewLabel(empty)
	}
	return o
}

// Selected are the ticked officers, in roster order.
func (o *Officers) Selected() []string {
	var out []string
	for i, c := range o.Checks {
		if c.Checked {
			out = append(out, o.Options[i])
		}
	}
	return out
}

// SetSelected ticks exactly the given officers (names not on the roster are ignored).
func (o *Officers) SetSelected(names []string) {
	for i, c := range o.Checks {
		c.SetChecked(slices.Contains(names, o.Options[i]))
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
