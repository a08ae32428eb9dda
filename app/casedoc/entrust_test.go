package casedoc_test

import (
	"context"
	"strings"
	"testing"

	"townledger/app/casedoc"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/settings"
	"townledger/data"
)

// TestEntrustedCaseIsInTheBureausName: a case of a 委托 item is the bureau's: its documents
// carry the bureau's full name and the district's numbering with the town's mark, while a
// 赋权 case's carry the town's.
func TestEntrustedCaseIsInTheBureausName(t *testing.T) {
	s, svc, ids := demo(t)
	ctx := context.Background()
	if err := settings.SetEntrust(ctx, s, admin(), settings.EntrustNumbering{Issuer: "示范区", Mark: "青石"}); err != nil {
		t.Fatal(err)
	}
	items, err := s.CatalogItemsInForce(ctx, "2023-11-20")
	if err != nil {
		t.Fatal(err)
	}
	var item data.CatalogItem
	for _, it := range items {
		if it.Delegation == "entrust" {
			item = it
		}
	}
	staff, err := s.Officers(ctx)
	if err != nil || item.ID == "" || len(staff) < 2 {
		t.Fatalf("the demo has no 委托 item or officers: %v", err)
	}
	v, err := cases.New(s).Load(ctx, ids[0], demoDay)
	if err != nil {
		t.Fatal(err)
	}
	on := demoDay.AddDate(0, 0, -10)
	id, err := cases.New(s).File(ctx, admin(), cases.Filing{Procedure: rules.General, PartyID: v.Party.ID, ItemID: item.ID,
		DiscoveredOn: on, FiledOn: on, Officers: []rules.Officer{{Name: staff[0].Name, Certified: true}, {Name: staff[1].Name, Certified: true}}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := svc.Build(ctx, id, casedoc.KindFiling, casedoc.Texts{}, demoDay)
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text()
	if d.No != "示范区应急立〔2023〕青石1号" || !strings.Contains(text, "示范区应急管理局") || strings.Contains(text, "青石镇人民政府") {
		t.Errorf("委托 filing numbered %q:\n%s", d.No, text)
	}
	own, err := svc.Build(ctx, ids[0], casedoc.KindFiling, casedoc.Texts{}, demoDay)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(own.Text(), "青石镇人民政府") || strings.Contains(own.Text(), "示范区应急管理局") {
		t.Errorf("赋权 filing:\n%s", own.Text())
	}
}
