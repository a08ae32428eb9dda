package cases

import (
	"context"
	"sort"
	"time"

	"townledger/app/cases/rules"
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
