package report

import (
	"context"
	"time"

	"townledger/app/workbook"
	"townledger/data"
)

// WriteFile writes a report to path outside the export history, for tests that read the
// workbook itself.
func WriteFile(ctx context.Context, store *data.Store, p string, path string, now time.Time, preparer string) (Summary, error) {
	sum, err := Write(ctx, store, p, path, now, preparer)
	if err != nil {
		return sum, err
	}
	pend := sum.pending
	sum.pending = nil
	pend.claim()
	err = workbook.Place(pend.tmp, path)
	pend.tmp = nil
	pend.discard()
	return sum, err
}

// SetPause sets the hook an export calls at its named points ("written", "placed",
// "recorded"), for the tests that kill an export there.
func SetPause(f func(point string)) { pause = f }
