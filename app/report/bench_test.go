package report_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"townledger/app/officetest"
	"townledger/app/report"
	"townledger/data"
)

// The year the benchmark exports, and how much it holds: a busy town's year, ten times
// what a real one records, so a report that scales badly shows.
const (
	benchCases      = 15_000
	benchStaff      = 1_500
	benchSessions   = 125
	benchAttendees  = 1_200 // per session: 125 × 1,200 = 150,000 attendances
	benchActivities = 15_000
)

// benchWant is what the benchmark database holds for 2024, counted while seeding, so the
// written workbook can be checked against it.
type benchWant struct {
	cases, decisions, penalties int // penalties: decisions that are published (not 不予处罚)
	sessions, attendances       int
	staff, activities           int
	seeding                     time.Duration
}

// benchSeed is what the benchmark database holds, for checking the workbook.
var benchSeed benchWant

// TestMain removes the benchmark database, which is built only when a benchmark runs. Run as
// a child of the kill tests, it exports instead.
func TestMain(m *testing.M) {
	if v := os.Getenv(exportChildEnv); v != "" {
		os.Exit(exportChild(v))
	}
	code := m.Run()
	bench.Remove()
	os.Exit(code)
}

// bench is the town's database, built once per run through the data layer's own insert
// methods (audit rows and search index included), in four transactions.
var bench = officetest.NewBench("report", func(ctx context.Context, s *data.Store) error {
	start := time.Now()
	w := &benchSeed
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error { return seedCases(tx, w) }); err != nil {
		return fmt.Errorf("seed cases: %w", err)
	}
	var staff []string
	if err := s.Write(ctx, data.System, func(tx *data.Tx) (err error) {
		staff, err = seedStaff(tx)
		w.staff = len(staff)
		return err
	}); err != nil {
		return fmt.Errorf("seed staff: %w", err)
	}
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error { return seedTraining(tx, staff, w) }); err != nil {
		return fmt.Errorf("seed training: %w", err)
	}
	if err := s.Write(ctx, data.System, func(tx *data.Tx) error { return seedActivities(tx, w) }); err != nil {
		return fmt.Errorf("seed activities: %w", err)
	}
	w.seeding = time.Since(start)
	return nil
})

var (
	benchSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "郭"}
	benchGiven    = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "建", "海", "志", "丽"}
	benchVillages = []string{"青石村", "柳溪村", "红岭村", "上河村", "新桥社区", "南街社区", "东山村", "白沙村"}
	benchTrades   = []string{"机械加工厂", "餐饮店", "新型建材有限公司", "物流有限公司", "加油站", "食品有限公司", "家具厂", "化工有限公司"}
)

func benchName(i int) string {
	return benchSurnames[i%15] + benchGiven[(i/15)%20] + benchGiven[(i/300)%20]
}

// seedCases files 15,000 cases in 2024 on 3,000 parties and 8 catalogue items: a quarter
// summary procedure, the rest general at every stage; most decided, with fines, warnings
// and decisions not to penalise, and the steps the figures and the 双公示 sheet read
// (decision, publication — some late, some missing — legal review, hearing, collective).
func seedCases(tx *data.Tx, w *benchWant) error {
	const law = "中华人民共和国安全生产法"
	items := make([]string, 8)
	for i := range items {
		delegation := "grant"
		if i == 3 {
			delegation = "entrust"
		}
		var err error
		items[i], err = tx.InsertCatalogItem(data.CatalogItem{Key: fmt.Sprintf("K%d", i), Code: fmt.Sprintf("AQ-%02d", i+1),
			Name: fmt.Sprintf("生产经营单位未设置明显安全警示标志（情形%d）", i+1), Delegation: delegation, EffectiveFrom: "2023-01-01",
			Refs: []data.LegalRef{{Role: "obligation", Law: law, Article: 35},
				{Role: "basis", Law: law, Article: 99, Paragraph: 1, Item: 1 + i}}})
		if err != nil {
			return err
		}
	}
	parties := make([]string, 3000)
	for i := range parties {
		p := data.Party{Kind: "org", Name: fmt.Sprintf("%s%s%d", benchVillages[i%8], benchTrades[i%8], i),
			CreditCode: fmt.Sprintf("91110105MA%08d", i), LegalRep: benchName(i), Village: benchVillages[i%8]}
		if i%5 == 0 {
			p = data.Party{Kind: "person", Name: benchName(i), IDNumber: fmt.Sprintf("1101051980%08d", i), Village: benchVillages[i%8]}
		}
		var err error
		if parties[i], err = tx.InsertParty(p); err != nil {
			return err
		}
	}
	year := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	day := func(t time.Time) string { return t.Format(data.DateLayout) }
	general := []string{"investigation", "notice", "statement", "decision", "service", "publication", "payment",
		"payment", "closing", "closing"}
	for i := 0; i < benchCases; i++ {
		filed := year.AddDate(0, 0, i%330)
		c := data.Case{Procedure: "general", ItemID: items[i%len(items)], PartyID: parties[i%len(parties)],
			IssuingBody: "青石镇", Year: 2024, Seq: i + 1, CaseNo: fmt.Sprintf("青石应急罚〔2024〕%d号", i+1),
			DiscoveredOn: day(filed.AddDate(0, 0, -2)), FiledOn: day(filed), ViolationOn: day(filed.AddDate(0, 0, -3)),
			Title: benchTrades[i%8] + "未设置明显的安全警示标志", Officers: "王伟、李强",
			Facts: "经查，该单位在有较大危险因素的生产经营场所和有关设施、设备上未设置明显的安全警示标志，现场共发现三处。"}
		decided := filed.AddDate(0, 0, 20)
		switch {
		case i%4 == 0: // summary: decided on the spot, closed two days later
			c.Procedure, c.Stage, c.Outcome = "summary", "closing", "fine"
			c.Fine = int64(20000 + i%5*10000)
			decided = filed
			c.ClosedOn = day(filed.AddDate(0, 0, 2))
			if i%12 == 0 {
				c.Outcome, c.Fine = "warning", 0
			}
		default:
			c.Stage = general[i%len(general)]
			switch c.Stage {
			case "investigation", "notice", "statement":
			default:
				c.Outcome, c.Fine = "fine", int64(100000+i%40*100000)
				switch i % 23 {
				case 1:
					c.Outcome, c.Fine = "warning", 0
				case 2:
					c.Outcome, c.Fine = "not_penalised_first", 0
				case 3:
					c.Outcome, c.Fine = "not_penalised_minor", 0
				}
				if c.Stage == "closing" {
					c.ClosedOn = day(decided.AddDate(0, 0, 25))
				}
			}
		}
		if c.Outcome != "" {
			c.DecidedOn = day(decided)
			c.Major = c.Fine >= 3000000
		}
		id, err := tx.InsertCase(c)
		if err != nil {
			return err
		}
		w.cases++
		if c.Outcome == "" {
			continue
		}
		w.decisions++
		if !strings.HasPrefix(c.Outcome, "not_penalised") {
			w.penalties++
		}
		var steps []data.CaseEvent
		if c.Major { // large fines: a hearing offered (one in three held), legal review, collective discussion
			steps = append(steps, data.CaseEvent{Step: "legal_review", OccurredOn: day(decided.AddDate(0, 0, -3))},
				data.CaseEvent{Step: "collective", OccurredOn: day(decided.AddDate(0, 0, -2))})
			if i%3 == 0 {
				steps = append(steps, data.CaseEvent{Step: "hearing", OccurredOn: day(decided.AddDate(0, 0, -6))})
			}
		}
		steps = append(steps, data.CaseEvent{Step: "decision", OccurredOn: day(decided), DocNo: c.CaseNo,
			Payload: `{"Step":"decision","Outcome":"` + c.Outcome + `","Fine":` + strconv.FormatInt(c.Fine, 10) + `}`})
		if !strings.HasPrefix(c.Outcome, "not_penalised") && i%10 != 7 { // one in ten not published
			late := 3
			if i%17 == 0 {
				late = 15
			}
			steps = append(steps, data.CaseEvent{Step: "publication", OccurredOn: day(decided.AddDate(0, 0, late))})
		}
		for _, e := range steps {
			e.CaseID, e.Officers = id, "王伟、李强"
			if _, err := tx.InsertCaseEvent(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedStaff puts 1,500 people on the roster, one in five an enforcement officer.
func seedStaff(tx *data.Tx) ([]string, error) {
	units := []string{"镇应急管理办公室", "镇综合行政执法队", "镇党政办公室", "镇司法所", "网格服务中心"}
	ids := make([]string, benchStaff)
	for i := range ids {
		st := data.Staff{Name: benchName(i), NameInitials: fmt.Sprintf("ry%04d", i), Unit: units[i%len(units)],
			Position: "执法队员", Phone: fmt.Sprintf("138%08d", i)}
		if i%5 == 0 {
			st.IsOfficer, st.CertNo, st.CertStatus, st.CertDueOn = true, fmt.Sprintf("11010521%05d", i), "valid", "2026-06-30"
		}
		var err error
		if ids[i], err = tx.InsertStaff(st); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// seedTraining holds 125 sessions over 2024, each attended by 1,200 of the 1,500 (a
// different window of the roster each time, so attendance per person varies); one in
// fifteen leaves after half the session.
func seedTraining(tx *data.Tx, staff []string, w *benchWant) error {
	start := time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC)
	for j := 0; j < benchSessions; j++ {
		hours := []float64{2, 3, 4, 1.5}[j%4]
		id, err := tx.InsertTraining(data.Training{Title: fmt.Sprintf("安全生产执法专题培训（第%d期）", j+1),
			Category: "专业法律知识", Organiser: "镇应急管理办公室", Trainer: benchName(j), TrainerUnit: "区应急管理局",
			HeldOn: start.AddDate(0, 0, j*2+j/5).Format(data.DateLayout), StartsAt: "09:00", EndsAt: "12:00",
			Place: "镇政府三楼会议室", Form: "集中", Hours: hours})
		if err != nil {
			return err
		}
		w.sessions++
		for k := 0; k < benchAttendees; k++ {
			a := data.Attendance{TrainingID: id, StaffID: staff[(j*37+k)%len(staff)], SignedInAt: "08:55"}
			if k%15 == 0 {
				half := hours / 2
				a.Hours = &half
			}
			if _, err := tx.InsertAttendance(a); err != nil {
				return err
			}
			w.attendances++
		}
	}
	return nil
}

// seedActivities records 15,000 publicity activities over 2024.
func seedActivities(tx *data.Tx, w *benchWant) error {
	kinds := []struct{ title, kind, place string }{
		{"安全生产月集中宣传咨询日", "安全生产月", "village"}, {"防灾减灾日应急知识进社区", "防灾减灾日", "community"},
		{"燃气安全进餐饮企业", "进企业", "enterprise"}, {"防溺水与地震逃生演练", "进学校", "school"},
		{"农机与用电安全宣传", "进农村", "village"}, {"应急疏散演练", "应急演练", "enterprise"},
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < benchActivities; i++ {
		k := kinds[i%len(kinds)]
		a := data.Activity{HeldOn: start.AddDate(0, 0, i%366).Format(data.DateLayout), Title: k.title, Type: k.kind,
			PlaceKind: k.place, PlaceName: benchVillages[i%8], Organisers: "镇应急管理办公室", Partners: "镇司法所",
			Banners: i % 4, Boards: i % 12, Materials: 50 * (i % 20), Consultations: i % 80, People: 30 + i%400,
			Enterprises: i % 10, Cost: int64(i % 300000)}
		if k.kind == "应急演练" || k.place == "school" {
			a.Drills, a.DrillPeople = 1, 40+i%300
		}
		if _, err := tx.InsertActivity(a); err != nil {
			return err
		}
		w.activities++
	}
	return nil
}

// BenchmarkExportYear writes the year's report of a town with 15,000 cases, 150,000
// attendances and 15,000 activities: every query, every sheet and the zipped workbook.
// Targets: ≤ 2 s per export and ≤ 150 MB peak heap.
func BenchmarkExportYear(b *testing.B) {
	s, err := bench.Store()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	dir := b.TempDir()
	now := time.Date(2025, 1, 20, 9, 0, 0, 0, time.Local)
	var peak, live uint64
	var first string
	var firstSum report.Summary
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		path := filepath.Join(dir, fmt.Sprintf("y%d.xlsx", i))
		runtime.GC() // start each export from the live heap alone, not the last one's garbage
		stop := officetest.WatchHeap(&peak, &live)
		sum, err := report.WriteFile(ctx, s, "2024", path, now, "王主任")
		stop()
		if err != nil {
			b.Fatal(err)
		}
		if first == "" {
			first, firstSum = path, sum
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(st.Size())/(1<<20), "MB/file")
		} else {
			os.Remove(path)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
	b.ReportMetric(benchSeed.seeding.Seconds(), "seed-s") // after b.Loop, which clears metrics
	// Outside the loop, so untimed: the book holds what was seeded, so an empty or
	// truncated workbook cannot pass for a fast one.
	checkBenchBook(b, first, firstSum, benchSeed)
}

// checkBenchBook counts each sheet's rows with the streaming reader (GetRows would load
// 150,000 rows whole) and compares them and the summary with what was seeded.
func checkBenchBook(b *testing.B, path string, sum report.Summary, want benchWant) {
	b.Helper()
	records := want.cases + want.sessions + want.attendances + want.staff + want.activities
	f := sum.Figures
	if f.Cases != want.cases || f.Decided != want.decisions || f.TrainingSessions != want.sessions ||
		f.Attendances != want.attendances || f.Publicity.Activities != want.activities || sum.Records != records {
		b.Errorf("summary %+v, records %d; seeded %+v", f, sum.Records, want)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	cover := map[string]string{}
	shown := 0 // record rows on the data sheets
	for _, c := range []struct {
		sheet string
		rows  int // data rows below the header; -1: checked by content
	}{
		{report.SheetCover, -1},
		{report.SheetCases, want.cases},
		{report.SheetDisclosure, want.penalties},
		{report.SheetTrainings, want.sessions},
		{report.SheetAttendance, want.attendances},
		{report.SheetHours, want.staff}, // everyone attended in 2024
		{report.SheetActivities, want.activities},
	} {
		rows, err := x.Rows(c.sheet)
		if err != nil {
			b.Fatal(err)
		}
		n := -1 // the header row
		for rows.Next() {
			n++
			if n == 0 || c.rows >= 0 && n > 1 {
				continue // only the first data row of a data sheet is read
			}
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			switch {
			case c.sheet == report.SheetCover && len(cols) >= 2:
				cover[cols[0]] = cols[1]
			case c.sheet == report.SheetCases && (len(cols) == 0 || !strings.HasPrefix(cols[0], "青石应急罚〔2024〕")):
				b.Errorf("first case row %q", cols)
			}
		}
		if err := rows.Error(); err != nil {
			b.Fatal(err)
		}
		rows.Close()
		if c.rows >= 0 {
			shown += n
			if n != c.rows {
				b.Errorf("%s: %d rows, want %d", c.sheet, n, c.rows)
			}
		}
	}
	meta, err := report.ReadMeta(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	listed := 0
	for _, refs := range meta.Records {
		listed += len(refs)
	}
	if listed != shown {
		b.Errorf("metadata names %d records, the sheets show %d", listed, shown)
	}
	if cover["报送单位"] != "青石镇" || cover["案件数（立案或作出决定）"] != strconv.Itoa(want.cases) ||
		cover["参训人次"] != strconv.Itoa(want.attendances) {
		b.Errorf("cover %v", cover)
	}
}
