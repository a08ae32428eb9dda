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
	// Senders are the addresses whose answers count (the district's); mail from anyone
	// else never does. At least one is needed.
	Senders []string
}

// Reply is the district's answer as found in the inbox.
type Reply struct {
	MessageID string // the reply's own Message-ID, without angle brackets
	From      string // "Name <address>" or "address"
	Subject   string // decoded
	Date      time.Time
	// Rejected: the answer carries X-TownLedger-Receipt: rejected, the district sends the
	// version back; Reason is X-TownLedger-Reason, else the first lines of its text.
	Rejected bool
	Reason   string
}

// maxScan bounds how many of the newest messages since Since are examined, so a busy
// inbox costs one bounded header fetch per poll.
const maxScan = 500

// headerFields are the only header lines fetched: enough to match, to tell an automatic
// reply, to read a receipt and to show.
var headerFields = []string{"Message-ID", "In-Reply-To", "References", "Subject", "From", "Date",
	"Auto-Submitted", "X-Autoreply", "X-Autorespond", "Precedence", FieldReceipt, FieldReason}

// FindReply looks in INBOX for the answer to the message q describes, from one of
// q.Senders and not automatic (out of office, list, robot): one whose In-Reply-To or
// References names q.MessageID, else one whose subject is a reply prefix ("Re:", "回复：",
// "答复:") followed by q.Subject. The inbox is opened read-only, so nothing is marked read;
// call it again to poll (Coremail has no IDLE). When several match, a rejection wins over
// an acceptance, then a thread match over a subject match, then the earliest.
func FindReply(ctx context.Context, a Account, q ReplyQuery) (Reply, bool, error) {
	wantID := normID(q.MessageID)
	if wantID == "" && strings.TrimSpace(q.Subject) == "" {
		return Reply{}, false, composeError(fmt.Errorf("reply query names neither a message ID nor a subject"))
	}
	senders := Addresses(strings.Join(q.Senders, ","))
	if len(senders) == 0 {
		return Reply{}, false, composeError(fmt.Errorf("reply query names no sender whose answer counts"))
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
		r := judge(c, wantID, q.Subject, senders)
		if better(r, c.Rejected, m.uid, bestRank, best.Rejected, bestUID) {
			best, bestRank, bestUID = c.Reply, r, m.uid
		}
	}
	if bestRank == noMatch {
		return Reply{}, false, nil
	}
	if best.Rejected && best.Reason == "" {
		best.Reason, err = s.reason(bestUID)
	}
	return best, true, err
}

// reason reads a rejection's reason from the first lines of its text.
func (s *imapSession) reason(uid imap.UID) (string, error) {
	section := &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Size: bodyFetch}}
	var raw []byte
	err := s.g.do(phaseCommand, "UID FETCH", func() error {
		bufs, err := s.c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true,
			BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		for _, b := range bufs {
			raw = b.FindBodySection(section)
		}
		return err
	})
	return bodyReason(raw), err
}

type imapFetched struct {
	uid      imap.UID
	internal time.Time
	header   []byte
}
