// Package mailtest runs real mail servers on loopback for tests: Dovecot (IMAP, started
// from a generated configuration in the test's temp folder) and an in-process go-smtp
// submission server that delivers each accepted message into the recipient's Dovecot
// INBOX, so "send, then see it in the district's inbox" is tested end to end.
package mailtest

import (
	"crypto/x509"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/mail"
)

// The two test users and their passwords.
const (
	Town             = "town@example.test"
	TownPassword     = "town-authcode-1"
	District         = "district@example.test"
	DistrictPassword = "district-authcode-2"
)

// Host is where every server listens. The certificate names it and nothing else.
const Host = "127.0.0.1"

// Servers are one test's mail servers. The methods that take a testing.TB fail that
// test on error, so call them from the goroutine running it.
type Servers struct {
	IMAPTLS, IMAPStartTLS int            // Dovecot: implicit TLS and STARTTLS ports
	SMTPTLS, SMTPStartTLS int            // go-smtp: implicit TLS and STARTTLS ports
	CA                    *x509.CertPool // holds only the throw-away CA that signed the servers
	CAPEM                 []byte         // the same CA certificate, PEM
	Dir                   string         // temp folder with dovecot.conf, dovecot.log and the maildirs
	pki                   *pki
	smtp                  *smtpd
}

// Option changes how Start sets the servers up.
type Option func(*options)

type options struct{ noID bool }

// WithoutID makes Dovecot leave ID out of its capabilities, like a server that does not
// offer it, so a client must not send ID.
func WithoutID() Option { return func(o *options) { o.noID = true } }

// Start runs Dovecot and the SMTP server until the test ends. It fails the test (never
// skips, CI included) when Dovecot is not installed. Starting takes some 50 ms; stopping
// about a second (Dovecot's master waits a fixed second for its log process), so share
// one Servers between subtests and mark tests that start their own t.Parallel.
func Start(t testing.TB, opts ...Option) *Servers {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	bin, err := findDovecot()
	if err != nil {
		t.Fatal(err)
	}
	id, err := whoRuns()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p, err := newPKI()
	if err != nil {
		t.Fatal(err)
	}
	if err := prepareDir(dir, id, p); err != nil {
		t.Fatal(err)
	}
	runDir, err := os.MkdirTemp("", "mailtest")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(runDir) }) // after Dovecot has stopped
	if os.Geteuid() == 0 {
		// Dovecot makes base_dir itself; its unprivileged processes must reach it.
		if err := os.Chmod(runDir, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	dc := setup{bin: bin, dir: dir, runDir: filepath.Join(runDir, "run"), id: id, pki: p, noID: o.noID}
	proc, imapPort, imapsPort, err := dc.start()
	if err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	t.Cleanup(proc.stop)

	s := &Servers{IMAPTLS: imapsPort, IMAPStartTLS: imapPort, CA: p.pool, CAPEM: p.caPEM, Dir: dir, pki: p}
	s.smtp, err = startSMTP(p, s.deliver)
	if err != nil {
		t.Fatalf("start SMTP server: %v", err)
	}
	t.Cleanup(s.smtp.stop)
	s.SMTPTLS, s.SMTPStartTLS = s.smtp.tlsPort, s.smtp.startTLSPort
	return s
}

// prepareDir writes the users, the certificate and the mail folder. As root the folder
// chain is opened (execute only) so Dovecot's unprivileged processes can reach it.
func prepareDir(dir string, id identity, p *pki) error {
	// nodelay (with the anvil penalty off in the config): a wrong password is answered
	// within Dovecot's 0.5 s floor instead of after a delay doubling up to 15 s.
	users := Town + ":{PLAIN}" + TownPassword + "::::::nodelay=yes\n" +
		District + ":{PLAIN}" + DistrictPassword + "::::::nodelay=yes\n"
	// Dovecot reads the key as the user that starts it; its auth process reads passwd.
	files := map[string][]byte{"passwd": []byte(users), "cert.pem": p.certPEM, "key.pem": p.keyPEM}
	for name, data := range files {
		mode := os.FileMode(0o644)
		if name == "key.pem" {
			mode = 0o600
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, mode); err != nil {
			return err
		}
	}
	mailDir := filepath.Join(dir, "mail")
	if err := os.Mkdir(mailDir, 0o700); err != nil {
		return err
	}
	if os.Geteuid() != 0 {
		return nil
	}
	if err := os.Chown(mailDir, id.uid, id.gid); err != nil {
		return err
	}
	// t.TempDir is <tmp>/<TestName><random>/<NNN>, both made 0700 by the testing package.
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o711); err != nil {
			return err
		}
	}
	return nil
}

// Password is the test password of a user ("" for anyone else).
func Password(user string) string {
	switch user {
	case Town:
		return TownPassword
	case District:
		return DistrictPassword
	}
	return ""
}

// Account is user's account on these servers, implicit TLS for both, trusting the test
// CA, with a 5 s step timeout.
func (s *Servers) Account(user string) mail.Account {
	return mail.Account{
		SMTP:     s.SMTPServer(mail.TLS),
		IMAP:     s.IMAPServer(mail.TLS),
		Username: user,
		Password: Password(user),
		RootCAs:  s.CA,
		Timeout:  5 * time.Second,
	}
}

// SMTPServer is the SMTP server reached with the given security.
func (s *Servers) SMTPServer(sec mail.Security) mail.Server {
	if sec == mail.StartTLS {
		return mail.Server{Host: Host, Port: s.SMTPStartTLS, Security: sec}
	}
	return mail.Server{Host: Host, Port: s.SMTPTLS, Security: mail.TLS}
}

// IMAPServer is Dovecot reached with the given security.
func (s *Servers) IMAPServer(sec mail.Security) mail.Server {
	if sec == mail.StartTLS {
		return mail.Server{Host: Host, Port: s.IMAPStartTLS, Security: sec}
	}
	return mail.Server{Host: Host, Port: s.IMAPTLS, Security: mail.TLS}
}

// DovecotLog is Dovecot's log so far, for failure messages.
func (s *Servers) DovecotLog() string { return dovecotOutput(s.Dir) }

// FreePort is a loopback port nobody listens on: a server that is down.
func FreePort(t testing.TB) int {
	t.Helper()
	p, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	return p
}
