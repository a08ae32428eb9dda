package casedoc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"townledger/assets"
)

// A4 portrait, in millimetres; margins as the 式样 print them (binding edge on the left).
const (
	pageW, pageH     = 210.0, 297.0
	marginL, marginR = 28.0, 26.0
	marginT, marginB = 22.0, 20.0
	contentW         = pageW - marginL - marginR
	bodySize         = 12.0 // 小四
	tableSize        = 11.0
	ptMM             = 25.4 / 72
	cellPad          = 1.6
	labelW           = 34.0
)

// fontFamily is the bundled font's name inside the PDF before output. fpdf names a UTF-8
// font "utf8"+family, which carries no subset tag; the output gets subsetName, as long, in
// its place, so readers (pdffonts) see the subset that fpdf embeds.
const (
	fontFamily = "townledgersansxyz"
	fpdfName   = "/utf8" + fontFamily
	subsetName = "/TLDOCS+TownLedgerSans"
)

func init() {
	if len(fpdfName) != len(subsetName) {
		panic("casedoc: the subset font name must be as long as fpdf's")
	}
}

// placed is a document laid out: its first page and how many it took.
type placed struct {
	doc          Document
	first, pages int
	served       bool // a kept PDF placed as it is, its page numbers its own
}

// writer lays documents out on the pages of one PDF.
type writer struct {
	pdf     *fpdf.Fpdf
	widths  map[rune]float64 // at 1 pt
	y       float64
	cur     *placed
	placed  []placed
	inTable bool // the last block drawn was a table row
}

func newWriter(at time.Time) *writer {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(marginL, marginT, marginR)
	p.SetCatalogSort(true)
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.SetCreator("TownLedger", true)
	p.AddUTF8FontFromBytes(fontFamily, "", assets.CJKFont)
	p.SetFont(fontFamily, "", bodySize)
	p.SetLineWidth(0.25)
	return &writer{pdf: p, widths: map[rune]float64{}}
}

func lineH(size float64) float64 { return size * ptMM * 1.6 }

func (w *writer) measure(s string, size float64) float64 {
	var total float64
	for _, r := range s {
		wr, ok := w.widths[r]
		if !ok {
			w.pdf.SetFontSize(10)
			wr = w.pdf.GetStringWidth(string(r)) / 10
			w.widths[r] = wr
		}
		total += wr
	}
	return total * size
}

// noStart may not begin a line, noEnd may not end one (Chinese line-breaking rules).
const (
	noStart = "，。、；：？！）》”’」』】〕…%,.;:?!)]"
	noEnd   = "（《“‘「『【〔([¥"
)

// wrap breaks text into lines at most width wide (the first one first wide), at any
// character, keeping closing punctuation on the line before and opening on the line after.
func (w *writer) wrap(text string, width, first, size float64) []string {
	text = printable(text)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		var line []rune
		var lw float64
		limit := first
		for _, r := range para {
			rw := w.measure(string(r), size)
			if lw+rw > limit && len(line) > 0 && !strings.ContainsRune(noStart, r) {
				carry := 0
				for carry < len(line)-1 && strings.ContainsRune(noEnd, line[len(line)-1-carry]) {
					carry++
				}
				out = append(out, string(line[:len(line)-carry]))
				line = append([]rune{}, line[len(line)-carry:]...)
				lw = w.measure(string(line), size)
				limit = width
			}
			line = append(line, r)
			lw += rw
		}
		out = append(out, string(line))
		first = width
	}
	return out
}

// missing stands for a character the PDF cannot carry, as typesetters mark one (〓).
const missing = '〓'

// printable is s as fpdf can lay it out: characters beyond the Basic Multilingual Plane
// (which fpdf's font subsetting cannot map; a rare name character of CJK Extension B, an
// emoji) become 〓, control characters other than newlines are dropped.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return missing
		case r == '\n':
			return r
		case r < ' ' || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

func (w *writer) newPage() {
	w.pdf.AddPage()
	w.y = marginT
	if w.cur != nil {
		w.cur.pages++
	}
}

// ensure starts a new page unless h more millimetres fit on this one.
func (w *writer) ensure(h float64) {
	if w.y+h > pageH-marginB {
		w.newPage()
	}
}

func (w *writer) text(x, width float64, s string, size float64, align string) {
	s = printable(s)
	w.pdf.SetFontSize(size)
	w.pdf.SetXY(x, w.y)
	w.pdf.CellFormat(width, lineH(size), s, "", 0, align, false, 0, "")
}

// lines writes wrapped lines, breaking pages as needed.
func (w *writer) lines(ls []string, x, width, size float64, align string, indent float64) {
	for i, l := range ls {
		w.ensure(lineH(size))
		in := 0.0
		if i == 0 {
			in = indent
		}
		w.text(x+in, width-in, l, size, align)
		w.y += lineH(size)
	}
}

// document lays out one document from a new page.
func (w *writer) document(d Document) {
	w.placed = append(w.placed, placed{doc: d, first: w.pdf.PageCount() + 1})
	w.cur = &w.placed[len(w.placed)-1]
	w.newPage()
	w.inTable = false
	for _, b := range d.Blocks {
		w.block(b)
	}
	w.cur = nil
}

func (w *writer) block(b Block) {
	c0 := b.Cells[0]
	table := b.Kind == "row" || b.Kind == "box"
	if w.inTable && !table { // a little air between a form's table and the text after it
		w.y += 3
	}
	w.inTable = table
	indent := 2 * w.measure("中", bodySize)
	switch b.Kind {
	case "issuer":
		w.lines(w.wrap(c0, contentW, contentW, 16), marginL, contentW, 16, "C", 0)
		w.y += 2
	case "title":
		w.y += 1
		w.lines(w.wrap(c0, contentW, contentW, 20), marginL, contentW, 20, "C", 0)
		w.y += 2
	case "no", "center":
		w.lines([]string{c0}, marginL, contentW, bodySize, "C", 0)
		w.y += 3
	case "head", "pl":
		w.lines(w.wrap(c0, contentW, contentW, bodySize), marginL, contentW, bodySize, "L", 0)
	case "p":
		for _, para := range strings.Split(c0, "\n") {
			w.lines(w.wrap(para, contentW, contentW-indent, bodySize), marginL, contentW, bodySize, "L", indent)
		}
	case "note":
		w.y += 2
		w.lines(w.wrap(c0, contentW, contentW, 9), marginL, contentW, 9, "L", 0)
	case "gap":
		n, _ := strconv.ParseFloat(c0, 64)
		w.y += n
	case "cut":
		w.ensure(6)
		w.pdf.SetDashPattern([]float64{2, 1.5}, 0)
		w.pdf.Line(marginL, w.y+3, pageW-marginR, w.y+3)
		w.pdf.SetDashPattern(nil, 0)
		w.y += 6
	case "sign":
		h := float64(len(b.Cells))*lineH(bodySize) + 4
		if w.y+h > pageH-marginB { // the seal never stands alone without saying so (GB/T 9704)
			w.newPage()
			w.lines([]string{"（此页无正文）"}, marginL, contentW, bodySize, "L", 2*w.measure("中", bodySize))
			w.y += 8
		}
		for _, c := range b.Cells {
			w.text(pageW-marginR-80, 80, c, bodySize, "C")
			w.y += lineH(bodySize)
		}
		w.y += 4
	case "row":
		w.row(b.Cells, 0, "")
	case "box":
		foot := ""
		if len(b.Cells) > 2 {
			foot = b.Cells[2]
		}
		text := ""
		if len(b.Cells) > 1 {
			text = b.Cells[1]
		}
		minH := 26.0
		if len(b.Cells) > 3 {
			if h, err := strconv.ParseFloat(b.Cells[3], 64); err == nil && h > 0 {
				minH = min(h, pageH-marginT-marginB)
			}
		}
		w.row([]string{c0, text}, minH, foot)
	}
}

// number writes each placed document's page numbers (第 1 页 共 2 页) at the foot of its
// pages.
func (w *writer) number(ps []placed) {
	for _, p := range ps {
		if p.served {
			continue
		}
		for i := 0; i < p.pages; i++ {
			w.pdf.SetPage(p.first + i)
			w.y = pageH - marginB + 6
			w.text(marginL, contentW, fmt.Sprintf("第 %d 页　共 %d 页", i+1, p.pages), 9, "C")
		}
	}
}

// bytes finishes the PDF.
func (w *writer) bytes() ([]byte, error) {
	// fpdf writes the pages up to the current one: after going back to number pages or to
	// fill in the cover and the index, the last one is made current again.
	w.pdf.SetPage(w.pdf.PageCount())
	var b bytes.Buffer
	if err := w.pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("write the PDF: %w", err)
	}
	return bytes.ReplaceAll(b.Bytes(), []byte(fpdfName), []byte(subsetName)), nil
}

// Render lays out documents one after another, each numbered on its own, in one PDF.
func Render(docs []Document, at time.Time) ([]byte, error) {
	w := newWriter(at)
	for _, d := range docs {
		w.document(d)
	}
	w.number(w.placed)
	return w.bytes()
}
