// Package backup makes and checks copies of the office's database: a consistent online
// copy, and a verification of the file's integrity, schema and audit chain.
package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"townledger/app/problem"
	"townledger/data"
)

// DefaultPath names a backup beside the database, by time, so backups sort by age.
func DefaultPath(dbPath string, now time.Time) string {
	return filepath.Join(filepath.Dir(dbPath), "backups", "townledger-"+now.Format("20060102-150405")+".db")
}

// Make writes a backup of s to out (DefaultPath when empty) and checks the copy.
func Make(ctx context.Context, s *data.Store, out string, now time.Time) (string, error) {
	if out == "" {
		out = DefaultPath(s.Path(), now)
	}
	if _, err := os.Stat(out); err == nil {
		return "", problem.New("backup.exists", map[string]any{"Path": out})
	}
	if err := s.Backup(ctx, out); err != nil {
		return "", err
	}
	rep, err := VerifyFile(ctx, out)
	if err != nil {
		return out, fmt.Errorf("check the new backup: %w", err)
	}
	if !rep.OK() {
		return out, fmt.Errorf("the new backup %s failed its check", out)
	}
	return out, nil
}

// Report is what a verification found.
type Report struct {
	SchemaVersion int
	Problems      []string // from SQLite's integrity and foreign-key checks
	AuditRows     int64
	AuditBreak    *data.ChainBreak
}

// OK reports a sound file with an unbroken audit chain.
func (r Report) OK() bool { return len(r.Problems) == 0 && r.AuditBreak == nil }

// Verify checks an open store.
func Verify(ctx context.Context, s *data.Store) (Report, error) {
	var r Report
	var err error
	if r.SchemaVersion, err = s.Version(ctx); err != nil {
		return r, err
	}
	if r.Problems, err = s.IntegrityProblems(ctx); err != nil {
		return r, err
	}
	if r.AuditBreak, r.AuditRows, err = s.VerifyAudit(ctx); err != nil {
		return r, err
	}
	return r, nil
}

// VerifyFile opens an existing database file (a backup) and checks it.
func VerifyFile(ctx context.Context, path string) (Report, error) {
	s, err := data.Open(ctx, path, data.Options{MustExist: true})
	if err != nil {
		return Report{}, err
	}
	defer s.Close()
	return Verify(ctx, s)
}
