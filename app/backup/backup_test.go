package backup

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/problem"
	"townledger/data"

	_ "modernc.org/sqlite"
)

func TestMakeVerifiesAndRefusesToOverwrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := data.Open(ctx, filepath.Join(dir, "live.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	})
	now := time.Date(2024, 3, 15, 8, 30, 0, 0, time.Local)
	out, err := Make(ctx, s, "", now)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "backups", "townledger-20240315-083000.db"); out != want {
		t.Errorf("default path %s, want %s", out, want)
	}
	if second, err := Make(ctx, s, "", now); err != nil || second != filepath.Join(dir, "backups", "townledger-20240315-083000-2.db") {
		t.Errorf("second backup in the same second: %s %v", second, err)
	}
	if _, err := Make(ctx, s, out, now); problem.From(err).Key != "backup.exists" {
		t.Errorf("a backup over an existing file: %v", err)
	}
	rep, err := VerifyFile(ctx, out)
	if err != nil || !rep.OK() || rep.Log.Rows != 1 {
		t.Errorf("verify backup: %+v %v", rep, err)
	}
}

func TestVerifyReportsAnAlteredAuditLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	})
	s.Close()
	db, _ := sql.Open("sqlite", path)
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET after_json = '{}'"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	rep, err := VerifyFile(ctx, path)
	if err != nil || rep.OK() || rep.Log.Break == nil || rep.Log.Break.Seq != 1 {
		t.Errorf("altered log not reported: %+v %v", rep, err)
	}
}
