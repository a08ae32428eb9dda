package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	townreport "townledger/app/report"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	out := filepath.Join(dir, "报表.xlsx")
	steps := []step{
		{"no period", []string{"--db", db, "export", "--out", out}, 2, "", "请用 --period 指定报告期"},
		{"bad period", []string{"--db", db, "export", "--period", "2024-Q5"}, 2, "", "统计期间“2024-Q5”无效"},
		{"bad period, in English", []string{"--lang", "en", "--db", db, "export", "--period", "24"}, 2, "", "The period “24” is not valid"},
		{"stray argument", []string{"--db", db, "export", "--period", "2024", "extra"}, 2, "", "多余的参数：extra"},
		{"before init", []string{"--db", db, "export", "--period", "2024", "--out", out}, 1, "", "找不到数据库文件"},
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", ""},
		{"demo", []string{"--db", db, "demo"}, 0, "赋权事项 8 项", ""},
		{"year", []string{"--db", db, "export", "--period", "2024", "--out", out, "--preparer", "王主任"}, 0, "2024 的新数据，未报送", ""},
		// The same data again: no new version, the file is the one already recorded.
		{"year again, unchanged", []string{"--db", db, "export", "--period", "2024", "--out", filepath.Join(dir, "again.xlsx"),
			"--preparer", "王主任"}, 0, "没有新建版本", ""},
		{"onto the file just written", []string{"--db", db, "export", "--period", "2024", "--out", out}, 1, "", "文件已存在，不会覆盖"},
		{"a quarter, in English", []string{"--lang", "en", "--db", db, "export", "--period", "2024-q3",
			"--out", filepath.Join(dir, "q3.xlsx")}, 0, "Exported the report (Q3 2024;", ""},
	}
	runSteps(t, steps)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, townreport.Sheets) {
		t.Fatalf("sheets %v", got)
	}
	v, _ := f.GetCellValue(townreport.SheetCover, "B5")
	if v != "王主任" {
		t.Errorf("preparer cell %q", v)
	}

	// Without --out the file is named after the period, in the working directory.
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	r := run(t, "--db", db, "export", "--period", "2024-07")
	want := "执法工作报表_2024-07.xlsx"
	if r.code != 0 || !strings.Contains(r.stdout, "："+want) {
		t.Errorf("default name: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
		t.Error(err)
	}
}
