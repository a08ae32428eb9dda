package training

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	apptraining "townledger/app/training"
	"townledger/ui/locale"
)

// showPaste asks for a list of names copied from a sign-in sheet or a chat message.
func (a *Attendance) showPaste() {
	box := widget.NewMultiLineEntry()
	box.Wrapping = fyne.TextWrapWord
	box.SetMinRowsVisible(10)
	hint := widget.NewLabel(locale.T("training.paste.hint"))
	hint.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(locale.T("training.paste.title"), container.NewBorder(hint, nil, nil, nil, box), a.win)
	ok := widget.NewButton(locale.T("training.paste.tick"), func() {
		d.Hide()
		a.PasteNames(box.Text)
	})
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(locale.T("action.cancel"), d.Hide), ok})
	d.SetOnClosed(func() { a.PasteBox, a.PasteOK = nil, nil })
	d.Resize(fyne.NewSize(560, 440))
	a.PasteBox, a.PasteOK = box, ok
	d.Show()
	a.win.Canvas().Focus(box)
}

// PasteNames ticks the people a pasted list names and says who was not found or is
// ambiguous; it never guesses between people of the same name.
func (a *Attendance) PasteNames(text string) {
	if !a.editable {
		return
	}
	people := make([]apptraining.Person, len(a.Rows))
	index := map[string]int{}
	for i, m := range a.Rows {
		people[i] = m.Person
		index[m.Person.ID] = i
	}
	match := apptraining.MatchNames(people, text)
	var newly []int
	already := 0
	for _, p := range match.Found {
		i := index[p.ID]
		if a.Rows[i].Ticked {
			already++
			continue
		}
		a.Rows[i].Ticked = true
		newly = append(newly, i)
	}
	if len(newly) > 0 {
		a.changed()
	}
	a.filter(a.Search.Text)
	a.win.Canvas().Focus(a.Search)
	var parts []string
	if len(match.Found) == 0 && len(match.Missing) == 0 && len(match.Ambiguous) == 0 {
		parts = append(parts, locale.T("training.paste.none"))
	} else {
		parts = append(parts, locale.T("training.paste.ticked", map[string]any{"N": len(newly)}))
	}
	if already > 0 {
		parts = append(parts, locale.T("training.paste.already", map[string]any{"N": already}))
	}
	if len(match.Missing) > 0 {
		parts = append(parts, locale.T("training.paste.missing", map[string]any{"Names": strings.Join(match.Missing, "、")}))
	}
	if len(match.Ambiguous) > 0 {
		parts = append(parts, locale.T("training.paste.ambiguous", map[string]any{"Names": strings.Join(match.Ambiguous, "、")}))
	}
	warn := len(match.Missing)+len(match.Ambiguous) > 0 || len(match.Found) == 0
	var undo func()
	if len(newly) > 0 {
		undo = a.untick(newly)
	}
	a.say(strings.Join(parts, locale.T("training.paste.sep")), warn, undo)
}
