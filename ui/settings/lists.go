package settings

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/ui/kit"
	"townledger/ui/locale"
)

// ListSettings edits the office's own lists: training categories and activity types, one
// per line.
type ListSettings struct {
	u                 *kit.Env
	Categories, Types *widget.Entry
	Save              *widget.Button
	Message           *widget.Label
	Notice            *widget.Label
	draft             *kit.Draft
	content           fyne.CanvasObject
}

func newListSettings(u *kit.Env) *ListSettings {
	ctx := context.Background()
	l := &ListSettings{u: u, Message: kit.ErrorLabel()}
	l.Categories, l.Types = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	l.Categories.SetMinRowsVisible(7)
	l.Types.SetMinRowsVisible(10)
	if cats, err := u.Office.Training.Categories(ctx); err == nil {
		l.Categories.SetText(strings.Join(cats, "\n"))
	}
	if types, err := u.Office.Publicity.Types(ctx); err == nil {
		l.Types.SetText(strings.Join(types, "\n"))
	}
	l.Save = widget.NewButton(locale.T("action.save"), l.save)
	l.Save.Importance = widget.HighImportance
	l.Notice = kit.Notice()
	intro := widget.NewLabel(locale.T("lists.intro"))
	intro.Wrapping = fyne.TextWrapWord
	l.content = kit.FormPage(nil, container.NewVBox(intro, widget.NewForm(
		widget.NewFormItem(locale.T("lists.categories"), l.Categories),
		widget.NewFormItem(locale.T("lists.types"), l.Types))), l.Message, l.Notice, l.Save)
	l.draft = u.NewDraft("settings.lists", "")
	l.draft.Entry("categories", l.Categories)
	l.draft.Entry("types", l.Types)
	return l
}

func (l *ListSettings) save() {
	ctx := context.Background()
	if err := l.u.Office.Training.SetCategories(ctx, l.u.Session, kit.Lines(l.Categories.Text)); err != nil {
		kit.SetMessage(l.Message, kit.ListMessage(err))
		return
	}
	if err := l.u.Office.Publicity.SetTypes(ctx, l.u.Session, kit.Lines(l.Types.Text)); err != nil {
		kit.SetMessage(l.Message, kit.ListMessage(err))
		return
	}
	l.draft.Saved()
	kit.SetMessage(l.Message, "")
	kit.SetMessage(l.Notice, locale.T("saved.at", map[string]any{"Time": l.u.Now().Format("15:04")}))
}
