package report_test

import (
	"context"
	"database/sql"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/period"
	"townledger/app/problem"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/app/settings"
	"townledger/app/training"
	"townledger/data"
)

// newStore is the demo town, its records dated in 2023.
func newStore(t testing.TB) *data.Store { return officetest.DemoStore(t) }

func keyOf(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

// readSheet reads a small sheet whole (these test sheets are small).
func readSheet(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestWriteTheYearsReport(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "2023.xlsx")
	now := time.Date(2023, 12, 20, 10, 0, 0, 0, time.Local)
	if err := settings.SetReviewer(ctx, s, auth.Session{UserID: "u-a", Roles: []auth.Role{auth.Admin}}, " 张镇长 "); err != nil {
		t.Fatal(err)
	}
	sum, err := report.WriteFile(ctx, s, "2023", path, now, "王主任")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Path != path || sum.ExportID == "" || len(sum.ContentHash) != 64 || sum.Period != "2023" {
		t.Fatalf("summary %+v", sum)
	}

	// The figures the app computes elsewhere, and case and activity counts straight from SQL.
	totals, err := training.Totals(ctx, s, 2023)
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := training.Sessions(ctx, s, 2023)
	if err != nil {
		t.Fatal(err)
	}
	attendances, hours := 0, 0.0
	for _, tt := range totals {
		attendances += tt.Sessions
		hours += tt.Hours
	}
	db, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var pub struct{ Activities, Boards, Materials, People int }
	if err := db.QueryRow(`SELECT COUNT(*), SUM(boards), SUM(materials), SUM(people) FROM activity
		WHERE deleted_at IS NULL AND held_on BETWEEN '2023-01-01' AND '2023-12-31'`).Scan(
		&pub.Activities, &pub.Boards, &pub.Materials, &pub.People); err != nil {
		t.Fatal(err)
	}
	if pub.Activities == 0 || pub.People == 0 {
		t.Fatalf("the demo has no activities in 2023: the test would prove nothing")
	}
	live := `FROM case_file WHERE deleted_at IS NULL AND stage <> 'void' AND `
	filed := count(`SELECT COUNT(*) ` + live + `filed_on BETWEEN '2023-01-01' AND '2023-12-31'`)
	decided := count(`SELECT COUNT(*) ` + live + `decided_on BETWEEN '2023-01-01' AND '2023-12-31' AND outcome NOT LIKE 'not\_penalised%' ESCAPE '\'`)
	var caseIDs []string
	rows, err := db.Query(`SELECT id ` + live + `(filed_on BETWEEN '2023-01-01' AND '2023-12-31'
		OR decided_on BETWEEN '2023-01-01' AND '2023-12-31') ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		caseIDs = append(caseIDs, id)
	}
	rows.Close()
	if len(caseIDs) == 0 || decided == 0 {
		t.Fatalf("the demo has no cases in 2023: the test would prove nothing")
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, report.Sheets) {
		t.Fatalf("sheets %v, want %v", got, report.Sheets)
	}
	for _, sh := range report.Sheets {
		rows := readSheet(t, f, sh)
		if len(rows) == 0 || len(rows[0]) == 0 || rows[0][0] == "" {
			t.Errorf("%s: no header row", sh)
		}
		panes, err := f.GetPanes(sh)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", sh, panes, err)
		}
		// Printing: A4 landscape, the header row on every page.
		layout, err := f.GetPageLayout(sh)
		if err != nil || layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" {
			t.Errorf("%s: page layout %+v %v", sh, layout, err)
		}
	}
	titles := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
			titles++
		}
	}
	if titles != len(report.Sheets) {
		t.Errorf("%d sheets repeat their header row when printed, want %d", titles, len(report.Sheets))
	}
	cover := map[string]string{}
	for _, r := range readSheet(t, f, report.SheetCover)[1:] {
		if len(r) >= 2 {
			k := r[0]
			if len(r) > 2 {
				k += "/" + r[2]
			}
			cover[k] = r[1]
		}
	}
	num := func(k string) float64 {
		v, err := strconv.ParseFloat(cover[k], 64)
		if err != nil {
			t.Errorf("cover %q: %q", k, cover[k])
		}
		return v
	}
	if cover["报送单位"] != "青石镇" || cover["行政区划代码"] != "110105100" || cover["报告期"] != "2023年" ||
		cover["填报人"] != "王主任" || cover["审核人"] != "张镇长" || cover["填报日期"] != "2023-12-20" {
		t.Errorf("cover heading %v", cover)
	}
	checks := []struct {
		key  string
		want float64
	}{
		{"立案数/件", float64(filed)}, {"作出行政处罚决定数（不含不予处罚）/件", float64(decided)},
		{"涉案企业/家", float64(count(`SELECT COUNT(DISTINCT c.party_id) FROM case_file c JOIN party p ON p.id = c.party_id
			WHERE p.kind = 'org' AND c.deleted_at IS NULL AND c.stage <> 'void' AND (c.filed_on BETWEEN '2023-01-01' AND '2023-12-31'
			OR c.decided_on BETWEEN '2023-01-01' AND '2023-12-31')`))},
		{"案件数（立案或作出决定）/件", float64(len(caseIDs))},
		{"培训场次/场", float64(len(sessions))}, {"参训人次/人次", float64(attendances)},
		{"培训学时/人·学时", math.Round(hours*100) / 100},
		{"宣传活动/场次", float64(pub.Activities)}, {"宣传展板/块", float64(pub.Boards)},
		{"发放宣传资料/份", float64(pub.Materials)}, {"受教育群众/人次", float64(pub.People)},
		{"罚款金额/元", float64(sum.Figures.Fines) / 100},
	}
	for _, c := range checks {
		if got := num(c.key); math.Abs(got-c.want) > 0.005 {
			t.Errorf("cover %s = %v, want %v", c.key, got, c.want)
		}
	}
	if p := sum.Figures.Publicity; sum.Figures.Filed != filed || sum.Figures.Decided != decided ||
		p.Activities != pub.Activities || p.Boards != pub.Boards || p.Materials != pub.Materials || p.People != pub.People {
		t.Errorf("summary figures %+v", sum.Figures)
	}
	if got := len(readSheet(t, f, report.SheetCases)) - 1; got != len(caseIDs) {
		t.Errorf("case sheet has %d rows, want %d", got, len(caseIDs))
	}
	if got := len(readSheet(t, f, report.SheetActivities)) - 1; got != pub.Activities {
		t.Errorf("activity sheet has %d rows, want %d", got, pub.Activities)
	}

	m, err := report.ReadMeta(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	meta := m.Values
	var metaCases []string
	for _, r := range m.Records[report.SheetCases] {
		metaCases = append(metaCases, r.ID)
	}
	slices.Sort(metaCases)
	if !slices.Equal(metaCases, caseIDs) {
		t.Errorf("metadata cases %v, want %v", metaCases, caseIDs)
	}
	if meta["town_code"] != "110105100" || meta["period"] != "2023" || meta["export_id"] != sum.ExportID ||
		meta["content_hash"] != sum.ContentHash || meta["schema_version"] != strconv.Itoa(data.SchemaVersion()) ||
		meta["generated_at"] == "" {
		t.Errorf("metadata %v", meta)
	}

	// The same data gives the same content hash, under a new export id.
	again, err := report.WriteFile(ctx, s, "2023", filepath.Join(dir, "again.xlsx"), now.Add(time.Hour), "李")
	if err != nil {
		t.Fatal(err)
	}
	if again.ContentHash != sum.ContentHash || again.ExportID == sum.ExportID {
		t.Errorf("second write: hash %s export %s; first %s %s", again.ContentHash, again.ExportID, sum.ContentHash, sum.ExportID)
	}
	// Another period gives another hash.
	q4, err := report.WriteFile(ctx, s, "2023-Q4", filepath.Join(dir, "q4.xlsx"), now, "")
	if err != nil {
		t.Fatal(err)
	}
	if q4.ContentHash == sum.ContentHash {
		t.Error("Q4 and the year share a content hash")
	}
}

// TestCoverAddsUpThePeriodsPublicity: the cover's publicity lines are the sums of the
// activities held in the period, worked out here by hand: those held on its first and last
// day count, those the day before or after and a deleted one do not.
func TestCoverAddsUpThePeriodsPublicity(t *testing.T) {
	ctx := context.Background()
	s := officetest.NewStore(t) // no records but these
	publicist := auth.Session{UserID: "u-sun", Username: "sun", Roles: []auth.Role{auth.Publicist}}
	ids := map[string]string{}
	for _, a := range []publicity.Activity{
		{HeldOn: "2024-04-01", Title: "四月一日进企业", Type: "进企业", PlaceName: "宏达机械厂", Banners: 2, Boards: 3, Materials: 150, People: 40},
		{HeldOn: "2024-06-30", Title: "六月底讲座", Type: "讲座", PlaceName: "东村", Banners: 1, Materials: 50, Consultations: 7, People: 120},
		{HeldOn: "2024-05-15", Title: "小学演练", Type: "应急演练", PlaceName: "镇中心小学", Boards: 4, People: 300, Drills: 1, DrillPeople: 280},
		{HeldOn: "2024-03-31", Title: "季度前一天", Type: "讲座", PlaceName: "西村", Banners: 9, Boards: 9, Materials: 900, People: 999},
		{HeldOn: "2024-07-01", Title: "季度后一天", Type: "讲座", PlaceName: "西村", Banners: 8, Boards: 8, Materials: 800, People: 888},
		{HeldOn: "2024-05-20", Title: "删掉的活动", Type: "讲座", PlaceName: "北村", Banners: 7, Boards: 7, Materials: 700, People: 777},
	} {
		id, err := publicity.Save(ctx, s, publicist, a)
		if err != nil {
			t.Fatalf("save %s: %v", a.Title, err)
		}
		ids[a.Title] = id
	}
	if err := publicity.Delete(ctx, s, publicist, ids["删掉的活动"]); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "2024-Q2.xlsx")
	sum, err := report.WriteFile(ctx, s, "2024-Q2", path, time.Date(2024, 7, 5, 9, 0, 0, 0, time.Local), "孙")
	if err != nil {
		t.Fatal(err)
	}
	want := publicity.Sums{Activities: 3, Banners: 3, Boards: 7, Materials: 200, Consultations: 7, People: 460,
		Drills: 1, DrillPeople: 280}
	if sum.Figures.Publicity != want {
		t.Errorf("summary publicity %+v, want %+v", sum.Figures.Publicity, want)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cover := map[string]string{}
	for _, r := range readSheet(t, f, report.SheetCover)[1:] {
		if len(r) > 2 {
			cover[r[0]+"/"+r[2]] = r[1]
		}
	}
	for key, want := range map[string]string{"宣传活动/场次": "3", "悬挂横幅/条": "3", "宣传展板/块": "7",
		"发放宣传资料/份": "200", "受教育群众/人次": "460"} {
		if cover[key] != want {
			t.Errorf("cover %s = %q, want %s", key, cover[key], want)
		}
	}
	// The activity sheet lists the three, each with its own people figure.
	people := map[string]string{} // title → 受教育群众（人次）, the tenth column
	for _, r := range readSheet(t, f, report.SheetActivities)[1:] {
		if len(r) < 10 {
			t.Fatalf("activity row too short: %q", r)
		}
		people[r[1]] = r[9]
	}
	if wantPeople := map[string]string{"四月一日进企业": "40", "六月底讲座": "120", "小学演练": "300"}; !maps.Equal(people, wantPeople) {
		t.Errorf("activity sheet lists %v, want %v", people, wantPeople)
	}
}

func TestWriteRefusesOverwriteAndBadPeriod(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "r.xlsx")
	os.WriteFile(path, []byte("keep"), 0o600)
	if _, err := report.Write(ctx, s, "2023-Q3", path, time.Now(), ""); keyOf(err) != report.KeyExists {
		t.Errorf("overwrite: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep" {
		t.Error("existing file changed")
	}
	for _, p := range []string{"2023-Q5", "2023-13", "23", ""} {
		if _, err := report.Write(ctx, s, p, filepath.Join(dir, "x.xlsx"), time.Now(), ""); keyOf(err) != period.KeyInvalid {
			t.Errorf("period %q: %v", p, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if !slices.Contains(report.Keys(), period.KeyInvalid) {
		t.Error("Keys misses the period key")
	}
}

// The cover counts decisions by their date; the case sheet lists the cases filed or decided
// in the period and marks with 本期决定 the ones decided in it. Those rows add up to the
// cover's decision figures — penalty decisions, 不予处罚 and 罚款金额 — while the whole sheet
// need not (September 2023: a case filed then, fined in October). The cover says so in notes
// under its figures.
func TestCoverDecisionsAddUpFromTheCaseSheet(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	notPenalised := map[string]bool{"轻微不罚": true, "首违不罚": true, "无主观过错不罚": true}
	undecidedFines := 0.0 // fines on rows marked 否, over every period: the test must see some
	for _, p := range []string{"2023-09", "2023-10", "2023-11", "2023-Q3", "2023-Q4", "2023"} {
		t.Run(p, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), p+".xlsx")
			sum, err := report.WriteFile(ctx, s, p, path, time.Date(2024, 1, 5, 9, 0, 0, 0, time.Local), "")
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows := readSheet(t, f, report.SheetCases)
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			mark, fine, outcome := col[report.ColDecidedInPeriod], col["罚款金额（元）"], col["处理结果"]
			if mark != len(rows[0])-1 || fine == 0 || outcome == 0 {
				t.Fatalf("case sheet header %q", rows[0])
			}
			var decided, notPen int
			var fines float64
			for _, r := range rows[1:] {
				if len(r) <= mark {
					t.Fatalf("row without %s: %q", report.ColDecidedInPeriod, r)
				}
				v, _ := strconv.ParseFloat(r[fine], 64)
				switch r[mark] {
				case "是":
					fines += v
					if notPenalised[r[outcome]] {
						notPen++
					} else {
						decided++
					}
				case "否":
					undecidedFines += v
				default:
					t.Errorf("本期决定 %q", r[mark])
				}
			}
			cover := map[string]string{}
			var notes []string
			figures := false // the notes are below the figures, the lines with a unit
			for _, r := range readSheet(t, f, report.SheetCover)[1:] {
				switch {
				case len(r) > 2:
					cover[r[0]+"/"+r[2]] = r[1]
					figures = true
				case figures && len(r) > 0 && r[0] != "":
					notes = append(notes, r[0])
				}
			}
			coverFines, _ := strconv.ParseFloat(cover["罚款金额/元"], 64)
			if cover["作出行政处罚决定数（不含不予处罚）/件"] != strconv.Itoa(decided) ||
				cover["不予处罚案件（轻微不罚、首违不罚等）/件"] != strconv.Itoa(notPen) || math.Abs(coverFines-fines) > 0.005 {
				t.Errorf("cover: %s decisions, %s not penalised, %v yuan; the rows marked 是: %d, %d, %v",
					cover["作出行政处罚决定数（不含不予处罚）/件"], cover["不予处罚案件（轻微不罚、首违不罚等）/件"], coverFines,
					decided, notPen, fines)
			}
			if decided != sum.Figures.Decided || math.Abs(fines-float64(sum.Figures.Fines)/100) > 0.005 {
				t.Errorf("summary %+v, rows %d decisions %v yuan", sum.Figures, decided, fines)
			}
			if !slices.Equal(notes, report.CoverNotes) {
				t.Errorf("cover notes %q", notes)
			}
			merged, err := f.GetMergeCells(report.SheetCover)
			if err != nil || len(merged) != len(report.CoverNotes) {
				t.Errorf("the notes span the cover's columns: %v %v", merged, err)
			}
		})
	}
	if undecidedFines == 0 {
		t.Error("no case of these periods is fined outside them: the test proves nothing")
	}
}
