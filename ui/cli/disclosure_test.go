package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"townledger/app/disclosure"
)

func TestDisclosureCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	out := filepath.Join(dir, "公示.xlsx")
	// run's clock says 2024-11-20; the demo loaded by the command files its cases in the
	// weeks before, so the decided ones fall in 2024.
	steps := []step{
		{"no period", []string{"--db", db, "disclosure", "--out", out}, 2, "", "请用 --year 指定年度"},
		{"year and range", []string{"--db", db, "disclosure", "--year", "2024", "--from", "2024-01-01"}, 2, "", "只能二选一"},
		{"bad year", []string{"--db", db, "disclosure", "--year", "24"}, 2, "", "“24”不是有效年份"},
		{"bad date, in English", []string{"--lang", "en", "--db", db, "disclosure", "--from", "2024/1/1", "--to", "2024-12-31"}, 2, "", "“2024/1/1” is not a valid date"},
		{"reversed", []string{"--db", db, "disclosure", "--from", "2024-12-31", "--to", "2024-01-01"}, 2, "", "早于开始日期"},
		{"stray argument", []string{"--db", db, "disclosure", "--year", "2024", "extra"}, 2, "", "多余的参数：extra"},
		{"before init", []string{"--db", db, "disclosure", "--year", "2024", "--out", out}, 1, "", "找不到数据库文件"},
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", ""},
		{"demo", []string{"--db", db, "demo"}, 0, "赋权事项 8 项", ""},
		{"year", []string{"--db", db, "disclosure", "--year", "2024", "--out", out}, 0, "已导出 4 条处罚决定公示信息：" + out, ""},
		{"onto the file just written", []string{"--db", db, "disclosure", "--year", "2024", "--out", out}, 1, "", "文件已存在，不会覆盖"},
		{"an empty range, in English", []string{"--lang", "en", "--db", db, "disclosure", "--from", "2023-01-01", "--to", "2023-12-31",
			"--out", filepath.Join(dir, "2023.xlsx")}, 0, "Exported 0 penalty decision(s) for publication", ""},
	}
	runSteps(t, steps)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(disclosure.SheetName)
	if err != nil || len(rows) != 5 || !slices.Equal(rows[0][:disclosure.StandardColumns], disclosure.Headers(7)[:disclosure.StandardColumns]) {
		t.Fatalf("sheet %q, %v", rows, err)
	}

	// Without --out the file is named after the period, in the working directory.
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	r := run(t, "--db", db, "disclosure", "--from", "2024-01-01", "--to", "2024-06-30")
	want := "行政处罚信息公示_2024-01-01至2024-06-30.xlsx"
	if r.code != 0 || !strings.Contains(r.stdout, "："+want) {
		t.Errorf("default name: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
		t.Error(err)
	}
}
