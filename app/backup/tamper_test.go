package backup_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"townledger/app/backup"
	"townledger/app/officetest"
	"townledger/data"

	_ "modernc.org/sqlite"
)

// tamperedLedger is a demo ledger with a legal threshold set locally, closed, then changed
// behind the program's back by the SQL in edit (run with the audit log's guards dropped,
// as anyone with a SQLite tool can).
func tamperedLedger(t *testing.T, edit func(db *sql.DB)) string {
	t.Helper()
	ctx := context.Background()
	s := officetest.DemoStore(t)
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error {
		return tx.SetSetting("rules.heavy_fine.org", "5000000")
	}); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec(t, db, "DROP TRIGGER audit_log_no_update")
	exec(t, db, "DROP TRIGGER audit_log_no_delete")
	edit(db)
	return path
}

func exec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func one(t *testing.T, db *sql.DB, q string, args ...any) string {
	t.Helper()
	var v string
	if err := db.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// finding is what a test expects verify to name: the kind, the table, a text the record's
// label contains, and a column that must be listed among the changed ones.
type finding struct {
	kind   data.FindingKind
	table  string
	label  string
	column string
}

func TestVerifyNamesEveryTamperedRecord(t *testing.T) {
	const firstCase = "SELECT case_no FROM case_file WHERE case_no IS NOT NULL ORDER BY case_no LIMIT 1"
	tests := []struct {
		name      string
		edit      func(t *testing.T, db *sql.DB) string // returns the label to look for
		want      []finding
		truncated int64
		emptyLog  bool
	}{
		{"fine changed", func(t *testing.T, db *sql.DB) string {
			no := one(t, db, firstCase)
			exec(t, db, "UPDATE case_file SET fine = 100 WHERE case_no = ?", no)
			return no
		}, []finding{{data.Differs, "case_file", "", "fine"}}, 0, false},
		{"case soft-deleted", func(t *testing.T, db *sql.DB) string {
			no := one(t, db, firstCase)
			exec(t, db, "UPDATE case_file SET deleted_at = '2024-01-01T00:00:00.000Z' WHERE case_no = ?", no)
			return no
		}, []finding{{data.Differs, "case_file", "", "deleted_at"}}, 0, false},
		{"party renamed", func(t *testing.T, db *sql.DB) string {
			exec(t, db, "UPDATE party SET name = '改名有限公司' WHERE id = (SELECT id FROM party ORDER BY id LIMIT 1)")
			return "改名有限公司"
		}, []finding{{data.Differs, "party", "", "name"}}, 0, false},
		{"party inserted", func(t *testing.T, db *sql.DB) string {
			exec(t, db, `CREATE TEMP TABLE p AS SELECT * FROM party ORDER BY id LIMIT 1`)
			exec(t, db, `UPDATE p SET id = 'forged-party', name = '凭空出现有限公司', credit_code = NULL`)
			exec(t, db, `INSERT INTO party SELECT * FROM p`)
			return "凭空出现有限公司"
		}, []finding{{data.Extra, "party", "", ""}}, 0, false},
		{"password hash replaced", func(t *testing.T, db *sql.DB) string {
			exec(t, db, "UPDATE app_user SET password_hash = 'x' || password_hash WHERE username = 'admin'")
			return "admin"
		}, []finding{{data.Differs, "app_user", "", "password_hash"}}, 0, false},
		{"legal threshold changed", func(t *testing.T, db *sql.DB) string {
			exec(t, db, "UPDATE setting SET value = '99999999' WHERE key = 'rules.heavy_fine.org'")
			return "rules.heavy_fine.org"
		}, []finding{{data.Differs, "setting", "", "value"}}, 0, false},
		{"case deleted with its steps and number", func(t *testing.T, db *sql.DB) string {
			no := one(t, db, firstCase)
			id := one(t, db, "SELECT id FROM case_file WHERE case_no = ?", no)
			exec(t, db, "DELETE FROM case_event WHERE case_id = ?", id)
			exec(t, db, "DELETE FROM case_number WHERE case_id = ?", id)
			exec(t, db, "DELETE FROM case_file WHERE id = ?", id)
			return no
		}, []finding{{data.Missing, "case_file", "", ""}, {data.Missing, "case_event", "", ""}}, 0, false},
		{"last 50 audit rows cut", func(t *testing.T, db *sql.DB) string {
			exec(t, db, "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 50 FROM audit_log)")
			return ""
		}, nil, 50, false},
		{"last 50 audit rows cut, counter rewound", func(t *testing.T, db *sql.DB) string {
			exec(t, db, "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 50 FROM audit_log)")
			exec(t, db, "UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM audit_log) WHERE name = 'audit_log'")
			return ""
		}, nil, 0, false},
		{"audit log emptied", func(t *testing.T, db *sql.DB) string {
			exec(t, db, "DELETE FROM audit_log")
			exec(t, db, "DELETE FROM sqlite_sequence WHERE name = 'audit_log'")
			return ""
		}, []finding{{data.Extra, "case_file", "", ""}, {data.Extra, "setting", "rules.heavy_fine.org", ""}}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var label string
			path := tamperedLedger(t, func(db *sql.DB) { label = tt.edit(t, db) })
			rep, err := backup.VerifyFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() {
				t.Fatalf("verify passed a tampered ledger: %+v", rep.Log)
			}
			if got := rep.Log.Truncated(); got != tt.truncated {
				t.Errorf("truncated %d rows, want %d", got, tt.truncated)
			}
			if tt.emptyLog != (rep.Log.Rows == 0) {
				t.Errorf("audit rows %d", rep.Log.Rows)
			}
			for _, w := range tt.want {
				if w.label == "" {
					w.label = label
				}
				if !slices.ContainsFunc(rep.Log.Findings, func(f data.Finding) bool {
					return f.Kind == w.kind && f.Table == w.table && strings.Contains(f.Case+" "+f.Label, w.label) &&
						(w.column == "" || slices.Contains(f.Columns, w.column))
				}) {
					t.Errorf("no finding %+v among %+v", w, rep.Log.Findings)
				}
			}
			if tt.want == nil && len(rep.Log.Findings) == 0 && tt.truncated == 0 {
				t.Errorf("rows cut from the log, yet no record is reported: %+v", rep.Log)
			}
		})
	}
}

func TestVerifyPassesAnUntouchedLedger(t *testing.T) {
	s := officetest.DemoStore(t)
	rep, err := backup.Verify(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Log.Records == 0 || !rep.Log.States {
		t.Fatalf("untouched demo ledger: %+v", rep)
	}
}
