package disclosure_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/disclosure"
	"townledger/app/officetest"
	"townledger/data"
)

const benchCases = 100_000

// bench is a town with 100,000 penalty decisions of 2024 on 5,000 parties (one in five a
// person), two thirds of them published, built once per run in one write transaction; the
// database with its audit log is about 760 MB, so TestMain removes it.
var bench = officetest.NewBench("disclosure", func(ctx context.Context, s *data.Store) error {
	return s.Write(ctx, data.System, func(tx *data.Tx) (err error) {
		const law = "中华人民共和国安全生产法"
		items := make([]string, 8)
		for i := range items {
			delegation := "grant"
			if i == 3 {
				delegation = "entrust"
			}
			items[i], err = tx.InsertCatalogItem(data.CatalogItem{Key: fmt.Sprintf("K%d", i), Code: fmt.Sprintf("AQ-%02d", i+1),
				Name: fmt.Sprintf("违法行为类型%d：未设置明显安全警示标志", i+1), Delegation: delegation, EffectiveFrom: "2024-01-01",
				Refs: []data.LegalRef{{Role: "obligation", Law: law, Article: 35},
					{Role: "basis", Law: law, Article: 97 + i%3*2, Paragraph: 1, Item: 1 + i}}})
			if err != nil {
				return err
			}
		}
		parties := make([]string, 5000)
		for i := range parties {
			p := data.Party{Kind: "org", Name: fmt.Sprintf("青石第%d机械加工有限公司", i), CreditCode: fmt.Sprintf("91110105MA%08d", i), LegalRep: "王伟"}
			if i%5 == 0 {
				p = data.Party{Kind: "person", Name: fmt.Sprintf("个体户%d", i), IDNumber: fmt.Sprintf("1101051980%08d", i)}
			}
			if parties[i], err = tx.InsertParty(p); err != nil {
				return err
			}
		}
		start := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
		for i := 0; i < benchCases; i++ {
			decided := start.AddDate(0, 0, i%360).Format(data.DateLayout)
			id, err := tx.InsertCase(data.Case{Procedure: "general", ItemID: items[i%len(items)], PartyID: parties[i%len(parties)],
				Title: "现场检查发现安全警示标志缺失", Stage: "decision", IssuingBody: "青石镇", Year: 2024, Seq: i + 1,
				CaseNo: fmt.Sprintf("青石镇应急罚〔2024〕%d号", i+1), FiledOn: decided, DecidedOn: decided, Outcome: "fine",
				Fine: int64(100000 + i%400*10000), Facts: "经查，该单位在有较大危险因素的生产经营场所未设置明显的安全警示标志，共三处。"})
			if err != nil {
				return err
			}
			if _, err := tx.InsertCaseEvent(data.CaseEvent{CaseID: id, Step: "decision", OccurredOn: decided,
				Payload: `{"Step":"decision","Outcome":"fine"}`}); err != nil {
				return err
			}
			if i%3 != 0 {
				if _, err := tx.InsertCaseEvent(data.CaseEvent{CaseID: id, Step: "publication", OccurredOn: decided}); err != nil {
					return err
				}
			}
		}
		return nil
	})
})

// TestMain removes the benchmark database, built only when a benchmark runs.
func TestMain(m *testing.M) {
	code := m.Run()
	bench.Remove()
	os.Exit(code)
}

// BenchmarkWrite100k writes the sheet of 100,000 decisions: query, rows and the streamed,
// zipped workbook.
func BenchmarkWrite100k(b *testing.B) {
	s, err := bench.Store()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	dir := b.TempDir()
	from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.Local), time.Date(2024, 12, 31, 0, 0, 0, 0, time.Local)
	i := 0
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		i++
		path := filepath.Join(dir, fmt.Sprintf("b%d.xlsx", i))
		stop := officetest.WatchHeap(&peak, nil)
		n, err := disclosure.WriteOn(ctx, s, from, to, path, to)
		stop()
		if err != nil || n != benchCases {
			b.Fatalf("%d rows, %v", n, err)
		}
		if i == 1 {
			st, _ := os.Stat(path)
			b.ReportMetric(float64(st.Size())/(1<<20), "MB/file")
		}
		os.Remove(path)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkRows100k is the query and the rows alone, without the workbook.
func BenchmarkRows100k(b *testing.B) {
	s, err := bench.Store()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.Local), time.Date(2024, 12, 31, 0, 0, 0, 0, time.Local)
	b.ReportAllocs()
	for b.Loop() {
		n, err := disclosure.Each(ctx, s, from, to, to, func(disclosure.Row) error { return nil })
		if err != nil || n != benchCases {
			b.Fatalf("%d rows, %v", n, err)
		}
	}
}
