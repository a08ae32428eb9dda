package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	appsettings "townledger/app/settings"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// DocTextSettings edits the office's fixed texts the case documents print — where fines
// are paid, the review body, the court, the office's address and contact — beside a
// preview of a 行政处罚决定书 with them filled in.
type DocTextSettings struct {
	u               *kit.Env
	Fields          map[string]*widget.Entry // by app/settings' DocTextKeys
	Preview         *widget.Label
	Update, Save    *widget.Button
	Message, Notice *widget.Label
	draft           *kit.Draft
	previews        int // the previews asked for: only the last one asked for is shown
	content         fyne.CanvasObject
}

func newDocTextSettings(u *kit.Env) *DocTextSettings {
	d := &DocTextSettings{u: u, Fields: map[string]*widget.Entry{}, Message: kit.ErrorLabel(), Notice: kit.Notice()}
	current, err := u.Office.Settings.DocTexts(context.Background())
	if err != nil {
		kit.SetMessage(d.Message, locale.Err(err))
	}
	form := widget.NewForm()
	d.draft = u.NewDraft("settings.doc_texts", "")
	for _, k := range appsettings.DocTextKeys {
		e := widget.NewEntry()
		e.SetText(current.Get(k))
		d.Fields[k] = e
		form.Append(locale.T("settings."+k), e)
		d.draft.Entry(k, e)
	}
	d.Preview = widget.NewLabel("")
	d.Preview.Wrapping = fyne.TextWrapWord
	d.Update = widget.NewButtonWithIcon(locale.T("casedoc.preview"), theme.ViewRefreshIcon(), d.preview)
	d.Save = widget.NewButton(locale.T("action.save"), d.save)
	d.Save.Importance = widget.HighImportance
	intro := widget.NewLabel(locale.T("settings.doc.intro"))
	intro.Wrapping = fyne.TextWrapWord
	fields := container.NewVBox(intro, form)
	preview := widget.NewCard(locale.T("settings.doc.preview"), "", container.NewVScroll(d.Preview))
	split := container.NewHSplit(container.NewVScroll(fields), preview)
	split.Offset = 0.5
	d.content = kit.FormPage(nil, split, d.Message, d.Notice, d.Update, d.Save)
	d.preview()
	return d
}

func (d *DocTextSettings) texts() appsettings.DocTexts {
	var t appsettings.DocTexts
	for k, e := range d.Fields {
		t.Set(k, e.Text)
	}
	return t
}

// preview shows the sample decision with the texts as typed, saved or not. It is made in the
// background and shown once made: the tab shows at once, the long wrapped text a moment later.
func (d *DocTextSettings) preview() {
	texts, now := d.texts(), d.u.Now()
	sample := func(ctx context.Context) string {
		doc, err := d.u.Office.Docs().Sample(ctx, texts, now)
		if err != nil {
			return locale.Err(err)
		}
		return doc.Text()
	}
	if d.u.SyncReads {
		d.Preview.SetText(sample(context.Background()))
		return
	}
	d.previews++
	n := d.previews
	d.u.Background(func(ctx context.Context) (func(), error) {
		text := sample(ctx)
		return func() {
			if n == d.previews { // not one asked for before a later one
				d.Preview.SetText(text)
			}
		}, nil
	})
}

func (d *DocTextSettings) save() {
	if err := d.u.Office.Settings.SetDocTexts(context.Background(), d.u.Session, d.texts()); err != nil {
		kit.SetMessage(d.Message, kit.ListMessage(err))
		return
	}
	d.draft.Saved()
	d.preview()
	kit.SetMessage(d.Message, "")
	kit.SetMessage(d.Notice, locale.T("saved.at", map[string]any{"Time": d.u.Now().Format("15:04")}))
}
