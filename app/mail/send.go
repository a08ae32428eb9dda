package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strings"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"townledger/app/problem"
)

var (
	errNoStartTLS  = errors.New("the server does not offer STARTTLS on this port")
	errNoMechanism = errors.New("the server offers neither AUTH PLAIN nor AUTH LOGIN")
)

// bodyChunk is how much of the message one guarded step writes: the timeout then limits
// a stalled upload, not a slow one (a 5 MB report over a rural uplink takes a minute).
const bodyChunk = 32 << 10

// Send submits raw (as Compose made it) to the recipients through the account's SMTP
// server: connect with TLS or STARTTLS, AUTH PLAIN (LOGIN where PLAIN is not offered),
// MAIL FROM the account's sender, RCPT TO each recipient, DATA, QUIT.
func Send(ctx context.Context, a Account, to []string, raw []byte) error {
	if len(to) == 0 {
		return problem.New(KeyNoRecipient, nil)
	}
	rcpts := make([]string, len(to))
	for i, t := range to {
		addr, err := envelopeAddr(t)
		if err != nil {
			return err
		}
		rcpts[i] = addr
	}
	from, err := envelopeAddr(a.Sender())
	if err != nil {
		return err
	}
	c, g, err := openSMTP(ctx, a)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := g.do(phaseCommand, "MAIL FROM", func() error {
		return c.Mail(from, &smtp.MailOptions{Size: int64(len(raw))})
	}); err != nil {
		return err
	}
	for _, rcpt := range rcpts {
		if err := g.do(phaseCommand, "RCPT TO", func() error { return c.Rcpt(rcpt, nil) }); err != nil {
			var pe *problem.Error
			if errors.As(err, &pe) && pe.Key == KeyRejected {
				pe.Key = KeyRecipient
				pe.Data["Address"] = rcpt
			}
			return err
		}
	}
	var w *smtp.DataCommand
	if err := g.do(phaseCommand, "DATA", func() (err error) {
		w, err = c.Data()
		return err
	}); err != nil {
		return err
	}
	for off := 0; off < len(raw); off += bodyChunk {
		chunk := raw[off:min(off+bodyChunk, len(raw))]
		if err := g.do(phaseCommand, "message body", func() error {
			_, err := w.Write(chunk)
			return err
		}); err != nil {
			return err
		}
	}
	if err := g.do(phaseCommand, "end of message", w.Close); err != nil {
		return err
	}
	// The server has taken the message; a failed goodbye changes nothing.
	_ = g.do(phaseCommand, "QUIT", c.Quit)
	return nil
}

// openSMTP connects, secures and logs in; the caller closes the client.
func openSMTP(ctx context.Context, a Account) (*smtp.Client, *guard, error) {
	ep, err := a.smtpEndpoint()
	if err != nil {
		return nil, nil, err
	}
	g := newGuard(ctx, a, ep)
	if err := g.dial(); err != nil {
		return nil, nil, err
	}
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
		// EHLO now (after STARTTLS this is also the TLS handshake), so a certificate
		// problem is reported as one and not as a failed login.
		return c.Hello("localhost")
	})
	if err != nil {
		g.close()
		return nil, nil, err
	}
	err = g.do(phaseAuth, "AUTH", func() error {
		switch {
		case c.SupportsAuth(sasl.Plain):
			return c.Auth(sasl.NewPlainClient("", a.Username, a.Password))
		case c.SupportsAuth(sasl.Login):
			return c.Auth(sasl.NewLoginClient(a.Username, a.Password))
		}
		return errNoMechanism
	})
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	return c, g, nil
}

// startTLSError recognises go-smtp's plain-text error for a server without STARTTLS,
// which is a configuration problem (wrong port or security), not a dropped connection.
func startTLSError(err error) error {
	var smtpErr *smtp.SMTPError
	var netErr net.Error
	if !errors.As(err, &smtpErr) && !errors.As(err, &netErr) && strings.Contains(err.Error(), "STARTTLS") {
		return fmt.Errorf("%w: %v", errNoStartTLS, err)
	}
	return err
}

// envelopeAddr takes the bare address out of "Name <address>" or "address".
func envelopeAddr(s string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil {
		return "", badAddress(s, err)
	}
	return a.Address, nil
}

// checkSMTP logs in to the SMTP server and says goodbye without sending.
func checkSMTP(ctx context.Context, a Account) error {
	c, g, err := openSMTP(ctx, a)
	if err != nil {
		return err
	}
	defer c.Close()
	return g.do(phaseCommand, "QUIT", c.Quit)
}
