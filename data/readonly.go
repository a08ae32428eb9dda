package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// sqliteHeader opens every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// OpenReadOnly opens an existing TownLedger database to look at it and nothing else: no
// migration, no write, not even a journal file where SQLite can do without one — so a
// backup on a read-only share or CD, or a file under investigation, is checked as it is.
// An empty file, a file that is not SQLite, another program's SQLite file and a database
// from a newer TownLedger are refused with their own kinds.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, &Error{Kind: ErrBadPath, Path: path}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Kind: ErrBadPath, Path: path, Err: err}
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	// A file with no write-ahead log beside it is read as unchanging: SQLite then creates no
	// -wal or -shm file next to it (a read-only WAL reader would, and leave them), and a
	// read-only folder or share is no obstacle. With a log (a window has it open, or a crash
	// left one) the log must be read too.
	_, statErr := os.Stat(abs + "-wal")
	noLog := errors.Is(statErr, os.ErrNotExist)
	db, err := openRO(ctx, abs, noLog)
	var scratch string
	if err != nil && !noLog {
		// A file with its log in a folder that cannot be written (a read-only share, a CD):
		// SQLite needs a place for the log's index, so both are read from a private copy.
		scratch, err = copyWithLog(abs)
		if err == nil {
			db, err = openRO(ctx, filepath.Join(scratch, "ledger.db"), false)
		}
	}
	if err != nil {
		if scratch != "" {
			os.RemoveAll(scratch)
		}
		return nil, classify(abs, err)
	}
	s := &Store{path: abs, w: db, r: db, now: time.Now, readOnly: true, scratch: scratch}
	if err := s.checkOwn(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func openRO(ctx context.Context, abs string, immutable bool) (*sql.DB, error) {
	// The file: form lets SQLite read mode= and immutable=; % is the URI escape.
	dsn := "file:" + strings.ReplaceAll(filepath.ToSlash(abs), "%", "%25") + "?mode=ro&_pragma=query_only(1)&_pragma=busy_timeout(5000)"
	if immutable {
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	var v int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master").Scan(&v); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// checkHeader tells an empty file and a file of another kind from a database before SQLite
// is asked, which would call either "not a database" or, worse, make one of an empty file.
func checkHeader(abs string) error {
	f, err := os.Open(abs)
	if errors.Is(err, os.ErrNotExist) {
		return &Error{Kind: ErrMissing, Path: abs, Err: err}
	}
	if err != nil {
		return &Error{Kind: ErrUnreadable, Path: abs, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &Error{Kind: ErrUnreadable, Path: abs, Err: err}
	}
	if st.IsDir() {
		return &Error{Kind: ErrNotDatabase, Path: abs}
	}
	if st.Size() == 0 {
		return &Error{Kind: ErrEmptyFile, Path: abs}
	}
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return &Error{Kind: ErrNotDatabase, Path: abs}
	}
	return nil
}

// checkOwn refuses a SQLite file TownLedger did not make, or made by a newer version.
func (s *Store) checkOwn(ctx context.Context) error {
	v, err := s.Version(ctx)
	if err != nil {
		return err
	}
	if v > SchemaVersion() {
		return &Error{Kind: ErrNewerSchema, Path: s.path, Have: v, Known: SchemaVersion()}
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'
		AND name IN ('town', 'setting', 'app_user', 'audit_log')`).Scan(&n); err != nil {
		return s.wrap(err)
	}
	if v == 0 || n < 4 {
		return &Error{Kind: ErrForeign, Path: s.path}
	}
	s.states = v >= stateVersion
	return nil
}

// ReadOnly reports a store opened by OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

func (s *Store) closeReadOnly() error {
	err := s.r.Close()
	if s.scratch != "" {
		os.RemoveAll(s.scratch)
	}
	if err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// copyWithLog copies a database and its write-ahead log into a new private folder.
func copyWithLog(abs string) (string, error) {
	dir, err := os.MkdirTemp("", "townledger-verify-")
	if err != nil {
		return "", err
	}
	for _, ext := range []string{"", "-wal"} {
		if err := copyPlain(abs+ext, filepath.Join(dir, "ledger.db"+ext)); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
}

func copyPlain(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
