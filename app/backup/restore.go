package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

// Restored says what a restore did.
type Restored struct {
	From    string // the backup put in place
	Before  string // where the ledger as it was before the restore was kept
	Records int64  // audit rows of the restored ledger, as a sign of what came back
}

// Restore puts the backup file from in place of the ledger at dbPath, which no program may
// have open (the window closes its own first; the command line refuses while a window is
// open). The backup is checked first on a copy — a damaged file, another program's SQLite
// file or a database from a newer TownLedger is refused and nothing changes — and the ledger
// as it was is kept beside it in backups/, so a restore can itself be undone.
func Restore(ctx context.Context, dbPath, from string, now time.Time) (Restored, error) {
	live, err := filepath.Abs(dbPath)
	if err != nil {
		return Restored{}, fmt.Errorf("database path: %w", err)
	}
	src, err := filepath.Abs(from)
	if err != nil {
		return Restored{}, fmt.Errorf("backup path: %w", err)
	}
	if src == live {
		return Restored{}, problem.New("backup.restore.same", map[string]any{"Path": src})
	}
	// Check a copy: opening a file migrates it, and the backup itself must stay as it is. The
	// copy is held while this runs, so a start meanwhile leaves it; one left by a kill goes.
	staged := live + stagedSuffix
	if c, err := workbook.Claim(staged); err == nil {
		c.Remove()
	}
	held, err := copyFile(src, staged)
	if err != nil {
		return Restored{}, err
	}
	defer func() {
		if held != nil {
			held.Close()
		}
		os.Remove(staged) // gone already when the restore went through
	}()
	rep, err := VerifyFile(ctx, staged)
	if err != nil {
		return Restored{}, &problem.Error{Key: "backup.restore.unusable", Data: map[string]any{"Path": src}, Err: err}
	}
	if !rep.OK() {
		return Restored{}, problem.New("backup.restore.damaged", map[string]any{"Path": src})
	}
	// An empty file or another program's database passes SQLite's checks once opened; a
	// ledger has its town.
	if ok, err := hasTown(ctx, staged); err != nil || !ok {
		return Restored{}, &problem.Error{Key: "backup.restore.unusable", Data: map[string]any{"Path": src}, Err: err}
	}
	out := Restored{From: src, Records: rep.Log.Rows}
	// From here the ledger is swapped in two renames; a kill between them would leave no
	// ledger, so the journal says how to finish (Recover).
	before := ""
	if _, err := os.Stat(live); err == nil {
		before = beforeRestoreName(live, now)
	}
	j, err := startJournal(live, restoreJournal, before, staged)
	if err != nil {
		return Restored{}, err
	}
	defer j.end()
	if before != "" {
		out.Before = before
		if err := os.MkdirAll(filepath.Dir(out.Before), 0o700); err != nil {
			return Restored{}, fmt.Errorf("create the backups folder: %w", err)
		}
		if err := os.Rename(live, out.Before); err != nil {
			return Restored{}, fmt.Errorf("keep the ledger as it was: %w", err)
		}
		// A closed database leaves no write-ahead log; one left by a crash belongs to the
		// file just kept, not to the restored one.
		for _, ext := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(live + ext); err == nil {
				if err := os.Rename(live+ext, out.Before+ext); err != nil {
					return Restored{}, fmt.Errorf("keep the ledger's log: %w", err)
				}
			}
		}
	}
	// Windows renames no file its program holds open; the journal guards the copy now.
	held.Close()
	held = nil
	if err := os.Rename(staged, live); err != nil {
		return Restored{}, fmt.Errorf("put the backup in place: %w", err)
	}
	return out, nil
}

func hasTown(ctx context.Context, path string) (bool, error) {
	s, err := data.Open(ctx, path, data.Options{MustExist: true})
	if err != nil {
		return false, err
	}
	defer s.Close()
	_, ok, err := s.Town(ctx)
	return ok, err
}

func beforeRestoreName(live string, now time.Time) string {
	return filepath.Join(filepath.Dir(live), "backups", "townledger-"+now.Format("20060102-150405")+"-before-restore.db")
}

// CopyBackup copies a backup to a new file, durably (the command line signs in on such a copy of a
// backup when the ledger itself cannot be opened).
func CopyBackup(from, to string) error {
	f, err := copyFile(from, to)
	if err != nil {
		return err
	}
	return f.Close()
}

// copyFile copies a file to a new one, durably, and returns it open and held (see
// workbook.Hold) for the caller to close.
func copyFile(from, to string) (*os.File, error) {
	in, err := os.Open(from)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, problem.New("backup.restore.missing", map[string]any{"Path": from})
		}
		return nil, fmt.Errorf("open the backup %s: %w", from, err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("stage the backup: %w", err)
	}
	fail := func(err error) (*os.File, error) {
		out.Close()
		os.Remove(to)
		return nil, fmt.Errorf("stage the backup: %w", err)
	}
	if err := workbook.Hold(out); err != nil {
		return fail(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		return fail(err)
	}
	if err := out.Sync(); err != nil {
		return fail(err)
	}
	return out, nil
}

// Copy is a backup kept in the ledger's backups folder.
type Copy struct {
	Path    string
	Size    int64
	ModTime time.Time
}

// List lists the backups kept beside the ledger at dbPath, the newest first.
func List(dbPath string) ([]Copy, error) {
	dir := filepath.Join(filepath.Dir(dbPath), "backups")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	var out []Copy
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Copy{Path: filepath.Join(dir, e.Name()), Size: fi.Size(), ModTime: fi.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ModTime.After(out[j].ModTime) })
	return out, nil
}

// DefaultDir is where backups are kept for the ledger at dbPath.
func DefaultDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// NewestGood returns the newest backup beside the ledger at dbPath that passes its check
// (a sound file, an unbroken log agreeing with its records), or "" when none does. Each is
// opened read-only; the walk stops at the first good one.
func NewestGood(ctx context.Context, dbPath string) (Copy, bool, error) {
	copies, err := List(dbPath)
	if err != nil {
		return Copy{}, false, err
	}
	for _, c := range copies {
		if err := ctx.Err(); err != nil {
			return Copy{}, false, err
		}
		rep, err := VerifyFile(ctx, c.Path)
		if err == nil && rep.OK() {
			return c, true, nil
		}
	}
	return Copy{}, false, nil
}

// IsDamaged reports whether err says the ledger file is damaged (not one a backup can help
// with when it is missing, locked or newer).
func IsDamaged(err error) bool {
	k := data.KindOf(err)
	return k == data.ErrNotDatabase || k == data.ErrEmptyFile
}
