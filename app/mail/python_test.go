package mail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"townledger/app/mail"
	"townledger/app/mail/mailtest"
)

// pythonReader prints what Python's email package (the new policy, as tools and many
// archive scripts read mail) sees in the message on stdin: the attachment's file name, its
// Content-Type name, the sender's display name and address, the program fields, and each
// RFC 2231 piece of the file name decoded alone as UTF-8 (a broken piece shows U+FFFD).
const pythonReader = `
import email, email.policy, json, re, sys, urllib.parse
raw = sys.stdin.buffer.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
att = next(p for p in msg.walk() if p.get_content_disposition() == "attachment")
frm = msg["From"].addresses[0]
cds = [m.group(1) for m in re.finditer(rb"\nContent-Disposition:((?:[^\r\n]|\r\n[ \t])*)", raw, re.I)]
cd = next(c for c in cds if b"attachment" in c.lower())
pieces = []
for part in re.findall(rb"filename\*(?:\d+\*)?=([^;\s]+)", cd):
    part = part.decode("ascii")
    if part.lower().startswith("utf-8''"):
        part = part[7:]
    pieces.append(urllib.parse.unquote_to_bytes(part).decode("utf-8", "replace"))
print(json.dumps({
    "filename": att.get_filename(),
    "ctname": att["Content-Type"].params.get("name"),
    "from_name": frm.display_name, "from_addr": frm.addr_spec,
    "fields": {k: msg[k] for k in ("X-TownLedger-Town", "X-TownLedger-Period", "X-TownLedger-Version",
        "X-TownLedger-Supersedes", "X-TownLedger-Content-Hash")},
    "pieces": pieces,
}, ensure_ascii=False))
`

// python is what pythonReader printed.
type python struct {
	Filename string            `json:"filename"`
	CTName   string            `json:"ctname"`
	FromName string            `json:"from_name"`
	FromAddr string            `json:"from_addr"`
	Fields   map[string]string `json:"fields"`
	Pieces   []string          `json:"pieces"`
}

func readWithPython(t *testing.T, raw []byte) python {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 not found: it reads the composed message as an independent mail parser")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", pythonReader)
	cmd.Stdin = bytes.NewReader(raw)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(cmd.Environ(), "PYTHONIOENCODING=utf-8")
	if err := cmd.Run(); err != nil {
		t.Fatalf("python's email package: %v\n%s", err, stderr.String())
	}
	var got python
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("python printed %q: %v", stdout.String(), err)
	}
	return got
}

// rfc2231Pieces are the raw filename*N* pieces of the attachment's Content-Disposition.
var rfc2231Pieces = regexp.MustCompile(`filename\*(?:\d+\*)?=([^;\s]+)`)

// The attachment's Chinese name reads the same in Python's email package, which decodes
// every RFC 2231 piece on its own (issue #14: a name split inside a UTF-8 character came
// out garbled there), in go-message and in the RFC 2047 name= of Content-Type; the sender
// shows the office's name; the program fields arrive as written. The message goes through
// the real servers and is read from the district's inbox.
func TestAttachmentNameReadsTheSameInPython(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	a := s.Account(mailtest.Town)
	fields := []mail.Field{{Name: "X-TownLedger-Town", Value: "110105100"}, {Name: "X-TownLedger-Period", Value: "2026-10"},
		{Name: "X-TownLedger-Version", Value: "2"}, {Name: "X-TownLedger-Supersedes", Value: "1"},
		{Name: "X-TownLedger-Content-Hash", Value: strings.Repeat("ab", 32)}}
	names := []string{
		"青石镇_2026-10_v2.xlsx",
		// Long enough for continuations, with ASCII before the Chinese so a 60-byte cut by
		// bytes lands inside a character.
		"ab青石镇应急管理办公室_2026-Q3_v12_综合执法工作报表（定稿）.xlsx",
		"x" + strings.Repeat("表", 30) + ".xlsx",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			m := report(t, "【数据报送】青石镇-2026年10月-v2")
			m.AttachmentName, m.FromName, m.Fields = name, "青石镇应急办", fields
			raw, err := mail.Compose(m)
			if err != nil {
				t.Fatal(err)
			}
			if err := mail.Send(context.Background(), a, []string{mailtest.District}, raw); err != nil {
				t.Fatal(err)
			}
			var got []byte
			for _, r := range s.Inbox(t, mailtest.District) {
				if bytes.Contains(r, []byte(strings.Trim(m.MessageID, "<>"))) {
					got = r
				}
			}
			if got == nil {
				t.Fatal("the message is not in the district's inbox")
			}
			head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
			for _, c := range head {
				if c >= 0x80 {
					t.Fatalf("8-bit byte in the header, not encoded: %s", head)
				}
			}
			py := readWithPython(t, got)
			if py.Filename != name || py.CTName != name {
				t.Errorf("python reads the file name as %q, Content-Type name %q; want %q", py.Filename, py.CTName, name)
			}
			if py.FromName != "青石镇应急办" || py.FromAddr != mailtest.Town {
				t.Errorf("python reads From as %q <%s>", py.FromName, py.FromAddr)
			}
			for _, f := range fields {
				if py.Fields[f.Name] != f.Value {
					t.Errorf("python reads %s as %q, want %q", f.Name, py.Fields[f.Name], f.Value)
				}
			}
			// Each piece alone is whole UTF-8, to Go and to Python, and they
			// join to the name.
			unfolded := regexp.MustCompile(`\r\n[ \t]+`).ReplaceAllString(string(got), " ")
			cd := regexp.MustCompile(`(?i)Content-Disposition:\s*attachment[^\r\n]*`).FindString(unfolded)
			if cd == "" {
				t.Fatal("no attachment's Content-Disposition")
			}
			var joined string
			pieces := rfc2231Pieces.FindAllStringSubmatch(cd, -1)
			for _, p := range pieces {
				v := strings.TrimPrefix(p[1], "utf-8''")
				b, err := url.PathUnescape(v)
				if err != nil || !utf8.ValidString(b) {
					t.Errorf("piece %q does not decode alone to UTF-8", v)
				}
				joined += b
			}
			if joined != name || strings.Join(py.Pieces, "") != name || len(py.Pieces) != len(pieces) {
				t.Errorf("pieces %q (python %q) join to %q", pieces, py.Pieces, joined)
			}
			if len(name) > 50 && len(pieces) < 2 {
				t.Errorf("a long name in one piece: %s", cd)
			}
			r := parse(t, got)
			if r.attachName != name || r.ctName != name {
				t.Errorf("go-message reads %q / %q", r.attachName, r.ctName)
			}
		})
	}
}
