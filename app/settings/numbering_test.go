package settings

import (
	"context"
	"testing"

	"path/filepath"
	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

func TestSetEntrustRefusesWhatCannotNumber(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "n.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"})
		return err
	})
	admin := auth.Session{UserID: "a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	for _, tt := range []struct {
		name string
		n    EntrustNumbering
		key  string
	}{
		{"no name", EntrustNumbering{Mark: "青石"}, KeyEntrustIssuer},
		{"digits in the name", EntrustNumbering{Issuer: "示范区2", Mark: "青石"}, KeyEntrustIssuer},
		{"nothing to keep numbers apart", EntrustNumbering{Issuer: "示范区"}, KeyEntrustApart},
		{"a mark with brackets", EntrustNumbering{Issuer: "示范区", Mark: "〔青石〕"}, KeyEntrustMark},
		{"a range backwards", EntrustNumbering{Issuer: "示范区", From: 400, To: 301}, KeyEntrustRange},
		{"a range with no start", EntrustNumbering{Issuer: "示范区", To: 400}, KeyEntrustRange},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := SetEntrust(ctx, s, admin, tt.n)
			l, _ := err.(problem.List)
			found := false
			for _, p := range l {
				found = found || p.Key == tt.key
			}
			if !found {
				t.Errorf("%+v: %v, want %s", tt.n, err, tt.key)
			}
		})
	}
	if err := SetEntrust(ctx, s, admin, EntrustNumbering{Issuer: " 示范区 ", Mark: "青石", From: 301, To: 400}); err != nil {
		t.Fatal(err)
	}
	if n, _ := Entrust(ctx, s); n != (EntrustNumbering{Issuer: "示范区", Mark: "青石", From: 301, To: 400}) || !n.Complete() {
		t.Errorf("stored %+v", n)
	}
}
