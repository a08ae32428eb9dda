package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"townledger/app/problem"
	"townledger/app/workbook"
)

// The detail sheets of a district's fifty towns are read here, from the worksheets' XML,
// with a scanner made for it: excelize's row iterator decodes every cell through
// encoding/xml's reflection, which takes about 3 µs a cell — 70 ms for a town's year,
// more than the district's consolidation has for it. Cells come out as excelize gives them
// with RawCellValue (the saved value; shared and inline strings with their _xHHHH_
// escapes undone), so what is hashed does not depend on which reader read it. The
// workbook was opened by the workbook package first, with its limits for outside files.

// errSheetXML is a worksheet this reader cannot read.
var errSheetXML = errors.New("worksheet XML")

func xmlError(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errSheetXML}, a...)...)
}

// bookParts finds the parts of a workbook's zip: each sheet's by its name, and the shared
// strings'. It follows the package's relations as excelize does.
type bookParts struct {
	files  map[string]*zip.File
	sheets map[string]string // sheet name → part name
	shared string            // the shared strings' part, "" when none
	sst    []string          // the shared strings, once read
	sstErr error
	sstOK  bool
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlBook struct {
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

// maxSmallXML bounds what is read of the parts naming the sheets.
const maxSmallXML = 16 << 20

func openParts(z *zip.Reader) (*bookParts, error) {
	p := &bookParts{files: make(map[string]*zip.File, len(z.File)), sheets: map[string]string{}}
	for _, zf := range z.File {
		p.files[strings.ReplaceAll(zf.Name, `\`, "/")] = zf
	}
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if p.decode("_rels/.rels", &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
				break
			}
		}
	}
	var wb xmlBook
	if err := p.decode(wbPath, &wb); err != nil {
		return nil, err
	}
	dir := path.Dir(wbPath)
	var rels xmlRels
	if err := p.decode(strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "./"), &rels); err != nil {
		return nil, err
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return strings.TrimPrefix(path.Clean(t), "/")
		}
		return strings.TrimPrefix(path.Clean(dir+"/"+t), "/")
	}
	byID := map[string]string{}
	for _, r := range rels.Rels {
		byID[r.ID] = target(r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			p.shared = target(r.Target)
		}
	}
	for _, s := range wb.Sheets {
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if part, ok := byID[a.Value]; ok {
					p.sheets[s.Name] = part
				}
			}
		}
	}
	return p, nil
}

func (p *bookParts) decode(name string, v any) error {
	zf, ok := p.files[name]
	if !ok {
		return xmlError("no part %s", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, maxSmallXML))
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return d.Decode(v)
}

// read returns a part unzipped, within the workbook package's limit.
func (p *bookParts) read(name string) ([]byte, error) {
	zf, ok := p.files[name]
	if !ok {
		return nil, xmlError("no part %s", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, workbook.MaxUnzipped+1))
	if err != nil {
		return nil, err
	}
	if len(b) > workbook.MaxUnzipped {
		return nil, problem.New(workbook.KeyUnzipTooBig, map[string]any{"MaxMB": workbook.MaxUnzipped >> 20})
	}
	return b, nil
}

// sharedString is the shared string i, the part read on first use.
func (p *bookParts) sharedString(i int) (string, error) {
	if !p.sstOK {
		p.sstOK = true
		if p.shared == "" {
			p.sstErr = xmlError("a shared string without shared strings")
		} else if b, err := p.read(p.shared); err != nil {
			p.sstErr = err
		} else {
			p.sst, p.sstErr = sharedStrings(b)
		}
	}
	if p.sstErr != nil {
		return "", p.sstErr
	}
	if i < 0 || i >= len(p.sst) {
		return "", xmlError("shared string %d of %d", i, len(p.sst))
	}
	return p.sst[i], nil
}

// eachSheetRow calls fn with the number and cells (by column, from A) of each row of the
// sheet called name; rows without cells may be left out. A missing sheet is
// workbook.KeyNoSheet.
func (p *bookParts) eachSheetRow(name string, fn func(row int, cells []string) error) error {
	part, ok := p.sheets[name]
	if !ok {
		return problem.New(workbook.KeyNoSheet, nil)
	}
	b, err := p.read(part)
	if err != nil {
		return err
	}
	return scanRows(b, p.sharedString, fn)
}

// Token kinds of the scanner.
const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText
)

// xmlScanner splits XML into start tags, end tags and text. It knows the little a
// worksheet needs: element names (their prefix dropped), attributes, text with the five
// entities and character references, CDATA; comments, processing instructions and the
// declaration are skipped.
type xmlScanner struct {
	b     []byte
	pos   int
	kind  int
	name  []byte // the element's local name
	attrs []byte // a start tag's attributes, as written
	empty bool   // a start tag that closes itself
	text  []byte // text as written (CDATA: its content)
	cdata bool
	open  [][]byte // the names of the elements open, outermost first
}

var (
	commentEnd = []byte("-->")
	piEnd      = []byte("?>")
	cdataStart = []byte("<![CDATA[")
	cdataEnd   = []byte("]]>")
)

func (s *xmlScanner) next() error {
	for {
		if s.pos >= len(s.b) {
			s.kind = tokEOF
			return nil
		}
		if s.b[s.pos] != '<' {
			end := bytes.IndexByte(s.b[s.pos:], '<')
			if end < 0 {
				end = len(s.b) - s.pos
			}
			s.kind, s.text, s.cdata = tokText, s.b[s.pos:s.pos+end], false
			s.pos += end
			return nil
		}
		rest := s.b[s.pos:]
		var second byte
		if len(rest) > 1 {
			second = rest[1]
		}
		switch second {
		case '/':
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return xmlError("unclosed end tag")
			}
			name := bytes.TrimRight(rest[2:end], " \t\r\n")
			if len(s.open) == 0 || !bytes.Equal(s.open[len(s.open)-1], name) {
				return xmlError("</%s> closes no element", clipText(string(name)))
			}
			s.open = s.open[:len(s.open)-1]
			s.kind, s.name = tokEnd, localName(name)
			s.pos += end + 1
			return nil
		case '?':
			end := bytes.Index(rest[2:], piEnd)
			if end < 0 {
				return xmlError("unclosed processing instruction")
			}
			s.pos += 2 + end + len(piEnd)
			continue
		case '!':
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				end := bytes.Index(rest[4:], commentEnd)
				if end < 0 {
					return xmlError("unclosed comment")
				}
				s.pos += 4 + end + len(commentEnd)
				continue
			case bytes.HasPrefix(rest, cdataStart):
				end := bytes.Index(rest[len(cdataStart):], cdataEnd)
				if end < 0 {
					return xmlError("unclosed CDATA")
				}
				s.kind, s.text, s.cdata = tokText, rest[len(cdataStart):len(cdataStart)+end], true
				s.pos += len(cdataStart) + end + len(cdataEnd)
				return nil
			}
			return xmlError("a document type declaration")
		}
		// A start tag: its name, then name="value" attributes up to '>' or '/>'.
		i := 1
		for i < len(rest) && !isXMLSpace(rest[i]) && rest[i] != '>' && rest[i] != '/' {
			i++
		}
		name := rest[1:i]
		if len(name) == 0 {
			return xmlError("a tag without a name")
		}
		attrStart := i
		for {
			spaced := false
			for i < len(rest) && isXMLSpace(rest[i]) {
				i, spaced = i+1, true
			}
			if i >= len(rest) {
				return xmlError("unclosed start tag")
			}
			if rest[i] == '>' || rest[i] == '/' && i+1 < len(rest) && rest[i+1] == '>' {
				break
			}
			if !spaced {
				return xmlError("attributes not apart in <%s>", clipText(string(name)))
			}
			j := i
			for j < len(rest) && !isXMLSpace(rest[j]) && rest[j] != '=' && rest[j] != '>' && rest[j] != '/' {
				j++
			}
			for j < len(rest) && isXMLSpace(rest[j]) {
				j++
			}
			if j == i || j >= len(rest) || rest[j] != '=' {
				return xmlError("an attribute without a value in <%s>", clipText(string(name)))
			}
			for j++; j < len(rest) && isXMLSpace(rest[j]); j++ {
			}
			if j >= len(rest) || rest[j] != '"' && rest[j] != '\'' {
				return xmlError("an unquoted attribute in <%s>", clipText(string(name)))
			}
			end := bytes.IndexByte(rest[j+1:], rest[j])
			if end < 0 || bytes.IndexByte(rest[j+1:j+1+end], '<') >= 0 {
				return xmlError("an unclosed attribute in <%s>", clipText(string(name)))
			}
			i = j + 1 + end + 1
		}
		s.kind, s.name, s.empty, s.attrs = tokStart, localName(name), rest[i] == '/', rest[attrStart:i]
		if s.empty {
			i++
		} else {
			s.open = append(s.open, name)
		}
		s.pos += i + 1
		return nil
	}
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// localName drops an element name's prefix.
func localName(n []byte) []byte {
	if i := bytes.IndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

func (s *xmlScanner) is(name string) bool { return string(s.name) == name }

// attr returns the value of the unprefixed attribute called name of the current start tag
// (nil when it has none).
func (s *xmlScanner) attr(name string) ([]byte, error) {
	a := s.attrs
	for {
		i := 0
		for i < len(a) && isXMLSpace(a[i]) {
			i++
		}
		a = a[i:]
		if len(a) == 0 {
			return nil, nil
		}
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return nil, xmlError("an attribute without a value")
		}
		key := bytes.TrimSpace(a[:eq])
		a = bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(a) == 0 || a[0] != '"' && a[0] != '\'' {
			return nil, xmlError("an unquoted attribute")
		}
		end := bytes.IndexByte(a[1:], a[0])
		if end < 0 {
			return nil, xmlError("an unclosed attribute")
		}
		val := a[1 : 1+end]
		a = a[end+2:]
		if string(key) == name {
			if bytes.IndexByte(val, '&') < 0 {
				return val, nil
			}
			return appendText(nil, val, false)
		}
	}
}

// appendText appends XML text as it reads: entities and character references replaced,
// line ends (outside CDATA) made \n.
func appendText(dst, text []byte, cdata bool) ([]byte, error) {
	if cdata {
		return append(dst, text...), nil
	}
	for len(text) > 0 {
		i := bytes.IndexAny(text, "&\r")
		if i < 0 {
			return append(dst, text...), nil
		}
		dst = append(dst, text[:i]...)
		text = text[i:]
		if text[0] == '\r' {
			dst = append(dst, '\n')
			text = text[1:]
			if len(text) > 0 && text[0] == '\n' {
				text = text[1:]
			}
			continue
		}
		end := bytes.IndexByte(text, ';')
		if end < 0 {
			return dst, xmlError("an unterminated entity")
		}
		ent := string(text[1:end])
		text = text[end+1:]
		switch ent {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			var err error
			switch {
			case strings.HasPrefix(ent, "#x"):
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			case strings.HasPrefix(ent, "#"):
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				return dst, xmlError("the entity &%s;", clipText(ent))
			}
			if err != nil || n > utf8.MaxRune || !utf8.ValidRune(rune(n)) {
				return dst, xmlError("the character reference &%s;", clipText(ent))
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}

// skip reads past the end of the element whose start tag was just read.
func (s *xmlScanner) skip() error {
	if s.empty {
		return nil
	}
	for depth := 1; ; {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return xmlError("unclosed element")
		case tokStart:
			if !s.empty {
				depth++
			}
		case tokEnd:
			if depth--; depth == 0 {
				return nil
			}
		}
	}
}

// appendInner appends the text inside the element whose start tag was just read (its
// children's text too) and reads past its end.
func (s *xmlScanner) appendInner(dst []byte) ([]byte, error) {
	if s.empty {
		return dst, nil
	}
	for depth := 1; ; {
		if err := s.next(); err != nil {
			return dst, err
		}
		switch s.kind {
		case tokEOF:
			return dst, xmlError("unclosed element")
		case tokText:
			var err error
			if dst, err = appendText(dst, s.text, s.cdata); err != nil {
				return dst, err
			}
		case tokStart:
			if !s.empty {
				depth++
			}
		case tokEnd:
			if depth--; depth == 0 {
				return dst, nil
			}
		}
	}
}

// appendString appends a string item (an <si>, an <is>) as excelize reads one: the text of
// its <t> and of its runs' <t>, not of its phonetic runs; then reads past its end.
func (s *xmlScanner) appendString(dst []byte) ([]byte, error) {
	if s.empty {
		return dst, nil
	}
	for depth := 1; ; {
		if err := s.next(); err != nil {
			return dst, err
		}
		switch s.kind {
		case tokEOF:
			return dst, xmlError("unclosed string")
		case tokStart:
			var err error
			switch {
			case s.is("t"):
				dst, err = s.appendInner(dst)
			case s.is("rPh"), s.is("phoneticPr"), s.is("rPr"):
				err = s.skip()
			case !s.empty:
				depth++
			}
			if err != nil {
				return dst, err
			}
		case tokEnd:
			if depth--; depth == 0 {
				return dst, nil
			}
		}
	}
}

// sharedStrings reads the shared strings part.
func sharedStrings(b []byte) ([]string, error) {
	s := &xmlScanner{b: b}
	var out []string
	var buf []byte
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		switch {
		case s.kind == tokEOF:
			return out, nil
		case s.kind == tokStart && s.is("si"):
			var err error
			if buf, err = s.appendString(buf[:0]); err != nil {
				return nil, err
			}
			out = append(out, unescapeXstring(string(buf)))
		}
	}
}

// xstringEscape is an escaped character in OOXML text (ST_Xstring), as excelize reads it.
var xstringEscape = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// unescapeXstring undoes the _xHHHH_ escapes of a string item as excelize does (its
// bstrUnmarshal): _x005F_ is "_", another is the character HHHH (nothing when that is no
// character).
func unescapeXstring(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return xstringEscape.ReplaceAllStringFunc(s, func(m string) string {
		if m == "_x005F_" {
			return "_"
		}
		v, _ := strconv.Unquote(`"\u` + m[2:6] + `"`)
		return v
	})
}

// Spreadsheet limits: rows and columns.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
)

// scanRows reads a worksheet's rows: each <row> with its number, and its cells' values by
// column as excelize gives them with RawCellValue. Rows must come in increasing order.
func scanRows(b []byte, shared func(int) (string, error), fn func(row int, cells []string) error) error {
	s := &xmlScanner{b: b}
	for { // to the sheet's data
		if err := s.next(); err != nil {
			return err
		}
		if s.kind == tokEOF {
			return nil
		}
		if s.kind == tokStart && s.is("sheetData") {
			if s.empty {
				return nil
			}
			break
		}
	}
	row := 0
	var cells []string
	var buf []byte
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return xmlError("unclosed sheetData")
		case tokEnd:
			if s.is("sheetData") {
				return nil
			}
			return xmlError("unexpected </%s>", clipText(string(s.name)))
		case tokStart:
			if !s.is("row") {
				if err := s.skip(); err != nil {
					return err
				}
				continue
			}
			r, err := s.attr("r")
			if err != nil {
				return err
			}
			n := row + 1
			if r != nil {
				if n, err = strconv.Atoi(string(r)); err != nil || n <= row || n > maxSheetRows {
					return xmlError("row %q after row %d", clipText(string(r)), row)
				}
			}
			row = n
			cells = cells[:0]
			if !s.empty {
				if cells, buf, err = s.rowCells(cells, buf, shared); err != nil {
					return fmt.Errorf("row %d: %w", row, err)
				}
			}
			if err := fn(row, cells); err != nil {
				return err
			}
		}
	}
}

// rowCells reads the cells of the row whose start tag was just read, up to its end.
func (s *xmlScanner) rowCells(cells []string, buf []byte, shared func(int) (string, error)) ([]string, []byte, error) {
	col := 0
	for {
		if err := s.next(); err != nil {
			return cells, buf, err
		}
		switch s.kind {
		case tokEOF:
			return cells, buf, xmlError("unclosed row")
		case tokEnd:
			if s.is("row") {
				return cells, buf, nil
			}
			return cells, buf, xmlError("unexpected </%s>", clipText(string(s.name)))
		case tokStart:
			if !s.is("c") {
				if err := s.skip(); err != nil {
					return cells, buf, err
				}
				continue
			}
			ref, err := s.attr("r")
			if err != nil {
				return cells, buf, err
			}
			n := col + 1
			if ref != nil {
				if n = refColumn(ref); n == 0 {
					return cells, buf, xmlError("cell %q", clipText(string(ref)))
				}
			}
			if n > maxSheetCols {
				return cells, buf, xmlError("a cell beyond column %d", maxSheetCols)
			}
			col = n
			typ, err := s.attr("t")
			if err != nil {
				return cells, buf, err
			}
			var v string
			if v, buf, err = s.cellValue(string(typ), buf, shared); err != nil {
				return cells, buf, fmt.Errorf("cell %s: %w", clipText(string(ref)), err)
			}
			for len(cells) < col {
				cells = append(cells, "")
			}
			cells[col-1] = v
		}
	}
}

// refColumn is the column of a cell reference ("K12" → 11), 0 when it is none.
func refColumn(ref []byte) int {
	n, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if n = n*26 + int(c-'a') + 1; n > maxSheetCols {
			return 0
		}
	}
	if i == 0 || i == len(ref) {
		return 0
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0
		}
	}
	return n
}

// cellValue reads the cell whose start tag was just read, of type typ, to its end, and
// returns its value as excelize's raw value.
func (s *xmlScanner) cellValue(typ string, buf []byte, shared func(int) (string, error)) (string, []byte, error) {
	if s.empty {
		return "", buf, nil
	}
	var v, inline string
	hasV, hasIS := false, false
	for {
		if err := s.next(); err != nil {
			return "", buf, err
		}
		switch s.kind {
		case tokEOF:
			return "", buf, xmlError("unclosed cell")
		case tokEnd:
			if !s.is("c") {
				return "", buf, xmlError("unexpected </%s>", clipText(string(s.name)))
			}
			switch {
			case typ == "s" && hasV:
				i, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil {
					return "", buf, xmlError("shared string %q", clipText(v))
				}
				str, err := shared(i)
				return str, buf, err
			case typ == "inlineStr" && hasIS:
				return unescapeXstring(inline), buf, nil
			}
			return v, buf, nil
		case tokStart:
			var err error
			switch {
			case s.is("v"):
				hasV = true
				buf, err = s.appendInner(buf[:0])
				v = string(buf)
			case s.is("is"):
				hasIS = true
				buf, err = s.appendString(buf[:0])
				inline = string(buf)
			default: // a formula, extensions
				err = s.skip()
			}
			if err != nil {
				return "", buf, err
			}
		}
	}
}
