package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"townledger/app/report"
	"townledger/ui/district"
)

// districtWithWorkbook is a bureau with two towns registered and 青石镇's 2023-Q4 workbook
// taken in from a folder.
func districtWithWorkbook(t *testing.T) *UI {
	t.Helper()
	u := signedIn(t)
	toDistrict(t, u)
	if err := u.Office.Settings.SetReportKinds(context.Background(), u.Shell.Env.Session, []string{"quarter"}); err != nil {
		t.Fatal(err)
	}
	addTown(t, u, "青石镇", "110105100", "qingshi@example.cn")
	addTown(t, u, "白沙镇", "110105101", "baisha@example.cn")
	dir := t.TempDir()
	townWorkbook(t, dir, "青石镇", "110105100")
	u.Shell.Select("nav.inbox")
	in := u.Shell.Current.(*district.Inbox)
	in.PullFolder(dir)
	u.tasks.Wait()
	if len(in.Received) != 1 {
		t.Fatalf("received: %d", len(in.Received))
	}
	return u
}

func TestConsolidateScreenWritesTheWorkbook(t *testing.T) {
	u := districtWithWorkbook(t)
	u.Shell.Select("nav.consolidate")
	c := u.Shell.Current.(*district.Consolidated)
	if c.Chosen() != "2023-Q4" || c.Period.Selected != "2023年第四季度" {
		t.Fatalf("the periods offered: %v, chosen %q", c.Periods, c.Period.Selected)
	}
	if !strings.Contains(c.Towns.Text, "纳入汇总（1 个）：青石镇") || !strings.Contains(c.Towns.Text, "尚未报送（1 个）：白沙镇") {
		t.Errorf("the towns line: %q", c.Towns.Text)
	}
	path := filepath.Join(t.TempDir(), "汇总.xlsx")
	c.WriteTo(path)
	u.tasks.Wait()
	if c.LastPath != path {
		t.Fatalf("the workbook was written to %q, want %q", c.LastPath, path)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if i, err := f.GetSheetIndex(report.SheetCover); err != nil || i < 0 {
		t.Errorf("no cover sheet in %v", f.GetSheetList())
	}
}
