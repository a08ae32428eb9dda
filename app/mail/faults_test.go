package mail_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"strings"
	"testing"
	"time"

	"townledger/app/mail"
	"townledger/app/mail/mailtest"
)

// fault is one way a server or the network lets the town down, and what the person
// must be told.
type fault struct {
	name   string
	breaks func(t *testing.T, a *mail.Account) // breaks the account or the servers
	key    string
	temp   bool   // what mail.Temporary must say
	detail string // words of the server the refusal must carry
}

// guardBound is far above the 1 s step timeout the stalling cases use and far below
// go-smtp's own 5 minute default: passing it proves our guard cut the step off.
const guardBound = 10 * time.Second

// checkFault runs op and checks its refusal against f.
func checkFault(t *testing.T, f fault, op func() error) {
	t.Helper()
	start := time.Now()
	err := op()
	pe := wantProblem(t, err, f.key)
	if got := mail.Temporary(err); got != f.temp {
		t.Errorf("Temporary = %v, want %v (%v)", got, f.temp, err)
	}
	if d, _ := pe.Data["Detail"].(string); !strings.Contains(d, f.detail) {
		t.Errorf("detail %q lacks the server's %q", d, f.detail)
	}
	if srv, _ := pe.Data["Server"].(string); srv == "" && f.key != mail.KeyBadAddress {
		t.Errorf("refusal does not name the server: %v", err)
	}
	if pe.Err == nil {
		t.Error("refusal lost its technical cause")
	}
	if took := time.Since(start); took > guardBound {
		t.Errorf("took %v: a step was not bounded", took)
	}
}

func TestSendFaults(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	m := report(t, "青石镇第三季度报表")
	raw, err := mail.Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	tests := []fault{
		{"server down", func(t *testing.T, a *mail.Account) { a.SMTP.Port = mailtest.FreePort(t) }, mail.KeyUnreachable, true, ""},
		{"wrong password", func(t *testing.T, a *mail.Account) { a.Password = "web-login-password" }, mail.KeyAuth, false, ""},
		{"certificate from an unknown CA", func(t *testing.T, a *mail.Account) { a.RootCAs = x509.NewCertPool() }, mail.KeyTLS, false, "unknown authority"},
		{"certificate for another name", func(t *testing.T, a *mail.Account) { a.SMTP.Host = "localhost" }, mail.KeyTLS, false, "localhost"},
		{"STARTTLS with a server without it", func(t *testing.T, a *mail.Account) {
			a.SMTP.Security = mail.StartTLS // on the implicit-TLS port the server waits for TLS
			a.Timeout = time.Second
		}, mail.KeyTimeout, true, ""},
		{"implicit TLS on the STARTTLS port", func(t *testing.T, a *mail.Account) { a.SMTP = s.SMTPServer(mail.StartTLS); a.SMTP.Security = mail.TLS }, mail.KeyTLS, false, "TLS"},
		{"server stalls half-way through the message", func(t *testing.T, a *mail.Account) {
			s.SetFault(mailtest.Stall)
			a.Timeout = time.Second
		}, mail.KeyTimeout, true, ""},
		{"mailbox full", func(t *testing.T, a *mail.Account) { s.SetFault(mailtest.MailboxFull) }, mail.KeyRejected, false, "552 5.2.2 " + mailtest.MailboxFullText},
		{"sender is not the login", func(t *testing.T, a *mail.Account) { a.From = "office@example.test" }, mail.KeyRejected, false, "553"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := s.Account(mailtest.Town)
			s.SetFault(mailtest.NoFault)
			tc.breaks(t, &a)
			checkFault(t, tc, func() error { return mail.Send(context.Background(), a, []string{mailtest.District}, raw) })
		})
	}
	t.Run("unknown recipient", func(t *testing.T) {
		s.SetFault(mailtest.NoFault)
		err := mail.Send(context.Background(), s.Account(mailtest.Town), []string{"nobody@example.test"}, raw)
		pe := wantProblem(t, err, mail.KeyRecipient)
		if pe.Data["Address"] != "nobody@example.test" || mail.Temporary(err) {
			t.Errorf("refusal %v", err)
		}
	})
	t.Run("cancelled while the server stalls", func(t *testing.T) {
		s.SetFault(mailtest.Stall)
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		checkFault(t, fault{key: mail.KeyTimeout, temp: true}, func() error {
			return mail.Send(ctx, s.Account(mailtest.Town), []string{mailtest.District}, raw)
		})
		ctx, cancel = context.WithCancel(context.Background())
		time.AfterFunc(200*time.Millisecond, cancel)
		checkFault(t, fault{key: mail.KeyCancelled, temp: true}, func() error {
			return mail.Send(ctx, s.Account(mailtest.Town), []string{mailtest.District}, raw)
		})
	})
	s.SetFault(mailtest.NoFault)
	if n := s.Accepted(); n != 0 {
		t.Errorf("the server accepted %d messages in fault cases", n)
	}
	if msgs := s.Inbox(t, mailtest.District); len(msgs) != 0 {
		t.Errorf("%d messages reached the district", len(msgs))
	}
}

func TestIMAPFaults(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	raw, err := mail.Compose(report(t, "报表"))
	if err != nil {
		t.Fatal(err)
	}
	proxy := s.Proxy(t)
	tests := []fault{
		{"server down", func(t *testing.T, a *mail.Account) { a.IMAP.Port = mailtest.FreePort(t) }, mail.KeyUnreachable, true, ""},
		{"wrong password", func(t *testing.T, a *mail.Account) { a.Password = "web-login-password" }, mail.KeyAuth, false, ""},
		{"certificate from an unknown CA", func(t *testing.T, a *mail.Account) { a.RootCAs = x509.NewCertPool() }, mail.KeyTLS, false, "unknown authority"},
		{"certificate for another name", func(t *testing.T, a *mail.Account) { a.IMAP.Host = "localhost" }, mail.KeyTLS, false, "localhost"},
		{"implicit TLS on the STARTTLS port", func(t *testing.T, a *mail.Account) { a.IMAP = s.IMAPServer(mail.StartTLS); a.IMAP.Security = mail.TLS }, mail.KeyTLS, false, "TLS"},
		{"server stops answering", func(t *testing.T, a *mail.Account) {
			a.IMAP = proxy.Server()
			a.Timeout = time.Second
		}, mail.KeyTimeout, true, ""},
	}
	ops := map[string]struct {
		stallOn string
		run     func(a mail.Account) error
	}{
		"AppendSent": {"APPEND", func(a mail.Account) error { return mail.AppendSent(context.Background(), a, raw) }},
		"FindReply": {"EXAMINE", func(a mail.Account) error {
			_, _, err := mail.FindReply(context.Background(), a, mail.ReplyQuery{Subject: "报表", Senders: []string{mailtest.District}})
			return err
		}},
	}
	for name, op := range ops {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/%s", name, tc.name), func(t *testing.T) {
				proxy.StallOn(op.stallOn)
				a := s.Account(mailtest.Town)
				tc.breaks(t, &a)
				checkFault(t, tc, func() error { return op.run(a) })
			})
		}
	}
	for _, box := range s.Mailboxes(t, mailtest.Town) {
		if n := len(s.Mailbox(t, mailtest.Town, box)); n != 0 {
			t.Errorf("%d messages were filed in %s", n, box)
		}
	}
}
