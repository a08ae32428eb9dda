package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/app/settings"
	"townledger/ui/locale"
)

// RuleSettings edits the law's periods and amounts the office works with.
type RuleSettings struct {
	u       *UI
	Entries map[string]*widget.Entry
	Save    *widget.Button
	Message *widget.Label
	content fyne.CanvasObject
}

func newRuleSettings(u *UI) *RuleSettings {
	r := &RuleSettings{u: u, Entries: map[string]*widget.Entry{}, Message: errorLabel()}
	values, err := settings.Values(context.Background(), u.Office.Store)
	if err != nil {
		setMessage(r.Message, locale.Err(err))
	}
	form := widget.NewForm()
	for _, k := range settings.Editable {
		e := widget.NewEntry()
		e.SetText(values[k])
		r.Entries[k] = e
		form.Append(locale.T("settings.key."+k), e)
	}
	r.Save = widget.NewButton(locale.T("action.save"), r.save)
	intro := widget.NewLabel(locale.T("settings.rules.intro"))
	intro.Wrapping = fyne.TextWrapWord
	r.content = container.NewVBox(intro, form, r.Message, container.NewHBox(r.Save))
	return r
}

func (r *RuleSettings) save() {
	values := map[string]string{}
	for k, e := range r.Entries {
		values[k] = e.Text
	}
	if err := settings.SetValues(context.Background(), r.u.Office.Store, r.u.session, values); err != nil {
		setMessage(r.Message, listMessage(err))
		return
	}
	setMessage(r.Message, "")
	r.Message.Hide()
}
