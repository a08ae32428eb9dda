package data

import (
	"errors"
	"fmt"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrorKind says what went wrong with the database file, so the UI can say it in words.
type ErrorKind int

// The kinds of store failure a user can act on.
const (
	ErrOther       ErrorKind = iota
	ErrBadPath               // the path cannot be used
	ErrMissing               // the file does not exist
	ErrUnreadable            // permissions, disk, I/O
	ErrNotDatabase           // not a SQLite file, or damaged
	ErrLocked                // another program holds the database
	ErrNewerSchema           // written by a newer TownLedger
	ErrReadOnly              // the file or disk is read-only
	ErrFull                  // disk full
	ErrConflict              // a uniqueness rule was broken
	ErrNotFound              // no such record
	ErrEmptyFile             // a file of 0 bytes where a database should be
	ErrForeign               // a SQLite file another program made
)

// Error is a store failure with its kind, the file it concerns and the cause.
type Error struct {
	Kind ErrorKind
	Path string
	// Have and Known are the schema versions for ErrNewerSchema.
	Have, Known int
	Err         error
}

func (e *Error) Error() string {
	var what string
	switch e.Kind {
	case ErrBadPath:
		what = "unusable database path"
	case ErrMissing:
		what = "database file does not exist"
	case ErrUnreadable:
		what = "cannot read or write the database file"
	case ErrNotDatabase:
		what = "file is not a TownLedger database or is damaged"
	case ErrLocked:
		what = "database is locked by another program"
	case ErrNewerSchema:
		what = fmt.Sprintf("database schema version %d is newer than this program knows (%d)", e.Have, e.Known)
	case ErrReadOnly:
		what = "database file is read-only"
	case ErrFull:
		what = "disk is full"
	case ErrConflict:
		what = "record conflicts with an existing one"
	case ErrNotFound:
		what = "record not found"
	case ErrEmptyFile:
		what = "file is empty, not a database"
	case ErrForeign:
		what = "SQLite file of another program, not a TownLedger database"
	default:
		what = "database error"
	}
	if e.Path != "" {
		what += " (" + e.Path + ")"
	}
	if e.Err != nil {
		return what + ": " + e.Err.Error()
	}
	return what
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the store error kind inside err, or ErrOther.
func KindOf(err error) ErrorKind {
	var se *Error
	if errors.As(err, &se) {
		return se.Kind
	}
	return ErrOther
}

// classify turns a driver error into a store Error by its SQLite result code.
func classify(path string, err error) error {
	if err == nil {
		return nil
	}
	var se *Error
	if errors.As(err, &se) {
		return err
	}
	var le *sqlite.Error
	if !errors.As(err, &le) {
		return err
	}
	kind := ErrOther
	switch le.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		kind = ErrLocked
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		kind = ErrNotDatabase
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		kind = ErrUnreadable
	case sqlite3.SQLITE_READONLY:
		kind = ErrReadOnly
	case sqlite3.SQLITE_FULL:
		kind = ErrFull
	case sqlite3.SQLITE_CONSTRAINT:
		if le.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || le.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
			kind = ErrConflict
		}
	}
	if kind == ErrUnreadable && diskFull(path) {
		// A full disk often shows as "cannot open" or an I/O error (the journal or the
		// shared-memory file cannot be made), not as SQLITE_FULL.
		kind = ErrFull
	}
	return &Error{Kind: kind, Path: path, Err: err}
}

// nearlyFull is the free space under which a failure to open or write is put down to the
// disk: SQLite needs room for its journal and a page or two.
const nearlyFull = 1 << 20

func diskFull(path string) bool {
	if path == "" {
		return false
	}
	free, ok := freeBytes(filepath.Dir(path))
	return ok && free < nearlyFull
}
