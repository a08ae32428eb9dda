package cases

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/search"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// Officers is the choice of who took a step. A town's roster of a few dozen is a tick box per
// officer, several to a row (a dozen names in one column would push the rest of the form off
// the screen). A larger roster is a search field over a list that makes only the rows it
// shows, with the names chosen above it: a tick box for each of 2,400 officers held the
// window two seconds as a case opened.
type Officers struct {
	Options  []string
	Checks   []*widget.Check // a small roster's tick boxes; nil for a large one
	Search   *widget.Entry   // a large roster's filter (names or pinyin initials); nil for a small one
	Chosen   *widget.Label   // a large roster's names chosen; nil for a small one
	List     *widget.List    // a large roster's names matching the filter
	shown    []int           // the indexes in Options the list shows
	ticked   map[string]bool // a large roster's choice
	initials []string        // the pinyin initials of Options, made at the first search
	changed  func()          // a large roster's draft, told of each change
	content  fyne.CanvasObject
}

const (
	officerColumns  = 4  // suits two- to four-character names at the narrowest form (1366 px wide)
	officerGridMax  = 48 // the largest roster shown as tick boxes: 12 rows of 4
	officerListRows = 6  // the rows of a large roster's list in view at once
)

func newOfficers(names []string, empty string) *Officers {
	o := &Officers{Options: names}
	switch {
	case len(names) == 0:
		o.content = widget.NewLabel(empty)
	case len(names) <= officerGridMax:
		grid := container.NewGridWithColumns(officerColumns)
		for _, n := range names {
			c := widget.NewCheck(n, nil)
			o.Checks = append(o.Checks, c)
			grid.Add(c)
		}
		o.content = grid
	default:
		o.large()
	}
	return o
}

// large makes the search field, the list and the line of names chosen.
func (o *Officers) large() {
	o.ticked = map[string]bool{}
	o.Chosen = widget.NewLabel("")
	o.Chosen.Wrapping = fyne.TextWrapWord
	o.Search = widget.NewEntry()
	o.Search.SetPlaceHolder(locale.T("officers.search", map[string]any{"N": len(o.Options)}))
	o.Search.OnChanged = func(string) { o.filter() }
	o.List = widget.NewList(func() int { return len(o.shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(id widget.ListItemID, obj fyne.CanvasObject) {
			c, name := obj.(*widget.Check), o.Options[o.shown[id]]
			c.OnChanged = nil // the row is reused: setting its state is not a tick
			c.Text, c.Checked = name, o.ticked[name]
			c.Refresh()
			c.OnChanged = func(on bool) { o.tick(name, on) }
		})
	o.List.OnSelected = func(id widget.ListItemID) { // a row chosen in the list, not by its box, ticks it as well
		o.List.UnselectAll()
		name := o.Options[o.shown[id]]
		o.tick(name, !o.ticked[name])
		o.List.RefreshItem(id)
	}
	rowHeight := widget.NewCheck("李明", nil).MinSize().Height + theme.Padding()
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, officerListRows*rowHeight))
	o.filter()
	o.showChosen()
	o.content = container.NewVBox(o.Chosen, o.Search, container.NewStack(room, o.List))
}

// filter shows the officers whose name or initials hold what was typed.
func (o *Officers) filter() {
	q := strings.ToLower(strings.TrimSpace(o.Search.Text))
	if q != "" && o.initials == nil { // at the first letter typed, not as the case opens
		o.initials = make([]string, len(o.Options))
		for i, n := range o.Options {
			o.initials[i] = search.Initials(n)
		}
	}
	o.shown = o.shown[:0]
	for i, n := range o.Options {
		if q == "" || strings.Contains(n, q) || strings.Contains(o.initials[i], q) {
			o.shown = append(o.shown, i)
		}
	}
	o.List.Refresh()
	o.List.ScrollToTop()
}

func (o *Officers) tick(name string, on bool) {
	if o.ticked[name] == on {
		return
	}
	if on {
		o.ticked[name] = true
	} else {
		delete(o.ticked, name)
	}
	o.showChosen()
	if o.changed != nil {
		o.changed()
	}
}

func (o *Officers) showChosen() {
	if chosen := o.Selected(); len(chosen) > 0 {
		o.Chosen.SetText(locale.T("officers.chosen", map[string]any{"Names": strings.Join(chosen, "、")}))
	} else {
		o.Chosen.SetText(locale.T("officers.none_chosen"))
	}
}

// Selected are the ticked officers, in roster order.
func (o *Officers) Selected() []string {
	var out []string
	for i, n := range o.Options {
		if o.Checks != nil && o.Checks[i].Checked || o.ticked[n] {
			out = append(out, n)
		}
	}
	return out
}

// SetSelected ticks exactly the given officers (names not on the roster are ignored).
func (o *Officers) SetSelected(names []string) {
	for i, c := range o.Checks {
		c.SetChecked(slices.Contains(names, o.Options[i]))
	}
	if o.ticked == nil {
		return
	}
	before := strings.Join(o.Selected(), "、")
	clear(o.ticked)
	for _, n := range names {
		if slices.Contains(o.Options, n) {
			o.ticked[n] = true
		}
	}
	o.List.Refresh()
	o.showChosen()
	if o.changed != nil && strings.Join(o.Selected(), "、") != before {
		o.changed()
	}
}

// bind keeps the choice in the form's draft: a tick box per officer, or for a large roster
// the names chosen.
func (o *Officers) bind(d *kit.Draft) {
	for _, c := range o.Checks {
		d.Check("officer."+c.Text, c)
	}
	if o.ticked != nil {
		o.changed = d.Changed
		d.Value("officers", func() string { return strings.Join(o.Selected(), "\n") },
			func(s string) { o.SetSelected(strings.Split(s, "\n")) })
	}
}
