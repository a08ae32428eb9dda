package mailtest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// withIMAP runs fn logged in to Dovecot as user, with plain imapclient calls (not the
// code under test).
func (s *Servers) withIMAP(user string, fn func(*imapclient.Client) error) error {
	addr := net.JoinHostPort(Host, strconv.Itoa(s.IMAPTLS))
	c, err := imapclient.DialTLS(addr, &imapclient.Options{
		TLSConfig: s.pki.clientTLS(),
		Dialer:    &net.Dialer{Timeout: 5 * time.Second},
	})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Login(user, Password(user)).Wait(); err != nil {
		return fmt.Errorf("login as %s: %w", user, err)
	}
	if err := fn(c); err != nil {
		return err
	}
	return c.Logout().Wait()
}

// deliver puts raw into user's INBOX, as the SMTP server does for accepted messages.
func (s *Servers) deliver(user string, raw []byte) error {
	return s.appendTo(user, "INBOX", raw)
}

func (s *Servers) appendTo(user, mailbox string, raw []byte) error {
	return s.withIMAP(user, func(c *imapclient.Client) error {
		cmd := c.Append(mailbox, int64(len(raw)), nil)
		if _, err := cmd.Write(raw); err != nil {
			cmd.Close()
			return err
		}
		if err := cmd.Close(); err != nil {
			return err
		}
		_, err := cmd.Wait()
		return err
	})
}

// Deliver puts a raw message into one of user's mailboxes, e.g. a hand-made reply.
func (s *Servers) Deliver(t testing.TB, user, mailbox string, raw []byte) {
	t.Helper()
	if err := s.appendTo(user, mailbox, raw); err != nil {
		t.Fatalf("deliver to %s/%s: %v", user, mailbox, err)
	}
}

// Inbox returns the raw messages in user's INBOX, oldest first.
func (s *Servers) Inbox(t testing.TB, user string) [][]byte {
	t.Helper()
	return s.Mailbox(t, user, "INBOX")
}

// Mailbox returns the raw messages in one of user's mailboxes, oldest first; none if the
// mailbox does not exist.
func (s *Servers) Mailbox(t testing.TB, user, name string) [][]byte {
	t.Helper()
	var msgs [][]byte
	err := s.withIMAP(user, func(c *imapclient.Client) error {
		boxes, err := c.List("", name, nil).Collect()
		if err != nil || len(boxes) == 0 {
			return err
		}
		sel, err := c.Select(name, &imap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil || sel.NumMessages == 0 {
			return err
		}
		section := &imap.FetchItemBodySection{Peek: true}
		var all imap.SeqSet
		all.AddRange(1, 0) // 1:*
		bufs, err := c.Fetch(all, &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		for _, b := range bufs {
			msgs = append(msgs, b.FindBodySection(section))
		}
		return err
	})
	if err != nil {
		t.Fatalf("read %s/%s: %v", user, name, err)
	}
	return msgs
}

// Mailboxes lists user's mailbox names.
func (s *Servers) Mailboxes(t testing.TB, user string) []string {
	t.Helper()
	var names []string
	err := s.withIMAP(user, func(c *imapclient.Client) error {
		boxes, err := c.List("", "*", nil).Collect()
		for _, b := range boxes {
			names = append(names, b.Mailbox)
		}
		return err
	})
	if err != nil {
		t.Fatalf("list %s: %v", user, err)
	}
	return names
}

// CreateMailbox makes a mailbox for user, e.g. "已发送" (marked \Sent by the config) or
// "Sent Messages" (a Sent folder known by name only).
func (s *Servers) CreateMailbox(t testing.TB, user, name string) {
	t.Helper()
	if err := s.withIMAP(user, func(c *imapclient.Client) error { return c.Create(name, nil).Wait() }); err != nil {
		t.Fatalf("create %s/%s: %v", user, name, err)
	}
}

// Reply puts a reply from one user into another's INBOX and returns its Message-ID
// (without brackets). inReplyTo, if not empty, goes into In-Reply-To and References;
// subject is used as given (say "回复：" + the original subject).
func (s *Servers) Reply(t testing.TB, from, to, inReplyTo, subject string) string {
	t.Helper()
	id := RandomID()
	var b strings.Builder
	fmt.Fprintf(&b, "From: <%s>\r\nTo: <%s>\r\n", from, to)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.BEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\nMessage-ID: <%s>\r\n", time.Now().Format(time.RFC1123Z), id)
	if inReplyTo != "" {
		ref := "<" + strings.Trim(inReplyTo, "<>") + ">"
		fmt.Fprintf(&b, "In-Reply-To: %s\r\nReferences: %s\r\n", ref, ref)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.WriteString(base64.StdEncoding.EncodeToString([]byte("已收到，谢谢。")) + "\r\n")
	s.Deliver(t, to, "INBOX", []byte(b.String()))
	return id
}

// RandomID is a fresh Message-ID (without brackets) in the test domain.
func RandomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:]) + "@example.test"
}
