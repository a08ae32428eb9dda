package outbox

import (
	"context"
	"time"

	"townledger/app/auth"
	townmail "townledger/app/mail"
	"townledger/data"
)

// CheckReplies looks in the inbox for the district's reply to each sent, unacknowledged
// version (by In-Reply-To / References, else by subject) and marks those found acknowledged;
// it returns them. A reply that matches no version changes nothing.
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
	var acked []data.ExportRecord
	for _, e := range history {
		if e.State != data.ExportSent {
			continue
		}
		since, err := time.Parse(data.TimeLayout, e.SentAt)
		if err != nil {
			since = time.Now().AddDate(0, -3, 0)
		}
		_, found, err := townmail.FindReply(ctx, a, townmail.ReplyQuery{MessageID: e.MessageID,
			Subject: Subject(town.Name, e), Since: since.AddDate(0, 0, -1)})
		if err != nil {
			return acked, err
		}
		if !found {
			continue
		}
		if err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.Acknowledge(e.ID) }); err != nil {
			return acked, err
		}
		e.State = data.ExportAcknowledged
		acked = append(acked, e)
	}
	return acked, nil
}
