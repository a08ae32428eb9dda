package report

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"townledger/app/period"
	"townledger/app/settings"
	"townledger/data"
)

// Due states of a reporting period, as the home page shows them.
const (
	DueOpen         = "due"          // not sent, due day not passed
	DueOverdue      = "overdue"      // not sent, due day passed
	DueQueued       = "queued"       // in the outbox
	DueSent         = "sent"         // accepted by the mail server
	DueAcknowledged = "acknowledged" // the district replied
)

// Due is one period the district wants a report for.
type Due struct {
	Period   string // canonical, e.g. "2024-Q3"
	Kind     string // settings.PeriodMonth …
	From, To time.Time
	DueOn    time.Time          // the report.due_day-th of the month after To
	Latest   *data.ExportRecord // how far the period got (Standing.Latest): nil if never exported
	State    string             // DueOpen …
}

// DueList lists, for each period kind the district wants, the last finished period and the
// one before it while that is still unsent: unsent before sent, the latest first.
func DueList(ctx context.Context, store *data.Store, now time.Time) ([]Due, error) {
	kinds, err := settings.ReportKinds(ctx, store)
	if err != nil {
		return nil, err
	}
	dueDay, err := dueDay(ctx, store)
	if err != nil {
		return nil, err
	}
	history, err := store.Exports(ctx, "")
	if err != nil {
		return nil, err
	}
	byPeriod := map[string][]data.ExportRecord{}
	for _, e := range history {
		byPeriod[e.Period] = append(byPeriod[e.Period], e)
	}
	latest := map[string]*data.ExportRecord{}
	for p, versions := range byPeriod {
		latest[p] = StandingOf(versions).Latest()
	}
	since, err := ledgerSince(ctx, store)
	if err != nil {
		return nil, err
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var out []Due
	for _, kind := range kinds {
		last := lastFinished(kind, today)
		for i, from := range []time.Time{last, previous(kind, last)} {
			d := dueOf(kind, from, dueDay, today)
			if d.To.Before(since) {
				continue // it ended before the ledger began
			}
			d.Latest = latest[d.Period]
			d.State = dueState(d, today)
			if i == 1 && (d.State == DueSent || d.State == DueAcknowledged) {
				continue
			}
			out = append(out, d)
		}
	}
	rank := map[string]int{DueOverdue: 0, DueOpen: 1, DueQueued: 2, DueSent: 3, DueAcknowledged: 4}
	slices.SortStableFunc(out, func(a, b Due) int {
		if rank[a.State] != rank[b.State] {
			return rank[a.State] - rank[b.State]
		}
		return b.DueOn.Compare(a.DueOn) // the latest first: usually the one being worked on
	})
	return out, nil
}

// ledgerSince is the ledger's start (建账日期); zero for a ledger set up before it was kept.
func ledgerSince(ctx context.Context, store *data.Store) (time.Time, error) {
	v, ok, err := store.Setting(ctx, settings.LedgerSince)
	if err != nil || !ok {
		return time.Time{}, err
	}
	t, err := time.Parse(data.DateLayout, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, nil // unreadable: every period counts, as before
	}
	return t, nil
}

func dueDay(ctx context.Context, store *data.Store) (int, error) {
	v, err := settings.Get(ctx, store, settings.ReportDueDay)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > 28 {
		n, _ = strconv.Atoi(settings.Defaults[settings.ReportDueDay])
	}
	return n, nil
}

// months is the length of each period kind.
var months = map[string]int{settings.PeriodMonth: 1, settings.PeriodQuarter: 3, settings.PeriodHalf: 6, settings.PeriodYear: 12}

// lastFinished is the first day of the last period of kind that ended before today.
func lastFinished(kind string, today time.Time) time.Time {
	n := months[kind]
	m := (int(today.Month())-1)/n*n + 1 // the current period's first month
	current := time.Date(today.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return current.AddDate(0, -n, 0)
}

func previous(kind string, from time.Time) time.Time { return from.AddDate(0, -months[kind], 0) }

func dueOf(kind string, from time.Time, dueDay int, today time.Time) Due {
	to := from.AddDate(0, months[kind], -1)
	next := to.AddDate(0, 0, 1)
	return Due{Period: period.Canonical(from, to), Kind: kind, From: from, To: to,
		DueOn: time.Date(next.Year(), next.Month(), dueDay, 0, 0, 0, 0, time.UTC)}
}

// dueState says where the period stands; a version the district sent back leaves it due.
func dueState(d Due, today time.Time) string {
	if d.Latest != nil {
		switch d.Latest.State {
		case data.ExportAcknowledged:
			return DueAcknowledged
		case data.ExportSent:
			return DueSent
		case data.ExportQueued:
			return DueQueued
		}
	}
	if today.After(d.DueOn) {
		return DueOverdue
	}
	return DueOpen
}

// Changed says whether the period's data differ from what version e holds: the fingerprint
// of the data today against the version's content hash.
func Changed(ctx context.Context, store *data.Store, e data.ExportRecord, now time.Time) (bool, error) {
	h, err := Fingerprint(ctx, store, e.Period, now)
	if err != nil {
		return false, err
	}
	return h != e.ContentHash, nil
}

// Offered are the periods the 数据报送 page offers, in the order a clerk wants them: the
// periods the district asks for (the one due latest first), then the last finished month,
// quarter, half-year and year, the most recent first, then this year so far. Repeats go.
func Offered(ctx context.Context, store *data.Store, now time.Time) ([]string, error) {
	due, err := DueList(ctx, store, now)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(due, func(a, b Due) int { return b.DueOn.Compare(a.DueOn) })
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, d := range due {
		add(d.Period)
	}
	y, m := now.Year(), int(now.Month())
	type finished struct {
		name string
		end  time.Time
	}
	var past []finished
	month := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	past = append(past, finished{month.Format("2006-01"), month.AddDate(0, 1, -1)})
	q := (m-1)/3 + 1 // this quarter; the last finished one is before it
	qy, qn := y, q-1
	if qn == 0 {
		qy, qn = y-1, 4
	}
	past = append(past, finished{fmt.Sprintf("%d-Q%d", qy, qn), time.Date(qy, time.Month(qn*3), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, -1)})
	if m > 6 {
		past = append(past, finished{fmt.Sprintf("%d-H1", y), time.Date(y, 6, 30, 0, 0, 0, 0, time.UTC)})
	} else {
		past = append(past, finished{fmt.Sprintf("%d-H2", y-1), time.Date(y-1, 12, 31, 0, 0, 0, 0, time.UTC)})
	}
	past = append(past, finished{strconv.Itoa(y - 1), time.Date(y-1, 12, 31, 0, 0, 0, 0, time.UTC)})
	slices.SortStableFunc(past, func(a, b finished) int { return b.end.Compare(a.end) })
	for _, p := range past {
		add(p.name)
	}
	add(strconv.Itoa(y))
	return out, nil
}
