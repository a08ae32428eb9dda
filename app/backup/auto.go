package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"townledger/data"
)

// Keep is how many of the newest automatic and manual backups are kept; of the older ones,
// the newest of each month stays.
const Keep = 30

// AutoEvery is how old the newest backup may be before the window makes one at its start.
const AutoEvery = 24 * time.Hour

// Auto makes a backup when the newest one beside the ledger is older than AutoEvery (or there
// is none), then prunes the old ones. It returns the new backup's path, or "" when none was
// due.
func Auto(ctx context.Context, s *data.Store, now time.Time) (string, error) {
	removeStale(DefaultDir(s.Path()), now)
	copies, err := List(s.Path())
	if err != nil {
		return "", err
	}
	if len(copies) > 0 && now.Sub(copies[0].ModTime) < AutoEvery {
		return "", nil
	}
	out, err := Make(ctx, s, "", now)
	if err != nil {
		return "", fmt.Errorf("automatic backup: %w", err)
	}
	if _, err := Prune(s.Path()); err != nil {
		return out, err
	}
	return out, nil
}

// timed matches the names Make gives by default; copies kept before an upgrade or a restore
// have their own names and are never pruned.
var timed = regexp.MustCompile(`^townledger-(\d{8})-\d{6}(-\d+)?\.db$`)

// Prune removes the timed backups beyond the Keep newest, except the newest of each month.
// It returns what it removed.
func Prune(dbPath string) ([]string, error) {
	copies, err := List(dbPath)
	if err != nil {
		return nil, err
	}
	var removed []string
	kept := 0
	months := map[string]bool{}
	for _, c := range copies { // newest first
		m := timed.FindStringSubmatch(filepath.Base(c.Path))
		if m == nil {
			continue
		}
		month := m[1][:6]
		if kept < Keep || !months[month] {
			kept++
			months[month] = true
			continue
		}
		if err := os.Remove(c.Path); err != nil {
			return removed, fmt.Errorf("remove the old backup %s: %w", c.Path, err)
		}
		removed = append(removed, c.Path)
	}
	return removed, nil
}

// removeStale deletes the temporary copies a killed backup left (an hour old: one being
// written by the command line right now is younger).
func removeStale(dir string, now time.Time) {
	stale, _ := filepath.Glob(filepath.Join(dir, "*.partial"))
	for _, p := range stale {
		if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}
