package mail

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// ReplyQuery describes the message whose answer is awaited.
type ReplyQuery struct {
	MessageID string    // of the message sent (angle brackets tolerated)
	Subject   string    // its subject, as sent
	Since     time.Time // when it was sent; zero searches the whole inbox
}

// Reply is the district's answer as found in the inbox.
type Reply struct {
	MessageID string // the reply's own Message-ID, without angle brackets
	From      string // "Name <address>" or "address"
	Subject   string // decoded
	Date      time.Time
}

// maxScan bounds how many of the newest messages since Since are examined, so a busy
// inbox costs one bounded header fetch per poll.
const maxScan = 500

// headerFields are the only header lines fetched: enough to match and to show.
var headerFields = []string{"Message-ID", "In-Reply-To", "References", "Subject", "From", "Date"}

// FindReply looks in INBOX for the answer to the message q describes: one whose
// In-Reply-To or References names q.MessageID, else one whose subject is a reply prefix
// ("Re:", "回复：", "答复:") followed by q.Subject. The inbox is opened read-only, so
// nothing is marked read; call it again to poll (Coremail has no IDLE). When several
// match, a thread match wins over a subject match, then the earliest.
func FindReply(ctx context.Context, a Account, q ReplyQuery) (Reply, bool, error) {
	wantID := normID(q.MessageID)
	if wantID == "" && strings.TrimSpace(q.Subject) == "" {
		return Reply{}, false, composeError(fmt.Errorf("reply query names neither a message ID nor a subject"))
	}
	s, err := openIMAP(ctx, a)
	if err != nil {
		return Reply{}, false, err
	}
	defer s.close()
	err = s.g.do(phaseCommand, "EXAMINE INBOX", func() error {
		_, err := s.c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait()
		return err
	})
	if err != nil {
		return Reply{}, false, err
	}
	var criteria imap.SearchCriteria
	if !q.Since.IsZero() {
		// SINCE compares dates in the server's time zone: a day's margin keeps a reply
		// that arrived just after midnight on the server's side of the date line.
		criteria.Since = q.Since.AddDate(0, 0, -1)
	}
	var uids []imap.UID
	err = s.g.do(phaseCommand, "UID SEARCH", func() error {
		data, err := s.c.UIDSearch(&criteria, nil).Wait()
		if err == nil {
			uids = data.AllUIDs()
		}
		return err
	})
	if err != nil || len(uids) == 0 {
		return Reply{}, false, err
	}
	if len(uids) > maxScan {
		uids = uids[len(uids)-maxScan:]
	}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: headerFields, Peek: true}
	var msgs []*imapFetched
	err = s.g.do(phaseCommand, "UID FETCH", func() error {
		bufs, err := s.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
			UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{section},
		}).Collect()
		for _, b := range bufs {
			msgs = append(msgs, &imapFetched{uid: b.UID, internal: b.InternalDate, header: b.FindBodySection(section)})
		}
		return err
	})
	if err != nil {
		return Reply{}, false, err
	}
	var best Reply
	var bestRank rank
	var bestUID imap.UID
	for _, m := range msgs {
		c := parseCandidate(m.header, m.internal)
		r := judge(c, wantID, q.Subject)
		if r > bestRank || (r == bestRank && r != noMatch && m.uid < bestUID) {
			best, bestRank, bestUID = c.Reply, r, m.uid
		}
	}
	return best, bestRank != noMatch, nil
}

type imapFetched struct {
	uid      imap.UID
	internal time.Time
	header   []byte
}
