package backup

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/data"
)

func writeFile(t *testing.T, p, body string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// What a kill leaves at each point of a backup and a restore, and what the next start makes
// of it; work a live process still does is left alone.
func TestRecoverTidiesUpAfterKills(t *testing.T) {
	t.Run("backup killed while copying", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "live.db")
		out := filepath.Join(dir, "elsewhere", "b.db")
		os.MkdirAll(filepath.Dir(out), 0o700)
		writeFile(t, out+".partial", "half a copy")
		writeFile(t, db+backupJournal+"123", out)
		r, err := Recover(db)
		if err != nil || r.Partial != 1 || exists(out+".partial") || exists(db+backupJournal+"123") {
			t.Errorf("%+v %v", r, err)
		}
	})
	t.Run("backup still running", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "live.db")
		out := filepath.Join(dir, "b.db")
		j, err := startJournal(db, backupJournal, out)
		if err != nil {
			t.Fatal(err)
		}
		defer j.end()
		writeFile(t, out+".partial", "being written")
		if r, err := Recover(db); err != nil || r.Partial != 0 || !exists(out+".partial") {
			t.Errorf("a running backup's copy was touched: %+v %v", r, err)
		}
	})
	t.Run("restore killed between its renames", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "live.db")
		writeFile(t, db+stagedSuffix, "the checked backup")
		writeFile(t, filepath.Join(dir, "aside.db"), "the ledger as it was")
		writeFile(t, db+restoreJournal+"9", filepath.Join(dir, "aside.db")+"\n"+db+stagedSuffix)
		r, err := Recover(db)
		body, _ := os.ReadFile(db)
		if err != nil || !r.Finished || string(body) != "the checked backup" || exists(db+stagedSuffix) {
			t.Errorf("%+v %v %q", r, err, body)
		}
	})
	t.Run("restore killed while checking its copy", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "live.db")
		writeFile(t, db, "the ledger")
		writeFile(t, db+stagedSuffix, "a copy being checked")
		r, err := Recover(db)
		body, _ := os.ReadFile(db)
		if err != nil || r.Staged != 1 || exists(db+stagedSuffix) || string(body) != "the ledger" {
			t.Errorf("%+v %v", r, err)
		}
	})
}

// A whole restore goes through with its journal and copy gone afterwards.
func TestRestoreLeavesNoJournal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	s, err := data.Open(ctx, db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	})
	b, err := Make(ctx, s, "", time.Now())
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, db, b, time.Now()); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "live.db.*"))
	if len(left) > 0 {
		t.Errorf("left beside the ledger: %v", left)
	}
}
