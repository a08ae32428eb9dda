package mail_test

import (
	"bytes"
	"mime"
	"net/mail"
	"strings"
	"testing"

	townmail "townledger/app/mail"
)

func TestComposeIsReadableByStandardParsers(t *testing.T) {
	m := report(t, "青石镇2024年第三季度应急执法工作报表")
	raw, err := townmail.Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Fatalf("line %d is %d bytes long", i, len(line))
		}
	}
	got := parse(t, raw)
	if got.subject != m.Subject || got.attachName != m.AttachmentName || got.ctName != m.AttachmentName ||
		!bytes.Equal(got.attachment, m.Attachment) || got.messageID != m.MessageID {
		t.Errorf("round trip lost something: subject %q, names %q/%q, id %q", got.subject, got.attachName, got.ctName, got.messageID)
	}
	// The standard library reads the same message (as Go-based tools would).
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil || subj != m.Subject {
		t.Errorf("net/mail subject %q (%v)", subj, err)
	}
	if d, err := msg.Header.Date(); err != nil || !d.Equal(m.Date) {
		t.Errorf("date %v (%v), want %v", d, err, m.Date)
	}
	if !bytes.Contains(raw, []byte("filename*0*=utf-8''")) {
		t.Error("a long Chinese file name should use RFC 2231 continuations")
	}
}

func TestComposeWithoutAttachment(t *testing.T) {
	raw, err := townmail.Compose(townmail.Outgoing{From: "town@example.test", To: "district@example.test",
		Subject: "催报", Body: "请于本周内报送。", MessageID: "<a1@example.test>"})
	if err != nil {
		t.Fatal(err)
	}
	got := parse(t, raw)
	if got.subject != "催报" || !strings.Contains(got.body, "请于本周内报送") || got.attachName != "" || got.messageID != "a1@example.test" {
		t.Errorf("got %+v", got)
	}
}

func TestComposeRefusals(t *testing.T) {
	ok := townmail.Outgoing{From: "town@example.test", To: "district@example.test", Subject: "s", MessageID: "a@b"}
	tests := []struct {
		name string
		edit func(*townmail.Outgoing)
		key  string
	}{
		{"bad recipient", func(m *townmail.Outgoing) { m.To = "区应急局" }, townmail.KeyBadAddress},
		{"bad sender", func(m *townmail.Outgoing) { m.From = "" }, townmail.KeyBadAddress},
		{"no message ID", func(m *townmail.Outgoing) { m.MessageID = " " }, townmail.KeyCompose},
		{"header injection", func(m *townmail.Outgoing) { m.Subject = "x\r\nBcc: a@b" }, townmail.KeyCompose},
		{"nameless attachment", func(m *townmail.Outgoing) { m.Attachment = []byte("x") }, townmail.KeyCompose},
		{"line break in the sender's name", func(m *townmail.Outgoing) { m.FromName = "青石镇\r\nBcc: a@b" }, townmail.KeyCompose},
		{"field value not ASCII", func(m *townmail.Outgoing) {
			m.Fields = []townmail.Field{{Name: "X-TownLedger-Period", Value: "2026年10月"}}
		}, townmail.KeyCompose},
		{"field value with a line break", func(m *townmail.Outgoing) {
			m.Fields = []townmail.Field{{Name: "X-TownLedger-Period", Value: "2026\r\nBcc: a@b"}}
		}, townmail.KeyCompose},
		{"field name with a colon", func(m *townmail.Outgoing) { m.Fields = []townmail.Field{{Name: "X-A:", Value: "1"}} }, townmail.KeyCompose},
		{"field without a name", func(m *townmail.Outgoing) { m.Fields = []townmail.Field{{Value: "1"}} }, townmail.KeyCompose},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := ok
			tc.edit(&m)
			_, err := townmail.Compose(m)
			wantProblem(t, err, tc.key)
		})
	}
}

func TestNewMessageIDIsUniqueInTheSendersDomain(t *testing.T) {
	a, b := townmail.NewMessageID("青石镇 <town@qingshi.example.cn>"), townmail.NewMessageID("town@qingshi.example.cn")
	if a == b || !strings.HasSuffix(a, "@qingshi.example.cn") || strings.ContainsAny(a, "<> ") {
		t.Errorf("IDs %q and %q", a, b)
	}
}
