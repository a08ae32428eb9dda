package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	Seq      int64
	ID       string
	At       string
	UserID   string
	UserName string
	Action   string
	Entity   string
	EntityID string
	Before   string
	After    string
}

// AuditPage returns up to limit entries, newest first, older than beforeSeq (0 = newest).
func (s *Store) AuditPage(ctx context.Context, beforeSeq int64, limit int) ([]AuditEntry, error) {
	if beforeSeq <= 0 {
		beforeSeq = 1<<63 - 1
	}
	rows, err := s.query(ctx, `SELECT seq, id, at, user_id, user_name, action, entity, entity_id,
		COALESCE(before_json, ''), COALESCE(after_json, '')
		FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`, beforeSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.Seq, &e.ID, &e.At, &e.UserID, &e.UserName, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After); err != nil {
			return nil, fmt.Errorf("read audit log: %w", s.wrap(err))
		}
		out = append(out, e)
	}
	return out, s.wrap(rows.Err())
}

// AuditCount counts audit rows, optionally for one entity (table) only.
func (s *Store) AuditCount(ctx context.Context, entity string) (int, error) {
	var n int
	err := s.queryRow(ctx, []any{&n}, `SELECT COUNT(*) FROM audit_log WHERE ? = '' OR entity = ?`, entity, entity)
	if err != nil {
		return 0, fmt.Errorf("count audit rows: %w", err)
	}
	return n, nil
}

// ChainBreak says where the audit chain stops matching its hashes.
type ChainBreak struct {
	Seq    int64
	Reason string
}

// VerifyAudit recomputes the audit hash chain row by row (streamed, so it works at any size)
// and returns the first break, or nil when every row is intact, with the number of rows
// read — all of them, also those after a break.
func (s *Store) VerifyAudit(ctx context.Context) (*ChainBreak, int64, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("read audit log: %w", s.wrap(err))
	}
	defer tx.Rollback()
	chain := chainCheck{prev: genesisHash}
	var n int64
	err = snap{s: s, tx: tx}.walkAudit(ctx, func(r auditRow) error {
		n++
		chain.add(r)
		return nil
	})
	return chain.broken, n, err
}

func rawOrNull(s sql.NullString) json.RawMessage {
	if !s.Valid || s.String == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s.String)
}

// The audit log is hashed and its states compared by the million in verify, so the JSON both
// need is written here by hand, byte for byte as encoding/json writes it; anything outside
// the plain cases (a character JSON escapes, a float, JSON that is not compact) goes
// through encoding/json itself.

// appendJSONString appends s as encoding/json quotes it (HTML-safe); ok is false when s
// holds a character encoding/json would escape, and nothing is appended then.
func appendJSONString(dst []byte, s string) ([]byte, bool) {
	multi := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return dst, false
		case c >= 0x80:
			multi = true
		}
	}
	// Multi-byte text: encoding/json replaces invalid UTF-8 and escapes U+2028 and U+2029.
	if multi && (!utf8.ValidString(s) || strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029")) {
		return dst, false
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"'), true
}

// appendJSONValue appends v as encoding/json would.
func appendJSONValue(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case string:
		if out, ok := appendJSONString(dst, x); ok {
			return out, nil
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// compactRaw says a stored JSON text is what encoding/json writes for it as a RawMessage:
// no white space and no character it would escape (its check of validity aside).
func compactRaw(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case ' ', '\t', '\n', '\r', '<', '>', '&':
			return false
		case 0xE2: // U+2028 and U+2029
			if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
				return false
			}
		}
	}
	return len(b) > 0
}

// encode is json.Marshal(b), written directly when every part is plain.
func (b auditBody) encode() []byte {
	return b.appendEncode(make([]byte, 0, 256+len(b.Before)+len(b.After)+len(b.State)))
}

// appendEncode appends encode's text to dst.
func (b auditBody) appendEncode(dst []byte) []byte {
	if !compactRaw(b.Before) || !compactRaw(b.After) || len(b.State) > 0 && !compactRaw(b.State) {
		enc, _ := json.Marshal(b)
		return append(dst, enc...)
	}
	start := len(dst)
	out := dst
	ok := true
	field := func(name, v string) {
		if !ok {
			return
		}
		out = append(out, name...)
		out, ok = appendJSONString(out, v)
	}
	field(`{"id":`, b.ID)
	field(`,"town":`, b.Town)
	field(`,"at":`, b.At)
	field(`,"user_id":`, b.UserID)
	field(`,"user_name":`, b.UserName)
	field(`,"action":`, b.Action)
	field(`,"entity":`, b.Entity)
	field(`,"entity_id":`, b.EntityID)
	if !ok {
		enc, _ := json.Marshal(b)
		return append(out[:start], enc...)
	}
	out = append(append(out, `,"before":`...), b.Before...)
	out = append(append(out, `,"after":`...), b.After...)
	if len(b.State) > 0 {
		out = append(append(out, `,"state":`...), b.State...)
	}
	return append(out, '}')
}

// stateJSON is json.Marshal of the map of cols to vals (keys sorted), written directly.
func stateJSON(cols []string, vals []any) (json.RawMessage, error) {
	return appendStateJSON(make([]byte, 0, 64+24*len(cols)), cols, sortedOrder(cols), vals)
}

// sortedOrder is the order of cols' indexes that sorts the names.
func sortedOrder(cols []string) []int {
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return cols[order[i]] < cols[order[j]] })
	return order
}

// appendStateJSON appends stateJSON's text to out, the columns taken in order.
func appendStateJSON(out []byte, cols []string, order []int, vals []any) ([]byte, error) {
	out = append(out, '{')
	for n, i := range order {
		if n > 0 {
			out = append(out, ',')
		}
		var ok bool
		if out, ok = appendJSONString(out, cols[i]); !ok {
			return nil, fmt.Errorf("column name %q", cols[i])
		}
		out = append(out, ':')
		var err error
		if out, err = appendJSONValue(out, vals[i]); err != nil {
			return nil, err
		}
	}
	return append(out, '}'), nil
}

// Compact audit rows (schema 16 on). A row that inserts, updates or deletes a record keeps
// the record's state after the change as its SHA-256, `"sha256:…"`, instead of the whole
// row: verify compares hashes only, and what the state was is told by the rows' before and
// after (an insert's after is the row as written, an update's the columns it changed).
// Other rows that change a record (a sign-in, a new password: columns written by their own
// SQL) keep the whole state, and so do all rows written before; both forms verify.

const digestPrefix = `"sha256:`

// replayable says the state after action follows from the row's after and the state
// before it.
func replayable(action string) bool {
	return action == "insert" || action == "update" || action == "delete"
}

// stateDigest is the compact form of a logged state.
func stateDigest(state json.RawMessage) json.RawMessage {
	sum := sha256.Sum256(state)
	out := make([]byte, 0, len(digestPrefix)+65)
	out = append(out, digestPrefix...)
	out = hex.AppendEncode(out, sum[:])
	return append(out, '"')
}

// stateSum is the SHA-256 of a logged state, whole or compact; ok is false for a compact
// state that is not one (a forged row).
func stateSum(state json.RawMessage) (sum [32]byte, compact, ok bool) {
	if !bytes.HasPrefix(state, []byte(digestPrefix)) {
		return sha256.Sum256(state), false, true
	}
	h := state[len(digestPrefix):]
	if len(h) != 65 || h[64] != '"' {
		return sum, true, false
	}
	if _, err := hex.Decode(sum[:], h[:64]); err != nil {
		return sum, true, false
	}
	return sum, true, true
}

// matches says the row's content, after prev, hashes to hash; buf is scratch space kept
// between calls (the chain is checked row by row, a million times in a large ledger).
func (b auditBody) matches(prev, hash string, buf *[]byte) bool {
	out := append((*buf)[:0], prev...)
	out = append(out, '\n')
	out = b.appendEncode(out)
	*buf = out
	sum := sha256.Sum256(out)
	var hx [64]byte
	hex.Encode(hx[:], sum[:])
	return string(hx[:]) == hash
}

// rowJSON is json.Marshal(r) (keys sorted), written directly: every write's audit row has one.
func rowJSON(r Row) (json.RawMessage, error) {
	cols := make([]string, 0, len(r))
	for k := range r {
		cols = append(cols, k)
	}
	vals := make([]any, len(cols))
	for i, k := range cols {
		vals[i] = r[k]
	}
	b, err := stateJSON(cols, vals)
	if err != nil {
		return nil, fmt.Errorf("audit payload: %w", err)
	}
	return b, nil
}
