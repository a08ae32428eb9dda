package data

import (
	"context"
	"testing"
)

func TestCatalogVersionsStatusAndCurrentItems(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	max := int64(5000000)
	var v1, v2, future string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		var err error
		if v1, err = tx.InsertCatalogItem(CatalogItem{Key: "K5", Code: "AQ-05", Name: "警示标志", Delegation: "grant",
			UnitMax: &max, EffectiveFrom: "2024-01-01",
			Refs:  []LegalRef{{Role: "basis", Law: "安全生产法", Article: 99, Paragraph: 1, Item: 1}, {Role: "obligation", Law: "安全生产法", Article: 35}},
			Tiers: []Tier{{Ordinal: 1, Name: "一阶", UnitMax: &max}}}); err != nil {
			return err
		}
		if n, err := tx.NextCatalogVersion("K5"); err != nil || n != 2 {
			t.Errorf("next version %d %v", n, err)
		}
		in, ok, err := tx.CatalogItem(v1)
		if err != nil || !ok || len(in.Refs) != 2 || in.Refs[0].Role != "obligation" || len(in.Tiers) != 1 {
			t.Errorf("inside the transaction: %+v %v %v", in, ok, err)
		}
		if v2, err = tx.InsertCatalogItem(CatalogItem{Key: "K5", Version: 2, Code: "AQ-05", Name: "警示标志（修订）",
			Delegation: "grant", EffectiveFrom: "2024-06-01"}); err != nil {
			return err
		}
		if err := tx.SetCatalogSupersedes(v2, v1); err != nil {
			return err
		}
		if err := tx.UpdateCatalogItemStatus(v1, "revised", "2024-05-31"); err != nil {
			return err
		}
		future, err = tx.InsertCatalogItem(CatalogItem{Key: "K9", Code: "AQ-09", Name: "将生效", Delegation: "entrust",
			EffectiveFrom: "2025-01-01"})
		if err != nil {
			return err
		}
		_, err = tx.InsertCatalogItem(CatalogItem{Key: "K0", Code: "AQ-00", Name: "已到期", Delegation: "grant",
			EffectiveFrom: "2020-01-01", EffectiveTo: "2023-12-31"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	old, _, _ := s.CatalogItem(ctx, v1)
	if old.Status != "revised" || old.EffectiveTo != "2024-05-31" || old.Name != "警示标志" || *old.UnitMax != max || len(old.Tiers) != 1 {
		t.Errorf("old version %+v", old)
	}
	if sup, err := s.CatalogSupersedes(ctx, v2); err != nil || sup != v1 {
		t.Errorf("supersedes %q %v", sup, err)
	}
	if sup, err := s.CatalogSupersedes(ctx, v1); err != nil || sup != "" {
		t.Errorf("first version supersedes %q %v", sup, err)
	}
	if _, err := s.CatalogSupersedes(ctx, "none"); KindOf(err) != ErrNotFound {
		t.Errorf("missing version: %v", err)
	}
	vs, err := s.CatalogVersions(ctx, "K5")
	if err != nil || len(vs) != 2 || vs[0].ID != v1 || vs[1].ID != v2 || vs[1].Version != 2 {
		t.Errorf("versions %+v %v", vs, err)
	}
	cur, err := s.CurrentCatalogItems(ctx, "2024-07-01")
	if err != nil || len(cur) != 2 || cur[0].ID != v2 || cur[1].ID != future {
		t.Errorf("current on 2024-07-01: %+v %v", cur, err)
	}
	err = s.Write(ctx, alice, func(tx *Tx) error {
		in, err := tx.CurrentCatalogItems("2024-07-01")
		if len(in) != 2 {
			t.Errorf("current inside a transaction: %+v", in)
		}
		if err != nil {
			return err
		}
		return tx.UpdateCatalogItemStatus(future, "recalled", "2025-01-01")
	})
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := s.CurrentCatalogItems(ctx, "2024-07-01"); len(cur) != 1 {
		t.Errorf("a recalled item is still current: %+v", cur)
	}
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.UpdateCatalogItemStatus(v1, "gone", "") }); err == nil {
		t.Error("an unknown status was stored")
	}
}
