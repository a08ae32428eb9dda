package catalog

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/office"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// RecallForm takes a delegated item back (收回) from the item's page: the day it ends and
// why. Cases already filed under the item keep it.
type RecallForm struct {
	On      *widget.Entry
	Reason  *widget.Entry
	Confirm *widget.Button
	Message *widget.Label
	draft   *kit.Draft
	content fyne.CanvasObject
}

// recallCard is the item page's recall button and, once pressed, its form.
func (c *Catalog) recallCard(it office.CatalogItem) fyne.CanvasObject {
	f := &RecallForm{On: kit.DateEntry(true), Reason: widget.NewMultiLineEntry(), Message: kit.ErrorLabel()}
	f.On.SetText(c.u.Now().Format("2006-01-02"))
	f.Reason.SetPlaceHolder(locale.T("catalogpage.recall.reason_hint"))
	f.Reason.SetMinRowsVisible(2)
	f.Confirm = widget.NewButtonWithIcon(locale.T("catalogpage.recall.confirm"), theme.DeleteIcon(), func() { c.recall(it, f) })
	f.Confirm.Importance = widget.DangerImportance
	intro := widget.NewLabel(locale.T("catalogpage.recall.intro"))
	intro.Wrapping = fyne.TextWrapWord
	card := widget.NewCard(locale.T("catalogpage.recall"), "", container.NewVBox(intro, widget.NewForm(
		widget.NewFormItem(locale.T("catalogpage.recall.on"), f.On),
		widget.NewFormItem(locale.T("catalogpage.recall.reason"), f.Reason)), f.Message, container.NewHBox(f.Confirm)))
	card.Hide()
	c.Recall = f
	open := widget.NewButtonWithIcon(locale.T("catalogpage.recall")+"…", theme.ContentRemoveIcon(), func() {
		card.Show()
		f.draft = c.u.NewDraft("catalog.recall", it.ID)
		f.draft.Entry("on", f.On)
		f.draft.Entry("reason", f.Reason)
		f.draft.Offer()
	})
	f.content = card
	return container.NewVBox(container.NewHBox(open), card)
}

func (c *Catalog) recall(it office.CatalogItem, f *RecallForm) {
	on, err := kit.ParseDay(f.On.Text, true)
	if err == nil {
		err = c.u.Office.Catalog.Recall(context.Background(), c.u.Session, it.ID, on, f.Reason.Text)
	}
	if err != nil {
		kit.SetMessage(f.Message, kit.ListMessage(err))
		return
	}
	if f.draft != nil {
		f.draft.Saved()
	}
	c.Open(it.ID) // the page now shows the item recalled
}

// Content is the form's widget tree.
func (f *RecallForm) Content() fyne.CanvasObject { return f.content }
