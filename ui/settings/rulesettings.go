package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	appsettings "townledger/app/settings"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// RuleSettings edits the law's periods and amounts the office works with.
type RuleSettings struct {
	u       *kit.Env
	Entries map[string]*widget.Entry
	Save    *widget.Button
	Message *widget.Label
	content fyne.CanvasObject
}

func newRuleSettings(u *kit.Env) *RuleSettings {
	r := &RuleSettings{u: u, Entries: map[string]*widget.Entry{}, Message: kit.ErrorLabel()}
	values, err := u.Office.Settings.Values(context.Background())
	if err != nil {
		kit.SetMessage(r.Message, locale.Err(err))
	}
	form := widget.NewForm()
	for _, k := range appsettings.Editable {
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
	if err := r.u.Office.Settings.SetValues(context.Background(), r.u.Session, values); err != nil {
		kit.SetMessage(r.Message, kit.ListMessage(err))
		return
	}
	kit.SetMessage(r.Message, "")
	r.Message.Hide()
}
