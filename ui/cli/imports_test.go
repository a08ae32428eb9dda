package cli

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"townledger/app/activityimport"
	"townledger/app/caseimport"
	"townledger/app/ids"
	"townledger/app/officetest"
	"townledger/app/parties"
	"townledger/app/trainingimport"
	"townledger/app/workbook"
	"townledger/ui/locale"
)

// enterprisesBook writes an enterprises workbook with n valid organisations; change may
// alter a row (1-based data row index) before it is written.
func enterprisesBook(t *testing.T, dir, name string, n int, change func(i int, row []any)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := parties.Spec.Sheet
	f.SetSheetName("Sheet1", sheet)
	var header []any
	for _, c := range parties.Spec.Columns {
		header = append(header, workbook.HeaderText(c))
	}
	f.SetSheetRow(sheet, "A1", &header)
	for i := 1; i <= n; i++ {
		first := fmt.Sprintf("91110105MA%07d", i)
		c, _ := ids.CreditCodeCheckChar(first)
		row := []any{"单位", fmt.Sprintf("青石企业%d", i), first + string(c)}
		if change != nil {
			change(i, row)
		}
		f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &row)
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTemplateAndImportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	tpl := filepath.Join(dir, "模板.xlsx")
	good := enterprisesBook(t, dir, "good.xlsx", 46, nil)
	bad := enterprisesBook(t, dir, "bad.xlsx", 8, func(i int, row []any) {
		switch i {
		case 2: // spreadsheet row 3
			row[2] = "91110000600037341K"
		case 6: // spreadsheet row 7
			row[1] = ""
		}
	})
	again := enterprisesBook(t, dir, "again.xlsx", 1, nil)
	text := filepath.Join(dir, "text.xlsx")
	os.WriteFile(text, []byte("这不是表格"), 0o600)
	steps := []lineStep{
		{"template", []string{"--db", db, "template", "enterprises", "--out", tpl}, 0, "已生成导入模板：" + tpl, "", 0},
		{"template onto an existing file", []string{"--db", db, "template", "--out", tpl, "enterprises"}, 1, "", "文件已存在，不会覆盖", 1},
		{"template without a kind", []string{"--db", db, "template"}, 2, "", "请指定模板类型", 1},
		{"template of an unknown kind", []string{"--lang", "en", "--db", db, "template", "frob"}, 2, "", "Unknown kind “frob”. Kinds available: enterprises, catalog, cases, staff, trainings, attendance, activities, calendar.", 1},
		{"template with a bad flag", []string{"--db", db, "template", "enterprises", "--nope"}, 2, "", "命令行参数有误", 1},
		{"import before init", []string{"--db", db, "import", "enterprises", good}, 1, "", "找不到数据库文件", 1},
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", "", 0},
		{"import without a file", []string{"--db", db, "import", "enterprises"}, 2, "", "请指定导入类型和文件", 1},
		{"import with two files", []string{"--db", db, "import", "enterprises", good, bad}, 2, "", "多余的参数：" + bad, 1},
		{"import a text file", []string{"--db", db, "import", "enterprises", text}, 1, "", "该文件不是 Excel 工作簿（.xlsx）", 1},
		{"import a missing file", []string{"--db", db, "import", "enterprises", filepath.Join(dir, "none.xlsx")}, 1, "", "找不到要导入的文件", 1},
		{"import the empty template", []string{"--db", db, "import", "enterprises", tpl}, 1, "", "没有要导入的数据行", 1},
		{"import bad rows", []string{"--db", db, "import", "enterprises", bad}, 1, "",
			"第 3 行「统一社会信用代码」：统一社会信用代码校验位错误：应为“L”，实际为“K”。\n第 7 行「名称」：必须填写。\ntownledger: 导入文件中有 2 处问题，未导入任何记录。", 3},
		{"import bad rows in English", []string{"--lang", "en", "--db", db, "import", "enterprises", bad}, 1, "",
			"Row 3, column “统一社会信用代码”: Wrong credit code check character: “K” should be “L”.\nRow 7, column “名称”: Required.\ntownledger: The file has 2 problem(s); nothing was imported.", 3},
		{"import", []string{"--db", db, "import", "enterprises", good}, 0, "已导入 46 个企业和个人。", "", 0},
		{"import in English", []string{"--lang", "en", "--db", db, "import", "--", "enterprises", again}, 1, "",
			"Row 2, column “统一社会信用代码”: The credit code 91110105MA0000001", 2},
		{"verify", []string{"--db", db, "verify"}, 0, "校验通过", "", 0},
	}
	runLineSteps(t, steps)
}

func TestManyProblemsEndWithACount(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	if r := run(t, "--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"); r.code != 0 {
		t.Fatal(r)
	}
	book := enterprisesBook(t, dir, "bad.xlsx", 260, func(i int, row []any) { row[0] = "公司x" })
	r := run(t, "--db", db, "import", "enterprises", book)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 1 || len(lines) != workbook.MaxProblems+2 {
		t.Fatalf("exit %d, %d lines", r.code, len(lines))
	}
	if lines[0] != "第 2 行「类型」：“公司x”不是可选的值，请填写：单位、个人。" ||
		lines[workbook.MaxProblems] != "……另有 60 处问题未列出。" ||
		!strings.HasPrefix(lines[workbook.MaxProblems+1], "townledger: 导入文件中有 260 处问题") {
		t.Errorf("lines %q … %q", lines[0], lines[len(lines)-2:])
	}
}

func TestProblemLinesNameTheSheetWhenSeveral(t *testing.T) {
	t.Cleanup(func() { locale.Use(locale.Default) })
	locale.Use("zh-Hans")
	p := workbook.Problem{Sheet: "培训", Row: 4, Column: "日期", Key: workbook.KeyBadDate, Data: map[string]any{"Value": "昨天"}}
	tr := func(k string, d map[string]any) string { return locale.T(k, d) }
	if got := p.Line(tr, true); got != "工作表「培训」第 4 行「日期」：“昨天”不是有效日期，可以写成 2024-03-15、2024/3/15 或 2024年3月15日。" {
		t.Errorf("zh line %q", got)
	}
	p.Column = ""
	if got := p.Line(tr, false); !strings.HasPrefix(got, "第 4 行：“昨天”") {
		t.Errorf("zh row line %q", got)
	}
	locale.Use("en")
	p.Column = "日期"
	if got := p.Line(tr, true); !strings.HasPrefix(got, "Sheet “培训”, row 4, column “日期”: “昨天” is not a valid date") {
		t.Errorf("en line %q", got)
	}
}

// TestImportKeysAreTranslated checks the success lines named in importKinds' fields, which
// the locale test's scan of T(…) calls cannot see; the packages' own keys it checks itself.
func TestImportKeysAreTranslated(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		have, err := locale.Keys(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range importKinds {
			if _, ok := slices.BinarySearch(have, k.done); !ok {
				t.Errorf("%s: key %q has no translation", lang, k.done)
			}
		}
	}
}

// casesBook writes a case-ledger workbook, one row per map of column name to cell text.
func casesBook(t *testing.T, dir, name string, rows ...map[string]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := caseimport.Spec.Sheet
	f.SetSheetName("Sheet1", sheet)
	for n, r := range append([]map[string]string{nil}, rows...) {
		cells := make([]any, len(caseimport.Spec.Columns))
		for i, c := range caseimport.Spec.Columns {
			if n == 0 {
				cells[i] = workbook.HeaderText(c)
			} else {
				cells[i] = r[c.Name]
			}
		}
		f.SetSheetRow(sheet, fmt.Sprintf("A%d", n+1), &cells)
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCasesTemplateAndImportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	tpl := filepath.Join(dir, "案件模板.xlsx")
	first := "91110105MA0000901"
	c, _ := ids.CreditCodeCheckChar(first)
	code := first + string(c)
	closed := map[string]string{caseimport.FieldNumber: "青石镇应急罚〔2024〕20号", caseimport.FieldPartyName: "青石镇测试厂",
		caseimport.FieldCreditCode: code, caseimport.FieldItem: "AQ-05", caseimport.FieldTier: "3",
		caseimport.FieldFiledOn: "2024-03-04", caseimport.FieldNoticeOn: "2024-03-11", caseimport.FieldDecidedOn: "2024-03-18",
		caseimport.FieldOutcome: "罚款", caseimport.FieldFine: "25000", caseimport.FieldServedOn: "2024-03-19",
		caseimport.FieldPaidOn: "2024-03-25", caseimport.FieldPaid: "25000", caseimport.FieldClosedOn: "2024-03-26"}
	filed := map[string]string{caseimport.FieldNumber: "青石镇应急罚〔2024〕21号", caseimport.FieldPartyName: "青石镇测试厂",
		caseimport.FieldCreditCode: code, caseimport.FieldItem: "AQ-07", caseimport.FieldFiledOn: "2024-11-18"}
	good := casesBook(t, dir, "good.xlsx", closed, filed)
	taken := maps.Clone(closed)
	taken[caseimport.FieldNumber] = "青石镇应急罚〔2024〕1号" // the demo's first case of 2024
	wide := maps.Clone(filed)
	wide[caseimport.FieldDecidedOn], wide[caseimport.FieldOutcome], wide[caseimport.FieldFine] = "2024-11-19", "罚款", "60000"
	bad := casesBook(t, dir, "bad.xlsx", taken, wide)
	steps := []lineStep{
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100", "--district-name", "示范区应急管理局"}, 0, "已完成设置", "", 0},
		{"demo", []string{"--db", db, "demo"}, 0, "赋权事项 8 项", "", 0},
		{"template", []string{"--db", db, "template", "cases", "--out", tpl}, 0, "已生成导入模板：" + tpl, "", 0},
		{"import the empty template", []string{"--db", db, "import", "cases", tpl}, 1, "", "工作表「案件台账」中没有要导入的数据行", 1},
		{"import bad rows", []string{"--db", db, "import", "cases", bad}, 1, "",
			"第 2 行「案号」：案号 青石镇应急罚〔2024〕1号 在台账中已被使用。\n" +
				"第 3 行「罚款金额（元）」：罚款 60,000.00 元超出该事项的法定罚款幅度 0.00–50,000.00 元。\n" +
				"townledger: 导入文件中有 2 处问题，未导入任何记录。", 3},
		{"import", []string{"--db", db, "import", "cases", good}, 0, "已导入 2 件案件（新建当事人 1 个）。", "", 0},
		{"import again", []string{"--db", db, "import", "cases", good}, 1, "",
			"第 2 行「案号」：案号 青石镇应急罚〔2024〕20号 在台账中已被使用。\n第 3 行「案号」：案号 青石镇应急罚〔2024〕21号 在台账中已被使用。", 3},
		{"import again in English", []string{"--lang", "en", "--db", db, "import", "cases", good}, 1, "",
			"Row 2, column “案号”: The case number 青石镇应急罚〔2024〕20号 is already used in the ledger.", 3},
		{"verify", []string{"--db", db, "verify"}, 0, "校验通过", "", 0},
	}
	runLineSteps(t, steps)
}

func TestTrainingImportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	staff := officetest.Book(t, trainingimport.StaffSpec,
		map[string]any{"name": "张三", "unit": "应急办", "is_officer": "是", "cert_no": "11010501", "cert_status": "有效"},
		map[string]any{"name": "李四", "unit": "应急办"}, map[string]any{"name": "李四", "unit": "综治办"})
	session := map[string]any{"title": "安全生产法解读", "category": "新法专题", "held_on": "2024-11-18", "starts_at": "09:00",
		"ends_at": "11:00", "hours": 2}
	trainings := officetest.Book(t, trainingimport.TrainingsSpec, session)
	badSession := maps.Clone(session)
	badSession["title"], badSession["category"], badSession["hours"] = "另一次", "体育", 30
	badTrainings := officetest.Book(t, trainingimport.TrainingsSpec, badSession)
	head := map[string]any{"title": "安全生产法解读", "held_on": "2024-11-18", "name": "张三"}
	ambiguous := officetest.Book(t, trainingimport.AttendanceSpec, head, map[string]any{"name": "李四"},
		map[string]any{"name": "陈无名"})
	sheet := officetest.Book(t, trainingimport.AttendanceSpec, head, map[string]any{"name": "李四", "unit": "综治办"})
	steps := []lineStep{
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", "", 0},
		{"staff template", []string{"--db", db, "template", "staff", "--out", filepath.Join(dir, "t1.xlsx")}, 0, "已生成导入模板", "", 0},
		{"trainings template", []string{"--db", db, "template", "trainings", "--out", filepath.Join(dir, "t2.xlsx")}, 0, "已生成导入模板", "", 0},
		{"attendance template", []string{"--db", db, "template", "attendance", "--out", filepath.Join(dir, "t3.xlsx")}, 0, "已生成导入模板", "", 0},
		{"staff", []string{"--db", db, "import", "staff", staff}, 0, "已导入 3 名人员。", "", 0},
		{"staff again", []string{"--db", db, "import", "staff", staff}, 1, "", "第 2 行「姓名」：花名册中已有“应急办”的“张三”", 5},
		{"bad trainings", []string{"--db", db, "import", "trainings", badTrainings}, 1, "",
			"第 2 行「类别」：培训类别“体育”不在类别列表中，请从列表中选择（管理员可在设置中修改类别列表）。\n" +
				"第 2 行「学时」：学时应大于 0，且一次培训不超过 12 学时。\ntownledger: 导入文件中有 2 处问题，未导入任何记录。", 3},
		{"trainings", []string{"--db", db, "import", "trainings", trainings}, 0, "已导入 1 次培训。", "", 0},
		{"ambiguous sheet", []string{"--db", db, "import", "attendance", ambiguous}, 1, "",
			"第 3 行「单位」：花名册中有 2 人名为“李四”（单位：应急办、综治办），请填写单位以区分。\n" +
				"第 4 行「姓名」：花名册中没有此人（陈无名）。", 3},
		{"sheet", []string{"--db", db, "import", "attendance", sheet}, 0, "已导入 2 人的签到记录（培训：安全生产法解读，2024-11-18）。", "", 0},
		{"sheet again", []string{"--db", db, "import", "attendance", sheet}, 1, "", "第 2 行「姓名」：张三已在该次培训的签到记录中。", 3},
		{"verify", []string{"--db", db, "verify"}, 0, "校验通过", "", 0},
	}
	runLineSteps(t, steps)
}

func TestActivityImportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	tpl := filepath.Join(dir, "宣传活动模板.xlsx")
	day := map[string]any{"held_on": "2024-06-16", "title": "安全生产月咨询日", "type": "安全生产月", "place_kind": "社区",
		"place_name": "青石社区广场", "banners": 2, "boards": 6, "materials": 300, "people": 260, "cost": "1200.50"}
	drill := map[string]any{"held_on": "2024-05-12", "title": "防灾减灾日疏散演练", "type": "应急演练", "place_kind": "学校",
		"drills": 1, "drill_people": 420}
	good := officetest.Book(t, activityimport.Spec, day, drill)
	badType, badCount := maps.Clone(day), maps.Clone(drill)
	badType["type"] = "广场舞"
	badCount["banners"] = -1
	bad := officetest.Book(t, activityimport.Spec, badType, badCount)
	steps := []lineStep{
		{"template", []string{"--db", db, "template", "activities", "--out", tpl}, 0, "已生成导入模板：" + tpl, "", 0},
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "已完成设置", "", 0},
		{"import the empty template", []string{"--db", db, "import", "activities", tpl}, 1, "", "工作表「宣传活动」中没有要导入的数据行", 1},
		{"import bad rows", []string{"--db", db, "import", "activities", bad}, 1, "",
			"第 2 行「活动类型」：活动类型“广场舞”不在本镇的类型列表中，请填写：安全生产月、防灾减灾日、",
			3},
		{"import", []string{"--db", db, "import", "activities", good}, 0, "已导入 2 场宣传活动。", "", 0},
		{"import in English", []string{"--lang", "en", "--db", db, "import", "activities", bad}, 1, "",
			"Row 3, column “横幅（条）”: ", 3},
		{"verify", []string{"--db", db, "verify"}, 0, "校验通过", "", 0},
	}
	runLineSteps(t, steps)
}

// lineStep is a step whose stderr must have exactly lines lines: an import's refusal lists
// one problem per line.
type lineStep struct {
	name   string
	args   []string
	code   int
	stdout string // substring expected on stdout
	stderr string // substring expected on stderr
	lines  int    // lines expected on stderr
}

func runLineSteps(t *testing.T, steps []lineStep) {
	t.Helper()
	for _, s := range steps {
		r := run(t, s.args...)
		if r.code != s.code || !strings.Contains(r.stdout, s.stdout) || !strings.Contains(r.stderr, s.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q; want exit %d with %q / %q", s.name, r.code, r.stdout, r.stderr, s.code, s.stdout, s.stderr)
		}
		if n := strings.Count(r.stderr, "\n"); n != s.lines {
			t.Errorf("%s: %d lines on stderr, want %d: %q", s.name, n, s.lines, r.stderr)
		}
	}
}
