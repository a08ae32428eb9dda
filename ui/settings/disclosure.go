package settings

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"townledger/app/disclosure"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// DisclosureSettings edits the choices of the 双公示 sheet: the deciding bodies' credit codes,
// how long decisions stay on display and whether on-the-spot decisions are published.
type DisclosureSettings struct {
	u                    *kit.Env
	TownCode, BureauCode *widget.Entry
	Years                *widget.Entry
	Summary              *widget.Check
	Save                 *widget.Button
	Message, Notice      *widget.Label
	draft                *kit.Draft
	content              fyne.CanvasObject
}

func newDisclosureSettings(u *kit.Env) *DisclosureSettings {
	d := &DisclosureSettings{u: u, Message: kit.ErrorLabel(), Notice: kit.Notice()}
	o, err := u.Office.Disclosure.CurrentOptions(context.Background())
	if err != nil {
		kit.SetMessage(d.Message, locale.Err(err))
	}
	d.TownCode, d.BureauCode = widget.NewEntry(), widget.NewEntry()
	d.TownCode.SetText(o.TownCreditCode)
	d.BureauCode.SetText(o.BureauCreditCode)
	d.Years = widget.NewEntry()
	d.Years.SetText(strconv.Itoa(o.DisplayYears))
	d.Summary = widget.NewCheck(locale.T("disclosure.settings.summary"), nil)
	d.Summary.SetChecked(o.IncludeSummary)
	d.Save = widget.NewButton(locale.T("action.save"), d.save)
	d.Save.Importance = widget.HighImportance
	intro := widget.NewLabel(locale.T("disclosure.settings.intro"))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(locale.T("disclosure.settings.town_code"), kit.Narrow(d.TownCode, 260)),
		widget.NewFormItem(locale.T("disclosure.settings.bureau_code"), kit.Narrow(d.BureauCode, 260)),
		widget.NewFormItem(locale.T("disclosure.settings.years"), kit.Narrow(d.Years, 120)),
		widget.NewFormItem("", d.Summary))
	d.content = kit.FormPage(nil, container.NewVBox(intro, form), d.Message, d.Notice, d.Save)
	d.draft = u.NewDraft("settings.disclosure", "")
	d.draft.Entry("town_code", d.TownCode)
	d.draft.Entry("bureau_code", d.BureauCode)
	d.draft.Entry("years", d.Years)
	d.draft.Check("summary", d.Summary)
	return d
}

func (d *DisclosureSettings) save() {
	years, err := strconv.Atoi(strings.TrimSpace(d.Years.Text))
	if err != nil {
		years = -1 // refused below with the setting's own message
	}
	o := disclosure.Options{TownCreditCode: d.TownCode.Text, BureauCreditCode: d.BureauCode.Text, DisplayYears: years,
		IncludeSummary: d.Summary.Checked}
	if err := d.u.Office.Disclosure.SetOptions(context.Background(), d.u.Session, o); err != nil {
		kit.SetMessage(d.Message, kit.ListMessage(err))
		return
	}
	d.draft.Saved()
	kit.SetMessage(d.Message, "")
	kit.SetMessage(d.Notice, locale.T("saved.at", map[string]any{"Time": d.u.Now().Format("15:04")}))
}
