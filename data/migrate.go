package data

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step, NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for i, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", base, i+1)
		}
		body, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	return out, nil
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// Version reports the schema version stored in the database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", s.wrap(err))
	}
	return v, nil
}

func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, -1)
}

// migrateTo applies migrations up to target (all when target < 0), each with its version
// bump in one transaction, so a crash leaves the schema at a whole step.
func (s *Store) migrateTo(ctx context.Context, target int) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	if target < 0 || target > len(ms) {
		target = len(ms)
	}
	have, err := s.Version(ctx)
	if err != nil {
		return err
	}
	if have > len(ms) {
		return &Error{Kind: ErrNewerSchema, Path: s.path, Have: have, Known: len(ms)}
	}
	// A ledger made by an older version is copied first: if an upgrade goes wrong, the
	// records as they were are one file away. A new, empty database needs no copy.
	if have > 0 && have < target {
		if err := s.Backup(ctx, BeforeUpgradeName(s.path, have, target, s.now())); err != nil {
			return fmt.Errorf("copy the database before upgrading it: %w", err)
		}
	}
	// A ledger that keeps states already: what each record's state is before the upgrade, so
	// that afterwards only the records a migration changed (a column added or filled) get a
	// snapshot row. A migration that changes no record (an index, a new table) so adds
	// nothing to the log, however large the ledger.
	var before recordSums
	if have >= stateVersion && have < target {
		if before, err = s.sumRecords(ctx); err != nil {
			return fmt.Errorf("read the records before upgrading: %w", err)
		}
	}
	for _, m := range ms[have:target] {
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	s.states = max(have, target) >= stateVersion
	// A ledger upgraded to a schema that keeps states gets a snapshot row per record whose
	// state the log does not tell: every record when its rows kept none (before version 12),
	// else those a migration changed or added.
	if have > 0 && have < target && target >= stateVersion {
		if err := s.snapshotRecords(ctx, before); err != nil {
			return fmt.Errorf("record the states of the existing records: %w", err)
		}
	}
	return nil
}

// stateVersion is the schema from which audit rows carry record states.
const stateVersion = 12

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, s.wrap(err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, s.wrap(err))
	}
	// PRAGMA takes no parameters; the version is an int we produced.
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.version)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, s.wrap(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, s.wrap(err))
	}
	return nil
}
