package district

import (
	"bytes"
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
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/app/problem"
	"townledger/app/report"
	"townledger/app/workbook"
	"townledger/data"
)

// Source is one workbook to take in: a file in a folder, or a mail's attachment.
type Source struct {
	Path      string // the file; or
	Content   []byte // its bytes (a mail's attachment), when Path is ""
	FileName  string // its name as received; Path's base when ""
	Sender    string // the mail's From address (mail intake)
	MessageID string // the mail's Message-ID (mail intake)
	Via       string // data.SourceMail or data.SourceFolder
	// Version is the town's version number as the mail's X-TownLedger-Version gives it; 0
	// takes it from the file name (<town>_<period>_v<n>.xlsx, as the town mails it).
	Version int
	// Say puts a refusal in words for the record of the received workbook (the caller's
	// translation); nil records the refusal's key and data.
	Say func(error) string
}

// Outcome is what came of one received workbook.
type Outcome struct {
	File   string // its name as received
	Result string // data.ReceivedMerged, …Duplicate, …Late or …Rejected; "" when the intake failed
	// Again says the same file or the same mail was received before: nothing is recorded
	// again, Report is the earlier record (a file rejected before for the same reason is
	// Again too, with Result rejected and Err the reason).
	Again    bool
	Report   data.ReceivedReport // as recorded
	TownName string              // the registered town it came from, "" when unknown
	Replaced data.ReceivedReport // the version it superseded (merged only); ID "" when none was in force
	InForce  data.ReceivedReport // the version in force that stays (late, duplicate)
	Err      error               // why it was rejected, or why the intake failed
}

// versionRE finds the version in a report's mailed name: 青石镇_2026-10_v2.xlsx.
var versionRE = regexp.MustCompile(`(?i)_v([0-9]{1,6})\.xlsx$`)

// FileVersion is the version number a report's file name carries, 0 when none.
func FileVersion(name string) int {
	m := versionRE.FindStringSubmatch(name)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// newer says whether a received version replaces the one in force: by their version
// numbers when both are known, else by their export ids, which (UUID version 7) grow with
// the time each workbook was written.
func newer(r, cur data.ReceivedReport) bool {
	if r.Version > 0 && cur.Version > 0 {
		return r.Version > cur.Version
	}
	return r.ExportID > cur.ExportID
}

// ReceivedDir is the folder beside the ledger where every received workbook is kept, named
// by its SHA-256.
func ReceivedDir(store *data.Store) string {
	return filepath.Join(filepath.Dir(store.Path()), "received")
}

// ReceivedFile is where the workbook with the SHA-256 sum is kept.
func ReceivedFile(store *data.Store, sum string) string {
	return filepath.Join(ReceivedDir(store), sum+".xlsx")
}

// keep copies the workbook into the received folder (readable by its owner only), reading
// it once, and returns its SHA-256 sum, its size and the copy's path. A copy already kept
// under that sum stays.
func keep(ctx context.Context, store *data.Store, src Source) (sum string, size int64, path string, err error) {
	var r io.Reader
	if src.Path != "" {
		f, err := os.Open(src.Path)
		if err != nil {
			return "", 0, "", &problem.Error{Key: KeyUnreadable, Data: map[string]any{"File": src.FileName}, Err: err}
		}
		defer f.Close()
		if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
			return "", 0, "", &problem.Error{Key: KeyUnreadable, Data: map[string]any{"File": src.FileName}, Err: err}
		}
		r = f
	} else {
		r = bytes.NewReader(src.Content)
	}
	dir := ReceivedDir(store)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", 0, "", fmt.Errorf("make the folder of received workbooks: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".receiving-*")
	if err != nil {
		return "", 0, "", fmt.Errorf("keep the received workbook: %w", err)
	}
	defer func() {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return "", 0, "", fmt.Errorf("keep the received workbook: %w", err)
	}
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(tmp, h), r)
	if err != nil {
		return "", 0, "", &problem.Error{Key: KeyUnreadable, Data: map[string]any{"File": src.FileName}, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return "", 0, "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, "", fmt.Errorf("keep the received workbook: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, "", fmt.Errorf("keep the received workbook: %w", err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	path = ReceivedFile(store, sum)
	if _, err := os.Stat(path); err == nil {
		return sum, size, path, nil // kept before; the temporary copy goes
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", 0, "", fmt.Errorf("keep the received workbook: %w", err)
	}
	tmp = nil
	return sum, size, path, nil
}

// errAgain ends a write that found the file already received, changing nothing.
var errAgain = errors.New("received before")

// Intake takes in one workbook a town sent: it is kept (received/<sha256>.xlsx beside the
// ledger) and recorded with what came of it. The same mail received before, or the same file
// taken in before, changes nothing and is not recorded again; a file rejected before is read
// again and recorded only if it now goes in or is refused for another reason. A workbook that is not a TownLedger report, whose
// hash does not match its rows, from a town the district has not registered or, by mail, from
// an address not among that town's, is rejected with the reason. Else, by the town's period:
// with no version in force it is merged and in force; a newer version (see newer) supersedes
// the one in force in full, its records replacing all the old ones; the same content as the
// version in force is a duplicate, and an older or equal version arriving late changes
// nothing. Whoever may export reports may take them in.
func Intake(ctx context.Context, store *data.Store, by auth.Session, src Source) (Outcome, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return Outcome{}, err
	}
	return intake(ctx, store, by, src)
}

func intake(ctx context.Context, store *data.Store, by auth.Session, src Source) (Outcome, error) {
	switch {
	case src.FileName != "":
	case src.Path != "":
		src.FileName = filepath.Base(src.Path)
	default:
		src.FileName = "attachment.xlsx" // a mail's attachment without a name
	}
	if src.Via == "" {
		src.Via = data.SourceFolder
	}
	out := Outcome{File: src.FileName}
	sender := strings.ToLower(strings.TrimSpace(src.Sender))
	if a := townmail.Addresses(src.Sender); len(a) == 1 {
		sender = a[0]
	}
	if src.MessageID != "" {
		if prev, ok, err := store.ReceivedBefore(ctx, "", src.MessageID, src.Via, sender); err != nil {
			return out, err
		} else if ok {
			out.Result, out.Again, out.Report = data.ReceivedDuplicate, true, prev
			return out, nil
		}
	}
	sum, size, kept, err := keep(ctx, store, src)
	if err != nil {
		return out, err
	}
	// A file rejected before is read again (its town may have been registered since); it is
	// recorded again only when the reason changed.
	rejected := data.ReceivedReport{}
	if prev, ok, err := store.ReceivedBefore(ctx, sum, src.MessageID, src.Via, sender); err != nil {
		return out, err
	} else if ok && prev.Outcome != data.ReceivedRejected {
		out.Result, out.Again, out.Report = data.ReceivedDuplicate, true, prev
		return out, nil
	} else if ok {
		rejected = prev
	}
	rec := data.ReceivedReport{Source: src.Via, MessageID: src.MessageID, Sender: sender,
		FileName: src.FileName, FileSHA256: sum, FileSize: size, Version: src.Version}
	if rec.Version <= 0 {
		rec.Version = FileVersion(src.FileName)
	}
	sub, refusal, err := read(ctx, kept, src.FileName)
	if err != nil {
		return out, err
	}
	var rows []data.DistrictRow
	if refusal == nil {
		rec.FromTown, rec.Period, rec.ExportID, rec.ContentHash = sub.TownCode, sub.Period, sub.ExportID, sub.ContentHash
		figures := map[string]string{}
		for _, f := range sub.Figures {
			figures[f.Name] = f.Value
		}
		b, err := json.Marshal(figures)
		if err != nil {
			return out, fmt.Errorf("the cover's figures: %w", err)
		}
		rec.FiguresJSON = string(b)
		refusal = check(ctx, store, src, sub, &out)
		if refusal == nil {
			rows, refusal = districtRows(sub)
		}
	}
	if refusal != nil {
		rec.Outcome, rec.Reason = data.ReceivedRejected, reason(src, refusal)
		out.Err = refusal
		if rejected.ID != "" && rejected.Reason == rec.Reason {
			out.Result, out.Again, out.Report = data.ReceivedRejected, true, rejected
			return out, nil
		}
	}
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		rec.ReceivedAt = tx.Now()
		if prev, ok, err := tx.ReceivedBefore(sum, src.MessageID, src.Via, sender); err != nil {
			return err
		} else if ok && (prev.Outcome != data.ReceivedRejected || prev.Reason == rec.Reason) { // recorded meanwhile
			out.Result, out.Again, out.Report = data.ReceivedDuplicate, true, prev
			return errAgain
		}
		if rec.Outcome == data.ReceivedRejected {
			var err error
			rec.ID, err = tx.InsertReceivedReport(rec)
			return err
		}
		cur, ok, err := tx.ReportInForce(rec.FromTown, rec.Period)
		if err != nil {
			return err
		}
		switch {
		case !ok || newer(rec, cur):
			if ok {
				out.Replaced = cur
			}
			rec.ID, err = tx.MergeReport(rec, rows)
			rec.Outcome, rec.InForce = data.ReceivedMerged, true
			return err
		case rec.ContentHash == cur.ContentHash:
			rec.Outcome = data.ReceivedDuplicate
		default:
			rec.Outcome = data.ReceivedLate
		}
		out.InForce = cur
		rec.ID, err = tx.InsertReceivedReport(rec)
		return err
	})
	if errors.Is(err, errAgain) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Result, out.Report = rec.Outcome, rec
	return out, nil
}

// read reads the kept workbook as a submission: a refusal of the workbook comes back as
// refusal, a failure to read it (a cancelled intake) as err.
func read(ctx context.Context, path, name string) (sub report.Submission, refusal error, err error) {
	sub, err = report.ReadSubmissionFile(ctx, path)
	if err == nil {
		if strings.TrimSpace(sub.Period) == "" || strings.TrimSpace(sub.TownCode) == "" {
			return sub, problem.New(KeyNoPeriod, map[string]any{"File": name}), nil
		}
		return sub, nil, nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return sub, nil, ctxErr
	}
	var p *problem.Error
	var l problem.List
	var wp *workbook.Problems
	if errors.As(err, &p) || errors.As(err, &l) || errors.As(err, &wp) {
		return sub, err, nil
	}
	// Anything else the reader cannot make sense of is no workbook of ours either.
	return sub, &problem.Error{Key: KeyNotWorkbook, Data: map[string]any{"File": name}, Err: err}, nil
}

// check refuses a submission from a town the district has not registered, or, by mail, from
// an address that is not among the town's.
func check(ctx context.Context, store *data.Store, src Source, sub report.Submission, out *Outcome) error {
	town, ok, err := store.DistrictTownByCode(ctx, sub.TownCode)
	if err != nil {
		return err
	}
	if !ok {
		return problem.New(KeyTownUnknown, map[string]any{"Code": sub.TownCode, "File": src.FileName})
	}
	out.TownName = town.Name
	if src.Via == data.SourceMail {
		sender := townmail.Addresses(src.Sender)
		if len(sender) != 1 || !slices.Contains(townmail.Addresses(town.Emails), sender[0]) {
			return problem.New(KeySenderUnknown, map[string]any{"Sender": src.Sender, "Name": town.Name,
				"Emails": town.Emails})
		}
	}
	return nil
}

// districtRows are the submission's data rows, sheet by sheet in name order, each in row
// order; a record shown twice on one sheet is refused (the rows merge by record).
func districtRows(sub report.Submission) ([]data.DistrictRow, error) {
	sheets := make([]string, 0, len(sub.Rows))
	n := 0
	for s, rows := range sub.Rows {
		sheets = append(sheets, s)
		n += len(rows)
	}
	sort.Strings(sheets)
	out := make([]data.DistrictRow, 0, n)
	for _, s := range sheets {
		seen := make(map[string]int, len(sub.Rows[s]))
		for _, r := range sub.Rows[s] {
			if first, ok := seen[r.ID]; ok {
				return nil, problem.New(KeyDuplicateRecord, map[string]any{"Sheet": s, "Row": r.Row, "First": first, "ID": r.ID})
			}
			seen[r.ID] = r.Row
			out = append(out, data.DistrictRow{Sheet: s, Row: r.Row, Table: r.Table, RecordID: r.ID, Cells: r.Cells})
		}
	}
	return out, nil
}

// reason is a refusal in words for the record.
func reason(src Source, err error) string {
	if src.Say != nil {
		if s := src.Say(err); s != "" {
			return s
		}
	}
	return err.Error()
}

// PullFolder takes in every .xlsx workbook in dir, in name order, and lists what came of
// each: one that is refused or cannot be read does not stop the others. Excel's lock files
// (~$…) and hidden files are skipped. say puts refusals in words for the record (see
// Source.Say).
func PullFolder(ctx context.Context, store *data.Store, by auth.Session, dir string, say func(error) string) ([]Outcome, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &problem.Error{Key: KeyFolderMissing, Data: map[string]any{"Dir": dir}, Err: err}
	case err != nil:
		return nil, &problem.Error{Key: KeyFolderUnusable, Data: map[string]any{"Dir": dir}, Err: err}
	}
	var out []Outcome
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".xlsx") || strings.HasPrefix(name, "~$") ||
			strings.HasPrefix(name, ".") {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		o, err := intake(ctx, store, by, Source{Path: filepath.Join(dir, name), FileName: name, Via: data.SourceFolder, Say: say})
		if err != nil {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			o.Result, o.Err = "", err
		}
		out = append(out, o)
	}
	return out, nil
}
