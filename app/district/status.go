package district

import (
	"context"
	"strings"

	"townledger/app/period"
	"townledger/data"
)

// A town's standing for a period.
const (
	StateReceived = "received" // a version is in force
	StateRejected = "rejected" // nothing in force; what it sent was rejected
	StateMissing  = "missing"  // nothing in force, nothing rejected
)

// TownStatus is what one town sent for a period.
type TownStatus struct {
	Town       data.DistrictTown
	Registered bool   // false for a code that sent something but is not on the register
	State      string // StateReceived, StateRejected or StateMissing
	InForce    data.ReceivedReport
	// Everything else received for the period, in order of version and arrival.
	Superseded, Late, Duplicates, Rejected []data.ReceivedReport
}

// Status lists, for a period, every registered town by division code and then every
// unregistered code that sent something: the version in force and what else came.
func Status(ctx context.Context, store *data.Store, p string) ([]TownStatus, error) {
	from, to, err := period.Parse(strings.TrimSpace(p))
	if err != nil {
		return nil, err
	}
	p = period.Canonical(from, to)
	towns, err := store.DistrictTowns(ctx)
	if err != nil {
		return nil, err
	}
	received, err := store.ReceivedReports(ctx, p)
	if err != nil {
		return nil, err
	}
	out := make([]TownStatus, 0, len(towns))
	at := map[string]int{}
	for _, t := range towns {
		at[t.DivisionCode] = len(out)
		out = append(out, TownStatus{Town: t, Registered: true, State: StateMissing})
	}
	for _, r := range received {
		i, ok := at[r.FromTown]
		if !ok {
			at[r.FromTown] = len(out)
			i = len(out)
			out = append(out, TownStatus{Town: data.DistrictTown{DivisionCode: r.FromTown}, State: StateMissing})
		}
		s := &out[i]
		switch {
		case r.InForce:
			s.InForce = r
		case r.Outcome == data.ReceivedSuperseded:
			s.Superseded = append(s.Superseded, r)
		case r.Outcome == data.ReceivedLate:
			s.Late = append(s.Late, r)
		case r.Outcome == data.ReceivedDuplicate:
			s.Duplicates = append(s.Duplicates, r)
		case r.Outcome == data.ReceivedRejected:
			s.Rejected = append(s.Rejected, r)
		}
	}
	for i := range out {
		switch {
		case out[i].InForce.ID != "":
			out[i].State = StateReceived
		case len(out[i].Rejected) > 0:
			out[i].State = StateRejected
		}
	}
	return out, nil
}
