package disclosure_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/demo"
	"townledger/app/disclosure"
	"townledger/app/parties"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/app/setup"
	"townledger/data"
)

const personID = "11010519491231002X"

type fixture struct {
	store *data.Store
	dir   string
}

// newFixture is the demo town of app/cases' tests — eight lawful cases filed through the case
// service in autumn 2023, five of them decided with a fine — plus a person fined on the spot
// under a 委托 item and an organisation warned on the spot, both in November 2023.
func newFixture(t testing.TB) fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := data.Open(ctx, filepath.Join(dir, "d.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = setup.Run(ctx, s, setup.Town{Name: "青石镇", DivisionCode: "110105100", DistrictName: "示范区应急管理局"},
		setup.Admin{NewAccount: auth.NewAccount{Username: "admin", DisplayName: "王", Password: "admin2024"}, Confirm: "admin2024"})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, s, data.System, time.Date(2023, 12, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	officer := auth.Session{UserID: "u1", Username: "li", Roles: []auth.Role{auth.Officer}}
	person, err := parties.Create(ctx, s, officer, parties.Party{Kind: parties.KindPerson, Name: "钱七", IDNumber: personID})
	if err != nil {
		t.Fatal(err)
	}
	items, err := s.CatalogItemsInForce(ctx, "2023-11-01")
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]string{}
	for _, it := range items {
		byCode[it.Code] = it.ID
	}
	list, _, err := s.List(ctx, data.ListParties, "", 0, 1)
	if err != nil || len(list) == 0 {
		t.Fatal("no demo party", err)
	}
	svc := cases.New(s)
	// The district reserved numbers from 1 for the town's cases in its name.
	if err := settings.SetEntrust(ctx, s, auth.Session{UserID: "a", Roles: []auth.Role{auth.Admin}},
		settings.EntrustNumbering{Issuer: "示范区", From: 1}); err != nil {
		t.Fatal(err)
	}
	team := []rules.Officer{{Name: "李明", Certified: true}, {Name: "张强", Certified: true}}
	on := day("2023-11-20")
	for _, c := range []struct {
		party, item string
		decision    rules.Event
	}{
		{person, byCode["AQ-04"], rules.Event{Outcome: rules.OutcomeFine, Fine: 20000}}, // 委托, 200 yuan
		{list[0].ID, byCode["AQ-07"], rules.Event{Outcome: rules.OutcomeWarning}},
	} {
		id, err := svc.File(ctx, officer, cases.Filing{Procedure: rules.Summary, PartyID: c.party, ItemID: c.item,
			Title: "现场检查发现", DiscoveredOn: on, FiledOn: on, Officers: team})
		if err != nil {
			t.Fatal(err)
		}
		ev := c.decision
		ev.Step, ev.On, ev.RightsInformed, ev.Officers = rules.StepDecision, on, true, team
		if err := svc.Record(ctx, officer, id, ev); err != nil {
			t.Fatal(err)
		}
	}
	// The district publishes on-the-spot decisions too (SettingIncludeSummary; off by default).
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error { return tx.SetSetting(disclosure.SettingIncludeSummary, "1") }); err != nil {
		t.Fatal(err)
	}
	return fixture{store: s, dir: dir}
}

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

func keyOf(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

// readSheet reads the written workbook back the way a user's spreadsheet shows it.
func readSheet(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{disclosure.SheetName}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows(disclosure.SheetName)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows { // GetRows drops trailing empty cells
		for len(rows[i]) < len(disclosure.Headers(7)) {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

func TestWriteTheYearsPenaltyDecisions(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	path := filepath.Join(f.dir, "公示.xlsx")
	n, err := disclosure.WriteOn(ctx, f.store, day("2023-01-01"), day("2023-12-31"), path, day("2023-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	rows := readSheet(t, path)
	want := []string{"行政相对人名称", "统一社会信用代码", "法定代表人", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据",
		"处罚类别", "处罚内容", "罚款金额（万元）", "处罚决定日期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码",
		"数据来源单位", "备注", "应公示日期（决定后7个工作日内）", "实际公示日期", "公示情况"}
	if !slices.Equal(rows[0], want) {
		t.Errorf("header\n%q\nwant\n%q", rows[0], want)
	}
	// Five demo decisions (cases 5–7 are not decided yet), the person's fine and the warning.
	if n != 7 || len(rows) != 8 {
		t.Fatalf("%d rows reported, %d in the sheet; want 7 decisions", n, len(rows)-1)
	}
	col := func(r []string, h string) string { return r[slices.Index(want, h)] }
	var person, warning, signs []string
	for _, r := range rows[1:] {
		switch {
		case col(r, "行政相对人名称") == "钱七":
			person = r
		case col(r, "处罚类别") == "警告":
			warning = r
		case col(r, "处罚内容") == "罚款 25,000.00 元":
			signs = r
		}
		if col(r, "数据来源单位") != "青石镇" || !strings.Contains(col(r, "行政处罚决定书文号"), "应急罚〔2023〕") {
			t.Errorf("row %q", r)
		}
	}
	if signs == nil || person == nil || warning == nil {
		t.Fatalf("missing rows:\n%q", rows)
	}

	// The closed demo case: 25,000 yuan under tier 3 of the signs item, published on time.
	if got := col(signs, "罚款金额（万元）"); got != "2.5000" {
		t.Errorf("万元 = %q", got)
	}
	if got := col(signs, "处罚依据"); got != "《中华人民共和国安全生产法》第九十九条第一款第（一）项" {
		t.Errorf("basis = %q", got)
	}
	if col(signs, "统一社会信用代码") == "" || col(signs, "法定代表人") == "" || col(signs, "处罚类别") != "罚款" ||
		col(signs, "违法行为类型") != "未在有较大危险因素的场所和设施设备上设置明显安全警示标志" ||
		col(signs, "处罚机关") != "青石镇" || col(signs, "处罚机关统一社会信用代码") != "" ||
		col(signs, "公示情况") != disclosure.PublishedOnTime || col(signs, "实际公示日期") == "" {
		t.Errorf("signs row %q", signs)
	}
	decided, err := time.Parse("2006-01-02", col(signs, "处罚决定日期"))
	if err != nil || col(signs, "公示截止期") != decided.AddDate(3, 0, 0).Format("2006-01-02") {
		t.Errorf("decided %q, display until %q: want three years later", col(signs, "处罚决定日期"), col(signs, "公示截止期"))
	}

	// The person: ID number masked in 备注, no credit code or legal representative; 委托, so
	// the bureau decided.
	if col(person, "统一社会信用代码") != "" || col(person, "法定代表人") != "" ||
		!strings.Contains(col(person, "备注"), "身份证号码：110105********002X") ||
		!strings.Contains(col(person, "备注"), "委托青石镇实施") || !strings.Contains(col(person, "备注"), "简易程序") {
		t.Errorf("person row %q", person)
	}
	if col(person, "处罚机关") != "示范区应急管理局" || !strings.HasPrefix(col(person, "行政处罚决定书文号"), "示范区应急罚〔2023〕") ||
		col(person, "罚款金额（万元）") != "0.0200" || col(person, "处罚内容") != "罚款 200.00 元" ||
		col(person, "处罚依据") != "《中华人民共和国安全生产法》第九十七条第一款第（六）项" ||
		col(person, "违法事实") != "现场检查发现" {
		t.Errorf("person row %q", person)
	}
	// Decided 2023-11-20 and not published: due seven working days later, on 2023-11-29,
	// which has passed by 2023-12-01.
	if col(person, "应公示日期（决定后7个工作日内）") != "2023-11-29" || col(person, "公示情况") != disclosure.NotPublished {
		t.Errorf("person publication %q", person[16:])
	}
	if col(warning, "处罚内容") != "警告" || col(warning, "罚款金额（万元）") != "" {
		t.Errorf("warning row %q", warning)
	}

	// The full ID number appears nowhere in the file, in any part of the package.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), personID) || strings.Contains(strings.Join(slices.Concat(rows...), "|"), personID) {
		t.Error("the unmasked ID number was written")
	}

	// Only decisions inside the range: November 20 holds the two on-the-spot ones.
	path2 := filepath.Join(f.dir, "一天.xlsx")
	if n, err := disclosure.WriteOn(ctx, f.store, day("2023-11-20"), day("2023-11-20"), path2, day("2023-11-21")); err != nil || n != 2 {
		t.Fatalf("one day: %d rows, %v", n, err)
	}
	for _, r := range readSheet(t, path2)[1:] {
		if col(r, "公示情况") != disclosure.PublishPending {
			t.Errorf("on 2023-11-21 publication is pending, got %q", col(r, "公示情况"))
		}
	}
	if n, err := disclosure.WriteOn(ctx, f.store, day("2024-01-01"), day("2024-12-31"), filepath.Join(f.dir, "2024.xlsx"), day("2024-12-31")); err != nil || n != 0 {
		t.Errorf("2024 has no decisions: %d, %v", n, err)
	}
}

func TestSettingsDecideAuthorityCodeAndDisplayPeriod(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	set := func(k, v string) {
		t.Helper()
		if err := f.store.Write(ctx, data.System, func(tx *data.Tx) error { return tx.SetSetting(k, v) }); err != nil {
			t.Fatal(err)
		}
	}
	set(disclosure.SettingTownCreditCode, "11110105MB0000000X")
	path := filepath.Join(f.dir, "bad.xlsx")
	if _, err := disclosure.WriteOn(ctx, f.store, day("2023-01-01"), day("2023-12-31"), path, day("2023-12-01")); keyOf(err) != disclosure.KeyCreditCode {
		t.Errorf("an invalid agency code: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a refused export left a file")
	}
	set(disclosure.SettingTownCreditCode, "91110000600037341l") // normalised to upper case
	set(disclosure.SettingDisplayYears, "0")
	if _, err := disclosure.WriteOn(ctx, f.store, day("2023-01-01"), day("2023-12-31"), path, day("2023-12-01")); keyOf(err) != rules.KeyParamInvalid {
		t.Errorf("a display period of 0 years: %v", err)
	}
	set(disclosure.SettingDisplayYears, "5")
	set("case.publish_workdays", "5")
	var got []disclosure.Row
	_, err := disclosure.Each(ctx, f.store, day("2023-11-20"), day("2023-11-20"), day("2023-12-01"), func(r disclosure.Row) error {
		got = append(got, r)
		return nil
	})
	if err != nil || len(got) != 2 {
		t.Fatalf("%d rows, %v", len(got), err)
	}
	for _, r := range got {
		if r.DisplayUntil.Format("2006-01-02") != "2028-11-20" || r.PublishDue.Format("2006-01-02") != "2023-11-27" {
			t.Errorf("display until %s, publish by %s", r.DisplayUntil, r.PublishDue)
		}
		switch r.PartyName {
		case "钱七":
			if r.AuthorityCode != "" {
				t.Errorf("the bureau's code is not set, got %q", r.AuthorityCode)
			}
		default:
			if r.AuthorityCode != "91110000600037341L" || r.Authority != "青石镇" {
				t.Errorf("town agency %q %q", r.Authority, r.AuthorityCode)
			}
		}
	}
	// Without the district asking for them, on-the-spot decisions are not published.
	set(disclosure.SettingIncludeSummary, "0")
	n, err := disclosure.Each(ctx, f.store, day("2023-11-20"), day("2023-11-20"), day("2023-12-01"), func(disclosure.Row) error { return nil })
	if err != nil || n != 0 {
		t.Errorf("summary decisions published by default: %d rows, %v", n, err)
	}
}

func TestWriteRefusesToOverwriteAndLeavesNothingWhenStopped(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	path := filepath.Join(f.dir, "out.xlsx")
	if err := os.WriteFile(path, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := disclosure.WriteOn(ctx, f.store, day("2023-01-01"), day("2023-12-31"), path, day("2023-12-01"))
	if keyOf(err) != disclosure.KeyExists {
		t.Errorf("onto an existing file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Error("the existing file was changed")
	}
	if _, err := disclosure.WriteOn(ctx, f.store, day("2023-12-31"), day("2023-01-01"), filepath.Join(f.dir, "r.xlsx"), day("2023-12-01")); keyOf(err) != disclosure.KeyRange {
		t.Errorf("a range ending before it starts: %v", err)
	}
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	gone := filepath.Join(f.dir, "stopped.xlsx")
	if _, err := disclosure.WriteOn(stopped, f.store, day("2023-01-01"), day("2023-12-31"), gone, day("2023-12-01")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	entries, _ := os.ReadDir(f.dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".xlsx") && e.Name() != "out.xlsx" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestNumeralAndBasis(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 19: "十九", 20: "二十", 28: "二十八",
		99: "九十九", 100: "一百", 101: "一百零一", 102: "一百零二", 110: "一百一十", 115: "一百一十五", 120: "一百二十",
		999: "九百九十九", 1000: "一千", 1001: "一千零一", 1010: "一千零一十", 1080: "一千零八十", 1100: "一千一百",
		1260: "一千二百六十", 9999: "九千九百九十九", 0: "0", -3: "-3", 10000: "10000"} {
		if got := disclosure.Numeral(n); got != want {
			t.Errorf("Numeral(%d) = %q, want %q", n, got, want)
		}
	}
	const law = "中华人民共和国安全生产法"
	for _, c := range []struct {
		refs []data.LegalRef
		want string
	}{
		{[]data.LegalRef{{Law: law, Article: 99, Paragraph: 1, Item: 1}}, "《中华人民共和国安全生产法》第九十九条第一款第（一）项"},
		{[]data.LegalRef{{Law: law, Article: 102}}, "《中华人民共和国安全生产法》第一百零二条"},
		{[]data.LegalRef{{Law: law, Article: 28}}, "《中华人民共和国安全生产法》第二十八条"},
		{[]data.LegalRef{{Law: law, Article: 97, Item: 3}}, "《中华人民共和国安全生产法》第九十七条第（三）项"},
		{[]data.LegalRef{{Law: "《安全生产违法行为行政处罚办法》", Article: 45, Paragraph: 2}}, "《安全生产违法行为行政处罚办法》第四十五条第二款"},
		{[]data.LegalRef{{Law: law, Article: 99, Paragraph: 1, Item: 1}, {Law: law, Article: 102},
			{Law: "安全生产违法行为行政处罚办法", Article: 45, Item: 12}},
			"《中华人民共和国安全生产法》第九十九条第一款第（一）项、第一百零二条、《安全生产违法行为行政处罚办法》第四十五条第（十二）项"},
		{nil, ""},
	} {
		if got := disclosure.FormatBasis(c.refs); got != c.want {
			t.Errorf("FormatBasis(%+v) = %q, want %q", c.refs, got, c.want)
		}
	}
}
