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
	Notice  *widget.Label
	draft   *kit.Draft
	content fyne.CanvasObject
}

func newRuleSettings(u *kit.Env) *RuleSettings {
	r := &RuleSettings{u: u, Entries: map[string]*widget.Entry{}, Message: kit.ErrorLabel(), Notice: kit.Notice()}
	values, err := u.Office.Settings.Values(context.Background())
	if err != nil {
		kit.SetMessage(r.Message, locale.Err(err))
	}
	// Numbers in short fields beside their labels, in two columns: the labels are long, the
	// values a few digits.
	halves := [2]*widget.Form{widget.NewForm(), widget.NewForm()}
	for i, k := range appsettings.Editable {
		e := widget.NewEntry()
		e.SetText(values[k])
		e.OnChanged = func(string) { kit.SetMessage(r.Notice, "") }
		r.Entries[k] = e
		half := halves[0]
		if i >= (len(appsettings.Editable)+1)/2 {
			half = halves[1]
		}
		half.Append(locale.T("settings.key."+k), container.NewHBox(kit.Narrow(e, 120)))
	}
	grid := container.NewGridWithColumns(2, halves[0], halves[1])
	r.Save = widget.NewButton(locale.T("action.save"), r.save)
	r.Save.Importance = widget.HighImportance
	intro := widget.NewLabel(locale.T("settings.rules.intro"))
	intro.Wrapping = fyne.TextWrapWord
	r.content = kit.FormPage(nil, container.NewVBox(intro, grid), r.Message, r.Notice, r.Save)
	r.draft = u.NewDraft("settings.rules", "")
	for k, e := range r.Entries {
		r.draft.Entry(k, e)
	}
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
	r.draft.Saved()
	kit.SetMessage(r.Message, "")
	kit.SetMessage(r.Notice, locale.T("saved.at", map[string]any{"Time": r.u.Now().Format("15:04")}))
}
