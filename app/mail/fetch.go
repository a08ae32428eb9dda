package mail

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	nettextproto "net/textproto"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// This file reads the district's inbox: the headers of new messages, then, one by one, the
// workbook a town attached. Headers and bodies come from outside (any mailer): the parsers
// accept anything without panicking (FuzzIncoming, FuzzFindWorkbook).

// MaxMessage is the largest message the district downloads; a bigger one is known by its
// size (RFC822.SIZE) alone and never fetched.
const MaxMessage = 50 << 20

// fetchChunk is how much of a message one guarded step downloads, so the step timeout
// bounds a stalled download, not a slow one.
const fetchChunk = 1 << 20

// Incoming is one inbox message as its header tells it.
type Incoming struct {
	UID       uint32
	MessageID string // without angle brackets; "" when it has none
	From      string // the sender's address, lower case; "" when unreadable
	FromName  string // the sender's display name, decoded
	Subject   string // decoded
	Date      time.Time
	Size      int64 // RFC822.SIZE
	// Automatic: an automatic reply (RFC 3834 fields, out-of-office subjects), a bounce, a
	// mailing list, or another program's receipt. It is never answered.
	Automatic bool
	// Fields are the X-TownLedger-… fields the town's program sets, by canonical name
	// (X-Townledger-Version); values trimmed.
	Fields map[string]string
}

// Field is the value of one of the message's X-TownLedger-… fields, "" when absent.
func (m Incoming) Field(name string) string {
	return m.Fields[nettextproto.CanonicalMIMEHeaderKey(name)]
}

// incomingFields are the header lines fetched for each new message.
var incomingFields = append(slices.Clone(headerFields), "Content-Type", "Return-Path", "X-Loop",
	"X-TownLedger-Town", "X-TownLedger-Period", "X-TownLedger-Version", "X-TownLedger-Supersedes",
	"X-TownLedger-Content-Hash")

// parseIncoming reads a message's header as fetched; a malformed line ends the header but
// keeps what came before it.
func parseIncoming(raw []byte, internal time.Time) Incoming {
	c := parseCandidate(raw, internal)
	th, _ := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	m := Incoming{MessageID: c.MessageID, From: c.address, Subject: c.Subject, Date: c.Date,
		Automatic: c.auto, Fields: map[string]string{}}
	h := gomail.Header{Header: message.Header{Header: th}}
	if addrs, err := h.AddressList("From"); err == nil && len(addrs) > 0 {
		m.FromName = addrs[0].Name
	}
	fields := th.Fields()
	for fields.Next() {
		k := nettextproto.CanonicalMIMEHeaderKey(fields.Key())
		if strings.HasPrefix(k, "X-Townledger-") {
			if _, ok := m.Fields[k]; !ok {
				m.Fields[k] = strings.TrimSpace(fields.Value())
			}
		}
	}
	local, _, _ := strings.Cut(m.From, "@")
	mt, _, _ := mime.ParseMediaType(th.Get("Content-Type"))
	switch {
	case th.Has(FieldReceipt): // a receipt, ours bounced back or another district's
		m.Automatic = true
	case local == "mailer-daemon" || local == "postmaster" || strings.TrimSpace(th.Get("Return-Path")) == "<>":
		m.Automatic = true // a bounce
	case strings.EqualFold(mt, "multipart/report"):
		m.Automatic = true // a delivery or read report
	case th.Has("X-Loop"):
		m.Automatic = true
	}
	return m
}

// Inbox is the account's INBOX opened read-only: nothing is marked read or moved, so the
// district's clerk still sees every message as the mail client shows it.
type Inbox struct {
	s        *imapSession
	validity uint32
}

// OpenInbox logs in and examines INBOX.
func OpenInbox(ctx context.Context, a Account) (*Inbox, error) {
	s, err := openIMAP(ctx, a)
	if err != nil {
		return nil, err
	}
	in := &Inbox{s: s}
	err = s.g.do(phaseCommand, "EXAMINE INBOX", func() error {
		sel, err := s.c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait()
		if err == nil {
			in.validity = sel.UIDValidity
		}
		return err
	})
	if err != nil {
		s.close()
		return nil, err
	}
	return in, nil
}

// Close logs out.
func (in *Inbox) Close() { in.s.close() }

// UIDValidity is the mailbox's UIDVALIDITY: when it changes, its UIDs name other messages.
func (in *Inbox) UIDValidity() uint32 { return in.validity }

// After lists the headers of at most limit messages whose UID is above uid, lowest first.
func (in *Inbox) After(uid uint32, limit int) ([]Incoming, error) {
	criteria := imap.SearchCriteria{UID: []imap.UIDSet{{imap.UIDRange{Start: imap.UID(uid + 1), Stop: 0}}}}
	var uids []imap.UID
	err := in.s.g.do(phaseCommand, "UID SEARCH", func() error {
		data, err := in.s.c.UIDSearch(&criteria, nil).Wait()
		if err == nil {
			uids = data.AllUIDs()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	// "n:*" includes the last message even when its UID is below n.
	uids = slices.DeleteFunc(uids, func(u imap.UID) bool { return uint32(u) <= uid })
	slices.Sort(uids)
	if limit > 0 && len(uids) > limit {
		uids = uids[:limit]
	}
	if len(uids) == 0 {
		return nil, nil
	}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: incomingFields, Peek: true}
	var out []Incoming
	err = in.s.g.do(phaseCommand, "UID FETCH", func() error {
		bufs, err := in.s.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, InternalDate: true,
			RFC822Size: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		for _, b := range bufs {
			m := parseIncoming(b.FindBodySection(section), b.InternalDate)
			m.UID, m.Size = uint32(b.UID), b.RFC822Size
			out = append(out, m)
		}
		return err
	})
	slices.SortFunc(out, func(a, b Incoming) int { return int(a.UID) - int(b.UID) })
	return out, err
}

// Download fetches a whole message of at most MaxMessage bytes, in steps of fetchChunk.
func (in *Inbox) Download(m Incoming) ([]byte, error) {
	if m.Size > MaxMessage {
		return nil, fmt.Errorf("message %d is %d bytes, above %d", m.UID, m.Size, MaxMessage)
	}
	var raw []byte
	for off := int64(0); ; off += fetchChunk {
		section := &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: off, Size: fetchChunk}}
		var got []byte
		err := in.s.g.do(phaseCommand, "UID FETCH body", func() error {
			bufs, err := in.s.c.Fetch(imap.UIDSetNum(imap.UID(m.UID)), &imap.FetchOptions{UID: true,
				BodySection: []*imap.FetchItemBodySection{section}}).Collect()
			for _, b := range bufs {
				got = b.FindBodySection(section)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		raw = append(raw, got...)
		if int64(len(got)) < fetchChunk || int64(len(raw)) > MaxMessage {
			return raw, nil
		}
	}
}

// Attachment is a file attached to a message.
type Attachment struct {
	Name    string // decoded; "" when the mailer gave none
	Content []byte
}

// maxParts bounds how many parts of a message are looked at.
const maxParts = 200

// FindWorkbook finds the first .xlsx attachment of a raw message: a part named *.xlsx, or of
// the workbook's media type, at any depth of nesting. ok=false when there is none.
func FindWorkbook(raw []byte) (Attachment, bool) {
	return findPart(raw, func(name, mediaType string) bool {
		return strings.EqualFold(path.Ext(name), ".xlsx") || strings.EqualFold(mediaType, xlsxType)
	})
}

// findPart returns the first part of a raw message that match accepts by its file name and
// media type, at any depth of nesting, of at most MaxMessage bytes; ok=false when none is.
func findPart(raw []byte, match func(name, mediaType string) bool) (Attachment, bool) {
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil && r == nil {
		return Attachment{}, false
	}
	defer r.Close()
	for i := 0; i < maxParts; i++ {
		p, err := r.NextPart()
		if err == io.EOF {
			return Attachment{}, false
		}
		if err != nil {
			if message.IsUnknownCharset(err) || message.IsUnknownEncoding(err) {
				continue
			}
			return Attachment{}, false
		}
		name, mt := partName(p.Header)
		if !match(name, mt) {
			continue
		}
		content, err := io.ReadAll(io.LimitReader(p.Body, MaxMessage+1))
		if err != nil || len(content) > MaxMessage {
			continue
		}
		return Attachment{Name: name, Content: content}, true
	}
	return Attachment{}, false
}

// partName is a part's file name (Content-Disposition's filename, RFC 2231 or encoded words,
// else Content-Type's name) and its media type.
func partName(h gomail.PartHeader) (name, mediaType string) {
	var ct string
	var params map[string]string
	switch ph := h.(type) {
	case *gomail.AttachmentHeader:
		name, _ = ph.Filename()
		ct, params, _ = ph.ContentType()
	case *gomail.InlineHeader:
		if d, dp, err := ph.ContentDisposition(); err == nil && d != "" {
			name = dp["filename"]
		}
		ct, params, _ = ph.ContentType()
	}
	if name == "" {
		name = params["name"]
	}
	return strings.TrimSpace(decodeText(name)), ct
}
