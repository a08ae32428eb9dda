package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"townledger/app/catalog"
)

func TestCatalogTemplateImportAndExportCommands(t *testing.T) {
	dir := t.TempDir()
	db, other := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	tpl := filepath.Join(dir, "目录模板.xlsx")
	out := filepath.Join(dir, "目录.xlsx")
	bad := filepath.Join(dir, "bad.xlsx")
	steps := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring expected on stdout
		stderr string // substring expected on stderr
		lines  int    // lines expected on stderr
	}{
		{"template", []string{"--db", db, "template", "catalog", "--out", tpl}, 0, "已生成导入模板：" + tpl, "", 0},
		{"template onto an existing file", []string{"--db", db, "template", "catalog", "--out", tpl}, 1, "", "文件已存在，不会覆盖", 1},
		{"import before init", []string{"--db", db, "import", "catalog", tpl}, 1, "", "找不到数据库文件", 1},
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", "", 0},
		{"import the untouched template", []string{"--db", db, "import", "catalog", tpl}, 1, "", "工作表「赋权事项」中没有要导入的数据行", 1},
		{"demo", []string{"--db", db, "demo"}, 0, "赋权事项 8 项", "", 0},
		{"export with a stray argument", []string{"--db", db, "export-catalog", "x.xlsx"}, 2, "", "多余的参数：x.xlsx", 1},
		{"export with a bad flag", []string{"--db", db, "export-catalog", "--nope"}, 2, "", "命令行参数有误", 1},
		{"export", []string{"--db", db, "export-catalog", "--out", out}, 0, "已导出现行赋权事项 8 项：" + out, "", 0},
		{"export onto an existing file", []string{"--db", db, "export-catalog", "--out", out}, 1, "", "文件已存在，不会覆盖", 1},
		{"init another town", []string{"--db", other, "init", "--town-name", "白沙镇", "--town-code", "110105101"}, 0, "已完成设置", "", 0},
		{"import into it", []string{"--db", other, "import", "catalog", out}, 0, "已导入赋权事项：新增 8 项，修订 0 项，未变 0 项。", "", 0},
		{"import again", []string{"--lang", "en", "--db", other, "import", "catalog", out}, 0,
			"Catalogue imported: 0 added, 0 revised, 8 unchanged.", "", 0},
		{"import a file with problems in three sheets", []string{"--db", other, "import", "catalog", bad}, 1, "",
			"工作表「法律依据」第 2 行「条」：条号应从 1 起，实际为 0。\n工作表「裁量阶次」第 2 行「事项编码」：“赋权事项”表中没有编码为 AQ-77 的事项。\n" +
				// AQ-05 lost its first tier, so it differs from the current version but starts on the same day.
				"工作表「赋权事项」第 6 行「生效日期」：新版本的生效日期须晚于现行版本的生效日期 2023-01-01。\n" +
				"townledger: 导入文件中有 3 处问题，未导入任何记录。", 4},
		{"verify", []string{"--db", other, "verify"}, 0, "校验通过", "", 0},
	}
	for _, s := range steps {
		if s.name == "import a file with problems in three sheets" {
			badBook(t, out, bad)
		}
		r := run(t, s.args...)
		if r.code != s.code || !strings.Contains(r.stdout, s.stdout) || !strings.Contains(r.stderr, s.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q; want exit %d with %q / %q", s.name, r.code, r.stdout, r.stderr, s.code, s.stdout, s.stderr)
		}
		if n := strings.Count(r.stderr, "\n"); n != s.lines {
			t.Errorf("%s: %d lines on stderr, want %d: %q", s.name, n, s.lines, r.stderr)
		}
	}
}

// badBook copies the exported catalogue with an article 0 in its first reference and a tier
// naming an unknown item.
func badBook(t *testing.T, from, to string) {
	t.Helper()
	x, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	x.SetCellValue(catalog.RefsSheet, "E2", 0)
	x.SetCellValue(catalog.TiersSheet, "A2", "AQ-77")
	if err := x.SaveAs(to); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(to); err != nil {
		t.Fatal(err)
	}
}
