package cases

import (
	"context"
	"townledger/app/cases/rules"
)

// Params is the package's Params on this ledger.
func (v *Service) Params(ctx context.Context) (rules.Params, error) {
	return Params(ctx, v.store)
}
