package cases

import (
	"context"
	"fmt"
	"time"

	"townledger/app/cases/rules"
	"townledger/app/settings"
	"townledger/data"
)

// Attention is an open case whose next date the office must meet is past or near.
type Attention struct {
	CaseID string
	CaseNo string
	Party  string
	Due
}

// Agenda is what the home page says about the cases in progress.
type Agenda struct {
	Open     int
	Overdue  int // open cases whose next date is past: the case list's 已逾期 filter
	DueSoon  int // open cases due within SoonDays (the office's setting): the list's 即将到期
	SoonDays int
	// Items are the first AgendaLines of them, overdue first, then by date.
	Items []Attention
}

// More is how many overdue or soon-due cases the agenda counts but does not list.
func (a Agenda) More() int { return max(a.Overdue+a.DueSoon-len(a.Items), 0) }

// AgendaLines is how many cases the home page lists.
const AgendaLines = 8

// AgendaOn is the home page's agenda on today: one indexed read of the cases' stored next
// dates (kept current on every step, as the case list shows them), so the counts are the
// case list's own and the time taken does not grow with the number of open cases. A case
// without a next date is never on it.
func (s *Service) AgendaOn(ctx context.Context, today time.Time) (Agenda, error) {
	var a Agenda
	w, err := s.DueWindow(ctx, today)
	if err != nil {
		return a, err
	}
	cal, err := settings.Calendar(ctx, s.store)
	if err != nil {
		return a, err
	}
	d, err := s.store.DueCases(ctx, w.Today, w.SoonTo, AgendaLines)
	if err != nil {
		return a, err
	}
	a.Open, a.Overdue, a.DueSoon, a.SoonDays = d.Open, d.Overdue, d.Soon, w.Days()
	for _, r := range d.Rows {
		on, err := time.ParseInLocation(data.DateLayout, r.NextDueOn, time.Local)
		if err != nil {
			return a, fmt.Errorf("case %s: next date %q: %w", r.CaseNo, r.NextDueOn, err)
		}
		a.Items = append(a.Items, Attention{CaseID: r.ID, CaseNo: r.CaseNo, Party: r.Party,
			Due: Due{Deadline: rules.Deadline{Kind: r.NextDueKind, Due: on}, Status: w.StatusOf(r.NextDueOn), Guessed: !cal.Covers(on.Year())}})
	}
	return a, nil
}

// Window is the case list's view of deadlines on one day: what is overdue and what is due
// soon (within the office's DueSoonDays setting).
type Window struct {
	Today  string // YYYY-MM-DD
	SoonTo string // the last day that still counts as due soon
}

// DueWindow is the deadline window on today under the office's settings.
func (s *Service) DueWindow(ctx context.Context, today time.Time) (Window, error) {
	p, err := Params(ctx, s.store, today)
	if err != nil {
		return Window{}, err
	}
	return Window{Today: today.Format(data.DateLayout), SoonTo: today.AddDate(0, 0, p.DueSoonDays).Format(data.DateLayout)}, nil
}

// Days is how many days ahead count as due soon.
func (w Window) Days() int {
	from, err1 := time.Parse(data.DateLayout, w.Today)
	to, err2 := time.Parse(data.DateLayout, w.SoonTo)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(to.Sub(from).Hours()+12) / 24
}

// StatusOf a next-due date (YYYY-MM-DD) in the window: rules.StatusOverdue,
// rules.StatusDueSoon, or rules.StatusOK ("" dates included).
func (w Window) StatusOf(due string) string {
	switch {
	case due == "":
		return rules.StatusOK
	case due < w.Today:
		return rules.StatusOverdue
	case due <= w.SoonTo:
		return rules.StatusDueSoon
	}
	return rules.StatusOK
}
