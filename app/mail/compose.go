package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"net/mail"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	gomail "github.com/emersion/go-message/mail"

	"townledger/app/problem"
)

// xlsxType is the report workbook's media type; mime.TypeByExtension may not know it on
// a Windows PC without Office.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Outgoing is one message to compose.
type Outgoing struct {
	From, To string // "address" or "Name <address>"; To may list several, comma-separated
	FromName string // the sender's display name (RFC 2047 encoded); overrides a name in From
	Subject  string
	Body     string // plain text
	// Fields are extra header fields for programs (X-TownLedger-…), in this order. Their
	// names are field-name tokens and their values printable ASCII, so they need no encoding.
	Fields []Field
	// MessageID identifies the message (without angle brackets; brackets are tolerated).
	// Keep it: the district's reply names it in In-Reply-To. NewMessageID makes one.
	MessageID      string
	Date           time.Time // zero = now
	AttachmentName string    // e.g. "青石镇2024年第三季度报表.xlsx"
	Attachment     []byte
}

// Field is one extra header field.
type Field struct{ Name, Value string }

// NewMessageID makes a unique Message-ID in the sender's domain, so it is stored before
// sending and the reply can be matched even if the send is retried.
func NewMessageID(from string) string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand does not fail on supported platforms
	domain := "townledger.invalid"
	if a, err := mail.ParseAddress(from); err == nil {
		if i := strings.LastIndexByte(a.Address, '@'); i >= 0 && i < len(a.Address)-1 {
			domain = a.Address[i+1:]
		}
	}
	return hex.EncodeToString(b[:]) + "@" + domain
}

// Compose writes an RFC 5322 MIME message: a UTF-8 subject as RFC 2047 encoded words, a
// text/plain body and, when there is one, the attachment with its (Chinese) name both as
// RFC 2231 filename* (standard) and as an encoded Content-Type name (what Outlook and
// older Chinese mail clients read).
func Compose(m Outgoing) ([]byte, error) {
	from, err := mail.ParseAddress(strings.TrimSpace(m.From))
	if err != nil {
		return nil, badAddress(m.From, err)
	}
	to, err := mail.ParseAddressList(strings.TrimSpace(m.To))
	if err != nil {
		return nil, badAddress(m.To, err)
	}
	id := normID(m.MessageID)
	if id == "" || strings.ContainsAny(id, " \t\r\n<>") {
		return nil, composeError(fmt.Errorf("message ID %q is empty or malformed", m.MessageID))
	}
	if strings.ContainsAny(m.Subject+m.AttachmentName+m.FromName, "\r\n") {
		return nil, composeError(fmt.Errorf("line break in subject, sender name or attachment name"))
	}
	if m.FromName != "" {
		from.Name = m.FromName
	}
	for _, f := range m.Fields {
		if err := checkField(f); err != nil {
			return nil, composeError(err)
		}
	}
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	var h gomail.Header
	h.SetDate(date)
	h.SetAddressList("From", []*gomail.Address{(*gomail.Address)(from)})
	tos := make([]*gomail.Address, len(to))
	for i, a := range to {
		tos[i] = (*gomail.Address)(a)
	}
	h.SetAddressList("To", tos)
	h.Set("Subject", mime.BEncoding.Encode("utf-8", m.Subject))
	h.SetMessageID(id)
	for _, f := range m.Fields {
		h.Add(f.Name, f.Value)
	}

	var buf bytes.Buffer
	if m.AttachmentName == "" && len(m.Attachment) == 0 {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w, err := gomail.CreateSingleInlineWriter(&buf, h)
		if err != nil {
			return nil, composeError(err)
		}
		if err := writeClose(w, []byte(m.Body)); err != nil {
			return nil, composeError(err)
		}
		return buf.Bytes(), nil
	}
	if m.AttachmentName == "" {
		return nil, composeError(fmt.Errorf("attachment without a name"))
	}
	w, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		return nil, composeError(err)
	}
	var th gomail.InlineHeader
	th.Set("Content-Type", "text/plain; charset=utf-8")
	tw, err := w.CreateSingleInline(th)
	if err == nil {
		err = writeClose(tw, []byte(m.Body))
	}
	if err != nil {
		return nil, composeError(err)
	}
	var ah gomail.AttachmentHeader
	ah.Set("Content-Type", attachmentType(m.AttachmentName)+`; name="`+mime.BEncoding.Encode("utf-8", m.AttachmentName)+`"`)
	ah.Set("Content-Disposition", "attachment; "+rfc2231Param("filename", m.AttachmentName))
	aw, err := w.CreateAttachment(ah)
	if err == nil {
		err = writeClose(aw, m.Attachment)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return nil, composeError(err)
	}
	return buf.Bytes(), nil
}

type writeCloser interface {
	Write([]byte) (int, error)
	Close() error
}

func writeClose(w writeCloser, b []byte) error {
	if _, err := w.Write(b); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func attachmentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".xlsx" {
		return xlsxType
	}
	if t := mime.TypeByExtension(ext); t != "" {
		if mt, _, err := mime.ParseMediaType(t); err == nil {
			return mt
		}
	}
	return "application/octet-stream"
}

// checkField accepts a header field name of RFC 5322 ftext (printable ASCII but the
// colon) and a value of printable ASCII and spaces, so it goes out as written.
func checkField(f Field) error {
	if f.Name == "" {
		return fmt.Errorf("header field without a name")
	}
	for i := 0; i < len(f.Name); i++ {
		if c := f.Name[i]; c <= ' ' || c >= 0x7f || c == ':' {
			return fmt.Errorf("header field name %q", f.Name)
		}
	}
	for i := 0; i < len(f.Value); i++ {
		if c := f.Value[i]; c < ' ' || c >= 0x7f {
			return fmt.Errorf("header field %s: value %q is not printable ASCII", f.Name, f.Value)
		}
	}
	return nil
}

// rfc2231MaxPiece is the longest value of one RFC 2231 continuation, so header lines stay
// well under 78 characters for long Chinese names.
const rfc2231MaxPiece = 60

// rfc2231Param formats an RFC 2231 extended parameter (UTF-8, no language), split into
// numbered continuations of at most rfc2231MaxPiece characters. Pieces end on character
// boundaries: each one percent-decodes to whole UTF-8 characters, because some clients
// (and Python's email package) decode every piece on its own.
func rfc2231Param(key, value string) string {
	const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
	value = strings.ToValidUTF8(value, "\uFFFD")
	var pieces []string
	var cur strings.Builder
	cur.WriteString("utf-8''")
	for _, r := range value {
		var esc string
		if r < utf8.RuneSelf && strings.ContainsRune(unreserved, r) {
			esc = string(r)
		} else {
			var b [utf8.UTFMax]byte
			for _, c := range b[:utf8.EncodeRune(b[:], r)] {
				esc += fmt.Sprintf("%%%02X", c)
			}
		}
		if cur.Len() > 0 && cur.Len()+len(esc) > rfc2231MaxPiece {
			pieces = append(pieces, cur.String())
			cur.Reset()
		}
		cur.WriteString(esc)
	}
	pieces = append(pieces, cur.String())
	if len(pieces) == 1 {
		return key + "*=" + pieces[0]
	}
	parts := make([]string, len(pieces))
	for i, p := range pieces {
		parts[i] = fmt.Sprintf("%s*%d*=%s", key, i, p)
	}
	return strings.Join(parts, "; ")
}

func badAddress(addr string, err error) *problem.Error {
	p := problem.New(KeyBadAddress, map[string]any{"Address": addr})
	p.Err = fmt.Errorf("parse address %q: %w", addr, err)
	return p
}

func composeError(err error) *problem.Error {
	p := problem.New(KeyCompose, map[string]any{"Detail": err.Error()})
	p.Err = fmt.Errorf("compose message: %w", err)
	return p
}
