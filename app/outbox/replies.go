package outbox

import (
	"context"
	"time"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/app/problem"
	"townledger/data"
)

// CheckReplies looks in the inbox for the district's answer to each sent, unanswered
// version and records it; it returns the versions answered, each in its new state:
// acknowledged, or rejected with the district's reason (X-TownLedger-Receipt: rejected).
// Only an answer from the district's address(es) counts, never an automatic reply, and only
// one that names the version's Message-ID in In-Reply-To or References, or, from the
// district, repeats its subject after "Re:"/"回复：". Anything else changes nothing.
func CheckReplies(ctx context.Context, s *data.Store, by auth.Session, a townmail.Account) ([]data.ExportRecord, error) {
	if err := by.Require(auth.ExportReports); err != nil {
		return nil, err
	}
	history, err := s.Exports(ctx, "")
	if err != nil {
		return nil, err
	}
	town, _, err := s.Town(ctx)
	if err != nil {
		return nil, err
	}
	senders := DistrictAddresses(town)
	var answered []data.ExportRecord
	for _, e := range history {
		if e.State != data.ExportSent {
			continue
		}
		if len(senders) == 0 {
			return nil, problem.New(KeyNoDistrictEmail, nil) // no answer can count
		}
		since, err := time.Parse(data.TimeLayout, e.SentAt)
		if err != nil {
			since = time.Now().AddDate(0, -3, 0)
		}
		reply, found, err := townmail.FindReply(ctx, a, townmail.ReplyQuery{MessageID: e.MessageID,
			Subject: Subject(town.Name, e), Since: since.AddDate(0, 0, -1), Senders: senders})
		if err != nil {
			return answered, err
		}
		if !found {
			continue
		}
		err = s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
			if reply.Rejected {
				return tx.Reject(e.ID, reply.Reason)
			}
			return tx.Acknowledge(e.ID)
		})
		if err != nil {
			return answered, err
		}
		if fresh, err := s.Export(ctx, e.ID); err == nil {
			e = fresh
		}
		answered = append(answered, e)
	}
	return answered, nil
}
