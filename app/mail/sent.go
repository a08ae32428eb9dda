package mail

import (
	"strings"

	"github.com/emersion/go-imap/v2"

	"townledger/app/problem"
)

// sentNames are the Sent folder's usual names, most common first, for servers that do
// not mark it \Sent: Apple and Dovecot defaults, Outlook, and Chinese providers.
var sentNames = []string{"Sent", "Sent Messages", "Sent Items", "Sent Mail", "已发送", "已发送邮件"}

// newSentName is the folder created when the mailbox has none.
const newSentName = "Sent"

// sentMailbox finds the folder that holds sent mail: the one marked \Sent (RFC 6154),
// else one with a usual name, else it creates "Sent".
func (s *imapSession) sentMailbox() (string, error) {
	var boxes []*imap.ListData
	err := s.g.do(phaseCommand, "LIST", func() (err error) {
		// A plain LIST: Dovecot, Gmail and Coremail return special-use attributes with
		// it, and it needs no LIST-EXTENDED, which not every server has.
		boxes, err = s.c.List("", "*", nil).Collect()
		return err
	})
	if err != nil {
		return "", err
	}
	if name, ok := pickSent(boxes); ok {
		return name, nil
	}
	err = s.g.do(phaseCommand, "CREATE", func() error {
		var opts *imap.CreateOptions
		if s.c.Caps().Has(imap.CapCreateSpecialUse) {
			opts = &imap.CreateOptions{SpecialUse: []imap.MailboxAttr{imap.MailboxAttrSent}}
		}
		return s.c.Create(newSentName, opts).Wait()
	})
	if err != nil {
		if Temporary(err) {
			return "", err // unreachable or timed out: say that, not "no Sent folder"
		}
		p := problem.New(KeyNoSentFolder, map[string]any{"Server": s.g.server, "Detail": detailOf(err)})
		p.Err = err
		return "", p
	}
	return newSentName, nil
}

// pickSent chooses the Sent folder from a LIST answer.
func pickSent(boxes []*imap.ListData) (string, bool) {
	for _, b := range boxes {
		if hasAttr(b.Attrs, imap.MailboxAttrNoSelect) || hasAttr(b.Attrs, imap.MailboxAttrNonExistent) {
			continue
		}
		if hasAttr(b.Attrs, imap.MailboxAttrSent) {
			return b.Mailbox, true
		}
	}
	for _, want := range sentNames {
		for _, b := range boxes {
			if hasAttr(b.Attrs, imap.MailboxAttrNoSelect) || hasAttr(b.Attrs, imap.MailboxAttrNonExistent) {
				continue
			}
			if strings.EqualFold(leaf(b), want) {
				return b.Mailbox, true
			}
		}
	}
	return "", false
}

// leaf is a mailbox's last name component: "INBOX.Sent" is a Sent folder too.
func leaf(b *imap.ListData) string {
	if b.Delim != 0 {
		if i := strings.LastIndex(b.Mailbox, string(b.Delim)); i >= 0 {
			return b.Mailbox[i+1:]
		}
	}
	return b.Mailbox
}

func hasAttr(attrs []imap.MailboxAttr, want imap.MailboxAttr) bool {
	for _, a := range attrs {
		if strings.EqualFold(string(a), string(want)) {
			return true
		}
	}
	return false
}

// detailOf is the server's own words inside a refusal, for the message's Detail.
func detailOf(err error) string {
	if d, ok := problem.From(err).Data["Detail"].(string); ok {
		return d
	}
	return err.Error()
}
