package backup_test

import (
	"context"
	"database/sql"
	"testing"

	"townledger/app/backup"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/data"
)

// An index that no longer matches its table (a disk fault, a tool that wrote the file) is
// found, named in words, and the ledger is refused further writes by CheckSound.
func TestADamagedIndexIsFoundAndSaidInWords(t *testing.T) {
	ctx := context.Background()
	s := officetest.DemoStore(t)
	if err := backup.CheckSound(ctx, s); err != nil {
		t.Fatalf("a sound ledger: %v", err)
	}
	path := s.Path()
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	// Declare the cases' party index on another column: its pages no longer match the table,
	// as after a damaged write.
	for _, q := range []string{"PRAGMA writable_schema = ON",
		`UPDATE sqlite_master SET sql = 'CREATE INDEX case_file_party ON case_file(stage)' WHERE name = 'case_file_party'`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err = data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = backup.CheckSound(ctx, s)
	p := problem.From(err)
	if p == nil || p.Key != backup.KeyDamaged {
		t.Fatalf("damaged index not refused: %v", err)
	}
	if d, ok := p.Data["Detail"].(*problem.Error); !ok || (d.Key != "verify.index_row" && d.Key != "verify.index_count") {
		t.Errorf("the damage is not put in words: %#v", p.Data["Detail"])
	}
	rep, err := backup.Verify(ctx, s)
	if err != nil || rep.OK() {
		t.Fatalf("verify passed a damaged index: %v", err)
	}
	for _, l := range rep.Lines() {
		if l.Key == "verify.integrity_other" {
			t.Errorf("a line left in SQLite's words: %v", l.Data)
		}
	}
}
