package district_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"townledger/app/catalog"
	"townledger/app/district"
	"townledger/app/officetest"
	townperiod "townledger/app/period"
	"townledger/app/report"
)

// exportPeriod writes the town's workbook of period p, named as the town mails it.
func (o *townOffice) exportPeriod(t *testing.T, p string) string {
	t.Helper()
	tmp := filepath.Join(o.dir, fmt.Sprintf("export-%d.xlsx", time.Now().UnixNano()))
	_, rec, err := report.Export(context.Background(), o.store, admin, p, tmp, time.Date(2024, 1, 5, 9, 0, 0, 0, time.Local), "周")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(o.dir, fmt.Sprintf("%s_%s_v%d.xlsx", o.name, p, rec.Version))
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// coverFigures are a workbook's cover figures as ReadSubmissionFile reads them, in
// hundredths for the yuan and the hours, by name.
func coverFigures(t *testing.T, path string) map[string]int64 {
	t.Helper()
	sub, err := report.ReadSubmissionFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, f := range sub.Figures {
		n, err := strconv.ParseFloat(f.Value, 64)
		if err != nil {
			t.Fatalf("%s = %q", f.Name, f.Value)
		}
		if f.Name == "fines_yuan" || f.Name == "training_hours" {
			n *= 100
		}
		out[f.Name] += int64(math.Round(n))
	}
	return out
}

// yearFigure reads a year figure by the cover's name.
var yearFigure = map[string]func(district.YearFigures) int64{
	"filed":             func(f district.YearFigures) int64 { return f.Filed },
	"decided":           func(f district.YearFigures) int64 { return f.Decided },
	"fines_yuan":        func(f district.YearFigures) int64 { return f.Fines },
	"not_penalised":     func(f district.YearFigures) int64 { return f.NotPenalised },
	"closed":            func(f district.YearFigures) int64 { return f.Closed },
	"legal_reviews":     func(f district.YearFigures) int64 { return f.LegalReviews },
	"collective":        func(f district.YearFigures) int64 { return f.Collective },
	"published":         func(f district.YearFigures) int64 { return f.Published },
	"published_on_time": func(f district.YearFigures) int64 { return f.OnTime },
	"training_sessions": func(f district.YearFigures) int64 { return f.TrainingSessions },
	"attendances":       func(f district.YearFigures) int64 { return f.Attendances },
	"training_hours":    func(f district.YearFigures) int64 { return f.TrainingHours },
	"activities":        func(f district.YearFigures) int64 { return f.Activities },
	"boards":            func(f district.YearFigures) int64 { return f.Boards },
	"materials":         func(f district.YearFigures) int64 { return f.Materials },
	"people":            func(f district.YearFigures) int64 { return f.People },
}

// chinese renders translation keys as the Chinese interface does.
func chinese(t *testing.T) townperiod.Translate {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", "zh-Hans.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return func(key string, d map[string]any) string {
		src, ok := m[key]
		if !ok {
			t.Errorf("no translation for %q", key)
			return key
		}
		var out strings.Builder
		if err := template.Must(template.New(key).Parse(src)).Execute(&out, d); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		return out.String()
	}
}

// The year figures add up the towns' real workbooks: three towns' yearly workbooks, and a
// town that sent only months and a quarter, whose twelve months are added up without the
// quarter (so its year equals the yearly workbook it did not send). A registered town that
// sent nothing is named as incomplete. The text file is UTF-8 with a byte-order mark and
// holds the sentences; the sheet has each town, the total, the sentences and the charts.
func TestAnnualAddsUpTheTownsYears(t *testing.T) {
	if testing.Short() {
		t.Skip("exports four demo towns")
	}
	ctx := context.Background()
	dist := officetest.NewStore(t)
	a, b, c := newTown(t, "青石镇", "110105100"), newTown(t, "白水镇", "110105101"), newTown(t, "红山镇", "110105102")
	d := newTown(t, "月报镇", "110105103")
	none := &townOffice{name: "无报镇", code: "110105104"}
	register(t, dist, a, b, c, d, none)
	for i, form := range []string{catalog.Grant, catalog.Entrust} {
		it := catalog.ExampleItem()
		it.Code, it.Delegation, it.EffectiveFrom = fmt.Sprintf("AQ-%d", i+1), form, "2023-01-01"
		if _, err := catalog.Create(ctx, dist, admin, it); err != nil {
			t.Fatal(err)
		}
	}
	b.removeActivity(t) // the towns' figures differ
	c.morePeople(t)

	in := t.TempDir()
	want := map[string]int64{}
	for _, o := range []*townOffice{a, b, c} {
		p := o.exportPeriod(t, "2023")
		copyTo(t, in, p)
		for k, v := range coverFigures(t, p) {
			want[k] += v
		}
	}
	dYear := coverFigures(t, d.exportPeriod(t, "2023")) // not sent
	for k, v := range dYear {
		want[k] += v
	}
	for m := 1; m <= 12; m++ {
		copyTo(t, in, d.exportPeriod(t, fmt.Sprintf("2023-%02d", m)))
	}
	copyTo(t, in, d.exportPeriod(t, "2023-Q1"))
	if out := pull(t, dist, in); len(out) != 16 || strings.Contains(results(out), "rejected") {
		t.Fatalf("pull: %s", results(out))
	}

	y, err := district.Annual(ctx, dist, 2023)
	if err != nil {
		t.Fatal(err)
	}
	if want["filed"] == 0 || want["activities"] == 0 || want["fines_yuan"] == 0 {
		t.Fatalf("the demo towns have nothing to add up: %v", want)
	}
	for name, get := range yearFigure {
		if got := get(y.Total); got != want[name] {
			t.Errorf("total %s = %d, want %d", name, got, want[name])
		}
	}
	if len(y.Towns) != 5 {
		t.Fatalf("towns %+v", y.Towns)
	}
	md := y.Towns[3]
	if md.Name != "月报镇" || md.Basis != district.BasisParts || len(md.Parts) != 12 || !md.Complete() {
		t.Errorf("the monthly town: %+v", md)
	}
	for name, get := range yearFigure {
		if got := get(md.Figures); got != dYear[name] {
			t.Errorf("the monthly town's %s = %d, its year's %d", name, got, dYear[name])
		}
	}
	if y.Towns[0].Basis != district.BasisYear || y.Towns[0].Figures.Activities == y.Towns[1].Figures.Activities {
		t.Errorf("the yearly towns: %+v", y.Towns[:3])
	}
	if inc := y.Incomplete(); len(inc) != 1 || inc[0].Name != "无报镇" || inc[0].Basis != district.BasisNone {
		t.Errorf("incomplete %+v", inc)
	}

	tr := chinese(t)
	sentences := y.Sentences(tr)
	cases := fmt.Sprintf("全年辖区各乡镇（街道）共立案查处安全生产违法案件%d起，作出行政处罚决定%d起，罚款%s万元",
		want["filed"], want["decided"], strconv.FormatFloat(math.Round(float64(want["fines_yuan"])/100)/10000, 'f', -1, 64))
	publicity := fmt.Sprintf("全年开展各类宣教活动%d场次", want["activities"])
	if items := "2023年，辖区5个乡镇（街道）承接安全生产领域行政处罚事项2项（其中赋权1项、委托1项）。"; sentences[0] != items {
		t.Errorf("the items: %s, want %s", sentences[0], items)
	}
	if !slices.ContainsFunc(sentences, func(s string) bool { return strings.HasPrefix(s, cases) }) ||
		!slices.ContainsFunc(sentences, func(s string) bool { return strings.HasPrefix(s, publicity) }) {
		t.Errorf("sentences:\n%s\nwant %s… and %s…", strings.Join(sentences, "\n"), cases, publicity)
	}

	dir := t.TempDir()
	xlsx := filepath.Join(dir, "年度数据.xlsx")
	text := district.TextPath(xlsx)
	if err := district.SaveAnnual(ctx, y, xlsx, text, tr); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(text)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) || !utf8.Valid(raw) {
		t.Errorf("the text is not UTF-8 with a BOM: % x", raw[:min(8, len(raw))])
	}
	for _, s := range append(sentences, "月报镇：未报年度报表，由2023年1月至2023年12月各月报表（第1版）相加", "无报镇：本年未报送任何报表") {
		if !strings.Contains(string(raw), s) {
			t.Errorf("the text lacks %q", s)
		}
	}
	x, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(district.SheetAnnualFigures)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || rows[6][0] != "合计" || rows[4][0] != "月报镇" {
		t.Fatalf("figure rows %v", rows)
	}
	col := slices.Index(rows[0], "立案（件）")
	if col < 0 || rows[6][col] != strconv.FormatInt(want["filed"], 10) {
		t.Errorf("the total's 立案 %q (column %d), want %d", rows[6][max(col, 0)], col, want["filed"])
	}
	lines, err := x.GetRows(district.SheetAnnualSentences)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		if len(l) > 0 {
			got = append(got, l[0])
		}
	}
	for _, s := range sentences {
		if !slices.Contains(got, s) {
			t.Errorf("the sentences sheet lacks %q", s)
		}
	}
	if !slices.Contains(x.GetSheetList(), district.SheetAnnualCharts) {
		t.Error("no charts sheet")
	}
	if err := district.SaveAnnual(ctx, y, filepath.Join(dir, "new.xlsx"), text, tr); keyOf(err) != report.KeyExists {
		t.Errorf("an existing text file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.xlsx")); err == nil {
		t.Error("the sheet was written though the text file was refused")
	}
	if _, err := district.Annual(ctx, dist, 2022); keyOf(err) != district.KeyAnnualNone {
		t.Errorf("a year with nothing: %v", err)
	}
}

// The year figures' words read in both languages, with the same fields.
func TestAnnualKeysAreTranslated(t *testing.T) {
	tables := map[string]map[string]string{}
	for _, lang := range []string{"zh-Hans", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		tables[lang] = m
	}
	for _, k := range district.AnnualKeys() {
		zh, en := tables["zh-Hans"][k], tables["en"][k]
		if zh == "" || en == "" {
			t.Errorf("%s is not translated", k)
		}
	}
}

// ParseYear takes a year as people type it and refuses anything else.
func TestParseYear(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{{"2026", 2026}, {" ２０２６ ", 2026}, {"2026-Q1", 0}, {"2026-07", 0}, {"26", 0}, {"", 0}, {"1800", 0}} {
		got, err := district.ParseYear(c.in)
		if got != c.want || (err == nil) != (c.want != 0) {
			t.Errorf("ParseYear(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
		if err != nil && keyOf(err) != district.KeyAnnualYearInvalid {
			t.Errorf("ParseYear(%q): %v", c.in, err)
		}
	}
}

func FuzzParseYear(f *testing.F) {
	for _, s := range []string{"2026", "２０２６", "2026-H1", "x", "99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y, err := district.ParseYear(s)
		if err != nil {
			if keyOf(err) != district.KeyAnnualYearInvalid {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if y < 1900 || y > 9999 {
			t.Fatalf("%q read as %d", s, y)
		}
	})
}
