package district_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"townledger/app/district"
	"townledger/app/officetest"
	"townledger/data"
)

func TestTownChecks(t *testing.T) {
	for _, c := range []struct {
		name string
		town district.Town
		want string // the keys and fields of the problems, "key@field" joined by spaces
	}{
		{"valid, 12 digits, two addresses", district.Town{Name: " 青石镇 ", DivisionCode: "110105100000", Emails: "A@qs.cn；b@qs.cn"}, ""},
		{"no name", district.Town{DivisionCode: "110105100"}, "district.town.name.empty@name"},
		{"long name", district.Town{Name: strings.Repeat("镇", 51), DivisionCode: "110105100"}, "district.town.name.long@name"},
		{"bad code", district.Town{Name: "镇", DivisionCode: "1101051"}, "ids.town.length@division_code"},
		{"bad kind", district.Town{Name: "镇", DivisionCode: "110105100", Kind: "village"}, "district.town.kind.invalid@kind"},
		{"bad address", district.Town{Name: "镇", DivisionCode: "110105100", Emails: "a@qs.cn, not-an-address"}, "setup.email.invalid@emails"},
		{"long notes", district.Town{Name: "镇", DivisionCode: "110105100", Notes: strings.Repeat("字", 1001)}, "district.town.text.long@notes"},
	} {
		d, l := c.town.Check()
		var got []string
		for _, p := range l {
			got = append(got, p.Key+"@"+p.Field)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: %v, want %s", c.name, got, c.want)
		}
		if c.want == "" && (d.DivisionCode != "110105100" || d.Name != "青石镇" || d.Emails != "a@qs.cn, b@qs.cn" || d.Kind != data.DistrictKindTown) {
			t.Errorf("%s: stored as %+v", c.name, d)
		}
	}
}

// The register: an administrator adds, changes and removes towns; a code is registered once;
// nobody else may change it.
func TestTownsRegister(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	id, err := district.AddTown(ctx, s, admin, district.Town{Name: "青石镇", DivisionCode: "110105100", Emails: "a@qs.cn"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := district.AddTown(ctx, s, admin, district.Town{Name: "又一个", DivisionCode: "110105100000"}); keyOf(err) != district.KeyCodeTaken {
		t.Errorf("the same code again: %v", err)
	}
	other, err := district.AddTown(ctx, s, admin, district.Town{Name: "白水镇", DivisionCode: "110105101", Kind: data.DistrictKindCentre})
	if err != nil {
		t.Fatal(err)
	}
	if err := district.UpdateTown(ctx, s, admin, district.Town{ID: other, Name: "白水镇", DivisionCode: "110105100"}); keyOf(err) != district.KeyCodeTaken {
		t.Errorf("changed to a taken code: %v", err)
	}
	if err := district.UpdateTown(ctx, s, admin, district.Town{ID: id, Name: "青石镇", DivisionCode: "110105100", Contact: "李"}); err != nil {
		t.Errorf("an update keeping its own code: %v", err)
	}
	for _, by := range []struct {
		name string
		err  error
	}{
		{"add", func() error {
			_, err := district.AddTown(ctx, s, clerk, district.Town{Name: "x", DivisionCode: "110105102"})
			return err
		}()},
		{"update", district.UpdateTown(ctx, s, clerk, district.Town{ID: id, Name: "x", DivisionCode: "110105100"})},
		{"remove", district.RemoveTown(ctx, s, clerk, id)},
		{"mode", district.SetMode(ctx, s, clerk, district.ModeDistrict)},
	} {
		if keyOf(by.err) != "perm.denied" {
			t.Errorf("a clerk may %s: %v", by.name, by.err)
		}
	}
	if err := district.RemoveTown(ctx, s, admin, other); err != nil {
		t.Fatal(err)
	}
	towns, err := district.Towns(ctx, s)
	if err != nil || len(towns) != 1 || towns[0].Contact != "李" {
		t.Fatalf("towns %+v %v", towns, err)
	}
	checkLog(t, s)
}

func TestModeIsTownUntilTheAdministratorChangesIt(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	if m, err := district.Mode(ctx, s); err != nil || m != district.ModeTown {
		t.Fatalf("new ledger: %s %v", m, err)
	}
	if err := district.SetMode(ctx, s, admin, "city"); keyOf(err) != district.KeyBadMode {
		t.Errorf("a mode that is none: %v", err)
	}
	if err := district.SetMode(ctx, s, admin, district.ModeDistrict); err != nil {
		t.Fatal(err)
	}
	if m, err := district.NewService(s).Mode(ctx); err != nil || m != district.ModeDistrict {
		t.Fatalf("after the change: %s %v", m, err)
	}
}

// The towns sheet: all rows or none; a code repeated in the file or already registered is
// refused with its row, and the example row is skipped.
func TestImportTowns(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t)
	row := func(name, code, kind, emails string) map[string]any {
		return map[string]any{district.FieldName: name, district.FieldCode: code, district.FieldKind: kind, district.FieldEmails: emails}
	}
	bad := officetest.Book(t, district.TownsSpec, row("青石镇", "110105100", "乡镇", "a@qs.cn"), row("白水镇", "110105100", "", ""),
		row("", "1101", "村", "nope"))
	_, err := district.ImportTowns(ctx, s, admin, bad)
	officetest.Refused(t, err, "3|区划代码|import.duplicate_in_file", "4|名称|import.required", "4|区划代码|ids.town.length",
		"4|类型|import.choice", "4|邮箱|setup.email.invalid")
	if towns, _ := district.Towns(ctx, s); len(towns) != 0 {
		t.Fatalf("a refused file registered %d towns", len(towns))
	}
	example := map[string]any{}
	for i, c := range district.TownsSpec.Columns {
		example[c.Name] = district.TownsSpec.Example[i]
	}
	good := officetest.Book(t, district.TownsSpec, example, row("青石镇", "110105100", "乡镇", "a@qs.cn; b@qs.cn"),
		row("白水中心", "110105101000", "中心社区", ""))
	if _, err := district.ImportTowns(ctx, s, clerk, good); keyOf(err) != "perm.denied" {
		t.Errorf("a clerk imported towns: %v", err)
	}
	n, err := district.ImportTowns(ctx, s, admin, good)
	if err != nil || n != 2 {
		t.Fatalf("import: %d %v", n, err)
	}
	towns, _ := district.Towns(ctx, s)
	if len(towns) != 2 || towns[1].DivisionCode != "110105101" || towns[1].Kind != data.DistrictKindCentre || towns[0].Emails != "a@qs.cn, b@qs.cn" {
		t.Errorf("registered %+v", towns)
	}
	_, err = district.ImportTowns(ctx, s, admin, good)
	officetest.Refused(t, err, "3|区划代码|district.town.code.taken", "4|区划代码|district.town.code.taken")
}

func TestFileVersion(t *testing.T) {
	for name, want := range map[string]int{"青石镇_2026-10_v2.xlsx": 2, "a_2026_V12.XLSX": 12, "青石镇报表.xlsx": 0,
		"x_v.xlsx": 0, "x_v3.xls": 0, "x_v1234567.xlsx": 0, "v2.xlsx": 0} {
		if got := district.FileVersion(name); got != want {
			t.Errorf("%s: %d, want %d", name, got, want)
		}
	}
}

// A file name comes from outside (a mail's attachment): any name gives a version or none.
func FuzzFileVersion(f *testing.F) {
	for _, s := range []string{"青石镇_2026-10_v2.xlsx", "_v.xlsx", "_v999999.xlsx", "\x00_v1.xlsx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if v := district.FileVersion(name); v < 0 || v > 999999 || v > 0 && !strings.HasSuffix(strings.ToLower(name), ".xlsx") {
			t.Errorf("%q: version %d", name, v)
		}
	})
}

// Every refusal and word of the package reads in both languages, with the same fields.
func TestEveryKeyIsTranslated(t *testing.T) {
	field := regexp.MustCompile(`\{\{\.(\w+)\}\}`)
	tables := map[string]map[string]string{}
	for _, lang := range []string{"zh-Hans", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]string
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		tables[lang] = tr
	}
	fields := func(s string) []string {
		var out []string
		for _, m := range field.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for _, k := range district.Keys() {
		zh, ok1 := tables["zh-Hans"][k]
		en, ok2 := tables["en"][k]
		if !ok1 || !ok2 {
			t.Errorf("%s is not translated", k)
			continue
		}
		if !slices.Equal(fields(zh), fields(en)) {
			t.Errorf("%s: fields %v in Chinese, %v in English", k, fields(zh), fields(en))
		}
	}
}
