package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"townledger/app/auth"
	"townledger/data"
)

// Record enters a written report in the export history as the period's next version
// (v1, v2 …, each superseding the last), with the file's SHA-256 and the content hash, so
// the office and the district can tell versions apart. Exporting needs the exporter's right.
func Record(ctx context.Context, store *data.Store, by auth.Session, sum Summary) (data.ExportRecord, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return data.ExportRecord{}, err
	}
	f, err := os.Open(sum.Path)
	if err != nil {
		return data.ExportRecord{}, fmt.Errorf("read the written report: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return data.ExportRecord{}, fmt.Errorf("read the written report: %w", err)
	}
	var rec data.ExportRecord
	err = store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		var err error
		rec, err = tx.RecordExport(data.ExportRecord{Period: sum.Period, FileName: filepath.Base(sum.Path),
			FileSHA256: hex.EncodeToString(h.Sum(nil)), ContentHash: sum.ContentHash})
		return err
	})
	return rec, err
}
