package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/report"
)

// FuzzReadMeta feeds the district's reader of the metadata sheet damaged and hand-made
// workbooks: it must refuse them with a message, never panic or hang.
func FuzzReadMeta(f *testing.F) {
	s := newStore(f)
	path := filepath.Join(f.TempDir(), "r.xlsx")
	if _, err := report.WriteFile(context.Background(), s, "2023-Q4", path, time.Date(2023, 12, 20, 0, 0, 0, 0, time.Local), ""); err != nil {
		f.Fatal(err)
	}
	real, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(real)
	f.Add(real[:len(real)/2])
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", report.SheetMeta)
	for i, row := range [][]any{{"项目", "值"}, {"town_code", "110105100"}, {"export_id", "x"},
		{report.MetaRecordsKey, "5"}, {}, {"工作表"}, {report.SheetCases, "case_file", "2", "not-a-uuid"}} {
		x.SetSheetRow(report.SheetMeta, "A"+string(rune('1'+i)), &row)
	}
	var buf bytes.Buffer
	x.Write(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := report.ReadMetaFrom(context.Background(), bytes.NewReader(b))
		if err == nil && m.Values["town_code"] == "" {
			t.Errorf("accepted a metadata sheet without a town: %+v", m.Values)
		}
	})
}
