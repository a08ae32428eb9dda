package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/data"
)

func TestLoadFillsEverySectionOnce(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	today := time.Date(2024, 11, 20, 0, 0, 0, 0, time.Local)
	if err := Load(ctx, s, data.System, today); problem.From(err).Key != "demo.no_town" {
		t.Fatalf("demo without a town: %v", err)
	}
	s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	})
	if err := Load(ctx, s, data.System, today); err != nil {
		t.Fatal(err)
	}
	counts, _ := s.Counts(ctx)
	for kind, min := range map[data.ListKind]int{data.ListCatalog: 8, data.ListParties: 40, data.ListStaff: 15,
		data.ListTrainings: 10, data.ListActivities: 20} {
		if counts[kind] < min {
			t.Errorf("%s: %d records, want at least %d", kind, counts[kind], min)
		}
	}
	items, _, _ := s.List(ctx, data.ListParties, "", 0, 100)
	for _, it := range items {
		if len(it.Detail) >= 18 && it.Tag == "org" {
			if _, err := ids.ValidateCreditCode(it.Detail[:18]); err != nil {
				t.Errorf("demo enterprise %s has an invalid credit code: %v", it.Title, err)
			}
		}
	}
	if err := Load(ctx, s, data.System, today); problem.From(err).Key != "demo.loaded_already" {
		t.Errorf("second load: %v", err)
	}
	if br, _, err := s.VerifyAudit(ctx); br != nil || err != nil {
		t.Errorf("audit chain after demo: %v %v", br, err)
	}
}
