package casedoc

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"text/template"
)

// wording is every document's text: one {{define}} per Kind, in a markup of one block per
// line ("kind: cell | cell"). Reviewers read and correct the documents there.
//
//go:embed wording.tmpl
var wording string

var templates = template.Must(template.New("wording").Funcs(template.FuncMap{
	"blank": func() string { return "　" }, // a cell left to fill in by hand
}).Parse(wording))

// Block is one laid-out part of a document.
type Block struct {
	Kind  string   // see the markup in wording.tmpl: issuer, title, no, p, pl, center, row, box, sign, gap, note, cut, head
	Cells []string // the texts, newlines kept
}

// Document is a filled-in document ready to lay out or to preview.
type Document struct {
	Kind   Kind
	Title  string
	No     string // its own number, or the case's
	Date   string // the date it carries, as printed
	Blocks []Block
}

// markups are the block kinds the template may use.
var markups = map[string]bool{"issuer": true, "title": true, "no": true, "p": true, "pl": true, "center": true,
	"row": true, "box": true, "sign": true, "gap": true, "note": true, "cut": true, "head": true}

// fill runs k's template on f and reads its markup into a document.
func fill(k Kind, f Facts) (Document, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, string(k), f); err != nil {
		return Document{}, fmt.Errorf("fill in the %s document: %w", k, err)
	}
	d := Document{Kind: k, Date: f.DocDate}
	for n, line := range strings.Split(b.String(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, rest, _ := strings.Cut(line, ":")
		if !markups[kind] {
			return Document{}, fmt.Errorf("the %s document, line %d: unknown block %q", k, n+1, kind)
		}
		var cells []string
		for _, c := range strings.Split(rest, "|") {
			cells = append(cells, strings.ReplaceAll(strings.TrimSpace(c), lineBreak, "\n"))
		}
		switch kind {
		case "title":
			if d.Title == "" {
				d.Title = cells[0]
			}
		case "no":
			d.No = strings.TrimPrefix(cells[0], "案号：")
		}
		d.Blocks = append(d.Blocks, Block{Kind: kind, Cells: cells})
	}
	return d, nil
}

// Text is the document as plain text, for a preview on screen.
func (d Document) Text() string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case "gap", "cut":
			b.WriteString("\n")
		case "p":
			for _, para := range strings.Split(bl.Cells[0], "\n") {
				b.WriteString("　　" + para + "\n")
			}
		case "row":
			for i := 0; i+1 < len(bl.Cells); i += 2 {
				b.WriteString(bl.Cells[i] + "：" + bl.Cells[i+1] + "　")
			}
			b.WriteString("\n")
		case "box":
			b.WriteString(bl.Cells[0] + "：\n")
			for _, c := range bl.Cells[1:] {
				b.WriteString(c + "\n")
			}
		case "title", "issuer", "center", "no":
			b.WriteString("　　　　" + bl.Cells[0] + "\n")
		default:
			b.WriteString(strings.Join(bl.Cells, "\n") + "\n")
		}
	}
	return b.String()
}
