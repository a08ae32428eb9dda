package data

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// The hand-written JSON of the audit chain and of record states is byte for byte what
// encoding/json writes: a ledger's existing hashes and states must keep matching.
func TestAuditJSONMatchesEncodingJSON(t *testing.T) {
	texts := []string{"", "青石镇", "青石<镇>", "镇\"引号", "镇\\", "镇\n换行", "镇&", "镇\u2028", "a b", `quote"`, `back\slash`, "<b>&", "tab\there", "line\nbreak", "\u2028", "x\u2029y",
		"bad\xffutf8", "emoji 😀", "ctrl\x01", "2024-01-01T00:00:00.000Z", "sha256:00ff"}
	for _, s := range texts {
		want, _ := json.Marshal(s)
		got, err := appendJSONValue(nil, s)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%q: %s, want %s (%v)", s, got, want, err)
		}
	}
	vals := []any{nil, int64(0), int64(-42), int64(math.MaxInt64), 1.5, 0.1, 1e21, 1e-7, float64(3), true, false}
	cols := []string{"b", "a", "c", "k", "d", "e", "f", "g", "h", "i", "j"}
	m := map[string]any{}
	for i, c := range cols {
		m[c] = vals[i]
	}
	want, _ := json.Marshal(m)
	got, err := stateJSON(cols, vals)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("state %s, want %s (%v)", got, want, err)
	}
	for _, b := range []auditBody{
		{ID: "1", Town: "110105100", At: "2024-01-01T00:00:00.000Z", UserID: "u", UserName: "王", Action: "insert", Entity: "party",
			EntityID: "p", Before: json.RawMessage("null"), After: json.RawMessage(`{"name":"青石"}`), State: json.RawMessage(`{"a":1}`)},
		{ID: "2", Before: json.RawMessage("null"), After: json.RawMessage(`{"name": "spaced"}`)},
		{ID: "3", UserName: "<admin>", Before: json.RawMessage(`{"x":"a&b"}`), After: json.RawMessage("null"), State: json.RawMessage("null")},
		{ID: "4", Before: json.RawMessage("null"), After: json.RawMessage(`{"t":"\u2028"}`)},
		{ID: "5", Before: json.RawMessage("null"), After: json.RawMessage("null"), State: json.RawMessage(`"sha256:ab"`)},
	} {
		want, _ := json.Marshal(b)
		if got := b.encode(); !bytes.Equal(got, want) {
			t.Errorf("body %s, want %s", got, want)
		}
	}
}

// FuzzAuditJSON: any text a record or an audit row may hold (a user types it, an import
// brings it) encodes as encoding/json encodes it.
func FuzzAuditJSON(f *testing.F) {
	f.Add("青石镇", `{"a":"b"}`)
	f.Add("<&>", `{"a": 1}`)
	f.Add("\xff\u2028", `null`)
	f.Add("青石<镇>&\"", `{"a":"青<"}`)
	f.Fuzz(func(t *testing.T, s, raw string) {
		want, _ := json.Marshal(s)
		if got, err := appendJSONValue(nil, s); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%q: %s, want %s", s, got, want)
		}
		if !json.Valid([]byte(raw)) {
			return // never stored: every payload is written by encoding/json
		}
		b := auditBody{ID: s, UserName: s, Before: json.RawMessage(raw), After: json.RawMessage("null"), State: json.RawMessage(raw)}
		want, _ = json.Marshal(b)
		if got := b.encode(); !bytes.Equal(got, want) {
			t.Fatalf("body %s, want %s", got, want)
		}
	})
}

// Only plain lower-case identifiers are spliced into SQL.
func TestPlainIdent(t *testing.T) {
	for name, want := range map[string]bool{"case_file": true, "a1_b": true, "x": true, "": false, "1a": false,
		"_a": false, "Case": false, "a-b": false, "a b": false, "a;drop": false, "é": false} {
		if plainIdent(name) != want {
			t.Errorf("%q: %v", name, !want)
		}
	}
}

// The chain check's allocation-free comparison agrees with the hash rows are written with.
func TestMatchesAgreesWithHash(t *testing.T) {
	var buf []byte
	for _, b := range []auditBody{
		{ID: "1", Town: "110105100", UserName: "王", Before: json.RawMessage("null"), After: json.RawMessage(`{"a":"b"}`), State: json.RawMessage(`"sha256:00"`)},
		{ID: "2", UserName: "<x>", Before: json.RawMessage(`{"a": 1}`), After: json.RawMessage("null")},
	} {
		h := b.hash("prev")
		if !b.matches("prev", h, &buf) || b.matches("other", h, &buf) || b.matches("prev", h[:63]+"0", &buf) && h[63] != '0' {
			t.Errorf("%+v: matches disagrees with hash %s", b, h)
		}
	}
}

// An audit row's before and after, written by hand, are what encoding/json writes for them,
// whatever Go values a record's row holds.
func TestRowJSONMatchesEncodingJSON(t *testing.T) {
	half := 1.5
	var none *float64
	r := Row{"name": "青石<镇>", "n": 3, "big": int64(1) << 40, "ok": true, "gone": nil, "hours": &half, "score": none,
		"f": 0.1, "blob": []byte{1, 2}, "id": "", "tier": int32(2)}
	want, _ := json.Marshal(r)
	got, err := rowJSON(r)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s, want %s (%v)", got, want, err)
	}
}
