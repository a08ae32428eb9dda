// Package backup makes and checks copies of the office's database: a consistent online
// copy, and a verification of the file's integrity, schema and audit chain.
package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"townledger/app/problem"
	"townledger/data"
)

// DefaultPath names a backup beside the database, by time, so backups sort by age.
func DefaultPath(dbPath string, now time.Time) string {
	return filepath.Join(filepath.Dir(dbPath), "backups", "townledger-"+now.Format("20060102-150405")+".db")
}

// freePath is p, or p with -2, -3 … before its extension when a backup of the same second
// exists (the window's start-up backup and a click, say).
func freePath(p string) string {
	ext := filepath.Ext(p)
	base := strings.TrimSuffix(p, ext)
	for i := 1; ; i++ {
		cand := p
		if i > 1 {
			cand = base + "-" + strconv.Itoa(i) + ext
		}
		if _, err := os.Stat(cand); errors.Is(err, os.ErrNotExist) {
			return cand
		}
	}
}

// Make writes a backup of s to out (DefaultPath when empty): the copy is verified under its
// temporary name and only then given its own, so a backup that exists is one that passed.
func Make(ctx context.Context, s *data.Store, out string, now time.Time) (string, error) {
	if out == "" {
		out = freePath(DefaultPath(s.Path(), now))
	}
	if _, err := os.Stat(out); err == nil {
		return "", problem.New("backup.exists", map[string]any{"Path": out})
	}
	// The copy must be a sound file holding this ledger's history. It is checked cheaply, not
	// verified again in full (verify reads every record; the copy is SQLite's own VACUUM INTO
	// of the ledger): it opens as a ledger of the same schema, SQLite's quick_check finds
	// nothing, and the last row of its audit log is a row the ledger holds, hash and all, and
	// is the row its hash says. What its log says about the records is what the ledger's says
	// — a ledger with findings is still copied, so the evidence is kept.
	check := func(tmp string) error {
		failed := problem.New("backup.copy_failed_check", map[string]any{"Path": out})
		c, err := data.OpenReadOnly(ctx, tmp)
		if err != nil {
			return err
		}
		defer c.Close()
		want, err := s.Version(ctx)
		if err != nil {
			return err
		}
		if got, err := c.Version(ctx); err != nil {
			return err
		} else if got != want {
			return failed
		}
		if lines, err := c.QuickCheck(ctx); err != nil {
			return err
		} else if len(lines) > 0 {
			return failed
		}
		head, ok, err := c.HeadChains(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return failed
		}
		if head.Seq > 0 {
			if hash, found, err := s.HashAt(ctx, head.Seq); err != nil {
				return err
			} else if !found || hash != head.Hash {
				return failed
			}
		}
		return nil
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", fmt.Errorf("backup path: %w", err)
	}
	// The journal names the copy being written, so a start after a kill removes it.
	j, err := startJournal(s.Path(), backupJournal, abs)
	if err != nil {
		return "", err
	}
	defer j.end()
	if err := s.Backup(ctx, abs, check); err != nil {
		return "", err
	}
	return out, nil
}

// Report is what a verification found.
type Report struct {
	SchemaVersion int
	Problems      []string // from SQLite's integrity and foreign-key checks, as SQLite says them
	Log           data.LogCheck
	Anchors       []Anchor // the reports it was checked against
}

// OK reports a sound file whose audit log chains, is whole, agrees with every record and
// still holds the head each report given recorded.
func (r Report) OK() bool {
	for _, a := range r.Anchors {
		if !a.Found {
			return false
		}
	}
	return len(r.Problems) == 0 && r.Log.OK()
}

// Verify checks an open store: the file's integrity, and the audit log against itself and
// against the records. The two read the whole file each, on two connections at once (see
// data.Store.Verify): on a PC with two cores verify takes not much longer than SQLite's own
// checks alone.
func Verify(ctx context.Context, s *data.Store) (Report, error) {
	var r Report
	var err error
	if r.SchemaVersion, err = s.Version(ctx); err != nil {
		return r, err
	}
	r.Problems, r.Log, err = s.Verify(ctx)
	if err != nil {
		return r, err
	}
	return r, nil
}

// VerifyFile checks a database file (the ledger or a backup) as it is: opened read-only,
// never upgraded; an empty file, another program's file or a newer ledger is refused. Each
// report workbook in against (sent to the district) is checked as an anchor: the ledger's
// log must still hold the head the report recorded.
func VerifyFile(ctx context.Context, path string, against ...string) (Report, error) {
	s, err := data.OpenReadOnly(ctx, path)
	if err != nil {
		return Report{}, err
	}
	defer s.Close()
	return VerifyAgainst(ctx, s, against...)
}

// VerifyAgainst is Verify and the anchor check of each report in against.
func VerifyAgainst(ctx context.Context, s *data.Store, against ...string) (Report, error) {
	r, err := Verify(ctx, s)
	if err != nil {
		return r, err
	}
	for _, path := range against {
		a, err := CheckAnchor(ctx, s, path)
		if err != nil {
			return r, err
		}
		r.Anchors = append(r.Anchors, a)
	}
	return r, nil
}
