package workbook

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrInUse says a file is held by a running TownLedger (Hold), so it is no leftover.
var ErrInUse = errors.New("file in use by a running TownLedger")

// Temporary workbooks are hidden files beside their target: tempPrefix, anything, tempSuffix.
const tempPrefix, tempSuffix = ".townledger-", ".xlsx"

// Hold marks f as in use by this process until f is closed: meanwhile Claim of its path in
// any process fails with ErrInUse, and RemoveStale leaves it. (On Unix an advisory lock; on
// Windows the open file itself, which nobody can open alone while it is open.)
func Hold(f *os.File) error { return hold(f) }

// Claimed is a file taken over from a process that no longer runs (or never held it).
type Claimed struct {
	f    *os.File
	path string
}

// Claim takes the file at path for this process alone: ErrInUse while a running process
// holds it (Hold), an fs.ErrNotExist error when there is none. Claim is how a start tells
// what a killed process left from what a live one is still writing.
func Claim(path string) (*Claimed, error) {
	f, err := claim(path)
	if err != nil {
		return nil, err
	}
	return &Claimed{f: f, path: path}, nil
}

// File is the claimed file, open for reading and writing.
func (c *Claimed) File() *os.File { return c.f }

// Release lets the file go, keeping it.
func (c *Claimed) Release() error { return c.f.Close() }

// Remove deletes the file and lets it go.
func (c *Claimed) Remove() error {
	// Windows deletes no open file, so it is closed first; whoever claims it in between
	// finds either the file, a leftover to them as well, or nothing.
	cerr := c.f.Close()
	if err := os.Remove(c.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return cerr
}

// NewTemp creates a held temporary file beside path, named like every temporary workbook so
// that RemoveStale finds it if the writer is killed.
func NewTemp(path string) (*os.File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*"+tempSuffix)
	if err != nil {
		return nil, err
	}
	if err := Hold(f); err != nil {
		name := f.Name()
		f.Close()
		os.Remove(name)
		return nil, err
	}
	return f, nil
}

// IsTemp tells whether a file name is that of a temporary workbook.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix) &&
		len(name) > len(tempPrefix)+len(tempSuffix)
}

// RemoveStale removes the temporary workbooks in dir that no running process holds: those a
// save cut short (a killed or crashed program, a power cut) left. It returns how many it
// removed; a folder it cannot read has none.
func RemoveStale(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !IsTemp(e.Name()) {
			continue
		}
		c, err := Claim(filepath.Join(dir, e.Name()))
		if err != nil {
			continue // held by a live writer, or gone meanwhile
		}
		if c.Remove() == nil {
			n++
		}
	}
	return n
}

// Place gives the complete temporary file tmp (from NewTemp, still open and held) the name
// path, never over an existing file, and closes it; the temporary name goes, whatever the
// outcome. A hard link claims the name only if nobody took it meanwhile (ErrExists); where
// the file system has none (FAT drives) the name is checked once more and the file renamed.
func Place(tmp *os.File, path string) error {
	name := tmp.Name()
	err := os.Link(name, path)
	cerr := tmp.Close() // held until the name is taken, so no other save removes it first
	switch {
	case err == nil:
		os.Remove(name)
		syncDir(filepath.Dir(path))
		return cerr
	case errors.Is(err, fs.ErrExist):
		os.Remove(name)
		return ErrExists
	}
	if err := CheckNew(path); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	syncDir(filepath.Dir(path))
	return cerr
}

// syncDir makes a new name in dir durable where the system allows it (not on Windows, whose
// file system journals names itself).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
