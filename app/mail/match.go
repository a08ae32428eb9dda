package mail

import (
	"bufio"
	"bytes"
	"io"
	"mime"
	netmail "net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"golang.org/x/text/unicode/norm"
)

// This file judges headers from outside (any mailer, any server): it must accept
// anything without panicking, and FuzzMatchReply checks that.

// rank says how surely a message answers ours.
type rank int

const (
	noMatch   rank = iota
	bySubject      // "回复：" + our subject, from a mailer that dropped the thread headers
	byThread       // In-Reply-To or References names our Message-ID
)

// Header fields of a receipt a program can read: X-TownLedger-Receipt says "accepted" or
// "rejected"; with "rejected", X-TownLedger-Reason (RFC 2047 encoded words allowed) says
// why. A plain reply from the district, without them, accepts.
const (
	FieldReceipt = "X-TownLedger-Receipt"
	FieldReason  = "X-TownLedger-Reason"
)

// candidate is one inbox message's parsed header.
type candidate struct {
	Reply
	address               string // the From address, lower case; "" when unreadable
	auto                  bool   // an automatic reply (out of office, a list, a robot)
	inReplyTo, references []string
}

// parseCandidate reads the header fields FindReply fetches. A malformed line ends the
// header but keeps what came before it, as mail clients do.
func parseCandidate(raw []byte, internal time.Time) candidate {
	th, _ := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	h := gomail.Header{Header: message.Header{Header: th}}
	var c candidate
	if ids := msgIDs(h.Get("Message-Id")); len(ids) > 0 {
		c.MessageID = ids[0]
	}
	c.Subject = decodeText(h.Get("Subject"))
	c.From = decodeText(h.Get("From"))
	if addrs, err := h.AddressList("From"); err == nil && len(addrs) > 0 {
		c.address = strings.ToLower(addrs[0].Address)
		c.From = addrs[0].Address
		if addrs[0].Name != "" {
			c.From = addrs[0].Name + " <" + addrs[0].Address + ">"
		}
	} else {
		c.address = bareAddress(c.From)
	}
	c.auto = isAutomatic(th, c.Subject)
	switch strings.ToLower(strings.TrimSpace(th.Get(FieldReceipt))) {
	case "rejected":
		c.Rejected = true
		c.Reason = cleanReason(decodeText(th.Get(FieldReason)))
	}
	c.Date = internal
	if d, err := h.Date(); err == nil && !d.IsZero() {
		c.Date = d
	}
	for _, v := range th.Values("In-Reply-To") {
		c.inReplyTo = append(c.inReplyTo, msgIDs(v)...)
	}
	for _, v := range th.Values("References") {
		c.references = append(c.references, msgIDs(v)...)
	}
	return c
}

// judge ranks a candidate against the query; wantID is already normalised, senders are
// lower-case addresses. Only a person's answer from one of the senders counts: never an
// automatic reply, never anyone else's mail, however it is threaded or titled.
func judge(c candidate, wantID, subject string, senders []string) rank {
	if c.auto || c.address == "" || !slices.Contains(senders, c.address) {
		return noMatch
	}
	if wantID != "" {
		if c.MessageID == wantID {
			return noMatch // our own message (a copy to self), not a reply
		}
		for _, id := range append(c.inReplyTo, c.references...) {
			if id == wantID {
				return byThread
			}
		}
	}
	if isReplySubject(c.Subject, subject) {
		return bySubject
	}
	return noMatch
}

// better reports whether a candidate of rank r beats the best so far: a rejection beats
// an acceptance (the district's refusal must not hide behind its "收到"), then a thread
// match beats a subject match, then the earlier message wins.
func better(r rank, rejected bool, uid imap.UID, bestRank rank, bestRejected bool, bestUID imap.UID) bool {
	switch {
	case r == noMatch:
		return false
	case bestRank == noMatch:
		return true
	case rejected != bestRejected:
		return rejected
	case r != bestRank:
		return r > bestRank
	}
	return uid < bestUID
}

// Addresses reads a list of addresses as a person types it into one field: separated by
// commas or semicolons, ASCII or full-width ("，" "；"), each "address" or "Name <address>".
// They come back bare, lower case, each once; pieces that are no address are left out.
func Addresses(list string) []string {
	var out []string
	pieces := strings.FieldsFunc(list, func(r rune) bool { return strings.ContainsRune(",;，；、", r) })
	for _, p := range pieces {
		p = strings.TrimSpace(p)
		addr := ""
		if a, err := netmail.ParseAddress(p); err == nil {
			addr = a.Address
		} else if b := bareAddress(p); b != "" && !strings.ContainsAny(b, " \t") {
			addr = b
		}
		addr = strings.ToLower(addr)
		if at := strings.IndexByte(addr, '@'); at > 0 && at < len(addr)-1 && !slices.Contains(out, addr) {
			out = append(out, addr)
		}
	}
	return out
}

// bareAddress takes the address out of an unparsable From value: the last <…>, else the
// last whitespace-separated word holding an @; lower case.
func bareAddress(from string) string {
	if i := strings.LastIndexByte(from, '<'); i >= 0 {
		if j := strings.IndexByte(from[i:], '>'); j > 0 {
			return strings.ToLower(strings.TrimSpace(from[i+1 : i+j]))
		}
	}
	f := strings.Fields(from)
	for i := len(f) - 1; i >= 0; i-- {
		if strings.Contains(f[i], "@") {
			return strings.ToLower(strings.Trim(f[i], "<>\"'"))
		}
	}
	return ""
}

// automaticPrefixes begin the subjects of automatic replies (compared folded: NFKC, lower
// case), for mailers that set none of the RFC 3834 fields.
var automaticPrefixes = []string{"自动回复", "自动答复", "自動回覆", "自動回復", "auto:", "automatic reply",
	"auto reply", "auto-reply", "autoreply", "out of office", "休假"}

// isAutomatic recognises an automatic reply: Auto-Submitted other than "no" (RFC 3834),
// X-Autoreply or X-Autorespond (Exchange, Coremail and others), Precedence auto_reply, bulk,
// junk or list, or an out-of-office subject.
func isAutomatic(h textproto.Header, subject string) bool {
	if v := h.Get("Auto-Submitted"); strings.TrimSpace(v) != "" {
		kind, _, _ := strings.Cut(v, ";")
		kind = strings.ToLower(strings.TrimSpace(kind))
		if kind != "no" {
			return true
		}
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond"} {
		if v := strings.ToLower(strings.TrimSpace(h.Get(k))); h.Has(k) && v != "no" && v != "false" {
			return true
		}
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Precedence"))) {
	case "auto_reply", "bulk", "junk", "list":
		return true
	}
	folded := foldSubject(subject)
	for _, p := range automaticPrefixes {
		if strings.HasPrefix(folded, p) {
			return true
		}
	}
	return false
}

// msgIDs lists the message identifiers in a Message-ID, In-Reply-To or References value,
// without angle brackets. Every <…> counts; a value with none (some mailers drop them)
// is split at whitespace. Comments and phrases outside brackets are ignored.
func msgIDs(v string) []string {
	var ids []string
	rest := v
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i+1:], '>')
		if j < 0 {
			break
		}
		if id := normID(rest[i+1 : i+1+j]); id != "" {
			ids = append(ids, id)
		}
		rest = rest[i+1+j+1:]
	}
	if len(ids) > 0 || strings.ContainsAny(v, "<>") {
		return ids
	}
	for _, f := range strings.Fields(v) {
		if id := normID(f); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// normID strips whitespace and angle brackets, so IDs compare as written.
func normID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<")
	s = strings.TrimSuffix(s, ">")
	return strings.TrimSpace(s)
}

// replyPrefixes are what mailers put before a reply's subject, compared after NFKC
// folding (which turns "：" into ":" and "ＲＥ" into "RE") and lower-casing.
var replyPrefixes = []string{"re", "回复", "答复", "回覆", "aw", "sv"}

// isReplySubject reports whether subject is a reply to original: at least one reply
// prefix ("Re:", "RE：", "回复:", "答复：", "Re[2]:"…), then original, ignoring case,
// full-width forms and runs of whitespace.
func isReplySubject(subject, original string) bool {
	want := foldSubject(original)
	if want == "" {
		return false
	}
	rest, n := stripReplyPrefixes(foldSubject(subject))
	return n > 0 && rest == want
}

// foldSubject normalises for comparison: NFKC, lower case, whitespace runs as one space.
func foldSubject(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// stripReplyPrefixes removes leading reply prefixes from a folded subject and counts them.
func stripReplyPrefixes(s string) (string, int) {
	n := 0
	for {
		s = strings.TrimSpace(s)
		found := false
		for _, p := range replyPrefixes {
			if !strings.HasPrefix(s, p) {
				continue
			}
			r := strings.TrimSpace(s[len(p):])
			r = skipCounter(r)
			if strings.HasPrefix(r, ":") {
				s, found = r[1:], true
				n++
				break
			}
		}
		if !found {
			return s, n
		}
	}
}

// skipCounter skips a reply counter such as "[2]" or "(3)" ("Re[2]: …").
func skipCounter(s string) string {
	if len(s) < 3 || (s[0] != '[' && s[0] != '(') {
		return s
	}
	closer := map[byte]byte{'[': ']', '(': ')'}[s[0]]
	i := 1
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 1 && i < len(s) && s[i] == closer {
		return strings.TrimSpace(s[i+1:])
	}
	return s
}

// decodeText decodes RFC 2047 encoded words in any charset go-message knows, and raw
// 8-bit GBK/GB18030 headers that old Chinese mailers send without encoding them.
func decodeText(raw string) string {
	if !utf8.ValidString(raw) {
		if r, err := charsetReader("gb18030", strings.NewReader(raw)); err == nil {
			if b, err := io.ReadAll(r); err == nil {
				raw = string(b)
			}
		}
	}
	dec := mime.WordDecoder{CharsetReader: charsetReader}
	if s, err := dec.DecodeHeader(raw); err == nil {
		return s
	}
	return raw
}

// charsetReader reads the GB family as GB18030, their superset: mailers label GBK and
// even GB18030 text "gb2312", and some labels (euc-cn) are unknown to go-message.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "gb_2312-80":
		label = "gb18030"
	}
	return charset.Reader(label, input)
}
