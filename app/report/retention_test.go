package report_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"townledger/app/backup"
	"townledger/app/report"
	"townledger/data"
)

// keptFiles counts the report workbooks whose bytes the ledger keeps.
func keptFiles(t *testing.T, s *data.Store) int {
	t.Helper()
	versions, err := s.Exports(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range versions {
		if v.FileKept {
			n++
		}
	}
	return n
}

// Storage with a ceiling (issue 16): an unchanged re-export stores no second workbook; a
// draft a newer draft replaced unsent loses its bytes but keeps its history line; every
// version sent keeps its file; the ledger still verifies.
func TestExportRetentionKeepsWhatWasSent(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	_, v1 := export(t, s, "2023-Q4", filepath.Join(dir, "1.xlsx"))
	export(t, s, "2023-Q4", filepath.Join(dir, "1b.xlsx"))
	if n := keptFiles(t, s); n != 1 {
		t.Fatalf("an unchanged re-export: %d workbooks kept, want 1", n)
	}

	morePeople(t, s)
	_, v2 := export(t, s, "2023-Q4", filepath.Join(dir, "2.xlsx"))
	if n := keptFiles(t, s); n != 1 {
		t.Errorf("after a newer draft: %d workbooks kept, want 1 (the newest draft)", n)
	}
	if _, err := s.ExportFile(ctx, v1.ID); !errors.Is(err, data.ErrFilePruned) {
		t.Errorf("the replaced draft's file: %v", err)
	}
	if err := report.SaveCopy(ctx, s, v1.ID, filepath.Join(dir, "copy1.xlsx")); keyOf(err) != report.KeyFilePruned {
		t.Errorf("a copy of the replaced draft: %v", err)
	}
	if rec, err := s.Export(ctx, v1.ID); err != nil || rec.FileKept || rec.FileSHA256 != v1.FileSHA256 {
		t.Errorf("the replaced draft's history line: %+v %v", rec, err)
	}

	sent := send(t, s, v2.ID)
	morePeople(t, s)
	_, v3 := export(t, s, "2023-Q4", filepath.Join(dir, "3.xlsx"))
	morePeople(t, s)
	_, v4 := export(t, s, "2023-Q4", filepath.Join(dir, "4.xlsx"))
	for _, c := range []struct {
		id   string
		kept bool
	}{{v1.ID, false}, {sent.ID, true}, {v3.ID, false}, {v4.ID, true}} {
		_, err := s.ExportFile(ctx, c.id)
		if (err == nil) != c.kept {
			t.Errorf("export %s: kept %v, want %v (%v)", c.id, err == nil, c.kept, err)
		}
	}
	if err := report.SaveCopy(ctx, s, sent.ID, filepath.Join(dir, "copy2.xlsx")); err != nil {
		t.Errorf("the sent version's file: %v", err)
	} else if fileSHA(t, filepath.Join(dir, "copy2.xlsx")) != sent.FileSHA256 {
		t.Error("the sent version's copy is not its file")
	}
	rep, err := backup.Verify(ctx, s)
	if err != nil || !rep.OK() {
		t.Fatalf("verify after dropping workbooks: %+v %v", rep.Log, err)
	}
}
