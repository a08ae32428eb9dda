package data

import (
	"context"
	"fmt"
	"testing"
)

func TestPartyLookupsByIdentifier(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	var gone string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		if _, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械厂", CreditCode: "91110000600037341L", Phone: "13812345678"}); err != nil {
			return err
		}
		if _, err := tx.InsertParty(Party{Kind: "person", Name: "张三", IDNumber: "11010519491231002X"}); err != nil {
			return err
		}
		var err error
		gone, err = tx.InsertParty(Party{Kind: "person", Name: "李四", IDNumber: "360426199101010071"})
		if err != nil {
			return err
		}
		return tx.softDelete("party", gone)
	})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok, err := s.PartyByCreditCode(ctx, "91110000600037341L"); err != nil || !ok || p.Name != "青石机械厂" || p.Kind != "org" || p.Phone != "13812345678" || p.IDNumber != "" {
		t.Errorf("PartyByCreditCode = %+v, %v, %v", p, ok, err)
	}
	if p, ok, err := s.PartyByIDNumber(ctx, "11010519491231002X"); err != nil || !ok || p.Name != "张三" || p.CreditCode != "" {
		t.Errorf("PartyByIDNumber = %+v, %v, %v", p, ok, err)
	}
	if _, ok, err := s.PartyByIDNumber(ctx, "360426199101010071"); err != nil || ok {
		t.Errorf("a deleted party was found: %v, %v", ok, err)
	}
	if _, ok, err := s.PartyByCreditCode(ctx, "91440300MA5DC12341"); err != nil || ok {
		t.Errorf("an unknown code was found: %v, %v", ok, err)
	}
	err = s.Write(ctx, alice, func(tx *Tx) error {
		if p, ok, err := tx.PartyByCreditCode("91110000600037341L"); err != nil || !ok || p.Name != "青石机械厂" {
			t.Errorf("Tx.PartyByCreditCode = %+v, %v, %v", p, ok, err)
		}
		if p, ok, err := tx.PartyByIDNumber("11010519491231002X"); err != nil || !ok || p.Name != "张三" {
			t.Errorf("Tx.PartyByIDNumber = %+v, %v, %v", p, ok, err)
		}
		// More values than one batch, with the known ones in different batches.
		values := []string{"91110000600037341L"}
		for i := 0; i < 2*identifierBatch; i++ {
			values = append(values, fmt.Sprintf("X%017d", i))
		}
		values = append(values, "11010519491231002X", "360426199101010071")
		found, err := tx.PartiesByIdentifier(values)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 2 || found["91110000600037341L"].Name != "青石机械厂" || found["11010519491231002X"].Name != "张三" {
			t.Errorf("PartiesByIdentifier = %+v", found)
		}
		if none, err := tx.PartiesByIdentifier(nil); err != nil || len(none) != 0 {
			t.Errorf("no values: %v, %v", none, err)
		}
		return tx.Event("test", "party", "", nil)
	})
	if err != nil {
		t.Fatal(err)
	}
}
