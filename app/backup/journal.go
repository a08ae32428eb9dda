package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"townledger/app/workbook"
)

// A backup or a restore killed part way (a closed laptop lid, a power cut, a kill) must not
// leave a file that looks like a backup or a ledger, nor no ledger at all. Each writes a
// journal beside the ledger before it starts and holds it while it runs; the next start
// (Recover) reads the journals no running TownLedger holds and tidies up after them.

// journal is one held journal file.
type journal struct{ f *os.File }

// startJournal writes lines to a new journal named dbPath+suffix+random and holds it.
func startJournal(dbPath, suffix string, lines ...string) (*journal, error) {
	f, err := os.CreateTemp(filepath.Dir(dbPath), filepath.Base(dbPath)+suffix+"*")
	if err != nil {
		return nil, fmt.Errorf("start the journal: %w", err)
	}
	if err := workbook.Hold(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("hold the journal: %w", err)
	}
	if _, err := f.WriteString(strings.Join(lines, "\n")); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("write the journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("write the journal: %w", err)
	}
	return &journal{f: f}, nil
}

// end removes the journal: the work it covered is complete or undone.
func (j *journal) end() {
	name := j.f.Name()
	j.f.Close()
	os.Remove(name)
}

const (
	backupJournal  = ".backup-"
	restoreJournal = ".restore-"
	stagedSuffix   = ".restoring"
)

// Recovered says what Recover tidied up.
type Recovered struct {
	Partial  int  // temporary backup copies removed
	Staged   int  // staged restore copies removed
	Finished bool // a restore cut between its two renames was completed
}

// Recover tidies up after backups and restores of the ledger at dbPath that were cut short,
// leaving alone what a running TownLedger still does. Run before the ledger is opened: a
// restore cut between putting the ledger aside and the backup in its place left no ledger,
// and opening would start an empty one.
func Recover(dbPath string) (Recovered, error) {
	var r Recovered
	var errs []error
	for _, j := range claimJournals(dbPath, backupJournal) {
		lines := j.lines()
		if len(lines) > 0 && lines[0] != "" {
			if removeIfThere(lines[0] + ".partial") {
				r.Partial++
			}
		}
		errs = append(errs, j.Remove())
	}
	for _, j := range claimJournals(dbPath, restoreJournal) {
		lines := j.lines()
		if len(lines) == 2 {
			before, staged := lines[0], lines[1]
			_, liveErr := os.Stat(dbPath)
			if errors.Is(liveErr, fs.ErrNotExist) && before != "" {
				if _, err := os.Stat(staged); err == nil {
					// The ledger was put aside and the checked backup not yet in its place.
					if err := os.Rename(staged, dbPath); err != nil {
						errs = append(errs, fmt.Errorf("finish the restore cut short: %w", err))
						continue // the journal stays for the next start
					}
					r.Finished = true
				}
			}
		}
		errs = append(errs, j.Remove())
	}
	// A staged copy whose restore was killed while copying or checking it (a restore still
	// running holds its copy, or its journal once it lets the copy go).
	if live, _ := filepath.Glob(filepath.Join(filepath.Dir(dbPath), globEscape(filepath.Base(dbPath)+restoreJournal)+"*")); len(live) > 0 {
		return r, errors.Join(errs...)
	}
	if c, err := workbook.Claim(dbPath + stagedSuffix); err == nil {
		if c.Remove() == nil {
			r.Staged++
		}
	}
	return r, errors.Join(errs...)
}

type claimedJournal struct{ *workbook.Claimed }

func (j claimedJournal) lines() []string {
	raw, err := os.ReadFile(j.File().Name())
	if err != nil {
		return nil
	}
	return strings.Split(string(raw), "\n")
}

// claimJournals takes the journals of one kind that no running process holds.
func claimJournals(dbPath, suffix string) []claimedJournal {
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(dbPath), globEscape(filepath.Base(dbPath)+suffix)+"*"))
	var out []claimedJournal
	for _, n := range names {
		c, err := workbook.Claim(n)
		if err != nil {
			continue // a live backup or restore, or gone meanwhile
		}
		out = append(out, claimedJournal{c})
	}
	return out
}

func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`)
	if filepath.Separator == '\\' { // Windows paths take no escapes; those characters are not allowed in names anyway
		return s
	}
	return r.Replace(s)
}

func removeIfThere(path string) bool {
	return os.Remove(path) == nil
}
