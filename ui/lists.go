package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/app/publicity"
	"townledger/app/training"
	"townledger/ui/locale"
)

// ListSettings edits the office's own lists: training categories and activity types, one
// per line.
type ListSettings struct {
	u                 *UI
	Categories, Types *widget.Entry
	Save              *widget.Button
	Message           *widget.Label
	content           fyne.CanvasObject
}

func newListSettings(u *UI) *ListSettings {
	ctx := context.Background()
	l := &ListSettings{u: u, Message: errorLabel()}
	l.Categories, l.Types = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	l.Categories.SetMinRowsVisible(7)
	l.Types.SetMinRowsVisible(10)
	if cats, err := training.Categories(ctx, u.Office.Store); err == nil {
		l.Categories.SetText(strings.Join(cats, "\n"))
	}
	if types, err := publicity.Types(ctx, u.Office.Store); err == nil {
		l.Types.SetText(strings.Join(types, "\n"))
	}
	l.Save = widget.NewButton(locale.T("action.save"), l.save)
	intro := widget.NewLabel(locale.T("lists.intro"))
	intro.Wrapping = fyne.TextWrapWord
	l.content = container.NewVBox(intro, widget.NewForm(
		widget.NewFormItem(locale.T("lists.categories"), l.Categories),
		widget.NewFormItem(locale.T("lists.types"), l.Types)), l.Message, container.NewHBox(l.Save))
	return l
}

func lines(s string) []string { return strings.Split(s, "\n") }

func (l *ListSettings) save() {
	ctx := context.Background()
	if err := training.SetCategories(ctx, l.u.Office.Store, l.u.session, lines(l.Categories.Text)); err != nil {
		setMessage(l.Message, listMessage(err))
		return
	}
	if err := publicity.SetTypes(ctx, l.u.Office.Store, l.u.session, lines(l.Types.Text)); err != nil {
		setMessage(l.Message, listMessage(err))
		return
	}
	setMessage(l.Message, "")
}
