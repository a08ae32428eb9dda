package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/data"
)

// mergeActivities puts a version of a town's 2024 in force with n activities, as an intake
// would, and returns nothing: the rows and the cover's activity figure agree.
func mergeActivities(t *testing.T, s *data.Store, code string, version, n int) {
	t.Helper()
	rows := make([]data.DistrictRow, n)
	for i := range rows {
		rows[i] = data.DistrictRow{Sheet: SheetActivities, Row: i + 2, Table: TableActivity, RecordID: uuid.NewString(),
			Cells: []string{"2024-03-0" + strconv.Itoa(1+i%9), "安全生产月宣传", "安全生产月", "青石村", "镇应急办", "1", "2", "50",
				"3", "100", "1", "0", "0", "120.5"}}
	}
	err := s.Write(context.Background(), data.System, func(tx *data.Tx) error {
		_, err := tx.MergeReport(data.ReceivedReport{Source: data.SourceFolder, FileName: "v" + strconv.Itoa(version) + ".xlsx",
			FileSHA256: uuid.NewString(), FromTown: code, Period: "2024", Version: version, ExportID: uuid.NewString(),
			ContentHash: uuid.NewString(), FiguresJSON: `{"activities":"` + strconv.Itoa(n) + `"}`, ReceivedAt: tx.Now()}, rows)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A town's workbook taken in while the consolidation is written — after it read the versions
// in force, before or after the sheets' rows — does not leave a cover that disagrees with the
// sheets: the consolidation starts again and adds up the new version. One that keeps coming
// is refused for that, with no file left.
func TestConsolidationStartsAgainAfterAnIntakeMeanwhile(t *testing.T) {
	t.Cleanup(func() { consolidatePause = func(string) {} })
	for _, point := range []string{"gathered", "sheets"} {
		t.Run(point, func(t *testing.T) {
			ctx := context.Background()
			s := officetest.NewStore(t)
			mergeActivities(t, s, "110105101", 1, 2)
			times := 0
			consolidatePause = func(p string) {
				if p == point && times == 0 {
					times++
					mergeActivities(t, s, "110105101", 2, 3)
				}
			}
			path := filepath.Join(t.TempDir(), "c.xlsx")
			c, err := WriteConsolidated(ctx, s, "2024", path, time.Now(), "")
			if err != nil {
				t.Fatal(err)
			}
			if times != 1 || c.Towns[0].Version != 2 || c.Rows[SheetActivities] != 3 || c.Figures[18].Name != "activities" ||
				c.Figures[18].Value != "3" {
				t.Errorf("after an intake meanwhile: towns %+v, rows %v, figure %+v", c.Towns, c.Rows, c.Figures[18])
			}
			sub, err := ReadSubmissionFile(ctx, path)
			if err != nil || len(sub.Rows[SheetActivities]) != 3 {
				t.Errorf("read back: %v", err)
			}

			version := 2
			consolidatePause = func(p string) {
				if p == point {
					version++
					mergeActivities(t, s, "110105101", version, 1)
				}
			}
			dir := t.TempDir()
			_, err = WriteConsolidated(ctx, s, "2024", filepath.Join(dir, "c.xlsx"), time.Now(), "")
			var pr *problem.Error
			if !errors.As(err, &pr) || pr.Key != KeyConsolidateChanged || version != 5 {
				t.Errorf("intakes all along: %v after %d versions", err, version)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}
