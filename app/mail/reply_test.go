package mail_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"townledger/app/mail"
	"townledger/app/mail/mailtest"
)

// deliverRaw puts a message as some other mailer writes it into the town's inbox: the
// given header lines verbatim, a GBK-encoded sender name. It returns the Message-ID.
func deliverRaw(t *testing.T, s *mailtest.Servers, id, headers string) string {
	t.Helper()
	if id == "" {
		id = mailtest.RandomID()
	}
	raw := fmt.Sprintf("From: =?GBK?B?%s?= <%s>\r\nTo: <%s>\r\nDate: %s\r\nMessage-ID: <%s>\r\n%s"+
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok\r\n",
		gbkBase64("区应急局"), mailtest.District, mailtest.Town, time.Now().Format(time.RFC1123Z), id, headers)
	s.Deliver(t, mailtest.Town, "INBOX", []byte(raw))
	return id
}

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

func gbkBase64(s string) string { return base64.StdEncoding.EncodeToString([]byte(gbk(s))) }

func TestFindReply(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	town := s.Account(mailtest.Town)
	ctx := context.Background()
	since := time.Now().Add(-time.Hour)

	// Noise every query must see past: another town's thread and a forward.
	s.Reply(t, mailtest.District, mailtest.Town, mailtest.RandomID(), "回复：别的报表")
	deliverRaw(t, s, "", "Subject: Fwd: 第三季度报表\r\n")

	tests := []struct {
		name    string
		deliver func(sentID string) (replyID string) // "" = no reply expected
		subject string
	}{
		{"by In-Reply-To", func(id string) string {
			return s.Reply(t, mailtest.District, mailtest.Town, id, "Re: 第一季度报表")
		}, "第一季度报表"},
		{"by References only, folded", func(id string) string {
			return deliverRaw(t, s, "", "Subject: 收到\r\nReferences: <"+mailtest.RandomID()+">\r\n <"+id+">\r\n")
		}, "无关的主题"},
		{"by subject, Chinese prefix and full-width colon", func(string) string {
			return s.Reply(t, mailtest.District, mailtest.Town, "", "回复：  青石镇2024年7月报表")
		}, "青石镇2024年7月报表"},
		{"by subject, several prefixes", func(string) string {
			return s.Reply(t, mailtest.District, mailtest.Town, "", "RE：答复: Re[2]: 青石镇 2024年8月 报表")
		}, "青石镇 2024年8月  报表"},
		{"by GBK encoded subject", func(string) string {
			return deliverRaw(t, s, "", "Subject: =?GBK?B?"+gbkBase64("答复：青石镇2024年9月报表")+"?=\r\n")
		}, "青石镇2024年9月报表"},
		{"by raw 8-bit GB18030 subject", func(string) string {
			return deliverRaw(t, s, "", "Subject: "+gbk("回复：青石镇2024年10月报表")+"\r\n")
		}, "青石镇2024年10月报表"},
		{"not our own copy, nor a forward", func(id string) string {
			deliverRaw(t, s, id, "Subject: 第三季度报表\r\n")
			return ""
		}, "第三季度报表"},
		{"nothing matches", func(string) string { return "" }, "第四季度报表"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sentID := mailtest.RandomID()
			want := tc.deliver(sentID)
			got, ok, err := mail.FindReply(ctx, town, mail.ReplyQuery{MessageID: "<" + sentID + ">", Subject: tc.subject, Since: since})
			if err != nil {
				t.Fatal(err)
			}
			if ok != (want != "") || got.MessageID != want {
				t.Fatalf("found=%v %q (%q), want found=%v %q", ok, got.MessageID, got.Subject, want != "", want)
			}
			if ok && (got.From == "" || got.Date.IsZero() || got.Subject == "") {
				t.Errorf("reply lacks details: %+v", got)
			}
		})
	}

	t.Run("a thread match wins over an earlier subject match", func(t *testing.T) {
		sentID := mailtest.RandomID()
		s.Reply(t, mailtest.District, mailtest.Town, "", "回复：青石镇2024年11月报表")
		want := s.Reply(t, mailtest.District, mailtest.Town, sentID, "收到")
		got, ok, err := mail.FindReply(ctx, town, mail.ReplyQuery{MessageID: sentID, Subject: "青石镇2024年11月报表", Since: since})
		if err != nil || !ok || got.MessageID != want {
			t.Fatalf("got %+v %v %v, want %s", got, ok, err, want)
		}
	})
	t.Run("the GBK sender name is decoded", func(t *testing.T) {
		got, ok, err := mail.FindReply(ctx, town, mail.ReplyQuery{Subject: "青石镇2024年9月报表"})
		if err != nil || !ok || got.From != "区应急局 <"+mailtest.District+">" || got.Subject != "答复：青石镇2024年9月报表" {
			t.Fatalf("got %+v %v %v", got, ok, err)
		}
	})
}
