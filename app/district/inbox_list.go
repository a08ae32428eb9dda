package district

import (
	"context"
	"slices"

	"townledger/data"
)

// Inbox lists every workbook the district received, whatever came of it, the latest first,
// for the window's 收件 list.
func (v Service) Inbox(ctx context.Context) ([]data.ReceivedReport, error) {
	l, err := v.store.ReceivedSince(ctx, "")
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(l, func(a, b data.ReceivedReport) int {
		if a.ReceivedAt != b.ReceivedAt {
			if a.ReceivedAt > b.ReceivedAt {
				return -1
			}
			return 1
		}
		return 0
	})
	return l, nil
}
