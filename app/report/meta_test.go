package report_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/app/training"
)

// An importer at the district reads the metadata sheet, follows each line to its sheet and
// row, and re-creates the record under its UUID: every record of the period comes back with
// the values the database holds.
func TestMetadataRecreatesEveryRecord(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	path := filepath.Join(t.TempDir(), "2023.xlsx")
	sum, err := report.WriteFile(ctx, s, "2023", path, time.Date(2023, 12, 20, 0, 0, 0, 0, time.Local), "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := map[string][][]string{}
	for _, sh := range report.Sheets {
		sheets[sh] = readSheet(t, f, sh)
	}
	// table -> uuid -> the row showing it on the table's main sheet
	main := map[string]string{report.TableCase: report.SheetCases, report.TableTraining: report.SheetTrainings,
		report.TableAttendance: report.SheetAttendance, report.TableStaff: report.SheetHours,
		report.TableActivity: report.SheetActivities}
	meta, err := report.ReadMeta(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if meta.Values["export_id"] != sum.ExportID || meta.Values["content_hash"] != sum.ContentHash {
		t.Errorf("metadata values %v", meta.Values)
	}
	got := map[string]map[string][]string{}
	for sh, refs := range meta.Records {
		if len(refs) != len(sheets[sh])-1 {
			t.Errorf("%s: %d UUIDs for %d data rows", sh, len(refs), len(sheets[sh])-1)
		}
		for _, r := range refs {
			if r.Row < 2 || r.Row > len(sheets[sh]) {
				t.Fatalf("%s: record %v points nowhere", sh, r)
			}
			if main[r.Table] != sh {
				continue
			}
			if got[r.Table] == nil {
				got[r.Table] = map[string][]string{}
			}
			got[r.Table][r.ID] = sheets[sh][r.Row-1]
		}
	}
	db, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Each query gives the UUID and the values the sheet must show, in the sheet's columns.
	checks := []struct {
		table string
		query string
		cols  []int // the sheet's columns holding the query's values, in order
	}{
		{report.TableCase, `SELECT id, case_no, COALESCE(filed_on, ''), printf('%.2f', fine / 100.0) FROM case_file
			WHERE deleted_at IS NULL AND stage <> 'void' AND (filed_on BETWEEN '2023-01-01' AND '2023-12-31'
			OR decided_on BETWEEN '2023-01-01' AND '2023-12-31')`, []int{0, 6, 10}},
		{report.TableTraining, `SELECT id, held_on, title FROM training WHERE deleted_at IS NULL
			AND held_on BETWEEN '2023-01-01' AND '2023-12-31'`, []int{0, 1}},
		{report.TableAttendance, `SELECT a.id, t.title, st.name FROM attendance a JOIN training t ON t.id = a.training_id
			JOIN staff st ON st.id = a.staff_id WHERE a.deleted_at IS NULL AND t.deleted_at IS NULL
			AND t.held_on BETWEEN '2023-01-01' AND '2023-12-31'`, []int{1, 2}},
		{report.TableActivity, `SELECT id, held_on, title, CAST(people AS TEXT) FROM activity WHERE deleted_at IS NULL
			AND held_on BETWEEN '2023-01-01' AND '2023-12-31'`, []int{0, 1, 9}},
		{report.TableStaff, `SELECT st.id, st.name, st.unit FROM staff st WHERE st.deleted_at IS NULL AND EXISTS (
			SELECT 1 FROM attendance a JOIN training t ON t.id = a.training_id WHERE a.staff_id = st.id
			AND a.deleted_at IS NULL AND t.deleted_at IS NULL AND t.held_on BETWEEN '2023-01-01' AND '2023-12-31')`, []int{0, 1}},
	}
	for _, c := range checks {
		rows, err := db.Query(c.query)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			vals := make([]string, len(c.cols)+1)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			n++
			row, ok := got[c.table][vals[0]]
			if !ok {
				t.Errorf("%s %s is not on the metadata sheet", c.table, vals[0])
				continue
			}
			for i, col := range c.cols {
				if col >= len(row) || !sameCell(row[col], vals[i+1]) {
					t.Errorf("%s %s column %d: sheet %q, database %q", c.table, vals[0], col, row, vals[i+1])
				}
			}
		}
		rows.Close()
		if n == 0 {
			t.Errorf("%s: the demo has no records in 2023, the check proves nothing", c.table)
		}
		if n != len(got[c.table]) {
			t.Errorf("%s: %d records on the sheet, %d in the database", c.table, len(got[c.table]), n)
		}
	}
	if sum.Records < len(got[report.TableCase])+len(got[report.TableActivity]) {
		t.Errorf("summary counts %d records", sum.Records)
	}
}

// sameCell compares a raw cell with a database value: dates are serial numbers in the sheet.
func sameCell(cell, want string) bool {
	if cell == want {
		return true
	}
	if d, err := time.Parse("2006-01-02", want); err == nil {
		serial, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			return false
		}
		got, err := excelize.ExcelDateToTime(serial, false)
		return err == nil && got.Format("2006-01-02") == d.Format("2006-01-02")
	}
	a, err1 := strconv.ParseFloat(cell, 64)
	b, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && a == b
}

// The fingerprint equals the written report's hash; a changed record changes it, a person
// joining the roster later or another day of checking does not.
func TestFingerprintFollowsTheData(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	now := time.Date(2023, 12, 20, 0, 0, 0, 0, time.Local)
	sum, err := report.WriteFile(ctx, s, "2023", filepath.Join(t.TempDir(), "r.xlsx"), now, "")
	if err != nil {
		t.Fatal(err)
	}
	fp := func(at time.Time) string {
		t.Helper()
		h, err := report.Fingerprint(ctx, s, "2023", at)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	if got := fp(now); got != sum.ContentHash {
		t.Fatalf("fingerprint %s, written %s", got, sum.ContentHash)
	}
	if got := fp(now.AddDate(0, 2, 0)); got != sum.ContentHash {
		t.Error("the fingerprint changed with the day alone")
	}
	admin := auth.Session{UserID: "u-a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	if _, err := training.SaveStaff(ctx, s, admin, training.Person{Name: "新来的", Unit: "安监办"}); err != nil {
		t.Fatal(err)
	}
	if got := fp(now); got != sum.ContentHash {
		t.Error("a new person with no training in the period changed the fingerprint")
	}
	db, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	if err := db.QueryRow(`SELECT id FROM activity WHERE held_on LIKE '2023-%' LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	a, err := publicity.Load(ctx, s, id)
	if err != nil {
		t.Fatal(err)
	}
	a.People++
	if _, err := publicity.Save(ctx, s, admin, a); err != nil {
		t.Fatal(err)
	}
	if got := fp(now); got == sum.ContentHash {
		t.Error("changing an activity's people reached left the fingerprint unchanged")
	}
}
