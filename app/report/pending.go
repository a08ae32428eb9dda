package report

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"townledger/app/workbook"
	"townledger/data"
)

// An export is all or nothing across a kill or a power cut: either the workbook stands at
// its path and the history has its line, or neither. The steps:
//
//  1. A journal beside the database (townledger.db.export-<export id>), held while the export
//     runs, names the export and its path.
//  2. The workbook is written into a held temporary file beside the path (.townledger-*.xlsx)
//     and synced; its SHA-256 is added to the journal.
//  3. Record gives the workbook its name (a hard link, never over an existing file), then
//     enters the history line with the workbook's bytes, then removes the journal.
//
// A start (Recover, run when the office opens) takes over every journal no running export
// holds: it removes the temporary workbooks left in the export's folder and, when the
// history has no line for the export, the workbook at its path if it is the one written (the
// same SHA-256). A later save in the same folder removes leftover temporary workbooks too.

// journalTag joins the database's file name and the export id in a journal's name.
const journalTag = ".export-"

// journal is the on-disk note of one export under way: a first line {id, path}, and a second
// {sha256} once the workbook is complete. Lines are appended and synced; a line cut short by
// a kill is ignored.
type journal struct {
	ID     string `json:"id,omitempty"`
	Path   string `json:"path,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
}

// pending is a written workbook waiting for Record, and its journal.
type pending struct {
	mu      sync.Mutex
	used    bool // Record has taken it
	journal *os.File
	tmp     *os.File // the workbook under its temporary name, held until it is placed
	sha     string
}

// pause is a test's hook at the named points of an export; nothing in the program.
var pause = func(point string) {}

func journalPath(store *data.Store, exportID string) string {
	return store.Path() + journalTag + exportID
}

// appendLine adds a journal line and syncs it.
func appendLine(f *os.File, j journal) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		return err
	}
	return f.Sync()
}

// begin opens the export's journal and a held temporary workbook beside path.
func begin(store *data.Store, exportID, path string) (*pending, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	jf, err := os.OpenFile(journalPath(store, exportID), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("export journal: %w", err)
	}
	p := &pending{journal: jf}
	if err := workbook.Hold(jf); err != nil {
		p.discard()
		return nil, fmt.Errorf("export journal: %w", err)
	}
	if err := appendLine(jf, journal{ID: exportID, Path: abs}); err != nil {
		p.discard()
		return nil, fmt.Errorf("export journal: %w", err)
	}
	workbook.RemoveStale(filepath.Dir(abs))
	tmp, err := workbook.NewTemp(abs)
	if err != nil {
		p.discard()
		return nil, err
	}
	p.tmp = tmp
	return p, nil
}

// written syncs the complete workbook, which stays open and held until it is placed, and
// notes its SHA-256 in the journal.
func (p *pending) written(sum []byte) error {
	if err := p.tmp.Sync(); err != nil {
		return err
	}
	p.sha = hex.EncodeToString(sum)
	if err := appendLine(p.journal, journal{SHA256: p.sha}); err != nil {
		return fmt.Errorf("export journal: %w", err)
	}
	return nil
}

// claim takes the workbook for Record, once.
func (p *pending) claim() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.used {
		return false
	}
	p.used = true
	return true
}

// discard undoes an export that will not be recorded: its temporary workbook and journal go.
func (p *pending) discard() {
	if p.tmp != nil {
		p.tmp.Close()
		os.Remove(p.tmp.Name())
		p.tmp = nil
	}
	p.done()
}

// done removes the journal: the export is recorded, or nothing of it is left.
func (p *pending) done() {
	name := p.journal.Name()
	p.journal.Close()
	os.Remove(name)
}

// place gives the workbook its name and records it in one transaction with its bytes; a
// failure of either leaves neither.
func (p *pending) place(ctx context.Context, store *data.Store, actor data.Actor, sum Summary) (data.ExportRecord, error) {
	var rec data.ExportRecord
	content, err := os.ReadFile(p.tmp.Name())
	if err != nil {
		p.discard()
		return rec, writeFailed(sum.Path, err)
	}
	if h := sha256.Sum256(content); hex.EncodeToString(h[:]) != p.sha {
		p.discard()
		return rec, writeFailed(sum.Path, errors.New("the written workbook changed before it was recorded"))
	}
	err = workbook.Place(p.tmp, sum.Path)
	p.tmp = nil // placed or gone
	if err != nil {
		p.discard()
		return rec, writeFailed(sum.Path, err)
	}
	pause("placed") // a kill from here on leaves the workbook to Recover

	err = store.Write(ctx, actor, func(tx *data.Tx) error {
		var err error
		rec, err = tx.RecordExport(data.ExportRecord{ID: sum.ExportID, Period: sum.Period, FileName: filepath.Base(sum.Path),
			FileSHA256: p.sha, ContentHash: sum.ContentHash}, content)
		return err
	})
	if err != nil {
		os.Remove(sum.Path) // it was ours: placed a moment ago, not recorded
		p.discard()
		return rec, err
	}
	pause("recorded")
	p.done()
	return rec, nil
}

// reuse gives path the kept workbook of e, a version holding the same data, instead of the
// workbook just written, which goes. A kill half-way leaves at most e's file at path, which
// Recover leaves alone: it is not the workbook the journal names.
func (p *pending) reuse(ctx context.Context, store *data.Store, e data.ExportRecord, path string) (data.ExportRecord, error) {
	content, err := store.ExportFile(ctx, e.ID)
	if err != nil {
		p.discard()
		return data.ExportRecord{}, err
	}
	tmp := p.tmp
	p.tmp = nil
	err = tmp.Truncate(0)
	if err == nil {
		_, err = tmp.WriteAt(content, 0)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		p.done()
		return data.ExportRecord{}, writeFailed(path, err)
	}
	err = workbook.Place(tmp, path) // held until placed, so no other save removes it first
	p.done()
	if err != nil {
		return data.ExportRecord{}, writeFailed(path, err)
	}
	return e, nil
}

// readJournal reads a journal's complete lines.
func readJournal(r io.Reader) (journal, bool) {
	var j journal
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var line journal
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			break // cut short by a kill
		}
		if line.ID != "" {
			j.ID, j.Path = line.ID, line.Path
		}
		if line.SHA256 != "" {
			j.SHA256 = line.SHA256
		}
	}
	return j, j.ID != "" && j.Path != ""
}

// Recovered says what Recover found of exports cut short.
type Recovered struct {
	Exports  int // exports cut short (journals taken over)
	Removed  int // unrecorded workbooks removed from their paths
	Leftover int // temporary workbooks removed
}

// Recover finishes what exports cut short left (see the steps above): the temporary
// workbooks in their folders go, and a workbook placed without its history line goes. An
// export still running in another TownLedger is left alone.
func Recover(ctx context.Context, store *data.Store) (Recovered, error) {
	var out Recovered
	dir, base := filepath.Split(store.Path())
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out, fmt.Errorf("export journals: %w", err)
	}
	var errs []error
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), base+journalTag) {
			continue
		}
		c, err := workbook.Claim(filepath.Join(dir, e.Name()))
		if errors.Is(err, workbook.ErrInUse) || errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out.Exports++
		removed, left, err := recoverOne(ctx, store, c.File())
		out.Removed += removed
		out.Leftover += left
		if err != nil {
			c.Release()
			errs = append(errs, err)
			continue
		}
		if err := c.Remove(); err != nil {
			errs = append(errs, err)
		}
	}
	return out, errors.Join(errs...)
}

func recoverOne(ctx context.Context, store *data.Store, f *os.File) (removed, left int, err error) {
	j, ok := readJournal(f)
	if !ok {
		return 0, 0, nil // cut short before it named its export: nothing was written
	}
	left = workbook.RemoveStale(filepath.Dir(j.Path))
	if _, err := store.Export(ctx, j.ID); err == nil {
		return 0, left, nil // recorded: the workbook stays
	} else if data.KindOf(err) != data.ErrNotFound {
		return 0, left, err
	}
	if j.SHA256 == "" {
		return 0, left, nil // never complete, so never placed
	}
	content, err := os.ReadFile(j.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, left, nil
	}
	if err != nil {
		return 0, left, fmt.Errorf("unrecorded report %s: %w", j.Path, err)
	}
	if h := sha256.Sum256(content); hex.EncodeToString(h[:]) != j.SHA256 {
		return 0, left, nil // not the workbook this export wrote
	}
	if err := os.Remove(j.Path); err != nil {
		return 0, left, fmt.Errorf("unrecorded report %s: %w", j.Path, err)
	}
	return 1, left, nil
}
