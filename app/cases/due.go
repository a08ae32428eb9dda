package cases

import (
	"context"
	"sort"
	"time"

	"townledger/app/cases/rules"
	"townledger/data"
)

// Attention is one deadline of an open case that needs someone: overdue or due soon.
type Attention struct {
	CaseID string
	CaseNo string
	Party  string
	Due
}

// Agenda is what the home page says about the cases in progress.
type Agenda struct {
	Open    int
	Overdue int
	DueSoon int
	Items   []Attention // overdue first, then by date
}

// AgendaOn collects the overdue and soon-due deadlines of every open case on today.
func (s *Service) AgendaOn(ctx context.Context, today time.Time) (Agenda, error) {
	var a Agenda
	ids, err := s.store.OpenCaseIDs(ctx)
	if err != nil {
		return a, err
	}
	a.Open = len(ids)
	en, err := s.env(ctx) // the calendar and settings once for all cases
	if err != nil {
		return a, err
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return a, err
		}
		v, err := s.loadWith(ctx, en, id, today)
		if err != nil {
			return a, err
		}
		for _, d := range v.Deadlines {
			switch d.Status {
			case rules.StatusOverdue:
				a.Overdue++
			case rules.StatusDueSoon:
				a.DueSoon++
			default:
				continue
			}
			a.Items = append(a.Items, Attention{CaseID: id, CaseNo: v.Case.CaseNo, Party: v.Party.Name, Due: d})
		}
	}
	sort.SliceStable(a.Items, func(i, j int) bool {
		oi, oj := a.Items[i].Status == rules.StatusOverdue, a.Items[j].Status == rules.StatusOverdue
		if oi != oj {
			return oi
		}
		return a.Items[i].Deadline.Due.Before(a.Items[j].Deadline.Due)
	})
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
