package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	townreport "townledger/app/report"
)

// district consolidate writes the period's consolidated workbook (a valid submission of the
// district's own), says what it added up, names the registered towns that sent nothing,
// never writes over a file and refuses a period with nothing in force.
func TestDistrictConsolidate(t *testing.T) {
	if testing.Short() {
		t.Skip("exports two demo towns")
	}
	dir, db, towns, in := newBureau(t)
	townReport(t, in, "青石镇", "110105100")
	townReport(t, in, "白水镇", "110105101")
	out := filepath.Join(dir, "汇总.xlsx")
	runSteps(t, []step{
		{"import the towns", []string{"--db", db, "district", "towns", "import", towns}, 0, "", ""},
		{"nothing in force yet", []string{"--db", db, "district", "consolidate", "--period", "2023-Q4", "--out", out}, 1, "",
			"2023-Q4 还没有任何乡镇的在用报表"},
		{"pull", []string{"--db", db, "district", "pull", "--folder", in}, 0, "", ""},
		{"without a period", []string{"--db", db, "district", "consolidate"}, 2, "", "district consolidate --period"},
		{"a wrong period", []string{"--db", db, "district", "consolidate", "--period", "2023-Q5"}, 2, "", ""},
		{"consolidate", []string{"--db", db, "district", "consolidate", "--period", "2023-q4", "--out", out, "--preparer", "李"},
			0, "已汇总2023年第四季度 2 个乡镇的报表", ""},
		{"again to the same file", []string{"--db", db, "district", "consolidate", "--period", "2023-Q4", "--out", out}, 1, "",
			"文件已存在"},
	})
	sub, err := townreport.ReadSubmissionFile(context.Background(), out)
	if err != nil {
		t.Fatalf("the consolidated workbook is no valid submission: %v", err)
	}
	if sub.TownCode != "110105" || sub.Period != "2023-Q4" || len(sub.Rows[townreport.SheetCases]) == 0 {
		t.Errorf("read back: %s %s, %d cases", sub.TownCode, sub.Period, len(sub.Rows[townreport.SheetCases]))
	}
	r := run(t, "--db", db, "district", "consolidate", "--period", "2023-Q4", "--out", filepath.Join(dir, "二.xlsx"))
	for _, want := range []string{"未报送、未汇总的乡镇 1 个：无报镇", "合计：案件 ", "内容校验值："} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("consolidate does not say %q: %+v", want, r)
		}
	}
	r = run(t, "--lang", "en", "--db", db, "district", "consolidate", "--period", "2023-Q4", "--out", filepath.Join(dir, "3.xlsx"))
	if r.code != 0 || !strings.Contains(r.stdout, "Consolidated the reports of 2 towns") {
		t.Errorf("English: %+v", r)
	}
}
