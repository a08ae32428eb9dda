package backup_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/report"
	"townledger/data"
)

var exporter = auth.Session{UserID: "u-export", Username: "admin", Roles: []auth.Role{auth.Admin}}

// sentReport writes 2023's report of a demo ledger, as the district would hold it, and
// returns the ledger's path and the workbook's.
func sentReport(t *testing.T) (string, string) {
	t.Helper()
	ctx := context.Background()
	s := officetest.DemoStore(t)
	book := filepath.Join(t.TempDir(), "2023.xlsx")
	if _, _, err := report.Export(ctx, s, exporter, "2023", book, time.Date(2024, 1, 5, 9, 0, 0, 0, time.Local), "李"); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	return path, book
}

func TestVerifyAgainstAReportFindsItsHead(t *testing.T) {
	path, book := sentReport(t)
	rep, err := backup.VerifyFile(context.Background(), path, book)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || len(rep.Anchors) != 1 || !rep.Anchors[0].Found || rep.Anchors[0].Head.Seq == 0 {
		t.Fatalf("untouched ledger against its own report: %+v", rep.Anchors)
	}
}

// A full forgery: a fine lowered, its audit rows rewritten to match, and the whole chain
// recomputed from the public start value — the log agrees with itself and with the records,
// and only the report the district holds shows it.
func TestVerifyAgainstAReportCatchesAFullForgery(t *testing.T) {
	path, book := sentReport(t)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	exec(t, db, "DROP TRIGGER audit_log_no_update")
	no := one(t, db, "SELECT case_no FROM case_file WHERE fine > 0 ORDER BY case_no LIMIT 1")
	id := one(t, db, "SELECT id FROM case_file WHERE case_no = ?", no)
	exec(t, db, "UPDATE case_file SET fine = 100 WHERE id = ?", id)
	forgeLog(t, db, id)
	db.Close()

	ctx := context.Background()
	alone, err := backup.VerifyFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !alone.OK() {
		t.Fatalf("the forgery is not complete, verify alone sees it: %+v", alone.Lines())
	}
	rep, err := backup.VerifyFile(ctx, path, book)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || rep.Anchors[0].Found || rep.Anchors[0].Have == "" {
		t.Fatalf("forged history passed against the district's report: %+v", rep.Anchors)
	}
	if got := rep.Anchors[0].Line().Key; got != "verify.anchor.differs" {
		t.Errorf("line %s", got)
	}
}

// forgeLog rewrites the state of record id in every audit row to its current row and
// recomputes every hash, as an attacker who read the source would.
func forgeLog(t *testing.T, db *sql.DB, id string) {
	t.Helper()
	var fine int64
	if err := db.QueryRow("SELECT fine FROM case_file WHERE id = ?", id).Scan(&fine); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT seq, id, town_code, at, user_id, user_name, action, entity, entity_id,
		COALESCE(before_json, 'null'), COALESCE(after_json, 'null'), state_json FROM audit_log ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		seq                                                      int64
		rid, town, at, uid, uname, action, entity, eid, bef, aft string
		state                                                    sql.NullString
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.seq, &r.rid, &r.town, &r.at, &r.uid, &r.uname, &r.action, &r.entity, &r.eid, &r.bef, &r.aft, &r.state); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	prev := "townledger-audit-v1"
	forged := currentStateDigest(t, db, id)
	for _, r := range all {
		if r.entity == "case_file" && r.eid == id && r.state.Valid && strings.HasPrefix(r.state.String, `"sha256:`) {
			r.state.String = forged // a compact row (schema 16 on) keeps the state's hash
		} else if r.entity == "case_file" && r.eid == id && r.state.Valid {
			var m map[string]any
			if err := json.Unmarshal([]byte(r.state.String), &m); err != nil {
				t.Fatal(err)
			}
			m["fine"] = fine
			b, _ := json.Marshal(m)
			r.state.String = string(b)
		}
		body := map[string]any{"id": r.rid, "town": r.town, "at": r.at, "user_id": r.uid, "user_name": r.uname,
			"action": r.action, "entity": r.entity, "entity_id": r.eid, "before": json.RawMessage(r.bef), "after": json.RawMessage(r.aft)}
		if r.state.Valid {
			body["state"] = json.RawMessage(r.state.String)
		}
		hash := forgedHash(t, prev, body)
		exec(t, db, "UPDATE audit_log SET state_json = ?, prev_hash = ?, hash = ? WHERE seq = ?", r.state, prev, hash, r.seq)
		prev = hash
	}
}

// currentStateDigest is the compact logged state of case id as its row now stands: the
// SHA-256 of its columns as JSON with sorted keys.
func currentStateDigest(t *testing.T, db *sql.DB, id string) string {
	t.Helper()
	rows, err := db.Query("SELECT * FROM case_file WHERE id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if !rows.Next() {
		t.Fatal("no case " + id)
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	for i, c := range cols {
		m[c] = vals[i]
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return `"sha256:` + hex.EncodeToString(h[:]) + `"`
}

func forgedHash(t *testing.T, prev string, body map[string]any) string {
	t.Helper()
	ordered := []string{"id", "town", "at", "user_id", "user_name", "action", "entity", "entity_id", "before", "after", "state"}
	buf := []byte("{")
	for _, k := range ordered {
		v, ok := body[k]
		if !ok {
			continue
		}
		if len(buf) > 1 {
			buf = append(buf, ',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		buf = append(append(append(buf, kb...), ':'), vb...)
	}
	buf = append(buf, '}')
	h := sha256.Sum256(append([]byte(prev+"\n"), buf...))
	return hex.EncodeToString(h[:])
}

func TestVerifyAgainstRefusesAnotherTownsReport(t *testing.T) {
	_, book := sentReport(t)
	ctx := context.Background()
	other, err := data.Open(ctx, filepath.Join(t.TempDir(), "other.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105200", Name: "白河镇"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.VerifyAgainst(ctx, other, book); problem.From(err).Key != backup.KeyAnchorOtherTown {
		t.Errorf("another town's report: %v", err)
	}
	if _, err := backup.VerifyAgainst(ctx, other, filepath.Join(t.TempDir(), "none.xlsx")); err == nil {
		t.Error("a missing report passed")
	}
}
