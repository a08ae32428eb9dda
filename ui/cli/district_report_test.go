package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"townledger/app/district"
	"townledger/app/officetest"
	"townledger/app/officetest/townbooks"
)

// townReports writes a demo town's workbooks of the periods into dir under the names the
// town mails them.
func townReports(t *testing.T, dir, name, code string, periods ...string) {
	t.Helper()
	townbooks.Make(t, dir, name, code, periods...)
}

// district report writes the year's sheet and, beside it, its text (UTF-8 with a BOM);
// prints the sentences, where each town's figures come from and the towns whose year is
// incomplete; never writes over a file; refuses a year with nothing and a wrong year.
func TestDistrictReport(t *testing.T) {
	if testing.Short() {
		t.Skip("exports two demo towns")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "district.db")
	if r := run(t, "--db", db, "init", "--town-name", "示范区", "--town-code", "110105001"); r.code != 0 {
		t.Fatalf("init: %+v", r)
	}
	towns := officetest.Book(t, district.TownsSpec,
		map[string]any{district.FieldName: "青石镇", district.FieldCode: "110105100", district.FieldKind: "乡镇"},
		map[string]any{district.FieldName: "白水镇", district.FieldCode: "110105101", district.FieldKind: "乡镇"},
		map[string]any{district.FieldName: "无报镇", district.FieldCode: "110105102", district.FieldKind: "乡镇"})
	in := filepath.Join(dir, "收件")
	if err := os.Mkdir(in, 0o700); err != nil {
		t.Fatal(err)
	}
	townReports(t, in, "青石镇", "110105100", "2023")
	townReports(t, in, "白水镇", "110105101", "2023-H1", "2023-Q3", "2023-10", "2023-11")
	out := filepath.Join(dir, "年度数据.xlsx")
	text := filepath.Join(dir, "年度数据.txt")
	runSteps(t, []step{
		{"import the towns", []string{"--db", db, "district", "towns", "import", towns}, 0, "", ""},
		{"pull", []string{"--db", db, "district", "pull", "--folder", in}, 0, "", ""},
		{"without a year", []string{"--db", db, "district", "report"}, 2, "", "district report --year"},
		{"a quarter is no year", []string{"--db", db, "district", "report", "--year", "2023-Q4"}, 2, "", "2023-Q4"},
		{"a year with nothing", []string{"--db", db, "district", "report", "--year", "2022", "--out", out}, 1, "",
			"2022年还没有任何乡镇（街道）的在用报表"},
		{"report", []string{"--db", db, "district", "report", "--year", "2023", "--out", out}, 0,
			"已生成2023年度数据（2 个乡镇（街道））", ""},
		{"again to the same files", []string{"--db", db, "district", "report", "--year", "2023", "--out", out}, 1, "",
			"文件已存在"},
	})
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no sheet: %v", err)
	}
	raw, err := os.ReadFile(text)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\uFEFF2023年度法治政府建设工作数据")) {
		t.Errorf("the text file begins %q", raw[:min(60, len(raw))])
	}
	other := filepath.Join(dir, "另.txt")
	r := run(t, "--db", db, "district", "report", "--year", "2023", "--out", filepath.Join(dir, "二.xlsx"), "--text", other)
	for _, want := range []string{"可直接复制的表述：", "全年辖区各乡镇（街道）共立案查处安全生产违法案件",
		"全年开展各类宣教活动", "白水镇：未报年度报表，由2023年上半年（第1版）、2023年第三季度（第1版）、2023年10月至2023年11月各月报表（第1版）相加；缺2023年12月，未计入",
		"数据不全的乡镇（街道）2 个：白水镇、无报镇"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("report does not say %q: %+v", want, r)
		}
	}
	if b, err := os.ReadFile(other); err != nil || !strings.Contains(string(b), "全年开展各类宣教活动") {
		t.Errorf("--text: %v %q", err, b)
	}
	r = run(t, "--lang", "en", "--db", db, "district", "report", "--year", "2023", "--out", filepath.Join(dir, "3.xlsx"))
	if r.code != 0 || !strings.Contains(r.stdout, "Year figures of 2023 drawn up (2 towns)") ||
		!strings.Contains(r.stdout, "Over the year the district's towns filed") {
		t.Errorf("English: %+v", r)
	}
}
