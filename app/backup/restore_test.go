package backup_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/backup"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/data"
)

func TestRestorePutsABackupBackAndKeepsTheLedgerAsItWas(t *testing.T) {
	ctx := context.Background()
	s := officetest.DemoStore(t)
	live := s.Path()
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.Local)
	saved, err := backup.Make(ctx, s, "", now)
	if err != nil {
		t.Fatal(err)
	}
	// Work after the backup, then the ledger is closed for the restore.
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error { return tx.SetSetting("report.reviewer", "李四") }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(saved)

	r, err := backup.Restore(ctx, live, saved, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if r.Before == "" || r.Records == 0 {
		t.Errorf("restore said %+v", r)
	}
	after, _ := os.ReadFile(saved)
	if !bytes.Equal(before, after) {
		t.Error("the backup file was changed by the restore")
	}
	got, err := data.Open(ctx, live, data.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := got.Setting(ctx, "report.reviewer"); ok && v == "李四" {
		t.Error("the restored ledger has the work done after the backup")
	}
	got.Close()
	kept, err := data.Open(ctx, r.Before, data.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	if v, _, _ := kept.Setting(ctx, "report.reviewer"); v != "李四" {
		t.Errorf("the ledger as it was before the restore lost its last work (%q)", v)
	}
	kept.Close()
	list, err := backup.List(live)
	if err != nil || len(list) < 2 {
		t.Errorf("backups listed: %v %v", list, err)
	}
}

func TestRestoreRefusesWhatIsNoLedgerAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	live := s.Path()
	s.Close()
	want, _ := os.ReadFile(live)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("not sqlite "), 500), 0o600)
	for name, from := range map[string]string{"missing": filepath.Join(dir, "nope.db"), "junk": junk, "itself": live, "empty": empty} {
		_, err := backup.Restore(ctx, live, from, time.Now())
		if problem.From(err) == nil {
			t.Errorf("%s: restore %v, want a refusal in words", name, err)
		}
		if got, _ := os.ReadFile(live); !bytes.Equal(got, want) {
			t.Errorf("%s: the ledger changed", name)
		}
	}
}
