package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Backup writes a consistent copy of the live database to out (which must not exist yet)
// with VACUUM INTO: it runs while the program works and yields a compact single file. The
// copy is written under a temporary name, checked by check (when given) and renamed only
// when complete and sound, so a killed, disk-full or damaged backup never leaves a file that
// looks like a backup.
func (s *Store) Backup(ctx context.Context, out string, check ...func(tmp string) error) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("backup path: %w", err)
	}
	if _, err := os.Stat(abs); err == nil {
		return &Error{Kind: ErrConflict, Path: abs, Err: os.ErrExist}
	}
	if err := mkdirPrivate(filepath.Dir(abs)); err != nil {
		return &Error{Kind: ErrUnreadable, Path: abs, Err: err}
	}
	tmp := abs + ".partial"
	os.Remove(tmp) // left by a backup that was killed
	// Created empty and private first (VACUUM INTO fills an empty file): the copy holds ID
	// numbers and password hashes, whatever the umask.
	if f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); err != nil {
		return fmt.Errorf("backup to %s: %w", abs, &Error{Kind: ErrUnreadable, Path: tmp, Err: err})
	} else if err := f.Close(); err != nil {
		return fmt.Errorf("backup to %s: %w", abs, &Error{Kind: ErrUnreadable, Path: tmp, Err: err})
	}
	_ = private(tmp) // the user's own on Windows too, wherever --out points
	if _, err := s.w.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", abs, classify(abs, err))
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", abs, classify(abs, err))
	}
	for _, c := range check {
		if err := c(tmp); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("check the backup %s: %w", abs, err)
		}
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", abs, classify(abs, err))
	}
	return nil
}

// syncFile makes a written file durable before it is renamed into place.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// BeforeUpgradeName names the copy taken before migrations change an existing database:
// beside it in backups/, by time and the schema versions, so backups sort by age.
func BeforeUpgradeName(dbPath string, from, to int, now time.Time) string {
	return filepath.Join(filepath.Dir(dbPath), "backups",
		fmt.Sprintf("townledger-%s-before-upgrade-v%d-to-v%d.db", now.Format("20060102-150405"), from, to))
}

// IntegrityProblems runs SQLite's integrity and foreign-key checks and returns what they
// report; an empty slice means the file is sound.
func (s *Store) IntegrityProblems(ctx context.Context) ([]string, error) {
	return integrityProblems(ctx, s, s.query)
}

// integrityProblems is IntegrityProblems through query (the store's pool or a transaction).
func integrityProblems(ctx context.Context, s *Store, query func(ctx context.Context, q string, args ...any) (*sql.Rows, error)) ([]string, error) {
	var out []string
	rows, err := query(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("integrity check: %w", err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, fmt.Errorf("integrity check: %w", s.wrap(err))
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	rows.Close()
	fk, err := query(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, fmt.Errorf("foreign key check: %w", err)
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid, idx any
		if err := fk.Scan(&table, &rowid, &parent, &idx); err != nil {
			return nil, fmt.Errorf("foreign key check: %w", s.wrap(err))
		}
		out = append(out, fmt.Sprintf("%s row %v refers to a missing %s", table, rowid, parent))
	}
	return out, s.wrap(fk.Err())
}

// Damage runs SQLite's integrity check up to its first finding and returns it; none means
// the file is sound. The full check, not quick_check: an index that no longer matches its
// table is the damage that spreads when more is written. Imports and the window's start run
// it, so a damaged file is not written further.
func (s *Store) Damage(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, "PRAGMA integrity_check(1)")
	if err != nil {
		return nil, fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, fmt.Errorf("integrity check: %w", s.wrap(err))
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	return out, s.wrap(rows.Err())
}

// QuickCheck runs SQLite's quick_check (the file's structure, without comparing each index
// with its table) and returns what it reports; none means the file is sound as far as it
// looks. It checks a fresh backup copy, which VACUUM INTO wrote with every index rebuilt.
func (s *Store) QuickCheck(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, "PRAGMA quick_check")
	if err != nil {
		return nil, fmt.Errorf("quick check: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, fmt.Errorf("quick check: %w", s.wrap(err))
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	return out, s.wrap(rows.Err())
}
