// Package townbooks makes the workbooks a district receives, by really exporting demo town
// ledgers; only tests import it (a package of its own: report's own tests use officetest).
package townbooks

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/demo"
	"townledger/app/officetest"
	"townledger/app/report"
	"townledger/app/setup"
	"townledger/data"
)

// Make sets up a demo town called name with the division code code (its records
// dated as of 2023-12-01), exports its workbook of each period into dir under the name the
// town mails it (<name>_<period>_v1.xlsx) and returns their paths: what a district receives.
func Make(t testing.TB, dir, name, code string, periods ...string) []string {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "town.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = setup.Run(ctx, s, setup.Town{Name: name, DivisionCode: code, DistrictName: "示范区应急管理局", Since: "2020-01-01"},
		setup.Admin{NewAccount: auth.NewAccount{Username: "admin", DisplayName: "王", Password: officetest.AdminPassword}, Confirm: officetest.AdminPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, s, data.System, time.Date(2023, 12, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	by := auth.Session{UserID: "u", Username: "admin", Roles: []auth.Role{auth.Admin}}
	var out []string
	for _, p := range periods {
		path := filepath.Join(dir, name+"_"+p+"_v1.xlsx")
		if _, _, err := report.Export(ctx, s, by, p, path, time.Date(2024, 1, 5, 9, 0, 0, 0, time.Local), "周"); err != nil {
			t.Fatal(err)
		}
		out = append(out, path)
	}
	return out
}
