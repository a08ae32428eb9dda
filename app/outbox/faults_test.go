package outbox_test

import (
	"context"
	"crypto/x509"
	"testing"
	"time"

	townmail "townledger/app/mail"
	"townledger/app/mail/mailtest"
	"townledger/app/outbox"
	"townledger/data"
)

// Every fault leaves the export queued and nothing marked sent that the server did not
// accept; once the cause is gone, one retry sends it exactly once.
func TestFaultsKeepTheReportQueued(t *testing.T) {
	srv := mailtest.Start(t)
	cases := []struct {
		name   string
		break_ func(a *townmail.Account)
		fault  mailtest.Fault
		key    string
		retry  bool // retried by itself later
	}{
		{"server down", func(a *townmail.Account) { a.SMTP.Port = mailtest.FreePort(t) }, mailtest.NoFault, townmail.KeyUnreachable, true},
		{"wrong password", func(a *townmail.Account) { a.Password = "not-the-code" }, mailtest.NoFault, townmail.KeyAuth, false},
		{"certificate not trusted", func(a *townmail.Account) { a.RootCAs = x509.NewCertPool() }, mailtest.NoFault, townmail.KeyTLS, false},
		{"STARTTLS port spoken to as TLS", func(a *townmail.Account) { a.SMTP.Port = srv.SMTPStartTLS }, mailtest.NoFault, "", true},
		{"mailbox full", nil, mailtest.MailboxFull, townmail.KeyRejected, false},
		{"timeout half-way", func(a *townmail.Account) { a.Timeout = time.Second }, mailtest.Stall, townmail.KeyTimeout, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			s := office(t)
			cfg, good := account(t, s, srv)
			bad := good
			if c.break_ != nil {
				c.break_(&bad)
			}
			srv.SetFault(c.fault)
			before, inbox := srv.Accepted(), len(srv.Inbox(t, mailtest.District))

			res, err := outbox.SendPeriod(ctx, s, exporter, cfg, bad, request(t, "2023-Q4", false))
			srv.SetFault(mailtest.NoFault)
			if err != nil {
				t.Fatalf("SendPeriod: %v", err)
			}
			if len(res.Outcome.Failed) != 1 || len(res.Outcome.Sent) != 0 {
				t.Fatalf("outcome %+v", res.Outcome)
			}
			f := res.Outcome.Failed[0]
			if c.key != "" && keyOf(f.Err) != c.key {
				t.Errorf("error %v, want %s", f.Err, c.key)
			}
			if keyOf(f.Err) == "" {
				t.Errorf("no message for people: %v", f.Err)
			}
			if c.key != "" && f.Retry != c.retry {
				t.Errorf("retry %v, want %v", f.Retry, c.retry)
			}
			if srv.Accepted() != before || len(srv.Inbox(t, mailtest.District)) != inbox {
				t.Fatal("the server accepted a message although the send failed")
			}
			e, _ := s.Export(ctx, res.Export.ID)
			if e.State != data.ExportQueued || e.SentAt != "" {
				t.Fatalf("after the fault the export is %+v", e)
			}
			box, _ := s.Outbox(ctx)
			if len(box) != 1 || outbox.LastError(box[0]) == nil {
				t.Fatalf("outbox %+v", box)
			}

			// The cause is mended: sending the period again sends the queued version, once.
			again, err := outbox.SendPeriod(ctx, s, exporter, cfg, good, request(t, "2023-Q4", false))
			if err != nil || again.Written || again.Export.ID != res.Export.ID || len(again.Outcome.Sent) != 1 {
				t.Fatalf("send again: %+v %v", again, err)
			}
			if out, err := outbox.Retry(ctx, s, exporter, good); err != nil || len(out.Sent) != 0 {
				t.Fatalf("second retry sent again: %+v %v", out, err)
			}
			if srv.Accepted() != before+1 || len(srv.Inbox(t, mailtest.District)) != inbox+1 {
				t.Errorf("accepted %d (before %d), inbox %d (before %d)", srv.Accepted(), before, len(srv.Inbox(t, mailtest.District)), inbox)
			}
			if e, _ := s.Export(ctx, res.Export.ID); e.State != data.ExportSent {
				t.Errorf("after the retry: %+v", e)
			}
		})
	}
}
