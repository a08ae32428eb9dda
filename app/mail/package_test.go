package mail

import (
	"encoding/base64"
	"testing"
)

// A package mail's .zip is found at any nesting; other attachments are not taken for it.
func TestFindAttachment(t *testing.T) {
	zipPart := "Content-Type: application/zip\r\nContent-Disposition: attachment; filename=\"p.ZIP\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString([]byte("zipdata")) + "\r\n"
	xlsxPart := "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"r.xlsx\"\r\n\r\nxx\r\n"
	head := "From: <a@b.c>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
	for _, c := range []struct {
		name, raw, want string
		ok              bool
	}{
		{"flat", head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" + xlsxPart + "--b\r\n" + zipPart + "--b--\r\n", "zipdata", true},
		{"nested", head + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\n" +
			zipPart + "--i--\r\n--o--\r\n", "zipdata", true},
		{"only a workbook", head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" + xlsxPart + "--b--\r\n", "", false},
		{"plain text", head + "Content-Type: text/plain\r\n\r\nhello\r\n", "", false},
	} {
		a, ok := FindAttachment([]byte(c.raw), ".zip")
		if ok != c.ok || string(a.Content) != c.want {
			t.Errorf("%s: %v %q", c.name, ok, a.Content)
		}
	}
}

func FuzzFindAttachment(f *testing.F) {
	f.Add([]byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Disposition: attachment; filename=\"p.zip\"\r\n\r\nx\r\n--b--\r\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, raw []byte) {
		if a, ok := FindAttachment(raw, ".zip"); ok && len(a.Content) > MaxMessage {
			t.Fatal("an attachment above the limit")
		}
	})
}
