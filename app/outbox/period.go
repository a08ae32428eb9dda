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

// KeyChanged says the version the district has no longer matches the period's data
// (Period, Version, SentAt, Next): a new version, Next, superseding it, is sent only once the
// person agrees (Request.NewVersion).
const KeyChanged = "outbox.changed"

// KeyRejectedUnchanged says the district sent the period's version back and the data have not
// changed since (Period, Version, SentAt): the same data are not sent again.
const KeyRejectedUnchanged = "outbox.rejected_unchanged"

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
	NewVersion bool                                  // the person agreed to replace the version the district has
	Progress   func(key string, data map[string]any) // optional
}

// Result is what SendPeriod did.
type Result struct {
	Export  data.ExportRecord // the version sent (or queued)
	Written bool              // a new workbook was written for it
	Outcome Outcome
}

// SendPeriod takes a period from "due" to "sent" in one step. What the district gets is
// decided against the version it has (report.Standing's Received), whatever was exported in
// between:
//
//   - the data are those it has: nothing is sent (KeyAlreadySent), and a version waiting in
//     the outbox with other data is taken back out;
//   - a version waiting in the outbox holds the data: it is sent now;
//   - the data changed since the version it has: a new version, superseding it, goes only
//     when req.NewVersion says the person agreed (else KeyChanged); a version the district
//     sent back is replaced without asking, once the data changed (else KeyRejectedUnchanged);
//   - otherwise the newest draft holding the data, or a workbook written now, is queued under
//     the district's next number (data.Tx.NumberForSending): the district sees v1, v2, v3 …
//     in the order they went out.
//
// A version waiting with data that changed since is taken out of the outbox, unless it is
// being sent at that moment, when it goes and is reported.
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
	current, err := report.Fingerprint(ctx, s, period, req.Now)
	if err != nil {
		return res, err
	}
	st := report.StandingOf(versions)
	// withdraw takes a waiting version with other data out of the outbox; false when a
	// process is sending it right now.
	withdraw := func(q data.ExportRecord) (bool, error) {
		err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.WithdrawExport(q.ID) })
		if errors.Is(err, data.ErrBeingSent) {
			return false, nil
		}
		return err == nil, err
	}
	var use *data.ExportRecord
	switch got := st.Received; {
	case got != nil && got.ContentHash == current:
		if q := st.Queued; q != nil && q.ContentHash != current {
			if _, err := withdraw(*q); err != nil {
				return res, err
			}
		}
		d := map[string]any{"Period": period, "Version": got.Version, "SentAt": report.LocalTime(got.SentAt)}
		if got.State == data.ExportRejected {
			return res, problem.New(KeyRejectedUnchanged, d)
		}
		return res, problem.New(KeyAlreadySent, d)
	case st.Queued != nil && st.Queued.ContentHash == current:
		use = st.Queued // already waiting: sent now
	case got != nil && got.State != data.ExportRejected && !req.NewVersion:
		return res, problem.New(KeyChanged, map[string]any{"Period": period, "Version": got.Version,
			"SentAt": report.LocalTime(got.SentAt), "Next": report.NextVersion(versions)})
	}
	if q := st.Queued; use == nil && q != nil {
		// Waiting with data that changed since: the current data go instead, unless it is
		// being sent right now.
		if out, err := withdraw(*q); err != nil {
			return res, err
		} else if !out {
			use = q
		}
	}
	if use == nil && st.Draft != nil && st.Draft.ContentHash == current {
		use = st.Draft
	}
	if use == nil {
		progress(StepExport, map[string]any{"Period": period})
		if err := os.MkdirAll(req.Dir, 0o755); err != nil {
			return res, problem.New(report.KeyWrite, map[string]any{"Path": req.Dir, "Detail": err.Error()})
		}
		if versions, err = s.Exports(ctx, period); err != nil { // the number without a withdrawn version
			return res, err
		}
		name := "执法工作报表_" + period + "_v" + strconv.Itoa(report.NextVersion(versions)) + "_" +
			req.Now.Format("20060102-150405") + ".xlsx"
		sum, err := report.Write(ctx, s, period, filepath.Join(req.Dir, name), req.Now, req.Preparer)
		if err != nil {
			return res, err
		}
		rec, err := report.Record(ctx, s, by, sum)
		if err != nil {
			return res, err
		}
		res.Written = !report.Reused(sum, rec)
		use = &rec
	}
	res.Export = *use
	switch res.Export.State {
	case data.ExportExported:
		err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
			var err error
			res.Export, err = tx.NumberForSending(res.Export.ID)
			return err
		})
		if err != nil && !errors.Is(err, data.ErrNoAudit) { // no audit row: numbered already
			return res, err
		}
		if !res.Written {
			progress(StepReuse, map[string]any{"Period": period, "Version": res.Export.Version})
		}
		if err := Queue(ctx, s, by, c, res.Export.ID); err != nil {
			return res, err
		}
	case data.ExportQueued: // waiting for a retry or for a person: asked now, so tried now
		progress(StepReuse, map[string]any{"Period": period, "Version": res.Export.Version})
		err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.RetryExportNow(res.Export.ID) })
		if err != nil && !errors.Is(err, data.ErrNoAudit) {
			return res, err
		}
	default: // the district has it (another process sent it meanwhile)
		return res, problem.New(KeyAlreadySent, map[string]any{"Period": period, "Version": res.Export.Version,
			"SentAt": report.LocalTime(res.Export.SentAt)})
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
