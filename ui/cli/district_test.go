package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"townledger/app/district"
	"townledger/app/officetest"
	"townledger/app/officetest/townbooks"
)

// townReport writes a demo town's 2023-Q4 workbook into dir under the name the town mails it.
func townReport(t *testing.T, dir, name, code string) string {
	t.Helper()
	return townbooks.Make(t, dir, name, code, "2023-Q4")[0]
}

// newBureau sets up a district bureau's ledger in a new folder dir (init --bureau, under the
// district's own code 110105) and writes the towns sheet registering 青石镇, 白水镇 and 无报镇
// (which sends nothing); in is the empty folder the towns' workbooks are put in.
func newBureau(t *testing.T) (dir, db, towns, in string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "district.db")
	if r := run(t, "--db", db, "init", "--bureau", "--town-name", "示范区", "--town-code", "110105"); r.code != 0 {
		t.Fatalf("init: %+v", r)
	}
	towns = officetest.Book(t, district.TownsSpec,
		map[string]any{district.FieldName: "青石镇", district.FieldCode: "110105100", district.FieldKind: "乡镇"},
		map[string]any{district.FieldName: "白水镇", district.FieldCode: "110105101", district.FieldKind: "乡镇"},
		map[string]any{district.FieldName: "无报镇", district.FieldCode: "110105102", district.FieldKind: "乡镇"})
	in = filepath.Join(dir, "收件")
	if err := os.Mkdir(in, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir, db, towns, in
}

// The district's commands: the towns sheet from its template, the register listed, a
// folder pulled (each file's outcome, exit 1 when one is rejected, 3 when nothing is new)
// and the period's standing town by town.
func TestDistrictCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("exports two demo towns")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "district.db")
	if r := run(t, "--db", db, "init", "--town-name", "示范区", "--town-code", "110105001"); r.code != 0 {
		t.Fatalf("init: %+v", r)
	}
	towns := officetest.Book(t, district.TownsSpec,
		map[string]any{district.FieldName: "青石镇", district.FieldCode: "110105100", district.FieldKind: "乡镇",
			district.FieldEmails: "qs@example.cn"},
		map[string]any{district.FieldName: "白水中心", district.FieldCode: "110105101000", district.FieldKind: "中心",
			district.FieldContact: "李", district.FieldPhone: "13800000000"})
	in := filepath.Join(dir, "收件")
	if err := os.Mkdir(in, 0o700); err != nil {
		t.Fatal(err)
	}
	townReport(t, in, "青石镇", "110105100")
	townReport(t, in, "外乡", "110105300")
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "乡镇")
	if err := x.SaveAs(filepath.Join(in, "汇总表.xlsx")); err != nil {
		t.Fatal(err)
	}
	runSteps(t, []step{
		{"template", []string{"--db", db, "district", "towns", "template", "--out", filepath.Join(dir, "t.xlsx")}, 0, "t.xlsx", ""},
		{"no towns yet", []string{"--db", db, "district", "towns"}, 0, "尚未登记辖区乡镇", ""},
		{"import the towns", []string{"--db", db, "district", "towns", "import", towns}, 0, "已登记 2 个辖区乡镇", ""},
		{"import without a file", []string{"--db", db, "district", "towns", "import"}, 2, "", "district towns import"},
		{"list", []string{"--db", db, "district", "towns"}, 0, "110105101  白水中心（中心）  联系人 李  电话 13800000000  邮箱 -", ""},
		{"pull without a folder reads the mailbox: no account yet", []string{"--db", db, "district", "pull"}, 1, "", "townledger mail set --from"},
		{"pull a missing folder", []string{"--db", db, "district", "pull", "--folder", filepath.Join(dir, "无")}, 1, "", "找不到文件夹"},
		{"pull", []string{"--db", db, "district", "pull", "--folder", in}, 1, "青石镇_2023-Q4_v1.xlsx：已接收并汇入 —— 青石镇 2023-Q4 第 1 版",
			"3 个文件中有 2 个被退回或未能接收"},
		{"pull again", []string{"--db", db, "district", "pull", "--folder", in}, 3, "没有新的报表", ""},
		{"status", []string{"--db", db, "district", "status", "--period", "2023-Q4"}, 0, "110105100 青石镇  已收：现行第 1 版", ""},
		{"status without a period", []string{"--db", db, "district", "status"}, 2, "", "--period"},
		{"district alone", []string{"--db", db, "district"}, 2, "", "townledger district pull"},
	})
	r := run(t, "--db", db, "district", "towns", "import", towns)
	if r.code != 1 || !strings.Contains(r.stderr, "第 2 行「区划代码」：区划代码 110105100 已登记为青石镇。") {
		t.Errorf("the towns imported twice: %+v", r)
	}
	if tpl, err := excelize.OpenFile(filepath.Join(dir, "t.xlsx")); err != nil {
		t.Error(err)
	} else {
		if h, _ := tpl.GetCellValue(district.TownsSpec.Sheet, "B1"); !strings.Contains(h, "区划代码") {
			t.Errorf("the template's second column is %q", h)
		}
		tpl.Close()
	}
	r = run(t, "--db", db, "district", "status", "--period", "2023-Q4")
	for _, want := range []string{"（登记 2 个：已收 1，退回 0，未报 1）", "110105101 白水中心  未报：尚未收到报表",
		"110105300 （未登记的乡镇）  退回：没有可采用的报表；退回 1 份，最近一次的原因：报表所属的乡镇代码 110105300 未在辖区乡镇中登记"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status does not say %q:\n%s", want, r.stdout)
		}
	}
	// The first pull's lines, in English this time from the record.
	r = run(t, "--lang", "en", "--db", db, "district", "status", "--period", "2023-Q4")
	if !strings.Contains(r.stdout, "110105100 青石镇  received: version 1 in force, received") {
		t.Errorf("English status:\n%s", r.stdout)
	}
	// Each rejection was said on its file's line.
	r = run(t, "--db", db, "district", "pull", "--folder", in)
	if r.code != 3 {
		t.Errorf("third pull: %+v", r)
	}
}

// The pull's lines: one per file, the rejections with their reasons.
func TestDistrictPullSaysEachFile(t *testing.T) {
	if testing.Short() {
		t.Skip("exports a demo town")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "district.db")
	if r := run(t, "--db", db, "init", "--town-name", "示范区", "--town-code", "110105001"); r.code != 0 {
		t.Fatalf("init: %+v", r)
	}
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o700)
	townReport(t, in, "外乡", "110105300")
	os.WriteFile(filepath.Join(in, "坏.xlsx"), []byte("not a zip"), 0o600)
	r := run(t, "--db", db, "district", "pull", "--folder", in)
	if r.code != 1 || !strings.Contains(r.stdout, "外乡_2023-Q4_v1.xlsx：退回 —— 报表所属的乡镇代码 110105300 未在辖区乡镇中登记") ||
		!strings.Contains(r.stdout, "坏.xlsx：退回 —— ") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("pull: %+v", r)
	}
}

// The mode is said and, by an administrator, set from the command line.
func TestDistrictModeCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	runSteps(t, []step{
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", ""},
		{"a town by default", []string{"--db", db, "district", "mode"}, 0, "工作模式：本镇台账。", ""},
		{"to district", []string{"--db", db, "district", "mode", "district"}, 0, "工作模式：区局", ""},
		{"said so", []string{"--db", db, "district", "mode"}, 0, "工作模式：区局", ""},
		{"a wrong mode", []string{"--db", db, "district", "mode", "city"}, 2, "", "用法：townledger district mode"},
	})
	// A bureau set up under its own district's code starts in district mode; a town cannot
	// take a district's code.
	bureau, town := filepath.Join(t.TempDir(), "bureau.db"), filepath.Join(t.TempDir(), "town.db")
	runSteps(t, []step{
		{"init a bureau", []string{"--db", bureau, "init", "--bureau", "--town-name", "示范区应急管理局", "--town-code", "110105"}, 0, "110105", ""},
		{"in district mode", []string{"--db", bureau, "district", "mode"}, 0, "工作模式：区局", ""},
		{"a town on a district's code", []string{"--db", town, "init", "--town-name", "青石镇", "--town-code", "110105"}, 1, "", "乡镇区划代码应为9位或12位"},
		{"a bureau on a province's code", []string{"--db", town, "init", "--bureau", "--town-name", "省厅", "--town-code", "110000"}, 1, "", "110000 是省级代码"},
	})
}
