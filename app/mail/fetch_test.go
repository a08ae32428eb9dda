package mail

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func composed(t testing.TB, name string, content []byte) []byte {
	t.Helper()
	raw, err := Compose(Outgoing{From: "town@example.test", FromName: "青石镇应急办", To: "district@example.test",
		Subject: "【数据报送】青石镇-2023年第四季度-v1", Body: "请查收。", MessageID: "a1@example.test",
		Fields:         []Field{{Name: "X-TownLedger-Version", Value: "2"}},
		AttachmentName: name, Attachment: content})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// The district finds the town's workbook in its mail whatever the mailer did: a long
// Chinese name in RFC 2231 pieces, a nested multipart, a name only in Content-Type, a
// workbook sent as octet-stream; a mail with no workbook, or only other files, has none.
func TestFindWorkbook(t *testing.T) {
	book := bytes.Repeat([]byte("PK\x03\x04 workbook "), 500)
	nested := "From: <town@example.test>\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n" +
		"Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain\r\n\r\nhi\r\n--inner--\r\n" +
		"--outer\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n\r\n%PDF\r\n" +
		"--outer\r\nContent-Type: application/octet-stream; name=\"=?utf-8?b?55m95rC06ZWHLnhsc3g=?=\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\nUEsDBA==\r\n--outer--\r\n"
	pdfOnly := "From: <town@example.test>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n" +
		"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"report.pdf\"\r\n\r\n%PDF\r\n--b--\r\n"
	long := strings.Repeat("青石镇", 12) + "_2023-Q4_v1.xlsx"
	for _, tc := range []struct {
		name     string
		raw      []byte
		want     string
		content  []byte
		notFound bool
	}{
		{"the town's mail", composed(t, "青石镇_2023-Q4_v1.xlsx", book), "青石镇_2023-Q4_v1.xlsx", book, false},
		{"a long name", composed(t, long, book), long, book, false},
		{"nested, name in Content-Type", []byte(nested), "白水镇.xlsx", []byte("PK\x03\x04"), false},
		{"only a PDF", []byte(pdfOnly), "", nil, true},
		{"no attachment", []byte("From: <a@b.c>\r\nSubject: hi\r\n\r\nhello\r\n"), "", nil, true},
		{"not a message", []byte("\x00\x01garbage"), "", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			att, ok := FindWorkbook(tc.raw)
			if ok == tc.notFound || att.Name != tc.want || !bytes.Equal(att.Content, tc.content) {
				t.Errorf("found %v %q (%d bytes), want %q (%d bytes)", ok, att.Name, len(att.Content), tc.want, len(tc.content))
			}
		})
	}
}

// A new message's header says who sent it, its thread id, the program's fields, and
// whether it is automatic: never answered when it is.
func TestParseIncoming(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		auto         bool
	}{
		{"a town's report", "From: =?utf-8?b?6Z2S55+z6ZWH?= <Town@Example.test>\r\nMessage-ID: <a1@example.test>\r\n" +
			"Subject: x\r\nX-TownLedger-Version: 2\r\n", false},
		{"out of office", "From: <town@example.test>\r\nMessage-ID: <a1@example.test>\r\nAuto-Submitted: auto-replied\r\nX-TownLedger-Version: 2\r\n", true},
		{"an out-of-office subject", "From: <town@example.test>\r\nMessage-ID: <a1@example.test>\r\nSubject: =?utf-8?b?6Ieq5Yqo5Zue5aSN?=\r\nX-TownLedger-Version: 2\r\n", true},
		{"a receipt", "From: <town@example.test>\r\nMessage-ID: <a1@example.test>\r\nX-TownLedger-Receipt: accepted\r\nX-TownLedger-Version: 2\r\n", true},
		{"a bounce", "From: MAILER-DAEMON@example.test\r\nMessage-ID: <a1@example.test>\r\nX-TownLedger-Version: 2\r\n", true},
		{"a delivery report", "From: <town@example.test>\r\nMessage-ID: <a1@example.test>\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\r\nX-TownLedger-Version: 2\r\n", true},
		{"a list", "From: <town@example.test>\r\nMessage-ID: <a1@example.test>\r\nPrecedence: bulk\r\nX-TownLedger-Version: 2\r\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parseIncoming([]byte(tc.header+"\r\n"), time.Now())
			if m.Automatic != tc.auto || m.From != "town@example.test" && !strings.HasPrefix(m.From, "mailer-daemon") ||
				m.MessageID != "a1@example.test" || m.Field("X-TownLedger-Version") != "2" {
				t.Errorf("%+v", m)
			}
			if tc.name == "a town's report" && m.FromName != "青石镇" {
				t.Errorf("display name %q", m.FromName)
			}
		})
	}
}

func FuzzFindWorkbook(f *testing.F) {
	f.Add(composed(f, "青石镇_2023-Q4_v1.xlsx", []byte("PK\x03\x04")))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b--\r\n"))
	f.Add([]byte("Content-Type: application/octet-stream; name*=utf-8''%E9.xlsx\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		att, ok := FindWorkbook(raw)
		if !ok && (att.Name != "" || att.Content != nil) {
			t.Fatalf("nothing found but %+v", att)
		}
		if len(att.Content) > MaxMessage {
			t.Fatalf("a workbook above the limit")
		}
	})
}

func FuzzIncoming(f *testing.F) {
	f.Add([]byte("From: <town@example.test>\r\nMessage-ID: <a@b>\r\nX-TownLedger-Version: 2\r\nAuto-Submitted: no\r\n\r\n"))
	f.Add([]byte("From: \xb0\xa1 <\r\nReturn-Path: <>\r\nContent-Type: ;;;\r\n\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := parseIncoming(raw, time.Time{})
		if m.From != strings.ToLower(m.From) {
			t.Fatalf("the address is not lower case: %q", m.From)
		}
	})
}
