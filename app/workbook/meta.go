package workbook

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// What excelize's row iterator does not tell about a cell — whether it holds a number, text
// or a logical value, its number format, whether it is a formula Excel never calculated —
// is read here, from the worksheet's XML, streamed beside that iterator row by row. The
// sheet's merged areas, which the XML lists after the rows, are read at the end.

// cellInfo is what the worksheet's XML says about one cell.
type cellInfo struct {
	typ     string // the t attribute: "" or "n" a number, "s", "str", "inlineStr" text, "b", "e", "d"
	style   int    // its style (the row's or the column's when the cell has none)
	formula bool   // it holds a formula
	value   bool   // it holds a saved value (an empty one counts)
}

// area is a merged range of cells, from its top-left to its bottom-right corner (1-based).
type area struct{ row1, col1, row2, col2 int }

func (a area) contains(row, col int) bool {
	return row >= a.row1 && row <= a.row2 && col >= a.col1 && col <= a.col2
}

func (a area) String() string {
	first, _ := excelize.CoordinatesToCellName(a.col1, a.row1)
	last, _ := excelize.CoordinatesToCellName(a.col2, a.row2)
	return first + ":" + last
}

// maxMerges bounds the merged areas kept from one sheet.
const maxMerges = 1 << 16

// maxSmallPart bounds what is read of the parts naming the sheets (workbook and relations).
const maxSmallPart = 16 << 20

type colStyle struct{ min, max, style int }

// sheetMeta streams one worksheet's XML. A nil *sheetMeta knows nothing about any cell.
type sheetMeta struct {
	rc      io.ReadCloser
	dec     *xml.Decoder
	cols    []colStyle
	next    int // number of the row read last, 0 before the first
	cells   map[int]cellInfo
	done    bool // the rows are all read (or the XML is broken)
	broken  bool
	merges  []area
	mergeOK bool // merges were read to the end
}

type xRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xWorkbook struct {
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	// Workbooks are UTF-8; a part declaring another encoding is read as it is rather than
	// refused, since what is read here is mostly element and attribute names (ASCII).
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return d
}

// decodePart decodes the small part called name of z into v.
func decodePart(files map[string]*zip.File, name string, v any) bool {
	zf, ok := files[name]
	if !ok {
		return false
	}
	rc, err := zf.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return newDecoder(io.LimitReader(rc, maxSmallPart)).Decode(v) == nil
}

// openSheetMeta finds the part of the sheet called sheet in the workbook's zip as excelize
// does (the package's office document, its relations, the sheet's relation) and starts
// reading it; nil when any of that fails.
func openSheetMeta(z *zip.Reader, sheet string) *sheetMeta {
	if z == nil {
		return nil
	}
	files := make(map[string]*zip.File, len(z.File))
	for _, zf := range z.File {
		files[strings.ReplaceAll(zf.Name, `\`, "/")] = zf
	}
	wbPath := "xl/workbook.xml"
	var root xRels
	if decodePart(files, "_rels/.rels", &root) {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
				break
			}
		}
	}
	var wb xWorkbook
	if !decodePart(files, wbPath, &wb) {
		return nil
	}
	rid := ""
	for _, s := range wb.Sheets {
		if strings.EqualFold(s.Name, sheet) {
			for _, a := range s.Attrs {
				if a.Name.Local == "id" && a.Name.Space != "" {
					rid = a.Value
				}
			}
			break
		}
	}
	var rels xRels
	dir := path.Dir(wbPath)
	if rid == "" || !decodePart(files, strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "./"), &rels) {
		return nil
	}
	part := ""
	for _, r := range rels.Rels {
		if r.ID == rid {
			part = strings.TrimPrefix(path.Clean(dir+"/"+r.Target), "/")
			if strings.HasPrefix(r.Target, "/") {
				part = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			break
		}
	}
	zf, ok := files[part]
	if !ok {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil
	}
	return &sheetMeta{rc: rc, dec: newDecoder(rc)}
}

func (m *sheetMeta) close() {
	if m != nil {
		m.rc.Close()
	}
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// advance reads up to the next row of the sheet, or to the end of its rows.
func (m *sheetMeta) advance() {
	for {
		tok, err := m.dec.RawToken()
		if err != nil {
			m.done, m.broken = true, true
			return
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "col":
				if s := atoi(attr(el, "style")); s > 0 && len(m.cols) < 1024 {
					m.cols = append(m.cols, colStyle{atoi(attr(el, "min")), atoi(attr(el, "max")), s})
				}
			case "row":
				if !m.row(el) {
					m.done, m.broken = true, true
				}
				return
			}
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				m.done = true
				return
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// row reads one row element, numbered as excelize numbers it, whose start is el.
func (m *sheetMeta) row(el xml.StartElement) bool {
	if n := atoi(attr(el, "r")); n > 0 {
		m.next = n
	} else {
		m.next++
	}
	rowStyle := atoi(attr(el, "s"))
	if m.cells == nil {
		m.cells = map[int]cellInfo{}
	}
	clear(m.cells)
	col := 0
	var c cellInfo
	in := false // inside a cell
	for {
		tok, err := m.dec.RawToken()
		if err != nil {
			return false
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "c":
				if r := attr(el, "r"); r != "" {
					if x, _, err := excelize.CellNameToCoordinates(r); err == nil {
						col = x
					} else {
						col++
					}
				} else {
					col++
				}
				c = cellInfo{typ: attr(el, "t"), style: atoi(attr(el, "s"))}
				if c.style == 0 {
					c.style = rowStyle
				}
				if c.style == 0 {
					for _, cs := range m.cols {
						if col >= cs.min && col <= cs.max {
							c.style = cs.style
							break
						}
					}
				}
				in = true
			case "f":
				c.formula = in
			case "v", "is":
				c.value = in
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "c":
				if in && len(m.cells) < 16384 {
					m.cells[col] = c
				}
				in = false
			case "row":
				return true
			}
		}
	}
}

// at returns the cells of row n by column (1-based), nil when the sheet has no such row or
// nothing is known. Rows must be asked for in increasing order; the map is reused for the
// next row.
func (m *sheetMeta) at(n int) map[int]cellInfo {
	if m == nil {
		return nil
	}
	for !m.done && m.next < n {
		m.advance()
	}
	if m.next == n && !m.broken {
		return m.cells
	}
	return nil
}

// finish reads the rest of the sheet for its merged areas.
func (m *sheetMeta) finish() {
	if m == nil || m.broken {
		return
	}
	for !m.done {
		m.advance()
	}
	if m.broken {
		return
	}
	m.cells = nil
	for {
		tok, err := m.dec.RawToken()
		if err == io.EOF {
			m.mergeOK = true
			return
		}
		if err != nil {
			return
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "mergeCell" || len(m.merges) >= maxMerges {
			continue
		}
		for _, a := range el.Attr {
			if a.Name.Local != "ref" {
				continue
			}
			first, last, ok := strings.Cut(a.Value, ":")
			if !ok {
				continue
			}
			c1, r1, err1 := excelize.CellNameToCoordinates(first)
			c2, r2, err2 := excelize.CellNameToCoordinates(last)
			if err1 == nil && err2 == nil {
				m.merges = append(m.merges, area{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)})
			}
		}
	}
}

// merged finds the merged area holding the cell at row and col when the cell is not its
// top-left one.
func (m *sheetMeta) merged(row, col int) (area, bool) {
	if m == nil {
		return area{}, false
	}
	for _, a := range m.merges {
		if a.contains(row, col) && (row != a.row1 || col != a.col1) {
			return a, true
		}
	}
	return area{}, false
}
