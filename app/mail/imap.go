package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-sasl"
)

// clientID is what the program tells servers that ask (RFC 2971). 163, 126 and
// Coremail-based government mail refuse SELECT from a client that has not said it.
var clientID = imap.IDData{Name: "TownLedger", Vendor: "TownLedger"}

// imapSession is a logged-in IMAP connection with the guard bounding its steps.
type imapSession struct {
	c *imapclient.Client
	g *guard
}

// openIMAP connects, secures, logs in and identifies the program when the server
// advertises ID — after LOGIN and before any SELECT, the order Coremail insists on.
func openIMAP(ctx context.Context, a Account) (*imapSession, error) {
	ep, err := a.imapEndpoint()
	if err != nil {
		return nil, err
	}
	g := newGuard(ctx, a, ep)
	if err := g.dial(); err != nil {
		return nil, err
	}
	cfg := ep.tlsConfig(a.RootCAs)
	opts := &imapclient.Options{
		TLSConfig: cfg,
		// Subjects from Chinese mailers are often GBK or GB18030 encoded words.
		WordDecoder: &mime.WordDecoder{CharsetReader: charset.Reader},
	}
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
			// The server refused STARTTLS: wrong port or security setting.
			return fmt.Errorf("%w: %v", errNoStartTLS, err)
		}
		return err
	})
	if err != nil {
		g.close()
		return nil, err
	}
	s := &imapSession{c: c, g: g}
	err = g.do(phaseAuth, "LOGIN", func() error {
		if c.Caps().Has(imap.CapLoginDisabled) {
			return c.Authenticate(sasl.NewPlainClient("", a.Username, a.Password))
		}
		return c.Login(a.Username, a.Password).Wait()
	})
	if err == nil {
		err = g.do(phaseCommand, "ID", func() error {
			// Capabilities may change at login; Caps asks again when the login
			// answer did not list them.
			if !c.Caps().Has(imap.CapID) {
				return nil
			}
			_, err := c.ID(&clientID).Wait()
			return err
		})
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return s, nil
}

// close says goodbye and drops the connection; the work is done, so errors are moot.
func (s *imapSession) close() {
	_ = s.g.do(phaseCommand, "LOGOUT", func() error { return s.c.Logout().Wait() })
	s.c.Close()
}

// AppendSent files raw in the account's Sent folder, marked read, so the town's mailbox
// shows the report as sent like any mail written by hand. Servers (Coremail, 163) do
// not do this for SMTP submissions themselves.
func AppendSent(ctx context.Context, a Account, raw []byte) error {
	s, err := openIMAP(ctx, a)
	if err != nil {
		return err
	}
	defer s.close()
	box, err := s.sentMailbox()
	if err != nil {
		return err
	}
	var cmd *imapclient.AppendCommand
	err = s.g.do(phaseCommand, "APPEND", func() error {
		cmd = s.c.Append(box, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}})
		return nil
	})
	for off := 0; err == nil && off < len(raw); off += bodyChunk {
		chunk := raw[off:min(off+bodyChunk, len(raw))]
		err = s.g.do(phaseCommand, "APPEND message", func() error {
			_, err := cmd.Write(chunk)
			return err
		})
	}
	if err != nil {
		if cmd != nil {
			cmd.Close()
		}
		return err
	}
	return s.g.do(phaseCommand, "APPEND end", func() error {
		if err := cmd.Close(); err != nil {
			return err
		}
		_, err := cmd.Wait()
		return err
	})
}

// checkIMAP logs in (and says ID) without touching any mailbox.
func checkIMAP(ctx context.Context, a Account) error {
	s, err := openIMAP(ctx, a)
	if err != nil {
		return err
	}
	s.close()
	return nil
}

// Check logs in to the SMTP and then the IMAP server without sending anything, for a
// "test connection" button: the first refusal is returned.
func Check(ctx context.Context, a Account) error {
	if err := checkSMTP(ctx, a); err != nil {
		return err
	}
	return checkIMAP(ctx, a)
}
