package report

import (
	"context"
	"slices"
	"time"

	"townledger/app/period"
	"townledger/app/settings"
	"townledger/data"
)

// States of a period in the year's status list, beside the Due states (DueOpen, DueOverdue,
// DueQueued, DueSent, DueAcknowledged).
const (
	StatusNotEnded     = "not_ended"         // the period has not ended yet
	StatusBeforeLedger = "before_ledger"     // it ended before the ledger began: nothing to report
	StatusRejected     = data.ExportRejected // the district sent the version back
)

// PeriodStatus is one period's line in the year's status list.
type PeriodStatus struct {
	Period   string // canonical, e.g. "2026-Q1"
	Kind     string // settings.PeriodMonth …
	From, To time.Time
	DueOn    time.Time
	Wanted   bool // a kind the district asks for (else listed because it was exported)
	Standing      // the version the district has, the one waiting in the outbox, the newest draft
	// Out is how far the period got (Standing.Latest) when that went to the outbox or further:
	// the waiting version, else the one the district has; nil when none did.
	Out *data.ExportRecord
	// Versions counts the versions that went to the outbox or further: v1 … vN as the
	// district numbers them.
	Versions int
	State    string // StatusNotEnded, StatusBeforeLedger, DueOpen, DueOverdue, DueQueued, DueSent, DueAcknowledged, StatusRejected
	// Changed: the period's data today differ from the version the district has (from the
	// waiting one when it has none); false when neither exists.
	Changed bool
}

// Status lists every period of year the district asks for (the kinds in the settings), and
// any other period of that year with versions in the export history: when each is due,
// how many versions went out, how far the period got (queued, sent, acknowledged or sent
// back, as report.StandingOf reads the history) and whether the data changed since. Periods
// are in the order they end, a shorter one before a longer one ending the same day.
func Status(ctx context.Context, store *data.Store, year int, now time.Time) ([]PeriodStatus, error) {
	kinds, err := settings.ReportKinds(ctx, store)
	if err != nil {
		return nil, err
	}
	dueDay, err := dueDay(ctx, store)
	if err != nil {
		return nil, err
	}
	since, err := ledgerSince(ctx, store)
	if err != nil {
		return nil, err
	}
	history, err := store.Exports(ctx, "")
	if err != nil {
		return nil, err
	}
	byPeriod := map[string][]data.ExportRecord{} // newest first, as Exports gives them
	for _, e := range history {
		byPeriod[e.Period] = append(byPeriod[e.Period], e)
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var out []PeriodStatus
	seen := map[string]bool{}
	add := func(kind string, from time.Time, wanted bool) {
		d := dueOf(kind, from, dueDay, today)
		if seen[d.Period] {
			return
		}
		seen[d.Period] = true
		out = append(out, PeriodStatus{Period: d.Period, Kind: kind, From: d.From, To: d.To, DueOn: d.DueOn, Wanted: wanted})
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, kind := range kinds {
		for from := start; from.Year() == year; from = from.AddDate(0, months[kind], 0) {
			add(kind, from, true)
		}
	}
	for p := range byPeriod {
		from, to, err := period.Parse(p)
		if err != nil || from.Year() != year {
			continue
		}
		if kind, ok := kindOf(from, to); ok {
			add(kind, from, false)
		}
	}
	slices.SortStableFunc(out, func(a, b PeriodStatus) int {
		if c := a.To.Compare(b.To); c != 0 {
			return c
		}
		return b.From.Compare(a.From)
	})
	for i := range out {
		s := &out[i]
		versions := byPeriod[s.Period]
		s.Standing = StandingOf(versions)
		for _, e := range versions {
			if e.Issued() {
				s.Versions++
			}
		}
		if l := s.Latest(); l != nil && l.Issued() {
			s.Out = l
		}
		s.State = statusState(*s, since, today)
		base := s.Received
		if base == nil {
			base = s.Queued
		}
		if base != nil {
			h, err := Fingerprint(ctx, store, s.Period, now)
			if err != nil {
				return nil, err
			}
			s.Changed = h != base.ContentHash
		}
	}
	return out, nil
}

// kindOf names the kind of a parsed period; ok is false for a range that is none of them.
func kindOf(from, to time.Time) (string, bool) {
	if from.Day() != 1 {
		return "", false
	}
	for _, kind := range settings.PeriodKinds {
		n := months[kind]
		if (int(from.Month())-1)%n == 0 && from.AddDate(0, n, -1).Equal(to) {
			return kind, true
		}
	}
	return "", false
}

func statusState(s PeriodStatus, since, today time.Time) string {
	if s.Out != nil {
		switch s.Out.State {
		case data.ExportAcknowledged:
			return DueAcknowledged
		case data.ExportSent:
			return DueSent
		case data.ExportQueued:
			return DueQueued
		case data.ExportRejected:
			return StatusRejected
		}
	}
	switch {
	case !today.After(s.To):
		return StatusNotEnded
	case s.To.Before(since):
		return StatusBeforeLedger
	case today.After(s.DueOn):
		return DueOverdue
	}
	return DueOpen
}

// Status is the package's Status on this ledger.
func (v Service) Status(ctx context.Context, year int, now time.Time) ([]PeriodStatus, error) {
	return Status(ctx, v.store, year, now)
}
