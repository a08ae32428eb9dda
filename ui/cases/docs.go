package cases

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/casedoc"
	"townledger/app/office"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// docPanel is the case page's 执法文书 card: the document of each recorded step with its
// 生成文书 button, the copy last produced to open again, and the whole 案卷 to print.
type docPanel struct {
	cv      *CaseView
	box     *fyne.Container
	Card    *widget.Card
	Buttons map[casedoc.Kind]*widget.Button // 生成文书… per document
	Open    map[casedoc.Kind]*widget.Button // 打开 the copy last kept
	Dossier *widget.Button
	Other   *kit.Select // a document of a step not recorded yet: served first, recorded after
	Entries []casedoc.Entry
	Kept    []office.CaseDocument // every copy produced, oldest first: shown in the 全过程记录
	Form    *docForm              // while a document's form is open

	otherKinds map[string]casedoc.Kind // Other's options
}

func newDocPanel(cv *CaseView) *docPanel {
	p := &docPanel{cv: cv, box: container.NewVBox()}
	p.Dossier = widget.NewButtonWithIcon(locale.T("casedoc.dossier"), theme.DocumentPrintIcon(), p.printDossier)
	p.Other = kit.Choice(nil, p.other)
	p.Other.PlaceHolder = locale.T("casedoc.other")
	p.Card = widget.NewCard(locale.T("casedoc.title"), "", container.NewBorder(nil,
		container.NewBorder(nil, nil, nil, p.Dossier, p.Other), nil, nil, p.box))
	return p
}

// refresh reads the case's documents again and lists them.
func (p *docPanel) refresh() {
	u := p.cv.c.u
	kept, err := u.Office.Docs().Kept(context.Background(), p.cv.id)
	if err != nil {
		p.box.Objects = []fyne.CanvasObject{widget.NewLabel(locale.Err(err))}
		p.box.Refresh()
		return
	}
	es := casedoc.EntriesOf(p.cv.View, kept) // the case as the page has just read it
	p.Entries, p.Kept = es, kept
	p.Buttons, p.Open = map[casedoc.Kind]*widget.Button{}, map[casedoc.Kind]*widget.Button{}
	var objs []fyne.CanvasObject
	for _, e := range es {
		e := e
		text := locale.T(e.Kind.Key()) + "  " + e.On
		if n := len(e.All); n > 0 {
			text += "  " + locale.T("casedoc.kept_n", map[string]any{"N": n})
		}
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		mk := widget.NewButtonWithIcon(locale.T("casedoc.make"), theme.DocumentCreateIcon(), func() { p.openForm(e) })
		p.Buttons[e.Kind] = mk
		row := container.NewBorder(nil, nil, nil, container.NewHBox(mk), l)
		if e.Kept != nil {
			id := e.Kept.ID
			open := widget.NewButtonWithIcon(locale.T("casedoc.open"), theme.FileIcon(), func() { p.openKept(id) })
			p.Open[e.Kind] = open
			row = container.NewBorder(nil, nil, nil, container.NewHBox(open, mk), l)
		}
		objs = append(objs, row)
	}
	p.others(es)
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(locale.T("casedoc.none")))
		p.Dossier.Disable()
	} else {
		p.Dossier.Enable()
	}
	p.box.Objects = objs
	p.box.Refresh()
}

// others offers the documents of steps not recorded: a notice is printed and served before
// its step is recorded with the day it was served.
func (p *docPanel) others(es []casedoc.Entry) {
	listed := map[casedoc.Kind]bool{casedoc.KindCover: true, casedoc.KindIndex: true}
	for _, e := range es {
		listed[e.Kind] = true
	}
	p.otherKinds = map[string]casedoc.Kind{}
	var options []string
	for _, k := range casedoc.Kinds {
		if !listed[k] {
			name := locale.T(k.Key())
			p.otherKinds[name] = k
			options = append(options, name)
		}
	}
	p.Other.Options = options
	p.Other.Refresh()
}

func (p *docPanel) other(name string) {
	k, ok := p.otherKinds[name]
	if !ok {
		return
	}
	p.Other.ClearSelected()
	p.openForm(casedoc.Entry{Kind: k, Step: k.Step()})
}

// lines are the 全过程记录's lines of the documents produced: when, what, its number and
// pages, who, and the hash that names the file served.
func (p *docPanel) lines() []*widget.Label {
	var out []*widget.Label
	for _, d := range p.Kept {
		at := strings.Replace(d.CreatedAt, "T", " ", 1)
		if len(at) > 16 {
			at = at[:16]
		}
		l := widget.NewLabel(locale.T("casedoc.timeline", map[string]any{"At": at, "Title": d.Title, "No": d.DocNo,
			"Pages": d.Pages, "By": d.ByName, "Hash": shortHash(d.SHA256)}))
		l.Wrapping = fyne.TextWrapWord
		out = append(out, l)
	}
	return out
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}

// openKept opens a copy kept with the case in the system's PDF viewer, exactly as served.
func (p *docPanel) openKept(id string) {
	u := p.cv.c.u
	d, err := u.Office.Docs().Content(context.Background(), id)
	if err != nil {
		kit.ShowError(u.Win, err)
		return
	}
	p.show(casedoc.FileName(d.DocNo, d.Title), d.Content)
}

// printDossier lays out the whole 案卷 in the background and opens it to print.
func (p *docPanel) printDossier() {
	u := p.cv.c.u
	var pdf []byte
	u.Run(locale.T("casedoc.dossier"), func(ctx context.Context) error {
		var err error
		pdf, err = u.Office.Docs().Dossier(ctx, p.cv.id, u.Now())
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(u.Win, err)
			return
		}
		p.show(casedoc.FileName(p.cv.View.Case.CaseNo, locale.T("casedoc.dossier_file")), pdf)
	})
}

// show writes a PDF to the program's folder of documents to print and opens it with the
// system's viewer, from which it is printed.
func (p *docPanel) show(name string, pdf []byte) {
	u := p.cv.c.u
	dir := filepath.Join(os.TempDir(), "TownLedger", "documents")
	path := filepath.Join(dir, name)
	err := os.MkdirAll(dir, 0o700)
	if err == nil {
		err = os.WriteFile(path, pdf, 0o600)
	}
	if err != nil {
		kit.ShowError(u.Win, err)
		return
	}
	// No PDF viewer to open it with (a bare PC): the file is there to open by hand.
	if err := u.App.OpenURL(fileURL(path)); err != nil {
		dialog.ShowInformation(locale.T("casedoc.no_viewer.title"), locale.T("casedoc.no_viewer",
			map[string]any{"Path": path, "Detail": err.Error()}), u.Win)
	}
}

// fileURL is a file: URL the system opens with its viewer (C:/… gets its leading slash).
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
