package mail

import (
	"bytes"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
)

// FieldPackage marks a district's package mail: its value is the package's version.
const FieldPackage = "X-TownLedger-Package"

// Carrying lists the headers of at most limit messages of the inbox that carry the header
// field name (the server searches for it), lowest UID first, each with its X-TownLedger-…
// fields including name. Automatic replies are marked as After marks them.
func (in *Inbox) Carrying(name string, limit int) ([]Incoming, error) {
	criteria := imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: name, Value: ""}}}
	var uids []imap.UID
	err := in.s.g.do(phaseCommand, "UID SEARCH HEADER", func() error {
		data, err := in.s.c.UIDSearch(&criteria, nil).Wait()
		if err == nil {
			uids = data.AllUIDs()
		}
		return err
	})
	if err != nil || len(uids) == 0 {
		return nil, err
	}
	slices.Sort(uids)
	if limit > 0 && len(uids) > limit {
		uids = uids[len(uids)-limit:] // the newest
	}
	fields := append(slices.Clone(incomingFields), name)
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: fields, Peek: true}
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

// FindAttachment finds the first attachment of a raw message whose name ends in ext (".zip"),
// at any depth of nesting, of at most MaxMessage bytes. ok=false when there is none.
func FindAttachment(raw []byte, ext string) (Attachment, bool) {
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
		name, _ := partName(p.Header)
		if !strings.EqualFold(path.Ext(name), ext) {
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
