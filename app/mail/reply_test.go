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
	return deliverFrom(t, s, id, "=?GBK?B?"+gbkBase64("区应急局")+"?= <"+mailtest.District+">", headers,
		"Content-Type: text/plain; charset=utf-8\r\n\r\nok\r\n")
}

// deliverFrom puts a message from anyone into the town's inbox: From as given, the header
// lines verbatim, then body (its Content-Type line, a blank line and the text).
func deliverFrom(t *testing.T, s *mailtest.Servers, id, from, headers, body string) string {
	t.Helper()
	if id == "" {
		id = mailtest.RandomID()
	}
	raw := fmt.Sprintf("From: %s\r\nTo: <%s>\r\nDate: %s\r\nMessage-ID: <%s>\r\n%sMIME-Version: 1.0\r\n%s",
		from, mailtest.Town, time.Now().Format(time.RFC1123Z), id, headers, body)
	s.Deliver(t, mailtest.Town, "INBOX", []byte(raw))
	return id
}

// district is who the town's reports go to: the answers from there are the ones that count.
var district = []string{mailtest.District}

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
		// Issue #14: an out-of-office reply and a stranger's mail acknowledged versions.
		{"not an out-of-office reply, though threaded", func(id string) string {
			deliverRaw(t, s, "", "Subject: =?utf-8?B?"+base64.StdEncoding.EncodeToString([]byte("自动回复: 【数据报送】青石镇-2026年9月-v1"))+
				"?=\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <"+id+">\r\n")
			return ""
		}, "【数据报送】青石镇-2026年9月-v1"},
		{"not an X-Autoreply, titled as a reply", func(id string) string {
			deliverRaw(t, s, "", "Subject: Re: 青石镇2025年1月报表\r\nX-Autoreply: yes\r\n")
			return ""
		}, "青石镇2025年1月报表"},
		{"not a stranger titled as a reply", func(string) string {
			deliverFrom(t, s, "", "<stranger@other.test>", "Subject: Re: 【数据报送】青石镇-2026年9月-v1\r\n",
				"Content-Type: text/plain; charset=utf-8\r\n\r\n收到\r\n")
			return ""
		}, "【数据报送】青石镇-2026年9月-v1"},
		{"not a stranger in the thread", func(id string) string {
			s.Reply(t, "stranger@other.test", mailtest.Town, id, "Re: 青石镇2025年2月报表")
			return ""
		}, "青石镇2025年2月报表"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sentID := mailtest.RandomID()
			want := tc.deliver(sentID)
			got, ok, err := mail.FindReply(ctx, town, mail.ReplyQuery{MessageID: "<" + sentID + ">", Subject: tc.subject, Since: since,
				Senders: district})
			if err != nil {
				t.Fatal(err)
			}
			if ok != (want != "") || got.MessageID != want {
				t.Fatalf("found=%v %q (%q), want found=%v %q", ok, got.MessageID, got.Subject, want != "", want)
			}
			if ok && (got.From == "" || got.Date.IsZero() || got.Subject == "" || got.Rejected) {
				t.Errorf("reply lacks details: %+v", got)
			}
		})
	}

	t.Run("a thread match wins over an earlier subject match", func(t *testing.T) {
		sentID := mailtest.RandomID()
		s.Reply(t, mailtest.District, mailtest.Town, "", "回复：青石镇2024年11月报表")
		want := s.Reply(t, mailtest.District, mailtest.Town, sentID, "收到")
		got, ok, err := mail.FindReply(ctx, town, mail.ReplyQuery{MessageID: sentID, Subject: "青石镇2024年11月报表", Since: since, Senders: district})
		if err != nil || !ok || got.MessageID != want {
			t.Fatalf("got %+v %v %v, want %s", got, ok, err, want)
		}
	})
	t.Run("the GBK sender name is decoded", func(t *testing.T) {
		got, ok, err := mail.FindReply(ctx, town, mail.ReplyQuery{Subject: "青石镇2024年9月报表", Senders: district})
		if err != nil || !ok || got.From != "区应急局 <"+mailtest.District+">" || got.Subject != "答复：青石镇2024年9月报表" {
			t.Fatalf("got %+v %v %v", got, ok, err)
		}
	})
}

// The district sends a version back: X-TownLedger-Receipt: rejected, the reason in
// X-TownLedger-Reason or else in the first lines of its text; a rejection outranks the
// "收到" the district sent first; anyone else's "rejection" counts for nothing.
func TestFindReplyRejection(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	town := s.Account(mailtest.Town)
	ctx := context.Background()
	b64 := func(text string) string { return base64.StdEncoding.EncodeToString([]byte(text)) }
	const plainBody = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	tests := []struct {
		name       string
		deliver    func(sentID, subject string) string
		rejected   bool
		wantReason string
	}{
		{"reason in the header", func(id, subj string) string {
			return deliverRaw(t, s, "", "Subject: Re: "+subj+"\r\nIn-Reply-To: <"+id+">\r\nX-TownLedger-Receipt: rejected\r\n"+
				"X-TownLedger-Reason: =?utf-8?B?"+b64("表3“检查企业数”与附表不一致")+"?=\r\n")
		}, true, "表3“检查企业数”与附表不一致"},
		{"reason in the body, the original quoted below", func(id, _ string) string {
			return deliverFrom(t, s, "", "区应急局 <"+mailtest.District+">", "Subject: 退回\r\nReferences: <"+id+">\r\nX-TownLedger-Receipt: rejected\r\n",
				plainBody+b64("\r\n缺少第3季度培训记录，\r\n请补充后重报。\r\n\r\n区应急管理局\r\n> 现报送青石镇…\r\n")+"\r\n")
		}, true, "缺少第3季度培训记录，\n请补充后重报。"},
		{"rejection by subject after a threaded thank-you", func(id, subj string) string {
			s.Reply(t, mailtest.District, mailtest.Town, id, "收到")
			return deliverRaw(t, s, "", "Subject: 回复："+subj+"\r\nX-TownLedger-Receipt: Rejected\r\nX-TownLedger-Reason: wrong totals\r\n")
		}, true, "wrong totals"},
		{"accepted receipt", func(id, subj string) string {
			return deliverRaw(t, s, "", "Subject: Re: "+subj+"\r\nIn-Reply-To: <"+id+">\r\nX-TownLedger-Receipt: accepted\r\n")
		}, false, ""},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sentID, subject := mailtest.RandomID(), fmt.Sprintf("【数据报送】青石镇-2026年%d月-v1", i+1)
			// A stranger's "rejection" in the same thread, first: it must not count.
			deliverFrom(t, s, "", "<stranger@other.test>", "Subject: Re: "+subject+"\r\nIn-Reply-To: <"+sentID+">\r\nX-TownLedger-Receipt: rejected\r\n",
				plainBody+b64("假的退回")+"\r\n")
			want := tc.deliver(sentID, subject)
			got, ok, err := mail.FindReply(ctx, town, mail.ReplyQuery{MessageID: sentID, Subject: subject, Senders: district})
			if err != nil || !ok || got.MessageID != want || got.Rejected != tc.rejected || got.Reason != tc.wantReason {
				t.Fatalf("got %+v found=%v %v; want %s rejected=%v reason %q", got, ok, err, want, tc.rejected, tc.wantReason)
			}
		})
	}
	t.Run("no sender configured", func(t *testing.T) {
		_, _, err := mail.FindReply(ctx, town, mail.ReplyQuery{MessageID: "a@b", Subject: "x"})
		wantProblem(t, err, mail.KeyCompose)
	})
}
