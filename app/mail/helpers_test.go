package mail_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"townledger/app/mail"
	"townledger/app/mail/mailtest"
	"townledger/app/problem"
)

// report is a realistic outgoing report: Chinese subject and a long Chinese file name
// (long enough for RFC 2231 continuations), and an attachment bigger than one write step.
func report(t *testing.T, subject string) mail.Outgoing {
	t.Helper()
	att := make([]byte, 80<<10)
	if _, err := rand.Read(att); err != nil {
		t.Fatal(err)
	}
	return mail.Outgoing{
		From:           mailtest.Town,
		To:             "示范区应急管理局 <" + mailtest.District + ">",
		Subject:        subject,
		Body:           "区应急管理局：\n\n附件为青石镇本期应急执法工作报表，请查收。\n\n青石镇应急管理办公室",
		MessageID:      mail.NewMessageID(mailtest.Town),
		Date:           time.Date(2024, 10, 8, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		AttachmentName: "青石镇2024年第三季度应急执法工作报表（定稿）.xlsx",
		Attachment:     att,
	}
}

// received is a message as a mail client shows it.
type received struct {
	messageID, subject, from string
	body                     string
	attachName, ctName       string // from Content-Disposition and from Content-Type's name
	attachment               []byte
}

func parse(t *testing.T, raw []byte) received {
	t.Helper()
	mr, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse message: %v", err)
	}
	var r received
	r.messageID, _ = mr.Header.MessageID()
	r.subject, _ = mr.Header.Subject()
	if from, err := mr.Header.AddressList("From"); err == nil && len(from) > 0 {
		r.from = from[0].Address
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read part: %v", err)
		}
		data, err := io.ReadAll(p.Body)
		if err != nil {
			t.Fatal(err)
		}
		switch h := p.Header.(type) {
		case *gomail.InlineHeader:
			r.body = string(data)
		case *gomail.AttachmentHeader:
			r.attachName, _ = h.Filename()
			_, params, _ := h.ContentType()
			r.ctName = params["name"]
			r.attachment = data
		}
	}
	return r
}

// find returns the message with the Message-ID among raw messages.
func find(t *testing.T, msgs [][]byte, id string) (received, bool) {
	t.Helper()
	for _, raw := range msgs {
		if r := parse(t, raw); r.messageID == id {
			return r, true
		}
	}
	return received{}, false
}

// wantProblem checks err is a refusal with key and returns it.
func wantProblem(t *testing.T, err error, key string) *problem.Error {
	t.Helper()
	var pe *problem.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *problem.Error, want %s", err, err, key)
	}
	if pe.Key != key {
		t.Fatalf("key %s, want %s (error: %v)", pe.Key, key, err)
	}
	return pe
}
