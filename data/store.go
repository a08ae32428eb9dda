// Package data is TownLedger's SQLite store: schema migrations, queries, transactions, the
// audit log and backups. All SQL of the program lives here.
package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// DefaultBusyTimeout is how long a statement waits for another writer before giving up: a
// little over the longest write the program makes — an import of workbook.MaxRows rows
// (100,000) holds the lock about 40 s — so a save while another process imports waits
// (the window shows its progress) instead of being refused.
const DefaultBusyTimeout = 60 * time.Second

// Options tune how a store is opened.
type Options struct {
	// BusyTimeout overrides DefaultBusyTimeout (tests use a short one).
	BusyTimeout time.Duration
	// MustExist refuses to create a new database file (backup verification, restore).
	MustExist bool
}

// Store is an open TownLedger database: one writer connection, so writes queue in-process
// instead of failing on SQLITE_BUSY, and a pool of query-only readers.
type Store struct {
	path string
	w    *sql.DB
	r    *sql.DB
	// bulk: readers that map the file into memory, for reads of whole tables (BulkReads).
	bulk *sql.DB
	now  func() time.Time
	// states: the schema keeps each record's state in its audit rows (version 12 on).
	states bool
	// readOnly: opened by OpenReadOnly, one pool for both roles.
	readOnly bool
	// scratch: a private copy OpenReadOnly reads instead (removed by Close).
	scratch string
	counts  countCache // list counts, see count
}

// Open opens (creating if needed) the database at path, applies pending migrations and
// refuses a database written by a newer TownLedger.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, &Error{Kind: ErrBadPath, Path: path}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Kind: ErrBadPath, Path: path, Err: err}
	}
	_, statErr := os.Stat(abs)
	isNew := errors.Is(statErr, os.ErrNotExist)
	if err := checkFile(abs, opt.MustExist); err != nil {
		if KindOf(err) == ErrUnreadable && diskFull(abs) {
			err.(*Error).Kind = ErrFull
		}
		return nil, err
	}
	busy := opt.BusyTimeout
	if busy <= 0 {
		busy = DefaultBusyTimeout
	}
	w, err := sql.Open("sqlite", dsn(abs, busy, false))
	if err != nil {
		return nil, &Error{Kind: ErrUnreadable, Path: abs, Err: err}
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", dsn(abs, busy, true))
	if err != nil {
		w.Close()
		return nil, &Error{Kind: ErrUnreadable, Path: abs, Err: err}
	}
	r.SetMaxOpenConns(4)
	bulk, err := sql.Open("sqlite", dsn(abs, busy, true)+"&_pragma=mmap_size("+strconv.Itoa(bulkMap)+")")
	if err != nil {
		w.Close()
		r.Close()
		return nil, &Error{Kind: ErrUnreadable, Path: abs, Err: err}
	}
	bulk.SetMaxOpenConns(4)
	bulk.SetConnMaxIdleTime(bulkIdle)
	s := &Store{path: abs, w: w, r: r, bulk: bulk, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		if isNew { // a database that never came to be leaves no empty file behind
			for _, p := range []string{abs, abs + "-wal", abs + "-shm"} {
				os.Remove(p)
			}
		}
		return nil, err
	}
	for _, p := range []string{abs + "-wal", abs + "-shm"} {
		_ = private(p) // SQLite made them with the folder's access list (Windows)
	}
	return s, nil
}

// dsn builds the connection string from constants and a number only: _pragma values run as SQL.
func dsn(path string, busy time.Duration, readOnly bool) string {
	var b strings.Builder
	b.WriteString(path)
	b.WriteString("?_pragma=busy_timeout(")
	b.WriteString(strconv.FormatInt(busy.Milliseconds(), 10))
	b.WriteString(")&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)")
	if readOnly {
		b.WriteString("&_pragma=query_only(1)")
	} else {
		b.WriteString("&_txlock=immediate")
	}
	return b.String()
}

// checkFile gives a precise reason before SQLite's generic "unable to open". A new database
// is created here, empty and readable by its owner only (0600, in a 0700 folder), before
// SQLite opens it: SQLite gives its -wal and -shm files the database file's mode, so they
// are private too. An existing database open to others is made private (see private).
func checkFile(path string, mustExist bool) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if mustExist {
			return &Error{Kind: ErrMissing, Path: path, Err: err}
		}
		if err := mkdirPrivate(filepath.Dir(path)); err != nil {
			return &Error{Kind: ErrUnreadable, Path: path, Err: err}
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return &Error{Kind: ErrUnreadable, Path: path, Err: err}
		}
		if err := f.Close(); err != nil {
			return &Error{Kind: ErrUnreadable, Path: path, Err: err}
		}
		_ = private(path) // best effort: a file system without access lists still works
		return nil
	case err != nil:
		return &Error{Kind: ErrUnreadable, Path: path, Err: err}
	case st.IsDir():
		return &Error{Kind: ErrNotDatabase, Path: path}
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return &Error{Kind: ErrUnreadable, Path: path, Err: err}
	}
	if err := f.Close(); err != nil {
		return &Error{Kind: ErrUnreadable, Path: path, Err: err}
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		_ = private(p) // best effort: a file someone else owns is still opened as before
	}
	return nil
}

// mkdirPrivate creates dir (and its parents) if missing; a folder it creates is made the
// user's own (see private), so the files SQLite and the backups add there are too.
func mkdirPrivate(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	_ = private(dir) // best effort, as for the files
	return nil
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Close releases both connection pools.
func (s *Store) Close() error {
	if s.readOnly {
		return s.closeReadOnly()
	}
	return errors.Join(s.r.Close(), s.bulk.Close(), s.w.Close())
}

// SetClock replaces the clock used for record timestamps (tests and demo data).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

func (s *Store) stamp() string {
	return s.now().UTC().Format(TimeLayout)
}

// TimeLayout is how instants are stored: sortable UTC text with milliseconds.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// DateLayout is how calendar dates are stored.
const DateLayout = "2006-01-02"

// query runs a read on the reader pool, mapping driver errors to store errors.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := s.readers(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	return rows, nil
}

func (s *Store) queryRow(ctx context.Context, dest []any, q string, args ...any) error {
	err := s.readers(ctx).QueryRowContext(ctx, q, args...).Scan(dest...)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s.wrap(err)
	}
	return err
}

// The bulk readers map up to bulkMap bytes of the file: a read of 150,000 rows then costs no
// system call and no copy per page (a quarter of the year export's processor time went to
// reading pages). Their connections close after bulkIdle, so the mapping does not stay in the
// idle window's memory; the other readers read as before, the window's start-up check of the
// whole file among them.
const (
	bulkMap  = 1 << 30
	bulkIdle = 3 * time.Second
)

type bulkKey struct{}

// BulkReads marks ctx as the context of a long read of whole tables (a report's export): the
// store's reads under it go to the bulk readers.
func BulkReads(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

// readers is the pool for a read under ctx.
func (s *Store) readers(ctx context.Context) *sql.DB {
	if s.bulk != nil && ctx.Value(bulkKey{}) != nil {
		return s.bulk
	}
	return s.r
}

func (s *Store) wrap(err error) error {
	return classify(s.path, err)
}
