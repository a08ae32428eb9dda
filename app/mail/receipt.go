package mail

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/textproto"
)

// This file reads the reason out of a rejection's body: any mailer's message, cut off at
// bodyFetch bytes. It must accept anything without panicking (FuzzBodyReason).

// bodyFetch is how much of a rejection is fetched to find its reason: the text part comes
// first in every common mailer's replies, before any attachment.
const bodyFetch = 64 << 10

// reasonLines bounds the lines taken from the body as the reason.
const reasonLines = 8

// cleanReason trims every line of a reason and drops blank lines at both ends.
func cleanReason(s string) string {
	lines := strings.Split(strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// quoteHeader recognises the line where mailers start quoting the message replied to:
// "-----Original Message-----", QQ Mail's "------------------ 原始邮件 ------------------",
// Outlook's underscores or "发件人: …", "On … wrote:", "在 … 写道：".
var quoteHeader = regexp.MustCompile(`(?i)^(-{2,}\s*(original message|原始邮件|原邮件|转发邮件|forwarded message)\s*-{2,}|_{10,}|(发件人|from)\s*[:：]|on .* wrote:$|在.*写道\s*[:：]$|-- ?$)`)

// firstLines is the reply's own words: the first paragraph of lines not quoted ("> …"),
// stopping where the quoted original begins.
func firstLines(text string) string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(text, "\r\n", "\n")))
	sc.Buffer(make([]byte, 4096), bodyFetch)
	for sc.Scan() {
		line := strings.TrimSpace(strings.Trim(sc.Text(), "\u00a0\u3000"))
		if strings.HasPrefix(line, ">") || quoteHeader.MatchString(line) {
			break
		}
		if line == "" {
			if len(out) > 0 {
				break
			}
			continue
		}
		out = append(out, line)
		if len(out) == reasonLines {
			break
		}
	}
	return strings.Join(out, "\n")
}

// bodyReason finds the reason in a (possibly cut off) message: the first lines of its
// text/plain part, else of its text/html part with the markup and quotes removed.
func bodyReason(raw []byte) string {
	r := bufio.NewReader(bytes.NewReader(raw))
	h, err := textproto.ReadHeader(r)
	if err != nil {
		return ""
	}
	plain, htm := textParts(h.Get("Content-Type"), h.Get("Content-Transfer-Encoding"), h.Get("Content-Disposition"), r, 0)
	if s := firstLines(plain); s != "" {
		return s
	}
	return firstLines(htmlText(htm))
}

// textParts walks a part (a whole message at depth 0) and returns the first text/plain and
// text/html it holds, decoded to UTF-8. Parts cut off by the fetch limit give what they hold.
func textParts(contentType, encoding, disposition string, body io.Reader, depth int) (plain, htm string) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		mt, params = "text/plain", map[string]string{}
	}
	if d, _, _ := mime.ParseMediaType(disposition); d == "attachment" {
		return "", ""
	}
	switch {
	case strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" && depth < 5:
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return plain, htm
			}
			pp, ph := textParts(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"),
				p.Header.Get("Content-Disposition"), p, depth+1)
			if plain == "" {
				plain = pp
			}
			if htm == "" {
				htm = ph
			}
			if plain != "" {
				return plain, htm
			}
		}
	case mt == "text/plain":
		return decodeBody(body, encoding, params["charset"]), ""
	case mt == "text/html":
		return "", decodeBody(body, encoding, params["charset"])
	}
	return "", ""
}

// decodeBody undoes the transfer encoding and the charset, keeping what a cut-off or broken
// part yields.
func decodeBody(body io.Reader, encoding, charset string) string {
	var raw []byte
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		raw = decodeBase64(body)
	case "quoted-printable":
		raw, _ = io.ReadAll(io.LimitReader(quotedprintable.NewReader(body), bodyFetch))
	default:
		raw, _ = io.ReadAll(io.LimitReader(body, bodyFetch))
	}
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "", "utf-8", "utf8", "us-ascii":
		if utf8.Valid(raw) || charset != "" {
			return strings.ToValidUTF8(string(raw), "\uFFFD")
		}
		charset = "gb18030" // unlabelled 8-bit text from an old Chinese mailer
	}
	cr, err := charsetReader(charset, bytes.NewReader(raw))
	if err != nil {
		return strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	out, _ := io.ReadAll(cr)
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// decodeBase64 decodes what there is: characters outside the alphabet (line breaks, a
// broken mailer's stray bytes) and padding are skipped, and a part cut off by the fetch
// limit yields its whole bytes.
func decodeBase64(body io.Reader) []byte {
	in, _ := io.ReadAll(io.LimitReader(body, bodyFetch*4/3+4))
	clean := in[:0]
	for _, c := range in {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
			clean = append(clean, c)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
	n, _ := base64.RawStdEncoding.Decode(out, clean)
	return out[:n]
}

var (
	htmlDrop  = regexp.MustCompile(`(?is)<(style|script|head)\b.*?</(style|script|head)\s*>`)
	htmlQuote = regexp.MustCompile(`(?is)<(blockquote|div[^>]*(gmail_quote|yahoo_quoted|divRplyFwdMsg|ntes-mailmaster-quote)).*`)
	htmlBreak = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|tr|li|h[1-6])\s*>`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// htmlText turns an HTML reply into lines of text without the quoted original.
func htmlText(s string) string {
	s = htmlDrop.ReplaceAllString(s, "")
	s = htmlQuote.ReplaceAllString(s, "")
	s = htmlBreak.ReplaceAllString(s, "\n")
	s = htmlTag.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}
