package workbook

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// RemoveStale removes what a killed save left in a folder, and nothing else: not a temporary
// workbook a save is still writing (held), not the user's files.
func TestRemoveStaleTakesOnlyLeftovers(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".townledger-123.xlsx", ".townledger-abc.xlsx", "报表.xlsx", ".townledger-notes.txt", "townledger-1.xlsx"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	live, err := NewTemp(filepath.Join(dir, "running.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if n := RemoveStale(dir); n != 2 {
		t.Errorf("removed %d, want the 2 leftovers", n)
	}
	entries, _ := os.ReadDir(dir)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{".townledger-notes.txt", filepath.Base(live.Name()), "townledger-1.xlsx", "报表.xlsx"}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
	if _, err := Claim(live.Name()); !errors.Is(err, ErrInUse) {
		t.Errorf("claiming a held file: %v", err)
	}
	live.Close()
	c, err := Claim(live.Name())
	if err != nil {
		t.Fatalf("claiming a file nobody holds: %v", err)
	}
	if err := c.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live.Name()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("claimed and removed, yet: %v", err)
	}
}

// A save leaves its file and nothing else, and clears a leftover beside it; a save that fails
// leaves nothing.
func TestSaveNewLeavesOnlyItsFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".townledger-left.xlsx"), []byte("half"), 0o600)
	path := filepath.Join(dir, "out.xlsx")
	err := SaveNewFunc(context.Background(), path, func(w io.Writer) error { _, err := w.Write([]byte("book")); return err })
	if err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	if err := SaveNewFunc(context.Background(), filepath.Join(dir, "bad.xlsx"), func(io.Writer) error { return failed }); !errors.Is(err, failed) {
		t.Errorf("failed save: %v", err)
	}
	if err := SaveNewFunc(context.Background(), path, func(io.Writer) error { return nil }); !errors.Is(err, ErrExists) {
		t.Errorf("save over an existing file: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "out.xlsx" {
		t.Errorf("folder holds %v", entries)
	}
	if b, _ := os.ReadFile(path); string(b) != "book" {
		t.Errorf("saved %q", b)
	}
}
