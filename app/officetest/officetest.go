// Package officetest gives tests a ready office: a database set up as the demo town's, import
// workbooks written from a spec, the check of an import's refusals, and a heap watcher for
// benchmarks. Only tests import it.
package officetest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/demo"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/app/workbook"
	"townledger/data"
)

// Town is the town every test office is set up as: a ledger kept since 2020, so the dates
// the tests play in (2023–2025) fall inside it.
var Town = setup.Town{Name: "青石镇", DivisionCode: "110105100", DistrictName: "示范区应急管理局", Since: "2020-01-01"}

// AdminPassword is the password of the office's administrator "admin" (王).
const AdminPassword = "admin2024"

// NewStore opens a new database in a temporary folder, set up as Town (its district's
// address given by districtEmail, if any), closed when the test ends.
func NewStore(t testing.TB, districtEmail ...string) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "office.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	town := Town
	if len(districtEmail) > 0 {
		town.DistrictEmail = districtEmail[0]
	}
	err = setup.Run(ctx, s, town, setup.Admin{NewAccount: auth.NewAccount{Username: "admin", DisplayName: "王",
		Password: AdminPassword}, Confirm: AdminPassword})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// NewBureau is a district's or city's bureau ledger, set up as its wizard does: its own area
// code (6 digits), district mode, and the administrator "admin".
func NewBureau(t testing.TB, name, code string) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "bureau.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = setup.Run(ctx, s, setup.Town{Name: name, DivisionCode: code, Bureau: true, Since: "2020-01-01"},
		setup.Admin{NewAccount: auth.NewAccount{Username: "admin", DisplayName: "王", Password: AdminPassword}, Confirm: AdminPassword})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// DemoStore is NewStore with the demo town's records, dated as of 2023-12-01 (so its cases,
// sessions and activities fall in 2023).
func DemoStore(t testing.TB, districtEmail ...string) *data.Store {
	t.Helper()
	s := NewStore(t, districtEmail...)
	if err := demo.Load(context.Background(), s, data.System, time.Date(2023, 12, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	return s
}

// Book writes a workbook for spec with the template's headers and one row per map of column
// name to cell value, and returns its path.
func Book(t testing.TB, spec workbook.Spec, rows ...map[string]any) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", spec.Sheet)
	for n, r := range append([]map[string]any{nil}, rows...) {
		cells := make([]any, len(spec.Columns))
		for i, c := range spec.Columns {
			if n == 0 {
				cells[i] = workbook.HeaderText(c)
			} else {
				cells[i] = r[c.Name]
			}
		}
		if err := x.SetSheetRow(spec.Sheet, fmt.Sprintf("A%d", n+1), &cells); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), spec.Sheet+".xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// Refused checks that err lists exactly the import problems want, each "row|column|key",
// and returns them.
func Refused(t testing.TB, err error, want ...string) []workbook.Problem {
	t.Helper()
	var p *workbook.Problems
	if !errors.As(err, &p) {
		t.Fatalf("err = %v, want problems %v", err, want)
	}
	var got []string
	for _, pr := range p.List {
		got = append(got, fmt.Sprintf("%d|%s|%s", pr.Row, pr.Column, pr.Key))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return p.List
}

// Keys lists the keys and fields of a refusal: a problem.List, or a single problem.
func Keys(err error) (keys, fields []string) {
	var l problem.List
	if e, ok := err.(problem.List); ok {
		l = e
	} else if p := problem.From(err); p != nil {
		l = problem.List{p}
	}
	for _, p := range l {
		keys = append(keys, p.Key)
		fields = append(fields, p.Field)
	}
	return keys, fields
}
