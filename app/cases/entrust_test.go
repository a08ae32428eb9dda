package cases_test

import (
	"context"
	"testing"

	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/settings"
	"townledger/data"
)

// A case decided in the bureau's name (委托) takes its number from the district's scheme, never
// from a counter of the town's own that would repeat the bureau's numbers.
func TestEntrustedCasesFollowTheDistrictsNumbering(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	admin := auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	items, _ := f.store.CatalogItemsInForce(ctx, "2026-03-01")
	var entrusted data.CatalogItem
	for _, it := range items {
		if it.Delegation == "entrust" {
			entrusted = it
			break
		}
	}
	if entrusted.ID == "" {
		t.Fatal("the demo catalogue has no 委托 item")
	}
	file := func(on string) (data.Case, error) {
		id, err := f.svc.File(ctx, f.officer, cases.Filing{Procedure: rules.General, PartyID: f.party.ID, ItemID: entrusted.ID,
			DiscoveredOn: day(on), FiledOn: day(on), Officers: officers})
		if err != nil {
			return data.Case{}, err
		}
		c, _, _ := f.store.Case(ctx, id)
		return c, nil
	}
	// Without the district's scheme the case is refused, saying what is missing.
	if err := settings.SetEntrust(ctx, f.store, admin, settings.EntrustNumbering{}); err != nil {
		t.Fatal(err)
	}
	if _, err := file("2026-03-02"); key(err) != cases.KeyNoNumbering {
		t.Fatalf("委托 case without a numbering: %v", err)
	}
	// A mark: the bureau's name, the town's mark, then the sequence; the filing's document too.
	if err := settings.SetEntrust(ctx, f.store, admin, settings.EntrustNumbering{Issuer: "示范区", Mark: "青石"}); err != nil {
		t.Fatal(err)
	}
	c, err := file("2026-03-02")
	if err != nil {
		t.Fatal(err)
	}
	if c.CaseNo != "示范区应急罚〔2026〕青石1号" {
		t.Errorf("marked number %q", c.CaseNo)
	}
	v, _ := f.svc.Load(ctx, c.ID, day("2026-03-02"))
	if v.Steps[0].DocNo != "示范区应急立〔2026〕青石1号" {
		t.Errorf("filing document %q", v.Steps[0].DocNo)
	}
	// A reserved range: numbers start at its first and stop at its last.
	if err := settings.SetEntrust(ctx, f.store, admin, settings.EntrustNumbering{Issuer: "示范区", From: 301, To: 302}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for range 2 {
		c, err := file("2026-03-03")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.CaseNo)
	}
	if got[0] != "示范区应急罚〔2026〕301号" || got[1] != "示范区应急罚〔2026〕302号" {
		t.Errorf("range numbers %v", got)
	}
	if _, err := file("2026-03-04"); key(err) != cases.KeyRangeUsed {
		t.Errorf("past the range: %v", err)
	}
}
