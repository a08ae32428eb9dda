package catalog

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/workbook"
	"townledger/app/workbook/workbooktest"
)

// 生效日期 reads a real Excel date or a date written out, and refuses the slips that used to
// read as dates of 1900–1905 or 2454 (2026.3, 202603, 45, TRUE, a plain number …), quoting
// the cell.
func TestEffectiveDates(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, false)
	for i, dc := range workbooktest.DateCells(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)) {
		t.Run(dc.Name, func(t *testing.T) {
			code := fmt.Sprintf("AQ-%d", 100+i)
			path := book(t, "日期.xlsx", []Item{withCode(ExampleItem(), code)}, nil)
			workbooktest.PutDate(t, path, ItemsSheet, "生效日期", 2, dc)
			res, err := Import(ctx, s, admin, path, day("2024-07-01"))
			workbooktest.Check(t, err, dc, 2, "生效日期")
			if dc.Key != "" {
				return
			}
			got := itemByCode(t, s, code, "2024-07-01")
			if res.Added != 1 || got.EffectiveFrom != "2024-03-15" {
				t.Errorf("result %+v, stored from %s", res, got.EffectiveFrom)
			}
		})
	}
}

// Problem lines of the catalogue name the sheet even when every problem is in one sheet.
func TestLinesNameTheSheet(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, false)
	path := book(t, "一处.xlsx", []Item{withCode(ExampleItem(), "AQ-90")}, func(x *excelize.File) {
		set(x, ItemsSheet, "F2", "五万")
	})
	_, err := Import(ctx, s, admin, path, day("2024-07-01"))
	probs := workbookProblems(t, err)
	lines := probs.Lines(func(key string, d map[string]any) string {
		return fmt.Sprintf("%s/%d/%s", d["Sheet"], d["Row"], d["Column"])
	})
	if len(lines) != 1 || lines[0] != ItemsSheet+"/2/单位罚款上限（元）" {
		t.Errorf("lines %q", lines)
	}
}

// Exemption conditions may be written on several lines; an item's name may not.
func TestLineBreaks(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, false)
	it := withCode(ExampleItem(), "AQ-90")
	it.ExemptConditions = "首次违法；\n及时改正"
	path := book(t, "分行.xlsx", []Item{it}, nil)
	if _, err := Import(ctx, s, admin, path, day("2024-07-01")); err != nil {
		t.Fatal(err)
	}
	if got := itemByCode(t, s, "AQ-90", "2024-07-01"); !strings.Contains(got.ExemptConditions, "\n") {
		t.Errorf("conditions stored as %q", got.ExemptConditions)
	}
	it = withCode(ExampleItem(), "AQ-91")
	it.Name = "未设置\n安全警示标志"
	_, err := Import(ctx, s, admin, book(t, "名称.xlsx", []Item{it}, nil), day("2024-07-01"))
	p := workbookProblems(t, err)
	if len(p.List) != 1 || p.List[0].Key != workbook.KeyLineBreak || p.List[0].Column != "事项名称" || p.List[0].Sheet != ItemsSheet {
		t.Errorf("problems %+v", p.List)
	}
}

func workbookProblems(t *testing.T, err error) *workbook.Problems {
	t.Helper()
	p, ok := err.(*workbook.Problems)
	if !ok {
		t.Fatalf("err = %v, want problems", err)
	}
	return p
}
