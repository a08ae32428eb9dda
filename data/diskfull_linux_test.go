package data

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// fullDisk mounts a small tmpfs and fills it, as a PC whose disk ran full; it needs root
// (CI and this machine have it) and skips elsewhere.
func fullDisk(t *testing.T, before func(dir string)) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	before(dir)
	f, err := os.Create(filepath.Join(dir, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	f.Close()
	return dir
}

func TestAFullDiskIsCalledFull(t *testing.T) {
	ctx := context.Background()
	var existing string
	dir := fullDisk(t, func(dir string) {
		existing = filepath.Join(dir, "live.db")
		s, err := Open(ctx, existing, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	})
	if _, err := Open(ctx, filepath.Join(dir, "new.db"), Options{}); KindOf(err) != ErrFull {
		t.Errorf("a new database on a full disk: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "new.db*")); len(left) > 0 {
		t.Errorf("a database that could not be made left %v", left)
	}
	s, err := Open(ctx, existing, Options{})
	if err == nil {
		err = s.Write(ctx, System, func(tx *Tx) error {
			_, err := tx.CreateTown(Town{Code: "110105100", Name: string(make([]byte, 1<<20))})
			return err
		})
		s.Close()
	}
	if KindOf(err) != ErrFull {
		t.Errorf("a write on a full disk: %v", err)
	}
}
