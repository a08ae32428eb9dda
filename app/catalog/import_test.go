package catalog

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/data"
)

// book writes items as an export would, then lets edit change the file.
func book(t *testing.T, name string, items []Item, edit func(x *excelize.File)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := writeBook(path, items, false, exportKeys); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		edit(x)
		if err := x.Save(); err != nil {
			t.Fatal(err)
		}
		x.Close()
	}
	return path
}

func set(x *excelize.File, sheet, cell string, v any) {
	if err := x.SetCellValue(sheet, cell, v); err != nil {
		panic(err)
	}
}

func row(x *excelize.File, sheet string, n int, cells []any) {
	if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", n), &cells); err != nil {
		panic(err)
	}
}

func withCode(it Item, code string) Item {
	it.Code = code
	it.Refs, it.Tiers = slices.Clone(it.Refs), slices.Clone(it.Tiers)
	return it
}

func currentItems(t *testing.T, s *data.Store, on string) []Item {
	t.Helper()
	ctx := context.Background()
	list, err := s.CurrentCatalogItems(ctx, on)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]Item, len(list))
	for i, c := range list {
		out[i], _, err = s.CatalogItem(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestTemplateHoldsTheExampleWhichImportSkips(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, false)
	path := filepath.Join(t.TempDir(), "模板.xlsx")
	if err := WriteTemplate(path); err != nil {
		t.Fatal(err)
	}
	if err := WriteTemplate(path); keyOf(err) != workbook.KeyTemplateExists {
		t.Errorf("template over an existing file: %v", err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.GetSheetList(); !slices.Equal(got, []string{ItemsSheet, RefsSheet, TiersSheet, workbook.NotesSheet}) {
		t.Errorf("sheets %v", got)
	}
	tiers, _ := x.GetRows(TiersSheet)
	refs, _ := x.GetRows(RefsSheet)
	x.Close()
	if len(tiers) != 5 || len(refs) != 3 || tiers[0][0] != "事项编码*" || tiers[4][2] != "四阶" {
		t.Errorf("tiers %q refs %q", tiers, refs)
	}
	if _, err := Import(ctx, s, admin, path, day("2024-03-01")); keyOf(err) != workbook.KeyEmpty {
		t.Errorf("the untouched template: %v", err)
	}
	// Giving the example a real code in every sheet imports it, tiers and all.
	x, _ = excelize.OpenFile(path)
	for _, sh := range []string{ItemsSheet, RefsSheet, TiersSheet} {
		rows, _ := x.GetRows(sh)
		for r := 2; r <= len(rows); r++ {
			set(x, sh, fmt.Sprintf("A%d", r), "AQ-05")
		}
	}
	x.Save()
	x.Close()
	res, err := Import(ctx, s, admin, path, day("2024-03-01"))
	if err != nil || res != (Result{Added: 1}) {
		t.Fatalf("%+v %v", res, err)
	}
	got := currentItems(t, s, "2024-03-01")
	if len(got) != 1 || !Same(got[0], withCode(ExampleItem(), "AQ-05")) {
		t.Errorf("imported %+v", got)
	}
}

func TestImportAddsRevisesAndSkips(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, true)
	one := itemByCode(t, s, "AQ-01", "2024-03-01")
	two := itemByCode(t, s, "AQ-02", "2024-03-01")
	two.Name += "（修订）"
	two.EffectiveFrom = "2024-06-01"
	fresh := withCode(ExampleItem(), "AQ-90")
	entrusted := withCode(valid(), "aq-91")
	entrusted.Delegation, entrusted.Tiers, entrusted.PersonMin, entrusted.PersonMax = Entrust, nil, fen(1000), fen(5000)
	entrusted.UnitMax = func() *int64 { v := int64(1234567); return &v }() // 12,345.67 yuan
	path := book(t, "目录.xlsx", []Item{one, two, fresh, entrusted}, nil)

	if _, err := Import(ctx, s, officer, path, day("2024-07-01")); keyOf(err) != "perm.denied" {
		t.Errorf("an officer imported: %v", err)
	}
	res, err := Import(ctx, s, admin, path, day("2024-07-01"))
	if err != nil || res != (Result{Added: 2, Revised: 1, Unchanged: 1}) {
		t.Fatalf("%+v %v", res, err)
	}
	now := itemByCode(t, s, "AQ-02", "2024-07-01")
	versions, _ := s.CatalogVersions(ctx, now.Key)
	if now.Name != two.Name || now.Version != 2 || len(versions) != 2 || versions[0].Status != StatusRevised ||
		versions[0].EffectiveTo != "2024-05-31" {
		t.Errorf("AQ-02 now %+v, versions %+v", now, versions)
	}
	got := itemByCode(t, s, "AQ-91", "2024-07-01")
	if got.Delegation != Entrust || *got.UnitMax != 1234567 || *got.PersonMax != 500000 || len(got.Tiers) != 0 {
		t.Errorf("AQ-91 %+v", got)
	}
	audits, _ := s.AuditCount(ctx, "catalog_item")
	res, err = Import(ctx, s, admin, path, day("2024-07-01"))
	if err != nil || res != (Result{Unchanged: 4}) {
		t.Errorf("again: %+v %v", res, err)
	}
	if n, _ := s.AuditCount(ctx, "catalog_item"); n != audits {
		t.Errorf("an import changing nothing wrote %d audit rows", n-audits)
	}
}

type where struct {
	sheet  string
	row    int
	column string
	key    string
}

func TestImportRefusesTheWholeFileWithEveryProblem(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, true)
	three := itemByCode(t, s, "AQ-03", "2024-03-01")
	three.Name += "（修订）" // but from the same day: not a later version
	items := []Item{withCode(ExampleItem(), "AQ-90"), withCode(ExampleItem(), "AQ-91"), three}
	path := book(t, "错误.xlsx", items, func(x *excelize.File) {
		set(x, ItemsSheet, "F2", "五万")                                   // AQ-90: not an amount
		row(x, ItemsSheet, 5, itemRow(withCode(ExampleItem(), "AQ-91"))) // AQ-91 twice
		set(x, RefsSheet, "E5", 0)                                       // AQ-91's basis: article 0
		row(x, RefsSheet, 8, refRow("AQ-77", ExampleItem().Refs[1]))
		set(x, TiersSheet, "F9", 60000) // AQ-91's fourth tier above the legal range
		row(x, TiersSheet, 10, tierRow("AQ-78", ExampleItem().Tiers[0]))
	})
	audits, _ := s.AuditCount(ctx, "")
	before := currentItems(t, s, "2024-07-01")

	_, err := Import(ctx, s, admin, path, day("2024-07-01"))
	var p *workbook.Problems
	if !errors.As(err, &p) {
		t.Fatalf("not refused with problems: %v", err)
	}
	var got []where
	for _, pr := range p.List {
		got = append(got, where{pr.Sheet, pr.Row, pr.Column, pr.Key})
	}
	want := []where{
		{RefsSheet, 5, "条", KeyArticle},
		{RefsSheet, 8, "事项编码", KeyUnknownCode},
		{TiersSheet, 9, "单位罚款上限（元）", KeyTierOutsideUnit},
		{TiersSheet, 10, "事项编码", KeyUnknownCode},
		{ItemsSheet, 2, "单位罚款上限（元）", KeyBadAmount},
		{ItemsSheet, 4, "生效日期", KeyReviseFrom},
		{ItemsSheet, 5, "事项编码", workbook.KeyDuplicate},
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems\n got %v\nwant %v", got, want)
	}
	if pe := problem.From(err); pe.Key != workbook.KeyFailed || pe.Data["N"] != 7 {
		t.Errorf("summary %+v", pe)
	}
	lines := p.Lines(func(key string, d map[string]any) string {
		if key == workbook.KeyLineCell {
			return fmt.Sprintf("%s/%d/%s: %s", d["Sheet"], d["Row"], d["Column"], d["Message"])
		}
		return key
	})
	if !strings.HasPrefix(lines[0], RefsSheet+"/5/条: ") {
		t.Errorf("lines do not name the sheet: %q", lines)
	}
	if n, _ := s.AuditCount(ctx, ""); n != audits {
		t.Errorf("a refused import wrote %d audit rows", n-audits)
	}
	if after := currentItems(t, s, "2024-07-01"); len(after) != len(before) {
		t.Errorf("%d items before, %d after", len(before), len(after))
	}
}

func TestImportSheets(t *testing.T) {
	ctx := context.Background()
	s := newTown(t, false)
	noRefs := book(t, "无依据.xlsx", []Item{valid()}, func(x *excelize.File) { x.DeleteSheet(RefsSheet) })
	if _, err := Import(ctx, s, admin, noRefs, day("2024-03-01")); keyOf(err) != KeyNoSheet ||
		problem.From(err).Data["Sheet"] != RefsSheet {
		t.Errorf("without references: %v", err)
	}
	noRows := book(t, "空依据.xlsx", []Item{withCode(valid(), "AQ-98")}, func(x *excelize.File) {
		x.RemoveRow(RefsSheet, 3)
		x.RemoveRow(RefsSheet, 2)
	})
	if _, err := Import(ctx, s, admin, noRows, day("2024-03-01")); keyOf(err) != workbook.KeyEmpty {
		t.Errorf("references sheet without rows: %v", err)
	}
	plain := valid()
	plain.Tiers = nil
	noTiers := book(t, "无阶次.xlsx", []Item{plain}, func(x *excelize.File) { x.DeleteSheet(TiersSheet) })
	if res, err := Import(ctx, s, admin, noTiers, day("2024-03-01")); err != nil || res.Added != 1 {
		t.Errorf("without tiers: %+v %v", res, err)
	}
	bare := newTown(t, false)
	emptyTiers := book(t, "空阶次.xlsx", []Item{plain}, nil)
	if res, err := Import(ctx, bare, admin, emptyTiers, day("2024-03-01")); err != nil || res.Added != 1 {
		t.Errorf("tiers sheet without rows: %+v %v", res, err)
	}
}

// TestExportImportRoundTrip exports a town's current catalogue (with a revision still to
// take effect and amounts in fen) and imports it into another town: the same items come out;
// importing it back into the first changes nothing.
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := newTown(t, true)
	old := itemByCode(t, a, "AQ-05", "2024-03-01")
	next := revised(old)
	next.EffectiveFrom = "2024-09-01"
	if _, err := Revise(ctx, a, admin, old.ID, next); err != nil {
		t.Fatal(err)
	}
	odd := withCode(valid(), "ＡＱ-99")
	odd.UnitMax, odd.PersonMin, odd.PersonMax = func() *int64 { v := int64(5000001); return &v }(), fen(0), fen(3000)
	odd.Tiers[3].UnitMax = odd.UnitMax
	odd.Tiers[0].PersonMin, odd.Tiers[0].PersonMax = fen(100), fen(200)
	odd.Refs = append(odd.Refs, Ref{Role: Basis, Law: "安全生产违法行为行政处罚办法", Article: 45})
	odd.EffectiveTo, odd.MinorExempt, odd.AgreementRef = "2026-12-31", true, ""
	if _, err := Create(ctx, a, admin, odd); err != nil {
		t.Fatal(err)
	}
	on := day("2024-07-01")
	path := filepath.Join(t.TempDir(), "目录.xlsx")
	n, err := ExportWorkbook(ctx, a, path, on)
	if err != nil {
		t.Fatal(err)
	}
	want := currentItems(t, a, "2024-07-01")
	if n != 9 || len(want) != 9 {
		t.Fatalf("exported %d of %d", n, len(want))
	}
	if _, err := ExportWorkbook(ctx, a, path, on); keyOf(err) != KeyExportExists {
		t.Errorf("export over an existing file: %v", err)
	}

	b := newTown(t, false)
	res, err := Import(ctx, b, admin, path, on)
	if err != nil || res != (Result{Added: 9}) {
		t.Fatalf("into another town: %+v %v", res, err)
	}
	got := currentItems(t, b, "2024-07-01")
	if len(got) != len(want) {
		t.Fatalf("%d items, want %d", len(got), len(want))
	}
	for i := range want {
		if !Same(got[i], want[i]) {
			t.Errorf("item %s:\n got %+v\nwant %+v", want[i].Code, got[i], want[i])
		}
	}
	if res, err := Import(ctx, a, admin, path, on); err != nil || res != (Result{Unchanged: 9}) {
		t.Errorf("back into the first town: %+v %v", res, err)
	}
}
