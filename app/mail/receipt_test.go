package mail

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const district = "district@example.test"

// header builds a reply's header from the district to our <sent@town>, with extra lines.
func header(from, extra string) []byte {
	return []byte("From: " + from + "\r\nMessage-ID: <r@d>\r\nIn-Reply-To: <sent@town>\r\n" + extra + "\r\n")
}

// Only a person's answer from the district's address counts, whatever its thread or title.
func TestJudgeCountsOnlyTheDistrictsOwnAnswer(t *testing.T) {
	const subject = "【数据报送】青石镇-2026年9月-v1"
	senders := Addresses("区应急局 <District@Example.test>；backup@example.test")
	tests := []struct {
		name   string
		header []byte
		want   rank
	}{
		{"the district, threaded", header("<"+district+">", "Subject: 收到\r\n"), byThread},
		{"the district's second address, display name, upper case", header("区局 <BACKUP@example.TEST>", ""), byThread},
		{"the district by subject alone", []byte("From: " + district + "\r\nSubject: Re: " + subject + "\r\n\r\n"), bySubject},
		{"a stranger by subject alone", []byte("From: stranger@other.test\r\nSubject: Re: " + subject + "\r\n\r\n"), noMatch},
		{"a stranger in the thread", header("stranger@other.test", "Subject: Re: "+subject+"\r\n"), noMatch},
		{"a look-alike address", header("district@example.test.evil", ""), noMatch},
		{"a name holding the district's address", header(`"district@example.test" <x@evil.test>`, ""), noMatch},
		{"Auto-Submitted: auto-replied", header(district, "Auto-Submitted: auto-replied\r\nSubject: 自动回复: "+subject+"\r\n"), noMatch},
		{"Auto-Submitted: auto-generated; comment", header(district, "Auto-Submitted: Auto-Generated (robot)\r\n"), noMatch},
		{"Auto-Submitted: no", header(district, "Auto-Submitted: no\r\n"), byThread},
		{"X-Autoreply", header(district, "X-Autoreply: yes\r\n"), noMatch},
		{"X-Autorespond", header(district, "X-Autorespond: 1\r\n"), noMatch},
		{"Precedence: bulk", header(district, "Precedence: bulk\r\n"), noMatch},
		{"Precedence: auto_reply", header(district, "Precedence: auto_reply\r\n"), noMatch},
		{"Precedence: list", header(district, "Precedence: list\r\n"), noMatch},
		{"Precedence: junk", header(district, "Precedence: junk\r\n"), noMatch},
		{"subject 自动回复", header(district, "Subject: 自动回复：【数据报送】\r\n"), noMatch},
		{"subject Auto:", header(district, "Subject: Auto: Re: x\r\n"), noMatch},
		{"subject Automatic reply", header(district, "Subject: Automatic reply: x\r\n"), noMatch},
		{"subject Out of Office", header(district, "Subject: Out of Office: x\r\n"), noMatch},
		{"subject 休假, GBK encoded", header(district, "Subject: =?GBK?B?"+gbkB64(t, "休假中")+"?=\r\n"), noMatch},
		{"subject full-width ＡＵＴＯ：", header(district, "Subject: ＡＵＴＯ：x\r\n"), noMatch},
		{"not our message", []byte("From: " + district + "\r\nIn-Reply-To: <other@town>\r\nSubject: 收到\r\n\r\n"), noMatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := parseCandidate(tc.header, time.Unix(0, 0))
			if got := judge(c, "sent@town", subject, senders); got != tc.want {
				t.Errorf("rank %v, want %v (from %q, automatic %v)", got, tc.want, c.address, c.auto)
			}
		})
	}
	if judge(parseCandidate(header(district, ""), time.Unix(0, 0)), "sent@town", subject, nil) != noMatch {
		t.Error("an answer counted with no sender configured")
	}
}

func gbkB64(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString([]byte(b))
}

func TestReceiptFields(t *testing.T) {
	tests := []struct {
		name     string
		extra    string
		rejected bool
		reason   string
	}{
		{"plain reply", "", false, ""},
		{"accepted", "X-TownLedger-Receipt: accepted\r\n", false, ""},
		{"rejected, encoded reason", "X-TownLedger-Receipt: Rejected \r\nX-TownLedger-Reason: =?utf-8?B?6KGoM+aVsOWtl+acieivrw==?=\r\n", true, "表3数字有误"},
		{"rejected, GBK reason", "X-TownLedger-Receipt: rejected\r\nX-TownLedger-Reason: =?GBK?B?" + gbkB64(t, "请重报") + "?=\r\n", true, "请重报"},
		{"rejected, reason in the body", "X-TownLedger-Receipt: rejected\r\n", true, ""},
		{"unknown receipt word", "X-TownLedger-Receipt: maybe\r\nX-TownLedger-Reason: x\r\n", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := parseCandidate(header(district, tc.extra), time.Unix(0, 0))
			if c.Rejected != tc.rejected || c.Reason != tc.reason {
				t.Errorf("rejected %v reason %q, want %v %q", c.Rejected, c.Reason, tc.rejected, tc.reason)
			}
		})
	}
}

// A rejection beats an acceptance; then a thread match beats a subject match; then the
// earlier message.
func TestBetter(t *testing.T) {
	tests := []struct {
		name string
		r    rank
		rej  bool
		uid  uint32
		bR   rank
		bRej bool
		bUID uint32
		want bool
	}{
		{"first match", bySubject, false, 9, noMatch, false, 0, true},
		{"no match never", noMatch, true, 1, noMatch, false, 0, false},
		{"rejection by subject beats threaded acceptance", bySubject, true, 9, byThread, false, 1, true},
		{"acceptance never beats rejection", byThread, false, 1, bySubject, true, 9, false},
		{"thread beats subject", byThread, false, 9, bySubject, false, 1, true},
		{"earlier wins", byThread, false, 1, byThread, false, 2, true},
		{"later loses", byThread, false, 3, byThread, false, 2, false},
	}
	for _, tc := range tests {
		if got := better(tc.r, tc.rej, imap.UID(tc.uid), tc.bR, tc.bRej, imap.UID(tc.bUID)); got != tc.want {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
}

func TestAddresses(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"district@example.test", []string{"district@example.test"}},
		{" A@x.cn, b@y.cn；c@z.cn;d@w.cn，A@X.CN ", []string{"a@x.cn", "b@y.cn", "c@z.cn", "d@w.cn"}},
		{"区应急局 <qu@x.cn>、科室 <ks@x.cn>", []string{"qu@x.cn", "ks@x.cn"}},
		{"", nil},
		{"not an address, @x, y@", nil},
	}
	for _, tc := range tests {
		if got := Addresses(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Addresses(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The reason of a rejection without X-TownLedger-Reason is the reply's own first lines, as
// every common mailer writes them: not the quoted original, not the signature.
func TestBodyReason(t *testing.T) {
	gbkText, _ := simplifiedchinese.GBK.NewEncoder().String("表3与附表不一致。\r\n\r\n发件人：青石镇")
	tests := []struct {
		name, raw, want string
	}{
		{"plain, quoted below", "Content-Type: text/plain; charset=utf-8\r\n\r\n\r\n表3“检查企业数”与附表不一致，\r\n请核实后重报。\r\n\r\n> 现报送青石镇…\r\n", "表3“检查企业数”与附表不一致，\n请核实后重报。"},
		{"no header", "\r\n数字有误\r\n", "数字有误"},
		{"Outlook quote header", "Content-Type: text/plain\r\n\r\n缺少签章\r\n-----Original Message-----\r\nFrom: town\r\n", "缺少签章"},
		{"QQ Mail quote", "Content-Type: text/plain; charset=utf-8\r\n\r\n请补充附件\r\n------------------ 原始邮件 ------------------\r\n发件人: x\r\n", "请补充附件"},
		{"On … wrote", "Content-Type: text/plain\r\n\r\nPlease resend.\r\nOn Tue, 8 Oct 2024 town wrote:\r\n> old\r\n", "Please resend."},
		{"在 … 写道", "Content-Type: text/plain; charset=utf-8\r\n\r\n数据有误\r\n在 2024年10月8日 青石镇 写道：\r\n", "数据有误"},
		{"base64 GBK", "Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString([]byte(gbkText)) + "\r\n", "表3与附表不一致。"},
		{"quoted-printable", "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=E9=87=8D=E6=8A=A5\r\n", "重报"},
		{"multipart alternative, plain first", "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n漏报一家企业\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--b--\r\n", "漏报一家企业"},
		{"html only, quote dropped", "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{}</style></head><body><div>请修改&nbsp;表2</div><blockquote>现报送</blockquote></body></html>\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\nxx\r\n--b--\r\n", "请修改\u00a0表2"},
		{"cut off in the text part", "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n6KGoM+aVsOWtl+acieivrw", "表3数字有误"},
		{"attachment only", "Content-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\nx\r\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := bodyReason([]byte(tc.raw)); got != tc.want {
				t.Errorf("reason %q, want %q", got, tc.want)
			}
		})
	}
}

// Every RFC 2231 piece percent-decodes to whole UTF-8 characters, and the pieces together
// to the name, however long it is and whatever its mix of ASCII and Chinese.
func TestRFC2231PiecesEndOnCharacters(t *testing.T) {
	names := []string{"青石镇_2026-10_v2.xlsx", "a", strings.Repeat("表", 40) + ".xlsx",
		"x" + strings.Repeat("表a", 30), "😀 emoji 報表（繁體）.xlsx", "bad \xff byte"}
	for _, name := range names {
		v := rfc2231Param("filename", name)
		var whole []byte
		for i, p := range strings.Split(v, "; ") {
			_, val, ok := strings.Cut(p, "=")
			if !ok {
				t.Fatalf("%q: piece %q", name, p)
			}
			if i == 0 {
				val = strings.TrimPrefix(val, "utf-8''")
			}
			if len(p) > rfc2231MaxPiece+len("filename*00*=") {
				t.Errorf("%q: piece %d is %d long", name, i, len(p))
			}
			b, err := url.PathUnescape(val)
			if err != nil || !utf8.ValidString(b) {
				t.Errorf("%q: piece %d %q does not decode alone to UTF-8 (%v)", name, i, val, err)
			}
			whole = append(whole, b...)
		}
		if want := strings.ToValidUTF8(name, "\uFFFD"); string(whole) != want {
			t.Errorf("pieces join to %q, want %q", whole, want)
		}
	}
}

// FuzzBodyReason feeds any bytes as a rejection's (cut-off) message: no panic, and the
// reason is valid UTF-8 of at most reasonLines lines with no quoted line.
func FuzzBodyReason(f *testing.F) {
	f.Add([]byte("Content-Type: text/plain; charset=utf-8\r\n\r\n数字有误\r\n> quoted\r\n"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!\r\n--b"))
	f.Add([]byte("Content-Type: multipart/alternative; boundary=\"\"\r\n\r\n--\r\n"))
	f.Add([]byte("Content-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		r := bodyReason(raw)
		if !utf8.ValidString(r) {
			t.Fatalf("invalid UTF-8 reason %q", r)
		}
		lines := strings.Split(r, "\n")
		if len(lines) > reasonLines {
			t.Fatalf("%d lines", len(lines))
		}
		for _, l := range lines {
			if strings.HasPrefix(l, ">") || (r != "" && strings.TrimSpace(l) == "") {
				t.Fatalf("quoted or blank line in %q", r)
			}
		}
	})
}

// FuzzRFC2231 checks the continuation pieces of any name decode alone to valid UTF-8.
func FuzzRFC2231(f *testing.F) {
	f.Add("青石镇_2026-10_v2.xlsx")
	f.Add(strings.Repeat("表", 25))
	f.Fuzz(func(t *testing.T, name string) {
		v := rfc2231Param("filename", name)
		var whole string
		for i, p := range strings.Split(v, "; ") {
			_, val, _ := strings.Cut(p, "=")
			if i == 0 {
				val = strings.TrimPrefix(val, "utf-8''")
			}
			b, err := url.PathUnescape(val)
			if err != nil || !utf8.ValidString(b) {
				t.Fatalf("piece %q of %q", val, name)
			}
			whole += b
		}
		if whole != strings.ToValidUTF8(name, "\uFFFD") {
			t.Fatalf("%q became %q", name, whole)
		}
	})
}
