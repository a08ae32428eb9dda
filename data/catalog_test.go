package data

import (
	"context"
	"testing"
)

func TestCatalogItemRoundTripWithRefsAndTiers(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	max := int64(5000000)
	t1min, t1max := int64(1000000), int64(1000000)
	var id string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		var err error
		id, err = tx.InsertCatalogItem(CatalogItem{Key: "AQSC-05", Code: "AQ-05", Name: "未设置安全警示标志", Delegation: "grant",
			UnitMax: &max, EffectiveFrom: "2024-01-01",
			Refs:  []LegalRef{{Role: "basis", Law: "安全生产法", Article: 99, Paragraph: 1, Item: 1}, {Role: "obligation", Law: "安全生产法", Article: 35}},
			Tiers: []Tier{{Ordinal: 1, Name: "一阶", Condition: "1处", UnitMin: &t1min, UnitMax: &t1max}}})
		if err != nil {
			return err
		}
		_, err = tx.InsertCatalogItem(CatalogItem{Key: "OLD", Code: "AQ-00", Name: "已收回事项", Delegation: "entrust",
			EffectiveFrom: "2020-01-01", EffectiveTo: "2023-12-31"})
		if err != nil {
			return err
		}
		// Revised from 2024-07-01: the old version stays in force until the day before.
		_, err = tx.InsertCatalogItem(CatalogItem{Key: "K9", Code: "AQ-09", Name: "将修订事项", Delegation: "grant",
			EffectiveFrom: "2023-01-01", EffectiveTo: "2024-06-30", Status: "revised"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	it, ok, err := s.CatalogItem(ctx, id)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if *it.UnitMax != max || it.UnitMin != nil || len(it.Refs) != 2 || it.Refs[0].Role != "obligation" ||
		it.Refs[1].Item != 1 || len(it.Tiers) != 1 || *it.Tiers[0].UnitMax != t1max {
		t.Errorf("item %+v", it)
	}
	inForce, _ := s.CatalogItemsInForce(ctx, "2024-06-01")
	if len(inForce) != 2 || inForce[0].Code != "AQ-05" || inForce[1].Code != "AQ-09" {
		t.Errorf("in force on 2024-06-01: %+v", inForce)
	}
	if later, _ := s.CatalogItemsInForce(ctx, "2024-07-01"); len(later) != 1 {
		t.Errorf("in force on 2024-07-01: %+v", later)
	}
	if old, _ := s.CatalogItemsInForce(ctx, "2022-06-01"); len(old) != 1 || old[0].Code != "AQ-00" {
		t.Errorf("in force on 2022-06-01: %+v", old)
	}
}
