// Package mail sends the town's periodic report to the district by SMTP, files a copy in
// the mailbox's Sent folder and finds the district's reply by IMAP polling, explaining
// every failure in words an office clerk can act on.
package mail

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"strconv"
	"strings"
	"time"

	"townledger/app/problem"
)

// Security is how a connection is encrypted. Certificates are always verified: a town
// mails personal data of enforcement cases, so there is no "accept any certificate".
type Security string

const (
	// StartTLS connects in plain text and upgrades before logging in (ports 587, 143).
	StartTLS Security = "starttls"
	// TLS is implicit TLS from the first byte (ports 465, 993), what Chinese providers
	// (163, QQ, Coremail) document as "SSL".
	TLS Security = "tls"
)

// DefaultTimeout bounds each network step when Account.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Server is one mail server: where it is and how to talk to it.
type Server struct {
	Host     string
	Port     int      // 0 = the usual port for the protocol and Security
	Security Security // "" = TLS
}

// Account is everything needed to send as the town and read its inbox.
type Account struct {
	SMTP, IMAP Server
	Username   string
	// Password may be a provider's "authorisation code" (授权码): 163, 126 and QQ refuse
	// the web password for SMTP and IMAP.
	Password string
	// From is the sender address; empty means Username, which QQ and Tencent require
	// (they refuse a MAIL FROM that differs from the login).
	From string
	// RootCAs verifies the servers' certificates; nil means the system's roots. Tests
	// pass their own throw-away CA.
	RootCAs *x509.CertPool
	// Timeout bounds each network step (connect, one command, one answer); 0 = 30 s.
	Timeout time.Duration
}

// Sender is the address the account sends from.
func (a Account) Sender() string {
	if a.From != "" {
		return a.From
	}
	return a.Username
}

func (a Account) timeout() time.Duration {
	if a.Timeout > 0 {
		return a.Timeout
	}
	return DefaultTimeout
}

// endpoint is a validated Server with its port filled in.
type endpoint struct {
	host     string
	port     int
	security Security
}

func (e endpoint) addr() string { return net.JoinHostPort(e.host, strconv.Itoa(e.port)) }

// tlsConfig verifies the certificate against the name the person typed, so a server
// answering for another name is refused even when its certificate is otherwise valid.
func (e endpoint) tlsConfig(roots *x509.CertPool) *tls.Config {
	return &tls.Config{ServerName: e.host, RootCAs: roots, MinVersion: tls.VersionTLS12}
}

// check validates one server and fills in the default port. kind is "SMTP" or "IMAP".
func (s Server) check(kind string, tlsPort, startTLSPort int) (endpoint, error) {
	field := strings.ToLower(kind)
	host := strings.TrimSpace(s.Host)
	if host == "" {
		return endpoint{}, problem.OnField(field+".host", KeyNoHost, map[string]any{"Kind": kind})
	}
	sec := Security(strings.ToLower(strings.TrimSpace(string(s.Security))))
	port := s.Port
	switch sec {
	case "", TLS:
		sec = TLS
		if port == 0 {
			port = tlsPort
		}
	case StartTLS:
		if port == 0 {
			port = startTLSPort
		}
	default:
		return endpoint{}, problem.OnField(field+".security", KeySecurity, map[string]any{"Kind": kind, "Value": string(s.Security)})
	}
	if port < 1 || port > 65535 {
		return endpoint{}, problem.OnField(field+".port", KeyBadPort, map[string]any{"Kind": kind, "Port": s.Port})
	}
	return endpoint{host: host, port: port, security: sec}, nil
}

func (a Account) credentials() error {
	if strings.TrimSpace(a.Username) == "" {
		return problem.OnField("username", KeyNoUsername, nil)
	}
	if a.Password == "" {
		return problem.OnField("password", KeyNoPassword, nil)
	}
	return nil
}

func (a Account) smtpEndpoint() (endpoint, error) {
	if err := a.credentials(); err != nil {
		return endpoint{}, err
	}
	return a.SMTP.check("SMTP", 465, 587)
}

func (a Account) imapEndpoint() (endpoint, error) {
	if err := a.credentials(); err != nil {
		return endpoint{}, err
	}
	return a.IMAP.check("IMAP", 993, 143)
}
