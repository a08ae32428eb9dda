package district

import (
	"context"
	"time"

	"townledger/app/auth"
	"townledger/app/report"
	"townledger/data"
)

// Consolidate writes the district's consolidated workbook of a period to path, a new file:
// the versions in force of its towns' workbooks added up (report.WriteConsolidated), prepared
// by preparer (填报人; the signed-in user when empty). Whoever may export reports may
// consolidate them.
func Consolidate(ctx context.Context, store *data.Store, by auth.Session, period, path string, now time.Time,
	preparer string) (report.Consolidation, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return report.Consolidation{}, err
	}
	if preparer == "" {
		preparer = by.DisplayName
	}
	if preparer == "" {
		preparer = by.Username
	}
	return report.WriteConsolidated(ctx, store, period, path, now, preparer)
}

// Consolidate is the package's Consolidate on this ledger.
func (v Service) Consolidate(ctx context.Context, by auth.Session, period, path string, now time.Time,
	preparer string) (report.Consolidation, error) {
	return Consolidate(ctx, v.store, by, period, path, now, preparer)
}
