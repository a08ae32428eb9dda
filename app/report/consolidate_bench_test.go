package report_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"townledger/app/district"
	"townledger/app/gen"
	"townledger/app/officetest"
	"townledger/app/report"
	"townledger/app/setup"
	"townledger/data"
)

// The towns a district consolidates.
const consTowns = 50

// consSize is how much a town records in its year (the 50-town test's small years).
type consSize struct{ cases, staff, sessions, attendees, activities int }

// consTownLedger sets up town i's ledger in dir and records its year 2024 at size sz.
func consTownLedger(ctx context.Context, dir string, i int, sz consSize) (*data.Store, error) {
	s, err := data.Open(ctx, filepath.Join(dir, "town.db"), data.Options{})
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("示范%02d镇", i+1)
	if err := setup.InitTown(ctx, s, setup.Town{Name: name, DivisionCode: fmt.Sprintf("110105%03d", 101+i),
		DistrictName: "示范区应急管理局", Since: "2020-01-01"}); err != nil {
		s.Close()
		return nil, err
	}
	err = s.Write(ctx, data.System, func(tx *data.Tx) error { return consSeed(tx, name, i, sz) })
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// consSeed records a town's year: its cases (summary and general procedure, fines, warnings,
// decisions not to penalise, published on time, late or not), its people, its training and
// its publicity, varied by the town's number i.
func consSeed(tx *data.Tx, town string, i int, sz consSize) error {
	const law = "中华人民共和国安全生产法"
	items := make([]string, 4)
	for k := range items {
		var err error
		items[k], err = tx.InsertCatalogItem(data.CatalogItem{Key: fmt.Sprintf("K%d", k), Code: fmt.Sprintf("AQ-%02d", k+1),
			Name: fmt.Sprintf("生产经营单位未设置明显安全警示标志（情形%d）", k+1), Delegation: "grant", EffectiveFrom: "2023-01-01",
			Refs: []data.LegalRef{{Role: "obligation", Law: law, Article: 35},
				{Role: "basis", Law: law, Article: 99, Paragraph: 1, Item: 1 + k}}})
		if err != nil {
			return err
		}
	}
	parties := make([]string, 120)
	for k := range parties {
		var err error
		parties[k], err = tx.InsertParty(data.Party{Kind: "org", Name: fmt.Sprintf("%s%s%d", town, benchTrades[k%8], k),
			CreditCode: fmt.Sprintf("9111%02dMA%08d", i, k), LegalRep: benchName(k + i), Village: benchVillages[k%8]})
		if err != nil {
			return err
		}
	}
	day := func(t time.Time) string { return t.Format(data.DateLayout) }
	year := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	for k := 0; k < sz.cases; k++ {
		filed := year.AddDate(0, 0, (k*7+i)%330)
		c := data.Case{Procedure: "general", ItemID: items[k%4], PartyID: parties[k%len(parties)], IssuingBody: town,
			Year: 2024, Seq: k + 1, CaseNo: fmt.Sprintf("%s应急罚〔2024〕%d号", town, k+1), DiscoveredOn: day(filed.AddDate(0, 0, -2)),
			FiledOn: day(filed), ViolationOn: day(filed.AddDate(0, 0, -3)), Title: benchTrades[k%8] + "未设置明显的安全警示标志",
			Officers: "王伟、李强", Facts: "经查，该单位在生产经营场所未设置明显的安全警示标志。"}
		decided := filed.AddDate(0, 0, 20)
		switch {
		case k%4 == 0:
			c.Procedure, c.Stage, c.Outcome, c.Fine = "summary", "closing", "fine", int64(20000+(k+i)%5*10000)
			decided = filed
			c.ClosedOn = day(filed.AddDate(0, 0, 2))
		case k%10 == 1:
			c.Stage = "investigation" // not decided yet
		default:
			c.Stage, c.Outcome, c.Fine = "closing", "fine", int64(100000+(k+i)%40*100000)
			switch k % 23 {
			case 2:
				c.Outcome, c.Fine = "warning", 0
			case 3:
				c.Outcome, c.Fine = "not_penalised_first", 0
			}
			c.ClosedOn = day(decided.AddDate(0, 0, 25))
		}
		if c.Outcome != "" {
			c.DecidedOn = day(decided)
		}
		id, err := tx.InsertCase(c)
		if err != nil {
			return err
		}
		if c.Outcome == "" {
			continue
		}
		steps := []data.CaseEvent{{Step: "decision", OccurredOn: day(decided), DocNo: c.CaseNo,
			Payload: `{"Step":"decision","Outcome":"` + c.Outcome + `","Fine":` + strconv.FormatInt(c.Fine, 10) + `}`}}
		if c.Outcome != "not_penalised_first" && k%10 != 7 {
			steps = append(steps, data.CaseEvent{Step: "publication", OccurredOn: day(decided.AddDate(0, 0, 3+k%17/16*12))})
		}
		for _, e := range steps {
			e.CaseID, e.Officers = id, "王伟、李强"
			if _, err := tx.InsertCaseEvent(e); err != nil {
				return err
			}
		}
	}
	staff := make([]string, sz.staff)
	for k := range staff {
		var err error
		staff[k], err = tx.InsertStaff(data.Staff{Name: benchName(k*3 + i), NameInitials: fmt.Sprintf("ry%04d", k),
			Unit: "镇应急管理办公室", Position: "执法队员", Phone: fmt.Sprintf("138%08d", k)})
		if err != nil {
			return err
		}
	}
	for j := 0; j < sz.sessions; j++ {
		hours := []float64{2, 3, 4, 1.5}[(j+i)%4]
		id, err := tx.InsertTraining(data.Training{Title: fmt.Sprintf("安全生产执法专题培训（第%d期）", j+1),
			Category: "专业法律知识", Organiser: town + "应急管理办公室", Trainer: benchName(j), TrainerUnit: "区应急管理局",
			HeldOn:   time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC).AddDate(0, 0, j*30).Format(data.DateLayout),
			StartsAt: "09:00", EndsAt: "12:00", Place: "镇政府三楼会议室", Form: "集中", Hours: hours})
		if err != nil {
			return err
		}
		for k := 0; k < sz.attendees; k++ {
			if _, err := tx.InsertAttendance(data.Attendance{TrainingID: id, StaffID: staff[k], SignedInAt: "08:55"}); err != nil {
				return err
			}
		}
	}
	for k := 0; k < sz.activities; k++ {
		a := data.Activity{HeldOn: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (k+i)%366).Format(data.DateLayout),
			Title: "安全生产月集中宣传咨询日", Type: "安全生产月", PlaceKind: "village", PlaceName: benchVillages[k%8],
			Organisers: town + "应急管理办公室", Banners: k % 4, Boards: (k + i) % 12, Materials: 50 * (k % 20),
			Consultations: k % 80, People: 30 + (k*7+i)%400, Enterprises: k % 10, Cost: int64((k + i) % 300000)}
		if _, err := tx.InsertActivity(a); err != nil {
			return err
		}
	}
	return nil
}

// consScale is a town's year as `townledger gen --scale 1` makes it, in 2024.
var consScale = gen.Options{Scale: 1, Year: 2024}

// genTownLedger sets up town i's ledger in dir and fills its year with the generator every
// benchmark uses.
func genTownLedger(ctx context.Context, dir string, i int) (*data.Store, error) {
	s, err := data.Open(ctx, filepath.Join(dir, "town.db"), data.Options{})
	if err != nil {
		return nil, err
	}
	if err := setup.InitTown(ctx, s, setup.Town{Name: fmt.Sprintf("示范%02d镇", i+1), DivisionCode: fmt.Sprintf("110105%03d", 101+i),
		DistrictName: "示范区应急管理局", Since: "2020-01-01"}); err != nil {
		s.Close()
		return nil, err
	}
	if _, err := gen.Fill(ctx, s, consScale); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// consDistrict builds the district's ledger: 50 towns' ledgers recorded and their yearly
// workbooks really exported, then registered and taken in from a folder. It returns the
// district's ledger and the detail rows the towns' workbooks hold.
func consDistrict(b *testing.B) (*data.Store, int) {
	b.Helper()
	ctx := context.Background()
	root := b.TempDir()
	in := filepath.Join(root, "in")
	if err := os.Mkdir(in, 0o700); err != nil {
		b.Fatal(err)
	}
	dist, err := data.Open(ctx, filepath.Join(root, "district.db"), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { dist.Close() })
	if err := setupDistrict(ctx, dist); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2025, 1, 10, 9, 0, 0, 0, time.Local)
	rows := 0
	for i := 0; i < consTowns; i++ {
		dir := filepath.Join(root, strconv.Itoa(i))
		if err := os.Mkdir(dir, 0o700); err != nil {
			b.Fatal(err)
		}
		s, err := genTownLedger(ctx, dir, i)
		if err != nil {
			b.Fatal(err)
		}
		town, _, err := s.Town(ctx)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := report.WriteFile(ctx, s, "2024", filepath.Join(in, town.Name+"_2024_v1.xlsx"), now, "周")
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		meta, err := report.ReadMeta(ctx, sum.Path)
		if err != nil {
			b.Fatal(err)
		}
		for _, refs := range meta.Records {
			rows += len(refs)
		}
		if _, err := district.AddTown(ctx, dist, consolidAdmin, district.Town{Name: town.Name, DivisionCode: town.Code}); err != nil {
			b.Fatal(err)
		}
	}
	out, err := district.PullFolder(ctx, dist, consolidator, in, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, o := range out {
		if o.Result != data.ReceivedMerged {
			b.Fatalf("%s: %s %v", o.File, o.Result, o.Err)
		}
	}
	return dist, rows
}

// BenchmarkConsolidate50Towns writes the consolidated yearly workbook of 50 towns at the
// S=1 scale of `townledger gen` (about 2,000 detail rows each, 100,000 in all), from the district's rows in force
// to the zipped file. Issue #15's bar: ≤ 2 s and ≤ 200 MB peak heap on 2 cores (the pandas +
// openpyxl peer: 20.1 s, 396 MiB).
func BenchmarkConsolidate50Towns(b *testing.B) {
	start := time.Now()
	dist, rows := consDistrict(b)
	seeding := time.Since(start)
	ctx := context.Background()
	dir := b.TempDir()
	now := time.Date(2025, 1, 20, 9, 0, 0, 0, time.Local)
	var peak, live uint64
	var first report.Consolidation
	// The CPU time the process spends, as the system counts it: on a machine busy with other
	// work the wall time says less.
	var cpu time.Duration
	measured := true
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		path := filepath.Join(dir, fmt.Sprintf("c%d.xlsx", i))
		runtime.GC() // start from the live heap alone, not the last one's garbage
		stop := officetest.WatchHeap(&peak, &live)
		cpu0, ok0 := officetest.ProcessCPU()
		c, err := report.WriteConsolidated(ctx, dist, "2024", path, now, "李")
		cpu1, ok1 := officetest.ProcessCPU()
		cpu += cpu1 - cpu0
		measured = measured && ok0 && ok1
		stop()
		if err != nil {
			b.Fatal(err)
		}
		if first.Path == "" {
			first = c
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
	if measured {
		b.ReportMetric(cpu.Seconds()/float64(i), "cpu-s/op") // includes the heap watcher's sampling
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(seeding.Seconds(), "seed-s")
	// Untimed: the workbook holds every town's rows and is a valid submission.
	written := 0
	for _, n := range first.Rows {
		written += n
	}
	n := gen.Sizes(consScale)
	if len(first.Towns) != consTowns || written != rows || rows < consTowns*(n.Cases+n.Attendances+n.Activities) {
		b.Errorf("%d towns, %d rows written, the towns' workbooks hold %d", len(first.Towns), written, rows)
	}
	sub, err := report.ReadSubmissionFile(ctx, first.Path)
	if err != nil {
		b.Fatalf("the consolidated workbook is no valid submission: %v", err)
	}
	if sub.ContentHash != first.ContentHash {
		b.Errorf("read back hash %s, written %s", sub.ContentHash, first.ContentHash)
	}
}

// setupDistrict sets up the district bureau's own ledger.
func setupDistrict(ctx context.Context, dist *data.Store) error {
	return setup.InitTown(ctx, dist, setup.Town{Name: "示范区应急管理局", DivisionCode: "110105001",
		DistrictName: "示范区应急管理局", Since: "2020-01-01"})
}
