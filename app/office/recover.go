package office

import (
	"context"
	"log"

	"townledger/app/demo"
	"townledger/app/report"
	"townledger/data"
)

// finishInterrupted deals with what a TownLedger stopped part way (killed, crashed, a power
// cut) left in this ledger: a demo load cut short is finished, and an export cut short leaves
// neither a temporary workbook in its folder nor a workbook without its history line. Work
// another TownLedger still runs on the ledger is left alone. A failure is logged and the
// ledger opens all the same: the next start tries again.
func finishInterrupted(ctx context.Context, s *data.Store) {
	if err := demo.Resume(ctx, s); err != nil {
		log.Printf("finish the demo load cut short: %v", err)
	}
	rec, err := report.Recover(ctx, s)
	if err != nil {
		log.Printf("tidy up exports cut short: %v", err)
	}
	if rec.Exports > 0 {
		log.Printf("exports cut short: %d; unrecorded workbooks removed: %d, temporary files removed: %d",
			rec.Exports, rec.Removed, rec.Leftover)
	}
}
