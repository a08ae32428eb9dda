package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"townledger/app/officetest/townbooks"
)

// district report writes the year's sheet and, beside it, its text (UTF-8 with a BOM);
// prints the sentences, where each town's figures come from and the towns whose year is
// incomplete; never writes over a file; refuses a year with nothing and a wrong year.
func TestDistrictReport(t *testing.T) {
	if testing.Short() {
		t.Skip("exports two demo towns")
	}
	dir, db, towns, in := newBureau(t)
	townbooks.Make(t, in, "青石镇", "110105100", "2023")
	townbooks.Make(t, in, "白水镇", "110105101", "2023-H1", "2023-Q3", "2023-10", "2023-11")
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
