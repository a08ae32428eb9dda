package mailtest

import (
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Fault is how the SMTP server misbehaves on DATA.
type Fault int

const (
	NoFault     Fault = iota
	MailboxFull       // answer DATA with "552 5.2.2 Mailbox full"
	Stall             // read the first kilobyte of the message, then never answer
)

// MailboxFullText is the server's words for MailboxFull, as a client should show them.
const MailboxFullText = "Mailbox full"

// smtpd is an SMTP submission server: AUTH PLAIN with a test user's password (only over
// TLS), MAIL FROM must be that user (as QQ and Tencent insist), RCPT TO a test user.
type smtpd struct {
	server                *smtp.Server
	tlsPort, startTLSPort int
	deliver               func(user string, raw []byte) error
	release               chan struct{} // closed at the end, freeing stalled sessions

	mu       sync.Mutex
	fault    Fault
	accepted int
}

func startSMTP(p *pki, deliver func(string, []byte) error) (*smtpd, error) {
	d := &smtpd{deliver: deliver, release: make(chan struct{})}
	srv := smtp.NewServer(d)
	srv.Domain = Host
	srv.TLSConfig = p.serverTLS()
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.MaxMessageBytes = 32 << 20
	srv.ErrorLog = log.New(io.Discard, "", 0)
	implicit, err := tls.Listen("tcp", net.JoinHostPort(Host, "0"), p.serverTLS())
	if err != nil {
		return nil, err
	}
	plain, err := net.Listen("tcp", net.JoinHostPort(Host, "0"))
	if err != nil {
		implicit.Close()
		return nil, err
	}
	d.server = srv
	d.tlsPort = implicit.Addr().(*net.TCPAddr).Port
	d.startTLSPort = plain.Addr().(*net.TCPAddr).Port
	go srv.Serve(implicit)
	go srv.Serve(plain)
	return d, nil
}

func (d *smtpd) stop() {
	close(d.release)
	d.server.Close()
}

// SetFault makes the SMTP server misbehave (or stop misbehaving) from the next DATA on.
func (s *Servers) SetFault(f Fault) {
	s.smtp.mu.Lock()
	defer s.smtp.mu.Unlock()
	s.smtp.fault = f
}

// Accepted counts the messages the SMTP server accepted and delivered.
func (s *Servers) Accepted() int {
	s.smtp.mu.Lock()
	defer s.smtp.mu.Unlock()
	return s.smtp.accepted
}

func (d *smtpd) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{d: d}, nil }

type session struct {
	d     *smtpd
	user  string
	rcpts []string
}

var _ smtp.AuthSession = (*session)(nil)

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if (identity != "" && identity != username) || password == "" || Password(username) != password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8},
				Message: "Error: authentication failed, use the authorisation code"}
		}
		s.user = username
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.user == "" {
		return smtp.ErrAuthRequired
	}
	if from != s.user {
		return &smtp.SMTPError{Code: 553, EnhancedCode: smtp.EnhancedCode{5, 7, 1},
			Message: "Mail from must equal authorized user"}
	}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if Password(to) == "" {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "Mailbox unavailable"}
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	s.d.mu.Lock()
	fault := s.d.fault
	s.d.mu.Unlock()
	switch fault {
	case MailboxFull:
		_, _ = io.Copy(io.Discard, r)
		return &smtp.SMTPError{Code: 552, EnhancedCode: smtp.EnhancedCode{5, 2, 2}, Message: MailboxFullText}
	case Stall:
		_, _ = io.CopyN(io.Discard, r, 1024)
		<-s.d.release
		return errors.New("stalled")
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	for _, rcpt := range s.rcpts {
		if err := s.d.deliver(rcpt, raw); err != nil {
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0},
				Message: "Delivery failed: " + err.Error()}
		}
	}
	s.d.mu.Lock()
	s.d.accepted++
	s.d.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.rcpts = nil }
func (s *session) Logout() error { return nil }
