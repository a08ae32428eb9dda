package cases

import (
	"context"
	"time"

	"townledger/app/cases/rules"
)

// Params is the package's Params on this ledger.
func (v *Service) Params(ctx context.Context, filed time.Time) (rules.Params, error) {
	return Params(ctx, v.store, filed)
}
