package cases

import (
	"context"

	"townledger/data"
)

// ListPage is the page of the case list that follows the row with key after (the Key of
// the last row of the page before): read from that row's place, as fast at the end of the
// list as at its start.
func (s *Service) ListPage(ctx context.Context, q data.CaseQuery, after data.CaseKey, limit int) ([]data.CaseRow, error) {
	return s.store.CasesAfter(ctx, q, after, limit)
}

// ListCount is how many cases match q; counted again only after the ledger changed.
func (s *Service) ListCount(ctx context.Context, q data.CaseQuery) (int, error) {
	return s.store.CaseCount(ctx, q)
}
