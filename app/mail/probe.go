package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-smtp"
)

// The steps of a connection test, each its own call so a failure says which step it was:
// reaching and securing a server (ConnectSMTP, ConnectIMAP) apart from logging in to it
// (LoginSMTP, FindSent). Logging in reuses the code that sends and files copies.

// SMTPAddr and IMAPAddr are the servers as host:port, with the usual port filled in, for
// messages; "" when the server is not set.
func (a Account) SMTPAddr() string { return addrOf(a.SMTP.check("SMTP", 465, 587)) }

// IMAPAddr: see SMTPAddr.
func (a Account) IMAPAddr() string { return addrOf(a.IMAP.check("IMAP", 993, 143)) }

func addrOf(ep endpoint, err error) string {
	if err != nil {
		return ""
	}
	return ep.addr()
}

// ConnectSMTP reaches the SMTP server, secures the connection as set (TLS or STARTTLS, the
// certificate verified) and reads its greeting, then says goodbye without logging in.
func ConnectSMTP(ctx context.Context, a Account) error {
	ep, err := a.SMTP.check("SMTP", 465, 587)
	if err != nil {
		return err
	}
	g := newGuard(ctx, a, ep)
	if err := g.dial(); err != nil {
		return err
	}
	defer g.close()
	cfg := ep.tlsConfig(a.RootCAs)
	var c *smtp.Client
	err = g.do(phaseConnect, "TLS and greeting", func() error {
		if ep.security == TLS {
			tc := tls.Client(g.conn, cfg)
			if err := tc.HandshakeContext(g.ctx); err != nil {
				return err
			}
			c = smtp.NewClient(tc)
		} else {
			var err error
			if c, err = smtp.NewClientStartTLS(g.conn, cfg); err != nil {
				return startTLSError(err)
			}
		}
		c.CommandTimeout, c.SubmissionTimeout = g.timeout, g.timeout
		return c.Hello("localhost")
	})
	if err != nil {
		return err
	}
	_ = g.do(phaseCommand, "QUIT", c.Quit)
	return nil
}

// LoginSMTP logs in to the SMTP server and says goodbye without sending.
func LoginSMTP(ctx context.Context, a Account) error { return checkSMTP(ctx, a) }

// ConnectIMAP reaches the IMAP server, secures the connection as set and reads its greeting,
// then logs out without logging in.
func ConnectIMAP(ctx context.Context, a Account) error {
	ep, err := a.IMAP.check("IMAP", 993, 143)
	if err != nil {
		return err
	}
	g := newGuard(ctx, a, ep)
	if err := g.dial(); err != nil {
		return err
	}
	defer g.close()
	cfg := ep.tlsConfig(a.RootCAs)
	opts := &imapclient.Options{TLSConfig: cfg}
	var c *imapclient.Client
	err = g.do(phaseConnect, "TLS and greeting", func() error {
		if ep.security == TLS {
			tc := tls.Client(g.conn, cfg)
			if err := tc.HandshakeContext(g.ctx); err != nil {
				return err
			}
			c = imapclient.New(tc, opts)
			return c.WaitGreeting()
		}
		var err error
		c, err = imapclient.NewStartTLS(g.conn, opts)
		var imapErr *imap.Error
		if errors.As(err, &imapErr) {
			return fmt.Errorf("%w: %v", errNoStartTLS, err)
		}
		return err
	})
	if err != nil {
		return err
	}
	_ = g.do(phaseCommand, "LOGOUT", func() error { return c.Logout().Wait() })
	c.Close()
	return nil
}

// FindSent logs in to the IMAP server (calling loggedIn once it has) and looks for the Sent
// folder the way filing a copy does, but creates nothing: found is false when the mailbox
// has none yet, and the first copy filed then creates NewSentFolder.
func FindSent(ctx context.Context, a Account, loggedIn func()) (name string, found bool, err error) {
	s, err := openIMAP(ctx, a)
	if err != nil {
		return "", false, err
	}
	defer s.close()
	if loggedIn != nil {
		loggedIn()
	}
	var boxes []*imap.ListData
	err = s.g.do(phaseCommand, "LIST", func() (err error) {
		boxes, err = s.c.List("", "*", nil).Collect()
		return err
	})
	if err != nil {
		return "", false, err
	}
	name, found = pickSent(boxes)
	return name, found, nil
}

// NewSentFolder is the folder the first copy creates in a mailbox without a Sent folder.
const NewSentFolder = newSentName
