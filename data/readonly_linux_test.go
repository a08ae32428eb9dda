package data

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A ledger copied with its write-ahead log onto a read-only medium (a CD, a read-only
// share) is verified as it is, the log's records included.
func TestVerifyALedgerWithItsLogOnAReadOnlyDisk(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	live := filepath.Join(t.TempDir(), "live.db")
	s, err := Open(ctx, live, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Write(ctx, System, func(tx *Tx) error {
		_, err := tx.CreateTown(Town{Code: "110105100", Name: "青石镇"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The copy is taken while the ledger is open: the town is still only in the log.
	for _, ext := range []string{"", "-wal"} {
		if err := copyPlain(live+ext, filepath.Join(dir, "copy.db"+ext)); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make it read-only (%v: %s)", err, out)
	}
	ro, err := OpenReadOnly(ctx, filepath.Join(dir, "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := ro.CheckLog(ctx)
	ro.Close()
	if err != nil || !c.OK() || c.Rows != 1 || c.Records != 1 {
		t.Errorf("read-only copy with its log: %+v %v", c, err)
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "townledger-verify-*")); len(left) > 0 {
		t.Errorf("scratch copies left: %v", left)
	}
}
