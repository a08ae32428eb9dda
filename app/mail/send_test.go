package mail_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"townledger/app/mail"
	"townledger/app/mail/mailtest"
)

func TestSendArrivesInTheDistrictsInbox(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	t.Run("Check logs in without sending", func(t *testing.T) {
		for _, sec := range []mail.Security{mail.StartTLS, mail.TLS} {
			a := s.Account(mailtest.Town)
			a.SMTP, a.IMAP = s.SMTPServer(sec), s.IMAPServer(sec)
			if err := mail.Check(context.Background(), a); err != nil {
				t.Errorf("%s: %v", sec, err)
			}
		}
		if s.Accepted() != 0 || len(s.Inbox(t, mailtest.District)) != 0 {
			t.Error("Check sent something")
		}
		if boxes := s.Mailboxes(t, mailtest.Town); !slices.Equal(boxes, []string{"INBOX"}) {
			t.Errorf("Check changed the mailboxes: %v", boxes)
		}
	})
	for _, sec := range []mail.Security{mail.StartTLS, mail.TLS} {
		t.Run(string(sec), func(t *testing.T) {
			a := s.Account(mailtest.Town)
			a.SMTP = s.SMTPServer(sec)
			m := report(t, "青石镇2024年第三季度应急执法工作报表（"+string(sec)+"）")
			raw, err := mail.Compose(m)
			if err != nil {
				t.Fatal(err)
			}
			before := s.Accepted()
			if err := mail.Send(context.Background(), a, []string{m.To}, raw); err != nil {
				t.Fatal(err)
			}
			if got := s.Accepted() - before; got != 1 {
				t.Errorf("server accepted %d messages, want 1", got)
			}
			got, ok := find(t, s.Inbox(t, mailtest.District), m.MessageID)
			if !ok {
				t.Fatalf("message %s is not in the district's inbox", m.MessageID)
			}
			if got.subject != m.Subject {
				t.Errorf("subject %q, want %q", got.subject, m.Subject)
			}
			if got.from != mailtest.Town {
				t.Errorf("from %q, want %q", got.from, mailtest.Town)
			}
			if got.attachName != m.AttachmentName || got.ctName != m.AttachmentName {
				t.Errorf("attachment named %q (Content-Type name %q), want %q", got.attachName, got.ctName, m.AttachmentName)
			}
			if !bytes.Equal(got.attachment, m.Attachment) {
				t.Errorf("attachment differs: %d bytes, want %d", len(got.attachment), len(m.Attachment))
			}
			if !strings.Contains(got.body, "请查收") {
				t.Errorf("body %q lost its text", got.body)
			}
		})
	}
}

func TestAppendSentFilesACopy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		existing []string // mailboxes the town already has
		want     string   // where the copy must land
	}{
		{"creates Sent when there is none", nil, "Sent"},
		{"prefers the \\Sent folder", []string{"Sent Messages", "已发送"}, "已发送"},
		{"finds Sent Messages by name", []string{"Sent Messages"}, "Sent Messages"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := mailtest.Start(t)
			for _, box := range tc.existing {
				s.CreateMailbox(t, mailtest.Town, box)
			}
			m := report(t, "报表")
			raw, err := mail.Compose(m)
			if err != nil {
				t.Fatal(err)
			}
			a := s.Account(mailtest.Town)
			a.IMAP = s.IMAPServer(mail.StartTLS)
			if err := mail.AppendSent(context.Background(), a, raw); err != nil {
				t.Fatal(err)
			}
			if _, ok := find(t, s.Mailbox(t, mailtest.Town, tc.want), m.MessageID); !ok {
				t.Errorf("no copy in %q; mailboxes: %v", tc.want, s.Mailboxes(t, mailtest.Town))
			}
			if n := len(s.Mailboxes(t, mailtest.Town)); n != len(tc.existing)+1+boolInt(tc.existing == nil) {
				t.Errorf("mailboxes now %v: a folder was created needlessly", s.Mailboxes(t, mailtest.Town))
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
