package mail

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestMsgIDs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"<a@b>", []string{"a@b"}},
		{"  <a@b> <c@d>\t<e@f> ", []string{"a@b", "c@d", "e@f"}},
		{"<a@b> (comment) \"phrase\" <c@d>", []string{"a@b", "c@d"}},
		{"a@b c@d", []string{"a@b", "c@d"}}, // brackets dropped by a mailer
		{"<a@b", nil},
		{"<>", nil},
		{"", nil},
		{"< a@b >", []string{"a@b"}},
	}
	for _, tc := range tests {
		if got := msgIDs(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("msgIDs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsReplySubject(t *testing.T) {
	const orig = "青石镇2024年第三季度报表"
	tests := []struct {
		subject string
		want    bool
	}{
		{"Re: " + orig, true},
		{"RE：" + orig, true},
		{"回复：" + orig, true},
		{"回复: 回复:" + orig, true},
		{"答复：" + orig, true},
		{"回覆：" + orig, true},
		{"Re[2]: " + orig, true},
		{"ＲＥ：　" + orig, true}, // full-width letters, colon and space
		{"re:青石镇2024年第三季度报表  ", true},
		{orig, false}, // no reply prefix: our own copy or a resend
		{"Fwd: " + orig, false},
		{"转发：" + orig, false},
		{"Re: " + orig + "（补充）", false},
		{"Re:", false},
		{"Reply " + orig, false},
	}
	for _, tc := range tests {
		if got := isReplySubject(tc.subject, orig); got != tc.want {
			t.Errorf("isReplySubject(%q) = %v, want %v", tc.subject, got, tc.want)
		}
	}
	if isReplySubject("Re: ", "") {
		t.Error("an empty original subject matched")
	}
}

func TestDecodeText(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("回复：报表")
	tests := map[string]string{
		"=?utf-8?B?5Zue5aSN77ya5oql6KGo?=": "回复：报表",
		"=?GB2312?B?u9i4tKO6saix7Q==?=":    "回复：报表",
		"=?gbk?Q?=BB=D8=B8=B4=A3=BA?= 报表":  "回复： 报表",
		gbk:                                "回复：报表", // raw 8-bit, no encoded words
		"plain":                            "plain",
	}
	for in, want := range tests {
		if got := decodeText(in); got != want {
			t.Errorf("decodeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPickSent(t *testing.T) {
	box := func(name string, attrs ...imap.MailboxAttr) *imap.ListData {
		return &imap.ListData{Mailbox: name, Delim: '.', Attrs: attrs}
	}
	tests := []struct {
		boxes []*imap.ListData
		want  string
	}{
		{[]*imap.ListData{box("INBOX"), box("Sent Messages"), box("已发送", imap.MailboxAttrSent)}, "已发送"},
		{[]*imap.ListData{box("INBOX"), box("INBOX.Sent")}, "INBOX.Sent"},
		{[]*imap.ListData{box("Sent Items"), box("sent")}, "sent"},
		{[]*imap.ListData{box("Sent", imap.MailboxAttrNoSelect), box("Drafts")}, ""},
		{nil, ""},
	}
	for _, tc := range tests {
		if got, _ := pickSent(tc.boxes); got != tc.want {
			t.Errorf("pickSent = %q, want %q", got, tc.want)
		}
	}
}

// FuzzMatchReply feeds arbitrary header bytes, as any mailer or server may send, through
// the reply matching: it must never panic, and what it reports must be consistent.
func FuzzMatchReply(f *testing.F) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("Subject: 回复：报表\r\n")
	f.Add([]byte("Message-ID: <r@x>\r\nFrom: <d@x>\r\nIn-Reply-To: <a@b>\r\nSubject: Re: 报表\r\n\r\n"), "<a@b>", "报表", "d@x")
	f.Add([]byte("From: D@X\r\nReferences: <x@y>\r\n <a@b>\r\nSubject: =?GBK?B?u9i4tKO6saix7Q==?=\r\n\r\n"), "a@b", "报表", "d@x；e@y")
	f.Add([]byte(gbk+"From: =?utf-8?q?=E5=8C=BA?= <d@x>\r\nDate: Tue, 8 Oct 2024 09:30:00 +0800\r\n\r\n"), "", "报表", "d@x")
	f.Add([]byte(" bad first line\r\nSubject: Re[: ＲＥ：\r\n"), "<>", "", "")
	f.Add([]byte("Subject: =?utf-8?B?invalid?= Re(9999999999999999999): x\r\nReferences: <<<>>>\r\n"), "x", "x", "x")
	f.Add([]byte("From: d@x\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <a@b>\r\nSubject: 自动回复: 报表\r\n\r\n"), "a@b", "报表", "d@x")
	f.Add([]byte("From: d@x\r\nIn-Reply-To: <a@b>\r\nX-TownLedger-Receipt: Rejected\r\nX-TownLedger-Reason: =?utf-8?B?5pWw5a2X5pyJ6K+v?=\r\n\r\n"), "a@b", "报表", "d@x")
	f.Fuzz(func(t *testing.T, header []byte, wantID, subject, senderList string) {
		c := parseCandidate(header, time.Unix(0, 0))
		senders := Addresses(senderList)
		r := judge(c, normID(wantID), subject, senders)
		id := normID(wantID)
		if r != noMatch && (c.auto || !slices.Contains(senders, c.address)) {
			t.Fatalf("matched a message from %q (automatic %v), senders %q", c.address, c.auto, senders)
		}
		if c.Reason != "" && !c.Rejected {
			t.Fatalf("a reason %q without a rejection", c.Reason)
		}
		for _, a := range senders {
			if a != strings.ToLower(a) || !strings.Contains(a, "@") {
				t.Fatalf("sender %q", a)
			}
		}
		if r == byThread && !slices.Contains(append(c.inReplyTo, c.references...), id) {
			t.Fatalf("thread match without %q in %q %q", id, c.inReplyTo, c.references)
		}
		if r == bySubject && !isReplySubject(c.Subject, subject) {
			t.Fatalf("subject match that isReplySubject denies: %q vs %q", c.Subject, subject)
		}
		if r != noMatch && id != "" && c.MessageID == id {
			t.Fatalf("our own message %q matched", id)
		}
		for _, x := range append(c.inReplyTo, c.references...) {
			if x == "" || strings.ContainsAny(x, "<>") && !strings.ContainsAny(string(header), "<>") {
				t.Fatalf("bad identifier %q", x)
			}
		}
		if utf8.ValidString(string(header)) && !utf8.ValidString(c.Subject) && !strings.Contains(string(header), "=?") {
			t.Fatalf("valid UTF-8 subject became invalid: %q", c.Subject)
		}
		rest, _ := stripReplyPrefixes(foldSubject(c.Subject))
		if len(rest) > len(foldSubject(c.Subject)) {
			t.Fatal("stripping prefixes grew the subject")
		}
	})
}
