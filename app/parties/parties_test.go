package parties

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/ids"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/app/workbook"
	"townledger/data"
)

var (
	today   = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	officer = auth.Session{UserID: "u-officer", Username: "officer", Roles: []auth.Role{auth.Officer}}
)

func openStore(t testing.TB, withTown bool) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if withTown {
		if err := setup.InitTown(ctx, s, setup.Town{Name: "青石镇", DivisionCode: "110105100"}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// creditCode makes the i-th valid credit code.
func creditCode(i int) string {
	first := fmt.Sprintf("91110105MA%07d", i)
	c, err := ids.CreditCodeCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

// idNumber makes the i-th valid ID number.
func idNumber(i int) string {
	first := fmt.Sprintf("1101051980%02d%02d%03d", 1+i/28%12, 1+i%28, i%1000)
	c, err := ids.IDCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

func count(t testing.TB, s *data.Store) int {
	t.Helper()
	n, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n[data.ListParties]
}

func fieldKeys(err error) map[string]string {
	out := map[string]string{}
	var l problem.List
	if errors.As(err, &l) {
		for _, p := range l {
			out[p.Field] = p.Key
		}
	}
	return out
}

// first is the first refusal of a problem.List.
func first(err error) *problem.Error {
	var l problem.List
	if errors.As(err, &l) && len(l) > 0 {
		return l[0]
	}
	return &problem.Error{}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Party
		want Party
		keys map[string]string
	}{
		{"organisation, normalised",
			Party{Kind: KindOrg, Name: " 青石机械厂 ", CreditCode: "９１１１００００６０００３７３４１ｌ", Phone: "138 1234 5678", Address: "东街 1 号\u3000"},
			Party{Kind: KindOrg, Name: "青石机械厂", CreditCode: "91110000600037341L", Phone: "13812345678", Address: "东街 1 号"}, nil},
		{"person", Party{Kind: KindPerson, Name: "张三", IDNumber: "11010519491231002x", Phone: "010-12345678"},
			Party{Kind: KindPerson, Name: "张三", IDNumber: "11010519491231002X", Phone: "010-12345678"}, nil},
		{"nothing", Party{}, Party{}, map[string]string{FieldKind: KeyKind, FieldName: KeyNameEmpty}},
		{"organisation without a code", Party{Kind: KindOrg, Name: "甲"}, Party{}, map[string]string{FieldCreditCode: KeyCreditRequired}},
		{"person without an ID number", Party{Kind: KindPerson, Name: "甲"}, Party{}, map[string]string{FieldIDNumber: KeyIDRequired}},
		{"person with a credit code", Party{Kind: KindPerson, Name: "甲", IDNumber: "11010519491231002X", CreditCode: "91110000600037341L"},
			Party{}, map[string]string{FieldCreditCode: KeyCreditForPerson}},
		{"organisation with an ID number", Party{Kind: KindOrg, Name: "甲", CreditCode: "91110000600037341L", IDNumber: "11010519491231002X"},
			Party{}, map[string]string{FieldIDNumber: KeyIDForOrg}},
		{"bad identifiers and phone", Party{Kind: KindOrg, Name: "甲", CreditCode: "91110000600037341K", Phone: "12345"},
			Party{}, map[string]string{FieldCreditCode: ids.KeyCreditCheck, FieldPhone: ids.KeyPhoneInvalid}},
		{"ID number born tomorrow", Party{Kind: KindPerson, Name: "甲", IDNumber: idBornOn("20250602")},
			Party{}, map[string]string{FieldIDNumber: ids.KeyIDBirthFuture}},
		{"name too long", Party{Kind: KindOrg, Name: strings.Repeat("甲", 101), CreditCode: "91110000600037341L", Notes: strings.Repeat("x", 1001)},
			Party{}, map[string]string{FieldName: KeyTooLong, FieldNotes: KeyTooLong}},
		{"name of 100 characters", Party{Kind: KindOrg, Name: strings.Repeat("甲", 100), CreditCode: "91110000600037341L"},
			Party{Kind: KindOrg, Name: strings.Repeat("甲", 100), CreditCode: "91110000600037341L"}, nil},
	} {
		got, l := tc.in.Check(today)
		if k := fieldKeys(l); len(k) != len(tc.keys) || fmt.Sprint(k) != fmt.Sprint(tc.keys) {
			t.Errorf("%s: problems %v, want %v", tc.name, k, tc.keys)
		}
		if tc.keys == nil && got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func idBornOn(date string) string {
	c, _ := ids.IDCheckChar("110105" + date + "001")
	return "110105" + date + "001" + string(c)
}

func TestCreate(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, false)
	org := Party{Kind: KindOrg, Name: "青石机械厂", CreditCode: "91110000600037341L"}
	if _, err := Create(ctx, s, officer, org); problem.From(err).Key != KeyNoTown {
		t.Errorf("no town: %v", err)
	}
	s = openStore(t, true)
	clerk := auth.Session{UserID: "u-p", Username: "p", Roles: []auth.Role{auth.Publicist}}
	if _, err := Create(ctx, s, clerk, org); problem.From(err).Key != "perm.denied" {
		t.Errorf("publicist: %v", err)
	}
	if _, err := Create(ctx, s, officer, Party{Kind: KindOrg}); fieldKeys(err)[FieldName] != KeyNameEmpty {
		t.Errorf("empty: %v", err)
	}
	id, err := Create(ctx, s, officer, org)
	if err != nil || id == "" {
		t.Fatalf("create: %q, %v", id, err)
	}
	p, ok, err := s.PartyByCreditCode(ctx, "91110000600037341L")
	if err != nil || !ok || p.ID != id || p.NameInitials != "qsjxc" {
		t.Errorf("stored %+v, %v, %v", p, ok, err)
	}
	twin := org
	twin.Name, twin.CreditCode = "另一个厂", "９１１１００００６０００３７３４１Ｌ"
	_, err = Create(ctx, s, officer, twin)
	if pe := first(err); fieldKeys(err)[FieldCreditCode] != KeyCreditTaken || pe.Data["Name"] != "青石机械厂" {
		t.Errorf("same credit code: %v", err)
	}
	person := Party{Kind: KindPerson, Name: "张三", IDNumber: "11010519491231002X"}
	if _, err := Create(ctx, s, officer, person); err != nil {
		t.Fatal(err)
	}
	person.Name = "张三丰"
	_, err = Create(ctx, s, officer, person)
	if pe := first(err); fieldKeys(err)[FieldIDNumber] != KeyIDTaken || pe.Data["Name"] != "张三" || pe.Data["Value"] != "110105********002X" {
		t.Errorf("same ID number: %v", err)
	}
	if n := count(t, s); n != 2 {
		t.Errorf("%d parties", n)
	}
}

// header is the template's header row.
func header() []any {
	var h []any
	for _, c := range Spec.Columns {
		h = append(h, workbook.HeaderText(c))
	}
	return h
}

// row builds an import row in template column order.
func row(kind, name, code, id, phone string) []any {
	return []any{kind, name, code, id, "", "", "", "", phone}
}

func writeBook(t testing.TB, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := Spec.Sheet
	f.SetSheetName("Sheet1", sheet)
	for i, r := range append([][]any{header()}, rows...) {
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "parties.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// goodRows are n valid rows, every seventh a person.
func goodRows(n int) [][]any {
	var rows [][]any
	for i := 0; i < n; i++ {
		if i%7 == 6 {
			rows = append(rows, row("个人", fmt.Sprintf("个人%d", i), "", idNumber(i), ""))
		} else {
			rows = append(rows, row("单位", fmt.Sprintf("青石企业%d", i), creditCode(i), "", "13812345678"))
		}
	}
	return rows
}

func where(err error) []string {
	var p *workbook.Problems
	if !errors.As(err, &p) {
		return []string{fmt.Sprintf("not *workbook.Problems: %v", err)}
	}
	var out []string
	for _, pr := range p.List {
		out = append(out, fmt.Sprintf("%d/%s/%s", pr.Row, pr.Column, pr.Key))
	}
	return out
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	text := filepath.Join(t.TempDir(), "list.xlsx")
	os.WriteFile(text, []byte("类型,名称\n单位,青石机械厂\n"), 0o600)
	badRows := goodRows(10)
	badRows[1][2] = "91110000600037341K" // row 3
	badRows[5][1] = ""                   // row 7
	dupRows := goodRows(6)
	dupRows[3][2] = dupRows[1][2] // row 5 repeats row 3's credit code
	dupRows = append(dupRows, row("个人", "李四", "", strings.ToLower(idNumber(200)), ""), row("个人", "李四", "", idNumber(200), ""))
	existing := goodRows(3)
	existing[2] = row("个人", "张三", "", "11010519491231002X", "") // row 4: already recorded
	existing[1][2] = "91110000600037341L"                       // row 3: already recorded
	// Rows are written while the file is still read, 512 at a time: a recorded code in a later
	// batch still refuses the whole file, and a row with a problem of its own is checked too.
	late := goodRows(1200)
	late[18] = row("个人", "张三", "", "11010519491231002X", "123") // row 20: bad phone, recorded
	late[998][2] = "91110000600037341L"                         // row 1000: already recorded

	for _, tc := range []struct {
		name  string
		path  string
		by    auth.Session
		n     int
		key   string   // refusal key of the file as a whole
		where []string // problems by row/column/key
	}{
		{"good file", writeBook(t, goodRows(46)), officer, 46, "", nil},
		{"bad credit code in row 3, no name in row 7", writeBook(t, badRows), officer, 0, workbook.KeyFailed,
			[]string{"3/统一社会信用代码/ids.credit.check", "7/名称/import.required"}},
		{"duplicates within the file", writeBook(t, dupRows), officer, 0, workbook.KeyFailed,
			[]string{"5/统一社会信用代码/import.duplicate_in_file", "9/身份证号码/import.duplicate_in_file"}},
		{"duplicates of recorded parties", writeBook(t, existing), officer, 0, workbook.KeyFailed,
			[]string{"3/统一社会信用代码/parties.credit_code.taken", "4/身份证号码/parties.id_number.taken"}},
		{"recorded parties in a later batch", writeBook(t, late), officer, 0, workbook.KeyFailed,
			[]string{"20/身份证号码/parties.id_number.taken", "20/联系电话/ids.phone.invalid", "1000/统一社会信用代码/parties.credit_code.taken"}},
		{"a text file named .xlsx", text, officer, 0, workbook.KeyNotXLSX, nil},
		{"a missing file", filepath.Join(t.TempDir(), "none.xlsx"), officer, 0, workbook.KeyNoFile, nil},
		{"not allowed", writeBook(t, goodRows(2)), auth.Session{UserID: "u-t", Roles: []auth.Role{auth.Trainer}}, 0, "perm.denied", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t, true)
			if _, err := Create(ctx, s, officer, Party{Kind: KindOrg, Name: "青石机械厂", CreditCode: "91110000600037341L"}); err != nil {
				t.Fatal(err)
			}
			if _, err := Create(ctx, s, officer, Party{Kind: KindPerson, Name: "张三", IDNumber: "11010519491231002X"}); err != nil {
				t.Fatal(err)
			}
			n, err := Import(ctx, s, tc.by, tc.path, today)
			if n != tc.n || (err == nil) != (tc.key == "") || err != nil && problem.From(err).Key != tc.key {
				t.Fatalf("Import = %d, %v; want %d, %q", n, err, tc.n, tc.key)
			}
			if tc.where != nil && !slices.Equal(where(err), tc.where) {
				t.Errorf("problems %v, want %v", where(err), tc.where)
			}
			if got := count(t, s); got != 2+tc.n {
				t.Errorf("%d parties recorded, want %d", got, 2+tc.n)
			}
		})
	}
}

func TestImportedPartiesAreComplete(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, true)
	path := writeBook(t, [][]any{
		{"企业", "青石机械厂", "９１１１００００６０００３７３４１ｌ", "", "王五", "东街 1 号", "机械制造", "李四", "010 - 12345678", "东街社区", "备注"},
		{"个人", "张三", "", "11010519491231002x", "", "西村", "", "", "", "西村", ""},
	})
	if n, err := Import(ctx, s, officer, path, today); n != 2 || err != nil {
		t.Fatalf("%d, %v", n, err)
	}
	p, ok, _ := s.PartyByCreditCode(ctx, "91110000600037341L")
	want := data.Party{ID: p.ID, Kind: KindOrg, Name: "青石机械厂", NameInitials: "qsjxc", CreditCode: "91110000600037341L",
		LegalRep: "王五", Address: "东街 1 号", Industry: "机械制造", Contact: "李四", Phone: "010-12345678", Village: "东街社区", Notes: "备注"}
	if !ok || p != want {
		t.Errorf("organisation\n%+v\nwant\n%+v", p, want)
	}
	if p, ok, _ := s.PartyByIDNumber(ctx, "11010519491231002X"); !ok || p.Kind != KindPerson || p.NameInitials != "zs" || p.Village != "西村" {
		t.Errorf("person %+v", p)
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "企业和个人导入模板.xlsx")
	if err := workbook.WriteTemplate(Spec, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Filled in below the example row, which stays and is skipped.
	for i, r := range goodRows(12) {
		if err := f.SetSheetRow(Spec.Sheet, fmt.Sprintf("A%d", i+3), &r); err != nil {
			t.Fatal(err)
		}
	}
	filled := filepath.Join(t.TempDir(), "filled.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s := openStore(t, true)
	if n, err := Import(ctx, s, officer, filled, today); n != 12 || err != nil {
		t.Fatalf("%d, %v", n, err)
	}
	if _, ok, _ := s.PartyByCreditCode(ctx, Spec.Example[2]); ok {
		t.Error("the example row was imported")
	}
	// Importing the same file again is refused row by row, and changes nothing.
	n, err := Import(ctx, s, officer, filled, today)
	var p *workbook.Problems
	if n != 0 || !errors.As(err, &p) || p.Count() != 12 {
		t.Errorf("second import: %d, %v", n, err)
	}
	if got := count(t, s); got != 12 {
		t.Errorf("%d parties", got)
	}
}

func TestKeys(t *testing.T) {
	for _, k := range Keys() {
		if !strings.HasPrefix(k, "parties.") {
			t.Errorf("key %s", k)
		}
	}
}

// BenchmarkImport10000 imports 10,000 rows (every seventh a person) into an empty ledger.
func BenchmarkImport10000(b *testing.B) {
	path := writeBook(b, goodRows(10000))
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s := openStore(b, true)
		b.StartTimer()
		if n, err := Import(ctx, s, officer, path, today); n != 10000 || err != nil {
			b.Fatalf("%d, %v", n, err)
		}
	}
}
