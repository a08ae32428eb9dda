package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"townledger/app/auth"
	"townledger/app/workbook"
	"townledger/data"
)

// Record enters a written report in the export history as the period's next version
// (v1, v2 …, each superseding the last), under the export id written into the workbook, with
// the file's SHA-256 and the content hash, so the office and the district can tell versions
// apart. The workbook's bytes are kept with it: what is mailed later is exactly what was
// written. The workbook Write left waiting gets its path's name first; when either step
// fails, neither stays. Exporting needs the exporter's right: without it the written workbook
// is thrown away.
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

// SaveCopy writes the workbook kept with a history line to path, a new file (an existing one
// is refused, never overwritten): the very file that was exported and sent.
func SaveCopy(ctx context.Context, store *data.Store, exportID, path string) error {
	if err := refuseExisting(path); err != nil {
		return err
	}
	content, err := store.ExportFile(ctx, exportID)
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
	t, err := time.Parse(data.TimeLayout, stamp)
	if err != nil {
		return stamp
	}
	return t.Local().Format("2006-01-02 15:04")
}
