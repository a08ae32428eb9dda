package outbox

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/report"
	"townledger/data"
)

// KeyChanged says a sent version no longer matches the period's data (Period, Version,
// SentAt): a new version, superseding it, is needed.
const KeyChanged = "outbox.changed"

// Progress steps of SendPeriod, as translation keys.
const (
	StepExport = "outbox.step.export" // Period
	StepReuse  = "outbox.step.reuse"  // Period, Version
	StepSend   = "outbox.step.send"   // Period, Version, To
)

// Request is one "send the period's report" action.
type Request struct {
	Period     string
	Dir        string // where a new workbook is written
	Now        time.Time
	Preparer   string
	NewVersion bool                                  // send a new version although one was sent
	Progress   func(key string, data map[string]any) // optional
}

// Result is what SendPeriod did.
type Result struct {
	Export  data.ExportRecord // the version sent (or queued)
	Written bool              // a new version was written
	Outcome Outcome
}

// SendPeriod takes a period from "due" to "sent" in one step: it reuses the newest version
// when it still matches the data, or writes a new one (superseding the last), queues it and
// sends the outbox. A version already sent whose data are unchanged is not sent again; one
// whose data changed is replaced only when req.NewVersion says the person agreed.
func SendPeriod(ctx context.Context, s *data.Store, by auth.Session, c Config, a townmail.Account, req Request) (Result, error) {
	var res Result
	if err := by.Require(auth.ExportReports); err != nil {
		return res, err
	}
	if !c.Configured() {
		return res, problem.New(KeyNoAccount, nil)
	}
	from, to, err := period.Parse(req.Period)
	if err != nil {
		return res, err
	}
	period := period.Canonical(from, to)
	progress := func(key string, d map[string]any) {
		if req.Progress != nil {
			req.Progress(key, d)
		}
	}
	versions, err := s.Exports(ctx, period)
	if err != nil {
		return res, err
	}
	var reuse *data.ExportRecord
	if len(versions) > 0 {
		last := versions[0]
		changed, err := report.Changed(ctx, s, last, req.Now)
		if err != nil {
			return res, err
		}
		switch {
		case last.State == data.ExportQueued && changed:
			// Waiting, but the data moved on: the new version goes instead, unless the old
			// one is being sent right now.
			err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.WithdrawExport(last.ID) })
			if errors.Is(err, data.ErrBeingSent) {
				reuse = &last
			} else if err != nil {
				return res, err
			}
		case last.State == data.ExportQueued:
			reuse = &last // already waiting: send it now
		case (last.State == data.ExportSent || last.State == data.ExportAcknowledged) && !changed:
			return res, problem.New(KeyAlreadySent, map[string]any{"Period": period, "Version": last.Version,
				"SentAt": report.LocalTime(last.SentAt)})
		case (last.State == data.ExportSent || last.State == data.ExportAcknowledged) && !req.NewVersion:
			return res, problem.New(KeyChanged, map[string]any{"Period": period, "Version": last.Version,
				"SentAt": report.LocalTime(last.SentAt)})
		case last.State == data.ExportExported && !changed:
			reuse = &last
		}
	}
	if reuse != nil {
		res.Export = *reuse
		progress(StepReuse, map[string]any{"Period": period, "Version": reuse.Version})
	} else {
		progress(StepExport, map[string]any{"Period": period})
		if err := os.MkdirAll(req.Dir, 0o755); err != nil {
			return res, problem.New(report.KeyWrite, map[string]any{"Path": req.Dir, "Detail": err.Error()})
		}
		name := "执法工作报表_" + period + "_v" + strconv.Itoa(len(versions)+1) + "_" + req.Now.Format("20060102-150405") + ".xlsx"
		sum, err := report.Write(ctx, s, period, filepath.Join(req.Dir, name), req.Now, req.Preparer)
		if err != nil {
			return res, err
		}
		if res.Export, err = report.Record(ctx, s, by, sum); err != nil {
			return res, err
		}
		res.Written = true
	}
	switch res.Export.State {
	case data.ExportExported:
		if err := Queue(ctx, s, by, c, res.Export.ID); err != nil {
			return res, err
		}
	case data.ExportQueued: // waiting for a retry or for a person: asked now, so tried now
		err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.RetryExportNow(res.Export.ID) })
		if err != nil && !errors.Is(err, data.ErrNoAudit) {
			return res, err
		}
	}
	town, _, err := s.Town(ctx)
	if err != nil {
		return res, err
	}
	progress(StepSend, map[string]any{"Period": period, "Version": res.Export.Version, "To": town.DistrictEmail})
	res.Outcome, err = Process(ctx, s, by, a)
	if err != nil {
		return res, err
	}
	if fresh, err := s.Export(ctx, res.Export.ID); err == nil {
		res.Export = fresh
	}
	return res, nil
}

// ReportsDir is where the one-step send keeps the workbooks it writes: beside the database.
func ReportsDir(s *data.Store) string { return filepath.Join(filepath.Dir(s.Path()), "reports") }
