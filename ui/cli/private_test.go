//go:build !windows

package cli

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"townledger/app/office"
)

// The ledger holds ID numbers and password hashes: its files are the user's alone (0600),
// even when the program starts with the usual umask 022 that leaves new files readable by
// everyone.
func TestLedgerFilesAreTheUsersAlone(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := t.TempDir()
	db := filepath.Join(dir, "new", "townledger.db")
	if r := run(t, "--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"); r.code != 0 {
		t.Fatalf("init: %+v", r)
	}
	mode := func(path string) os.FileMode {
		t.Helper()
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return st.Mode().Perm()
	}
	if m := mode(db); m != 0o600 {
		t.Errorf("new database: mode %o, want 600", m)
	}
	if m := mode(filepath.Dir(db)); m != 0o700 {
		t.Errorf("new database folder: mode %o, want 700", m)
	}
	o, err := office.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, side := range []string{db + "-wal", db + "-shm"} {
		if m := mode(side); m != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(side), m)
		}
	}
	o.Close()

	// A ledger left readable by everyone by an earlier version is made private when opened.
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "--db", db, "export-catalog", "--out", filepath.Join(dir, "c.xlsx")); r.code != 0 {
		t.Fatalf("export-catalog: %+v", r)
	}
	if m := mode(db); m != 0o600 {
		t.Errorf("database open to others, once opened: mode %o, want 600", m)
	}

	// The program (main) makes everything it creates private: backups and workbooks too.
	PrivateFiles()
	backup := filepath.Join(dir, "elsewhere", "b.db")
	report := filepath.Join(dir, "r.xlsx")
	for _, args := range [][]string{{"backup", "--out", backup}, {"backup"}, {"export", "--period", "2024", "--out", report}} {
		if r := run(t, append([]string{"--db", db}, args...)...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	made, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*.db"))
	if len(made) != 1 {
		t.Fatalf("default backup: %v", made)
	}
	for _, f := range []string{backup, made[0], report} {
		if m := mode(f); m != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(f), m)
		}
	}
	for _, d := range []string{filepath.Dir(backup), filepath.Dir(made[0])} {
		if m := mode(d); m != 0o700 {
			t.Errorf("%s: mode %o, want 700", d, m)
		}
	}
}
