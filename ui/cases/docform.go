package cases

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/casedoc"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// docForm is a document's form: the free texts the document prints (facts, evidence,
// reasons, opinions) to correct, a preview of the document as it will print, and 生成并打开,
// which produces the PDF, keeps it with the case and opens it to print.
type docForm struct {
	p       *docPanel
	entry   casedoc.Entry
	Fields  map[string]*widget.Entry
	Preview *widget.Label
	Update  *widget.Button
	Produce *widget.Button
	Message *widget.Label
	dlg     *dialog.CustomDialog
}

func (p *docPanel) openForm(e casedoc.Entry) {
	u := p.cv.c.u
	texts, err := u.Office.Docs().Texts(context.Background(), p.cv.id, e.Kind, u.Now())
	if err != nil {
		kit.ShowError(u.Win, err)
		return
	}
	f := &docForm{p: p, entry: e, Fields: map[string]*widget.Entry{}, Message: kit.ErrorLabel()}
	f.Preview = widget.NewLabel("")
	f.Preview.Wrapping = fyne.TextWrapWord
	fields := container.NewVBox()
	for _, name := range e.Kind.Fields() {
		en := widget.NewMultiLineEntry()
		en.Wrapping = fyne.TextWrapWord
		en.SetMinRowsVisible(4)
		en.SetText(texts.Get(name))
		f.Fields[name] = en
		fields.Add(widget.NewLabel(locale.T("casedoc.field." + name)))
		fields.Add(en)
	}
	if len(e.Kind.Fields()) == 0 {
		fields.Add(widget.NewLabel(locale.T("casedoc.no_fields")))
	}
	f.Update = widget.NewButtonWithIcon(locale.T("casedoc.preview"), theme.ViewRefreshIcon(), f.preview)
	f.Produce = widget.NewButtonWithIcon(locale.T("casedoc.produce"), theme.DocumentPrintIcon(), f.produce)
	f.Produce.Importance = widget.HighImportance
	if !u.Session.Can(auth.EditCases) {
		f.Produce.Disable()
	}
	left := container.NewBorder(nil, container.NewVBox(f.Message, container.NewHBox(f.Update, f.Produce)), nil, nil,
		container.NewVScroll(fields))
	right := widget.NewCard(locale.T("casedoc.preview_title"), "", container.NewVScroll(f.Preview))
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	f.dlg = dialog.NewCustom(locale.T(e.Kind.Key()), locale.T("casedoc.close"), split, u.Win)
	f.dlg.SetOnClosed(func() { p.Form = nil })
	size := u.Win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(max(size.Width*0.9, 720), max(size.Height*0.9, 520)))
	p.Form = f
	f.preview()
	f.dlg.Show()
}

func (f *docForm) texts() casedoc.Texts {
	var t casedoc.Texts
	for name, en := range f.Fields {
		t.Set(name, en.Text)
	}
	return t
}

// preview fills the document in with the texts as typed and shows it as it will read.
func (f *docForm) preview() {
	u := f.p.cv.c.u
	d, err := u.Office.Docs().Build(context.Background(), f.p.cv.id, f.entry.Kind, f.texts(), u.Now())
	if err != nil {
		f.Message.SetText(locale.Err(err))
		return
	}
	f.Message.SetText("")
	f.Preview.SetText(d.Text())
}

// produce makes the PDF, keeps it with the case (it shows in the 全过程记录) and opens it in
// the system's viewer to print.
func (f *docForm) produce() {
	u := f.p.cv.c.u
	kept, err := u.Office.Docs().Produce(context.Background(), u.Session, f.p.cv.id, f.entry.Kind, f.texts(), u.Now())
	if err != nil {
		f.Message.SetText(locale.Err(err))
		return
	}
	f.dlg.Hide()
	if err := f.p.cv.reload(); err != nil {
		kit.ShowError(u.Win, err)
	}
	f.p.show(casedoc.FileName(kept.DocNo, kept.Title), kept.Content)
}
