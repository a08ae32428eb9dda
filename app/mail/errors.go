package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-smtp"

	"townledger/app/problem"
)

// Translation keys this package returns, with the template data each carries.
const (
	KeyUnreachable   = "mail.unreachable"    // Server
	KeyTimeout       = "mail.timeout"        // Server
	KeyDisconnected  = "mail.disconnected"   // Server
	KeyCancelled     = "mail.cancelled"      // Server
	KeyTLS           = "mail.tls"            // Server, Detail
	KeyAuth          = "mail.auth"           // Server
	KeyAuthMechanism = "mail.auth_mechanism" // Server
	KeyDeferred      = "mail.deferred"       // Server, Detail (4xx: the server asks to try later)
	KeyRejected      = "mail.rejected"       // Server, Detail (5xx or IMAP NO: the server refuses)
	KeyRecipient     = "mail.recipient"      // Server, Address, Detail
	KeyNoSentFolder  = "mail.no_sent_folder" // Server, Detail
	KeyNoHost        = "mail.no_host"        // Kind (SMTP or IMAP)
	KeyBadPort       = "mail.bad_port"       // Kind, Port
	KeySecurity      = "mail.security"       // Kind, Value
	KeyNoUsername    = "mail.no_username"
	KeyNoPassword    = "mail.no_password"
	KeyNoRecipient   = "mail.no_recipient"
	KeyBadAddress    = "mail.bad_address" // Address
	KeyCompose       = "mail.compose"     // Detail
	KeyKeyring       = "mail.keyring"     // Detail
	KeyNoKeyring     = "mail.no_keyring"
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyUnreachable, KeyTimeout, KeyDisconnected, KeyCancelled, KeyTLS, KeyAuth,
		KeyAuthMechanism, KeyDeferred, KeyRejected, KeyRecipient, KeyNoSentFolder, KeyNoHost, KeyBadPort,
		KeySecurity, KeyNoUsername, KeyNoPassword, KeyNoRecipient, KeyBadAddress, KeyCompose, KeyKeyring,
		KeyNoKeyring}
}

// temporaryKeys are the refusals after which the same message may go through later
// unchanged; everything else needs a person to change something first.
var temporaryKeys = map[string]bool{
	KeyUnreachable: true, KeyTimeout: true, KeyDisconnected: true, KeyCancelled: true, KeyDeferred: true,
}

// Temporary reports whether trying again later, unchanged, may succeed: the server was
// unreachable or too slow, the connection dropped, the attempt was cancelled, or the
// server answered 4xx. A wrong password, a certificate that fails verification or a
// 5xx refusal is not temporary: retrying would only repeat it (and may lock the account).
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	var pe *problem.Error
	if errors.As(err, &pe) {
		return temporaryKeys[pe.Key]
	}
	return temporaryKeys[classify(phaseCommand, "", err).Key]
}

// phase is the part of a conversation a failure happened in; the same error means
// different things in each (a 535 while logging in is a wrong password).
type phase int

const (
	phaseConnect phase = iota // dial, TLS handshake, greeting
	phaseAuth                 // LOGIN / AUTH
	phaseCommand              // everything after logging in
)

// errStepTimeout marks a step the guard cut off.
var errStepTimeout = errors.New("no answer in time")

// classify turns a technical failure into the refusal a person reads. server is
// "host:port", shown so the person knows which of the two servers failed.
func classify(ph phase, server string, err error) *problem.Error {
	var pe *problem.Error
	if errors.As(err, &pe) {
		return pe
	}
	mk := func(key string, data map[string]any) *problem.Error {
		if data == nil {
			data = map[string]any{}
		}
		data["Server"] = server
		p := problem.New(key, data)
		p.Err = err
		return p
	}
	var netErr net.Error
	switch {
	case errors.Is(err, errStepTimeout), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return mk(KeyTimeout, nil)
	case errors.Is(err, context.Canceled):
		return mk(KeyCancelled, nil)
	}
	if detail, ok := tlsFailure(err); ok {
		return mk(KeyTLS, map[string]any{"Detail": detail})
	}
	var opErr *net.OpError
	if ph == phaseConnect && errors.As(err, &opErr) && opErr.Op == "dial" {
		return mk(KeyUnreachable, nil)
	}
	var smtpErr *smtp.SMTPError
	if errors.As(err, &smtpErr) {
		detail := smtpDetail(smtpErr)
		switch {
		case smtpErr.Code >= 400 && smtpErr.Code < 500:
			return mk(KeyDeferred, map[string]any{"Detail": detail})
		case ph == phaseAuth:
			return mk(KeyAuth, nil)
		default:
			return mk(KeyRejected, map[string]any{"Detail": detail})
		}
	}
	var imapErr *imap.Error
	if errors.As(err, &imapErr) {
		detail := imapDetail(imapErr)
		switch {
		case imapErr.Code == imap.ResponseCodeUnavailable || imapErr.Code == imap.ResponseCodeInUse:
			return mk(KeyDeferred, map[string]any{"Detail": detail})
		case ph == phaseAuth:
			return mk(KeyAuth, nil)
		default:
			return mk(KeyRejected, map[string]any{"Detail": detail})
		}
	}
	if ph == phaseAuth && errors.Is(err, errNoMechanism) {
		return mk(KeyAuthMechanism, nil)
	}
	// EOF, reset, a closed connection: the server or the network dropped us.
	return mk(KeyDisconnected, nil)
}

// tlsFailure reports whether err is a failed TLS handshake or certificate check, with a
// short technical description for whoever looks after the mail server.
func tlsFailure(err error) (string, bool) {
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.As(err, &unknown):
		return "certificate signed by an unknown authority", true
	case errors.As(err, &hostname):
		return hostname.Error(), true
	case errors.As(err, &invalid):
		return invalid.Error(), true
	case errors.As(err, &verify):
		return verify.Error(), true
	case errors.As(err, &record):
		return "the server does not speak TLS on this port", true
	case errors.As(err, &alert):
		return alert.Error(), true
	case errors.Is(err, errNoStartTLS):
		return errNoStartTLS.Error(), true
	}
	return "", false
}

func smtpDetail(e *smtp.SMTPError) string {
	c := e.EnhancedCode
	if c[0] > 0 {
		return fmt.Sprintf("%d %d.%d.%d %s", e.Code, c[0], c[1], c[2], e.Message)
	}
	return fmt.Sprintf("%d %s", e.Code, e.Message)
}

func imapDetail(e *imap.Error) string {
	if e.Code != "" {
		return fmt.Sprintf("%s [%s] %s", e.Type, e.Code, e.Text)
	}
	return fmt.Sprintf("%s %s", e.Type, e.Text)
}
