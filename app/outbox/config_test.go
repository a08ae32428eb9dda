package outbox_test

import (
	"context"
	"testing"

	townmail "townledger/app/mail"
	"townledger/app/outbox"
	"townledger/app/problem"
)

func TestGuessFillsKnownProviders(t *testing.T) {
	cases := []struct {
		address, smtp, imap string
		ok                  bool
	}{
		{"xxzhen@163.com", "smtp.163.com", "imap.163.com", true},
		{" Qingshi@QQ.com ", "smtp.qq.com", "imap.qq.com", true},
		{"yjb@foxmail.com", "smtp.qq.com", "imap.qq.com", true},
		{"yjj@example.gov.cn", "", "", false}, // government Coremail: entered by hand
		{"not an address", "", "", false},
	}
	for _, c := range cases {
		got, ok := outbox.Guess(c.address)
		if ok != c.ok || got.SMTPHost != c.smtp || got.IMAPHost != c.imap {
			t.Errorf("Guess(%q) = %+v, %v", c.address, got, ok)
			continue
		}
		if ok && (got.SMTPPort != 465 || got.IMAPPort != 993 || got.SMTPSecurity != townmail.TLS || got.Check().Err() != nil) {
			t.Errorf("Guess(%q) = %+v: not a usable account", c.address, got)
		}
	}
}

func TestSaveRefusesABadAccountByField(t *testing.T) {
	s := office(t)
	err := outbox.Save(context.Background(), s, exporter, outbox.Config{SMTPHost: "smtp 163", SMTPPort: 70000,
		IMAPHost: "imap.163.com", IMAPPort: 993, From: "zhen@"}, "code")
	fields := map[string]bool{}
	var l problem.List
	if pl, ok := err.(problem.List); ok {
		l = pl
	}
	for _, p := range l {
		fields[p.Field] = true
	}
	for _, f := range []string{outbox.FieldSMTPHost, outbox.FieldSMTPPort, outbox.FieldUsername, outbox.FieldFrom} {
		if !fields[f] {
			t.Errorf("no refusal on %s: %v", f, err)
		}
	}
	if cfg, _ := outbox.Load(context.Background(), s); cfg.Configured() {
		t.Error("a refused account was stored")
	}
}
