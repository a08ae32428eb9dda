package mail

import (
	"path"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
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
	return findPart(raw, func(name, _ string) bool { return strings.EqualFold(path.Ext(name), ext) })
}
