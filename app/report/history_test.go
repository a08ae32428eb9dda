package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/report"
	"townledger/data"
)

func TestEachExportIsTheNextVersionOfItsPeriod(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	exporter := auth.Session{UserID: "u-e", Username: "zhou", Roles: []auth.Role{auth.Exporter}}
	now := time.Date(2023, 12, 20, 10, 0, 0, 0, time.Local)
	var last data.ExportRecord
	for i, name := range []string{"a.xlsx", "b.xlsx"} {
		sum, err := report.Write(ctx, s, "2023-Q4", filepath.Join(t.TempDir(), name), now, "周")
		if err != nil {
			t.Fatal(err)
		}
		rec, err := report.Record(ctx, s, exporter, sum)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Version != i+1 || rec.ContentHash != sum.ContentHash || len(rec.FileSHA256) != 64 || rec.SupersedesID != last.ID {
			t.Errorf("export %d recorded as %+v", i+1, rec)
		}
		last = rec
	}
	items, total, _ := s.List(ctx, data.ListExports, "", 0, 10)
	if total != 2 || items[0].Title != "2023-Q4 v2" {
		t.Errorf("history %d: %+v", total, items)
	}
	dir := t.TempDir()
	sum, _ := report.Write(ctx, s, "2023", filepath.Join(dir, "y.xlsx"), now, "")
	if _, err := report.Record(ctx, s, auth.Session{UserID: "u-t", Roles: []auth.Role{auth.Trainer}}, sum); keyOf(err) != "perm.denied" {
		t.Errorf("a trainer recorded an export: %v", err)
	}
	// Refused, the written workbook is thrown away: no file, no temporary one, no journal.
	if left, _ := os.ReadDir(dir); len(left) > 0 || len(journals(t, s)) > 0 {
		t.Errorf("a refused export left %v, journals %v", left, journals(t, s))
	}
}

// The very file exported is kept and can be saved again, never over another file.
func TestSaveCopyGivesTheExportedFile(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	sum, err := report.Write(ctx, s, "2023-Q4", filepath.Join(dir, "q4.xlsx"), time.Now(), "")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := report.Record(ctx, s, auth.Session{UserID: "u-e", Roles: []auth.Role{auth.Exporter}}, sum)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "copy.xlsx")
	if err := report.SaveCopy(ctx, s, rec.ID, out); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(sum.Path)
	b, _ := os.ReadFile(out)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the copy differs from the exported file")
	}
	if err := report.SaveCopy(ctx, s, rec.ID, sum.Path); keyOf(err) != report.KeyExists {
		t.Errorf("onto an existing file: %v", err)
	}
}
