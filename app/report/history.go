package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

// Standing is where a period's versions stand with the district.
type Standing struct {
	// Received is the newest version the mail server accepted (sent, acknowledged or sent
	// back): what the district has. Versions are numbered in the order they went out, so it
	// is the received one with the highest number.
	Received *data.ExportRecord
	// Queued is the newest version waiting in the outbox.
	Queued *data.ExportRecord
	// Draft is the newest version written and never queued: it goes out only while it still
	// matches the data, under the district's next number.
	Draft *data.ExportRecord
}

// StandingOf reads a period's history (data.Store.Exports, newest first).
func StandingOf(versions []data.ExportRecord) Standing {
	var st Standing
	for i := range versions {
		e := &versions[i]
		switch {
		case e.Received():
			if st.Received == nil || e.Version > st.Received.Version {
				st.Received = e
			}
		case e.State == data.ExportQueued:
			if st.Queued == nil || e.Version > st.Queued.Version {
				st.Queued = e
			}
		case e.State == data.ExportExported && !e.Withdrawn():
			if st.Draft == nil {
				st.Draft = e
			}
		}
	}
	return st
}

// Latest is the version that says how far the period got: the one waiting in the outbox,
// else the one the district has, else the newest draft; nil when nothing was exported.
func (st Standing) Latest() *data.ExportRecord {
	switch {
	case st.Queued != nil && (st.Received == nil || st.Queued.Version > st.Received.Version):
		return st.Queued
	case st.Received != nil:
		return st.Received
	}
	return st.Draft
}

// NextVersion is the number the district will see on the period's next version: one more
// than the highest that went to the outbox or further.
func NextVersion(versions []data.ExportRecord) int {
	next := 1
	for _, e := range versions {
		if e.Issued() {
			next = max(next, e.Version+1)
		}
	}
	return next
}

// Same finds the version of the period that holds the data whose content hash is hash, so
// that data already exported are not exported as another version: the version the district
// has, when its data are these, else a version waiting in the outbox or a draft holding
// them. A version the district had before its newest is no match: those data sent again are
// a change. nil when none.
func Same(versions []data.ExportRecord, hash string) *data.ExportRecord {
	st := StandingOf(versions)
	if st.Received != nil && st.Received.ContentHash == hash {
		return st.Received
	}
	for i := range versions { // newest first
		e := &versions[i]
		// A draft whose workbook was dropped (a newer draft replaced it) is no match: its file
		// cannot be given again.
		if e.ContentHash == hash && (e.State == data.ExportQueued || e.State == data.ExportExported && !e.Withdrawn() && e.FileKept) {
			return e
		}
	}
	return nil
}

// Reused says Record gave back a version already in the history, its data being the same as
// the written report's, instead of recording a new one: the file at the summary's path is then
// that version's very file.
func Reused(sum Summary, rec data.ExportRecord) bool { return rec.ID != "" && rec.ID != sum.ExportID }

// Record enters a written report in the export history, under the export id written into the
// workbook, with the file's SHA-256 and the content hash, so the office and the district can
// tell versions apart. The workbook's bytes are kept with it: what is mailed later is exactly
// what was written. The workbook Write left waiting gets its path's name first; when either
// step fails, neither stays.
//
// Data already in the history are not recorded again: when the period's version the district
// has (or one waiting in the outbox, or a draft) holds the same data (Same), that version is
// returned and its kept workbook, not the one just written, is given the path's name — so the
// file is that version's very file, export id and SHA-256 alike (Reused tells). A new record
// is a draft (see data.Tx.RecordExport): it takes the district's next number when it is sent.
//
// Exporting needs the exporter's right: without it the written workbook is thrown away.
func Record(ctx context.Context, store *data.Store, by auth.Session, sum Summary) (data.ExportRecord, error) {
	pend := sum.pending
	if pend != nil && !pend.claim() {
		pend = nil // recorded already: the file at its path is recorded again
	}
	if err := by.Require(auth.ExportReports); err != nil {
		if pend != nil {
			pend.discard()
		}
		return data.ExportRecord{}, err
	}
	versions, err := store.Exports(ctx, sum.Period)
	if err != nil {
		if pend != nil {
			pend.discard()
		}
		return data.ExportRecord{}, err
	}
	if same := Same(versions, sum.ContentHash); same != nil {
		if pend != nil {
			return pend.reuse(ctx, store, *same, sum.Path)
		}
		return *same, nil
	}
	if pend != nil {
		return pend.place(ctx, store, by.Actor(), sum)
	}
	content, err := os.ReadFile(sum.Path)
	if err != nil {
		return data.ExportRecord{}, fmt.Errorf("read the written report: %w", err)
	}
	h := sha256.Sum256(content)
	var rec data.ExportRecord
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		var err error
		rec, err = tx.RecordExport(data.ExportRecord{ID: sum.ExportID, Period: sum.Period, FileName: filepath.Base(sum.Path),
			FileSHA256: hex.EncodeToString(h[:]), ContentHash: sum.ContentHash}, content)
		return err
	})
	return rec, err
}

// KeyFilePruned refuses a copy of a draft whose workbook was not kept: a newer version
// replaced it before it was sent (see data.Tx.RecordExport's retention rule).
const KeyFilePruned = "report.file_pruned"

// SaveCopy writes the workbook kept with a history line to path, a new file (an existing one
// is refused, never overwritten): the very file that was exported and sent.
func SaveCopy(ctx context.Context, store *data.Store, exportID, path string) error {
	if err := refuseExisting(path); err != nil {
		return err
	}
	content, err := store.ExportFile(ctx, exportID)
	if errors.Is(err, data.ErrFilePruned) {
		return &problem.Error{Key: KeyFilePruned, Err: err}
	}
	if err != nil {
		return err
	}
	err = workbook.SaveNewFunc(ctx, path, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	})
	return workbook.SaveError(err, path, KeyExists, KeyWrite)
}

// Author names who made a history line: the user's display name, or the command line.
func Author(ctx context.Context, store *data.Store, userID string) string {
	users, err := store.Users(ctx)
	if err == nil {
		for _, u := range users {
			if u.ID == userID {
				return u.DisplayName
			}
		}
	}
	return userID
}

// LocalTime shows a history time stamp (data.TimeLayout, UTC) as local date and time,
// "2024-10-05 09:30"; anything else is shown as it is.
func LocalTime(stamp string) string {
	t, err := ParseStamp(stamp)
	if err != nil {
		return stamp
	}
	return t.Format("2006-01-02 15:04")
}

// ParseStamp reads a history time stamp (data.TimeLayout, UTC) as local time.
func ParseStamp(stamp string) (time.Time, error) {
	t, err := time.Parse(data.TimeLayout, stamp)
	return t.Local(), err
}
