package outbox_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"strings"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"townledger/app/mail/mailtest"
	"townledger/app/outbox"
	"townledger/data"
)

// deliver puts a message into the town's inbox as some mailer wrote it: From as given, the
// header lines verbatim, a UTF-8 text body.
func deliver(t *testing.T, srv *mailtest.Servers, from, headers, text string) {
	t.Helper()
	raw := fmt.Sprintf("From: %s\r\nTo: <%s>\r\nDate: %s\r\nMessage-ID: <%s>\r\n%sMIME-Version: 1.0\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n",
		from, mailtest.Town, time.Now().Format(time.RFC1123Z), mailtest.RandomID(), headers,
		base64.StdEncoding.EncodeToString([]byte(text)))
	srv.Deliver(t, mailtest.Town, "INBOX", []byte(raw))
}

func encodedSubject(s string) string { return "Subject: " + mime.BEncoding.Encode("utf-8", s) + "\r\n" }

// Issue #14: an out-of-office reply and a stranger's "Re: 【数据报送】…" both marked the
// version acknowledged. Now neither does; the district's threaded reply does; a rejection
// from the district marks the version rejected with its reason (from X-TownLedger-Reason or
// from the reply's own first lines), which the history shows and verify's replay accepts.
func TestOnlyTheDistrictsAnswerCounts(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, a := account(t, s, srv)
	town, _, err := s.Town(ctx)
	if err != nil {
		t.Fatal(err)
	}
	send := func(period string) data.ExportRecord {
		t.Helper()
		res, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, period, false))
		if err != nil || res.Export.State != data.ExportSent {
			t.Fatalf("send %s: %+v %v", period, res.Export, err)
		}
		return res.Export
	}
	check := func(want ...string) []data.ExportRecord {
		t.Helper()
		got, err := outbox.CheckReplies(ctx, s, exporter, a)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		if strings.Join(ids, ",") != strings.Join(want, ",") {
			t.Fatalf("answered %+v, want %q", got, want)
		}
		return got
	}

	q4 := send("2023-Q4")
	subject := outbox.Subject(town.Name, q4)
	// The out-of-office reply, threaded as mailers do, and two strangers.
	deliver(t, srv, "区应急局 <"+mailtest.District+">", encodedSubject("自动回复: "+subject)+
		"Auto-Submitted: auto-replied\r\nIn-Reply-To: "+q4.MessageID+"\r\n", "我正在休假，10月8日返回。")
	deliver(t, srv, "<stranger@other.test>", encodedSubject("Re: "+subject), "收到")
	deliver(t, srv, "<stranger@other.test>", encodedSubject("Re: "+subject)+"In-Reply-To: "+q4.MessageID+"\r\n", "收到")
	check()
	if e, _ := s.Export(ctx, q4.ID); e.State != data.ExportSent || e.AckedAt != "" {
		t.Fatalf("acknowledged by an automatic reply or a stranger: %+v", e)
	}
	srv.Reply(t, mailtest.District, mailtest.Town, q4.MessageID, "Re: "+subject)
	if got := check(q4.ID); got[0].State != data.ExportAcknowledged || got[0].AckedAt == "" {
		t.Fatalf("the district's reply: %+v", got[0])
	}

	q3 := send("2023-Q3")
	deliver(t, srv, "<"+mailtest.District+">", encodedSubject("Re: "+outbox.Subject(town.Name, q3))+
		"In-Reply-To: "+q3.MessageID+"\r\nX-TownLedger-Receipt: rejected\r\nX-TownLedger-Reason: "+
		mime.BEncoding.Encode("utf-8", "表3“检查企业数”与附表不一致，请核实后重报")+"\r\n", "退回")
	y := send("2023")
	deliver(t, srv, "区应急局 <"+mailtest.District+">", encodedSubject("回复："+outbox.Subject(town.Name, y))+
		"X-TownLedger-Receipt: rejected\r\n", "缺少12月的宣传活动记录。\r\n\r\n区应急管理局\r\n\r\n> 现报送青石镇…")
	got := check(y.ID, q3.ID) // newest first, as the history lists them
	for _, tc := range []struct {
		e      data.ExportRecord
		reason string
	}{{q3, "表3“检查企业数”与附表不一致，请核实后重报"}, {y, "缺少12月的宣传活动记录。"}} {
		e, err := s.Export(ctx, tc.e.ID)
		if err != nil || e.State != data.ExportRejected || e.RejectReason != tc.reason || e.AckedAt == "" {
			t.Errorf("after the rejection of %s: %+v %v; want reason %q", tc.e.Period, e, err, tc.reason)
		}
	}
	if got[1].State != data.ExportRejected || got[1].RejectReason == "" {
		t.Errorf("CheckReplies returned %+v", got[1])
	}
	check() // nothing is answered twice
	if c, err := s.CheckLog(ctx); err != nil || !c.OK() {
		t.Errorf("verify after the answers: %+v %v", c, err)
	}
}

// The report mail carries fields a program can trust, an attachment named after the town,
// period and version, and the office's name as the sender.
func TestReportMailCarriesFieldsForPrograms(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, a := account(t, s, srv)
	first, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false))
	if err != nil {
		t.Fatal(err)
	}
	changeActivity(t, s)
	second, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", true))
	if err != nil {
		t.Fatal(err)
	}
	inbox := srv.Inbox(t, mailtest.District)
	if len(inbox) != 2 {
		t.Fatalf("inbox %d", len(inbox))
	}
	tests := []struct {
		raw        []byte
		e          data.ExportRecord
		supersedes string
	}{{inbox[0], first.Export, ""}, {inbox[1], second.Export, "1"}}
	for _, tc := range tests {
		r, err := gomail.CreateReader(bytes.NewReader(tc.raw))
		if err != nil {
			t.Fatal(err)
		}
		h := r.Header
		want := map[string]string{outbox.FieldTown: "110105100", outbox.FieldPeriod: "2023",
			outbox.FieldVersion: fmt.Sprint(tc.e.Version), outbox.FieldSupersedes: tc.supersedes,
			outbox.FieldContentHash: tc.e.ContentHash}
		for k, v := range want {
			if got := h.Get(k); got != v {
				t.Errorf("v%d: %s = %q, want %q", tc.e.Version, k, got, v)
			}
		}
		from, err := h.AddressList("From")
		if err != nil || len(from) != 1 || from[0].Name != "青石镇应急办" || from[0].Address != mailtest.Town {
			t.Errorf("v%d: From %v %v", tc.e.Version, from, err)
		}
		_, _, _, name := attachment(t, tc.raw)
		if wantName := fmt.Sprintf("青石镇_2023_v%d.xlsx", tc.e.Version); name != wantName {
			t.Errorf("attachment %q, want %q", name, wantName)
		}
	}
}
