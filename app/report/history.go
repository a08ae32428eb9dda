package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"townledger/app/auth"
	"townledger/data"
)

// Record enters a written report in the export history as the period's next version
// (v1, v2 …, each superseding the last), under the export id written into the workbook, with
// the file's SHA-256 and the content hash, so the office and the district can tell versions
// apart. The workbook's bytes are kept with it: what is mailed later is exactly what was
// written. Exporting needs the exporter's right.
func Record(ctx context.Context, store *data.Store, by auth.Session, sum Summary) (data.ExportRecord, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return data.ExportRecord{}, err
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
