package outbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	townmail "townledger/app/mail"
	"townledger/app/mail/mailtest"
	"townledger/app/outbox"
)

// A connection test says which step failed: the server not reached, the encryption not
// matching the port, the password refused — or, when all pass, where copies will be filed.
func TestProbeNamesTheStepThatFailed(t *testing.T) {
	srv := mailtest.Start(t)
	good := outbox.Config{SMTPHost: mailtest.Host, SMTPPort: srv.SMTPTLS, SMTPSecurity: townmail.TLS,
		IMAPHost: mailtest.Host, IMAPPort: srv.IMAPTLS, IMAPSecurity: townmail.TLS, Username: mailtest.Town}
	probe := func(c outbox.Config, password string) ([]string, error) {
		t.Helper()
		a := c.Account(password)
		a.RootCAs, a.Timeout = srv.CA, 3*time.Second
		var steps []string
		err := outbox.Probe(context.Background(), c, a, func(s outbox.ProbeStep) {
			line := fmt.Sprintf("%d %s %s", s.N, strings.TrimPrefix(s.Key, "outbox.probe."), s.Server)
			switch {
			case s.Err != nil:
				line += " failed " + keyOf(s.Err)
			case s.Key == outbox.ProbeSentFolder:
				line += fmt.Sprintf(" %q %v", s.Sent, s.SentFound)
			}
			steps = append(steps, line)
		})
		return steps, err
	}
	smtpAddr := fmt.Sprintf("%s:%d", mailtest.Host, srv.SMTPTLS)
	imapAddr := fmt.Sprintf("%s:%d", mailtest.Host, srv.IMAPTLS)
	down := mailtest.FreePort(t)
	cases := []struct {
		name     string
		change   func(*outbox.Config)
		password string
		want     []string
		key      string
	}{
		{"all well, no Sent folder yet", nil, mailtest.TownPassword, []string{"1 smtp_connect " + smtpAddr, "2 smtp_login " + smtpAddr,
			"3 imap_connect " + imapAddr, "4 imap_login " + imapAddr, `5 sent ` + imapAddr + ` "" false`}, ""},
		{"SMTP server down", func(c *outbox.Config) { c.SMTPPort = down }, mailtest.TownPassword,
			[]string{fmt.Sprintf("1 smtp_connect %s:%d failed %s", mailtest.Host, down, townmail.KeyUnreachable)}, townmail.KeyUnreachable},
		{"wrong password", nil, "wrong", []string{"1 smtp_connect " + smtpAddr, "2 smtp_login " + smtpAddr + " failed " + townmail.KeyAuth}, townmail.KeyAuth},
		{"IMAP TLS on the STARTTLS port", func(c *outbox.Config) { c.IMAPPort = srv.IMAPStartTLS }, mailtest.TownPassword,
			[]string{"1 smtp_connect " + smtpAddr, "2 smtp_login " + smtpAddr,
				fmt.Sprintf("3 imap_connect %s:%d failed %s", mailtest.Host, srv.IMAPStartTLS, townmail.KeyTLS)}, townmail.KeyTLS},
		{"no password", nil, "", nil, townmail.KeyNoPassword},
		{"no account", func(c *outbox.Config) { *c = outbox.Config{} }, mailtest.TownPassword, nil, outbox.KeyNoAccount},
	}
	for _, c := range cases {
		cfg := good
		if c.change != nil {
			c.change(&cfg)
		}
		steps, err := probe(cfg, c.password)
		if keyOf(err) != c.key || strings.Join(steps, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: %v\n%s\nwant %s\n%s", c.name, err, strings.Join(steps, "\n"), c.key, strings.Join(c.want, "\n"))
		}
	}
	// Once the mailbox has its \Sent folder, the test finds it and creates nothing.
	srv.CreateMailbox(t, mailtest.Town, "已发送")
	steps, err := probe(good, mailtest.TownPassword)
	if err != nil || len(steps) != 5 || steps[4] != `5 sent `+imapAddr+` "已发送" true` {
		t.Errorf("with 已发送: %v %q", err, steps)
	}
	if boxes := srv.Mailboxes(t, mailtest.Town); len(boxes) != 2 {
		t.Errorf("the test changed the mailbox: %v", boxes)
	}
}
