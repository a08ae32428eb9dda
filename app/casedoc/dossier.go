package casedoc

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf/contrib/gofpdi"
)

// indexRows is how many documents one page of the 卷内目录 lists.
const indexRows = 20

// indexCols are the 卷内目录's columns and their widths (mm), filling the text width.
var indexCols = []struct {
	name  string
	width float64
}{{"序号", 12}, {"文书名称", 48}, {"文号", 50}, {"日期", 32}, {"页号", 14}}

// Part is one document of a 案卷: laid out from Doc, or, where Served holds the PDF kept
// as it was served, that file's pages placed as they are — Doc then only names it in the
// index.
type Part struct {
	Doc    Document
	Served []byte
}

// RenderDossier lays out the whole 案卷: the cover, the 卷内目录 listing every document
// with its date and first page, then the documents in order. Pages after the index carry
// the 案卷's running page number at their top right besides each document's own numbers.
func RenderDossier(cover, index Document, parts []Part, at time.Time) ([]byte, error) {
	w := newWriter(at)
	w.newPage() // the cover, filled in once the pages are counted
	indexFirst := w.pdf.PageCount() + 1
	for i := 0; i <= (len(parts)-1)/indexRows; i++ {
		w.newPage()
	}
	before := w.pdf.PageCount()
	imp := gofpdi.NewImporter()
	for _, p := range parts {
		if p.Served == nil {
			w.document(p.Doc)
			continue
		}
		if err := w.served(imp, p); err != nil {
			return nil, err
		}
	}
	total := w.pdf.PageCount() - before
	w.number(w.placed)
	for p := before + 1; p <= w.pdf.PageCount(); p++ {
		w.pdf.SetPage(p)
		w.y = 12
		w.text(marginL, contentW, strconv.Itoa(p-before), 10, "R")
	}

	w.pdf.SetPage(1)
	w.y = marginT
	for _, b := range cover.Blocks {
		for i, c := range b.Cells {
			b.Cells[i] = strings.ReplaceAll(c, "{{pages}}", strconv.Itoa(total))
		}
		w.block(b)
	}
	w.index(index, indexFirst, before)
	return w.bytes()
}

// served places the pages of a PDF kept as served, each whole on a page of its own.
func (w *writer) served(imp *gofpdi.Importer, p Part) (err error) {
	defer func() { // the importer panics on a file it cannot read
		if r := recover(); r != nil {
			err = fmt.Errorf("place the served %s in the case file: %v", p.Doc.Title, r)
		}
	}()
	n := PageCount(p.Served)
	w.placed = append(w.placed, placed{doc: p.Doc, first: w.pdf.PageCount() + 1, pages: n, served: true})
	var rs io.ReadSeeker = bytes.NewReader(p.Served) // one source for all its pages: its font once
	for i := 1; i <= n; i++ {
		w.pdf.AddPage()
		tpl := imp.ImportPageFromStream(w.pdf, &rs, i, "/MediaBox")
		imp.UseImportedTemplate(w.pdf, tpl, 0, 0, pageW, pageH)
	}
	return w.pdf.Error()
}

// index writes the 卷内目录 on its reserved pages.
func (w *writer) index(index Document, first, before int) {
	page := first
	start := func() {
		w.pdf.SetPage(page)
		w.y = marginT
		for _, b := range index.Blocks {
			w.block(b)
		}
		w.indexRow([]string{"序号", "文书名称", "文号", "日期", "页号"})
	}
	start()
	for i, p := range w.placed {
		if i > 0 && i%indexRows == 0 {
			page++
			start()
		}
		pages := strconv.Itoa(p.first - before)
		if p.pages > 1 {
			pages += "–" + strconv.Itoa(p.first-before+p.pages-1)
		}
		w.indexRow([]string{strconv.Itoa(i + 1), p.doc.Title, p.doc.No, p.doc.Date, pages})
	}
}

func (w *writer) indexRow(cells []string) {
	lh := lineH(10)
	wrapped := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		wrapped[i] = w.wrap(c, indexCols[i].width-2*cellPad, indexCols[i].width-2*cellPad, 10)
		n = max(n, len(wrapped[i]))
	}
	h := float64(n)*lh + 2*cellPad
	x := marginL
	for i := range cells {
		w.pdf.Rect(x, w.y, indexCols[i].width, h, "D")
		for j, l := range wrapped[i] {
			w.pdf.SetFontSize(10)
			w.pdf.SetXY(x+cellPad, w.y+cellPad+float64(j)*lh)
			w.pdf.CellFormat(indexCols[i].width-2*cellPad, lh, l, "", 0, "C", false, 0, "")
		}
		x += indexCols[i].width
	}
	w.y += h
}
