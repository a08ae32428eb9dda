package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rewriteAsWholeStates turns the log into what a program before schema 16 wrote: every
// compact state becomes the record's whole state (the records here were written once, so
// their row now is their state then), and the chain is recomputed.
func rewriteAsWholeStates(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	type row struct {
		seq  int64
		body auditBody
	}
	var all []row
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = snap{s: s, tx: tx}.walkAudit(ctx, func(r auditRow) error {
		all = append(all, row{r.seq, r.body})
		return nil
	})
	tx.Rollback()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_update"} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	prev := genesisHash
	for _, r := range all {
		if _, compact, _ := stateSum(r.body.State); compact {
			rows, err := s.w.QueryContext(ctx, "SELECT * FROM "+ident(r.body.Entity)+" WHERE id = ?", r.body.EntityID)
			if err != nil {
				t.Fatal(err)
			}
			rows.Next()
			cols, vals, err := scanAny(rows)
			rows.Close()
			if err != nil {
				t.Fatal(err)
			}
			if r.body.State, err = stateOf(r.body.Entity, cols, vals); err != nil {
				t.Fatal(err)
			}
		}
		h := r.body.hash(prev)
		if _, err := s.w.ExecContext(ctx, "UPDATE audit_log SET state_json = ?, prev_hash = ?, hash = ? WHERE seq = ?",
			string(r.body.State), prev, h, r.seq); err != nil {
			t.Fatal(err)
		}
		prev = h
	}
}

// A ledger whose log holds whole states (written before schema 16) verifies, goes on with
// compact rows after it, and verify still names the column changed behind the program's back,
// whichever form the record's rows take.
func TestWholeAndCompactStatesVerifyTogether(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "mixed.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var oldParty string
	if err := s.Write(ctx, System, func(tx *Tx) error {
		if _, err := tx.CreateTown(Town{Code: "110105100", Name: "青石镇"}); err != nil {
			return err
		}
		oldParty, err = tx.InsertParty(Party{Kind: "org", Name: "旧记录有限公司", Address: "青石村1号"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	rewriteAsWholeStates(t, s)
	if n := auditRowsWhere(t, s, `SELECT COUNT(*) FROM audit_log WHERE state_json LIKE '"sha256:%'`); n != 0 {
		t.Fatalf("%d compact rows left", n)
	}
	var newParty string
	if err := s.Write(ctx, System, func(tx *Tx) error {
		if err := tx.update("party", oldParty, Row{"address": "青石村2号", "name": "旧记录有限公司"}); err != nil {
			return err
		}
		newParty, err = tx.InsertParty(Party{Kind: "org", Name: "新记录有限公司", Address: "柳溪村3号", Notes: "备注"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var after string
	if err := s.r.QueryRowContext(ctx, `SELECT after_json FROM audit_log WHERE entity = 'party' AND action = 'update'`).Scan(&after); err != nil ||
		after != `{"address":"青石村2号"}` {
		t.Errorf("an update's row holds %s (%v), want the changed column only", after, err)
	}
	if n := auditRowsWhere(t, s, `SELECT COUNT(*) FROM audit_log WHERE state_json LIKE '"sha256:%'`); n != 2 {
		t.Errorf("%d compact rows, want 2", n)
	}
	for _, v := range []func() (LogCheck, error){func() (LogCheck, error) { return s.CheckLog(ctx) },
		func() (LogCheck, error) { _, c, err := s.Verify(ctx); return c, err }} {
		if c, err := v(); err != nil || !c.OK() || c.Records < 3 {
			t.Fatalf("mixed log: %+v %v", c, err)
		}
	}
	// Behind the program's back: the old record (whole state, then a compact row) and the
	// new one (compact rows only).
	for _, q := range []string{`UPDATE party SET village = '白沙村' WHERE id = '` + oldParty + `'`,
		`UPDATE party SET notes = '改过' WHERE id = '` + newParty + `'`} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	_, c, err := s.Verify(ctx)
	if err != nil || c.OK() {
		t.Fatalf("tampering passed: %+v %v", c, err)
	}
	want := map[string]string{oldParty: "village", newParty: "notes"}
	for _, f := range c.Findings {
		if col, ok := want[f.ID]; ok && f.Kind == Differs && slices.Contains(f.Columns, col) && strings.Contains(f.Label, "记录有限公司") {
			delete(want, f.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("not named: %v among %+v", want, c.Findings)
	}
	b, _ := json.Marshal(c.Findings)
	if strings.Contains(string(b), "address") {
		t.Errorf("a column changed through the program is named: %s", b)
	}
}

func auditRowsWhere(t *testing.T, s *Store, q string) int {
	t.Helper()
	var n int
	if err := s.r.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
