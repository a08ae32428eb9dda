package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// benchStore is a database with 100,000 cases and 20,000 parties, built once per run; with
// TOWNLEDGER_BENCH_DB set it is kept in that file and reused by later runs (building it takes
// a minute or two).
var benchStore = sync.OnceValues(func() (*Store, error) {
	ctx := context.Background()
	path := os.Getenv("TOWNLEDGER_BENCH_DB")
	if path == "" {
		dir, err := os.MkdirTemp("", "townledger-bench")
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, "bench.db")
	} else if _, err := os.Stat(path); err == nil {
		return Open(ctx, path, Options{})
	}
	s, err := Open(ctx, path, Options{})
	if err != nil {
		return nil, err
	}
	err = s.Write(ctx, System, func(tx *Tx) error {
		if _, err := tx.CreateTown(Town{Code: "110105100", Name: "青石镇"}); err != nil {
			return err
		}
		parties := make([]string, 20000)
		words := []string{"青石", "柳溪", "红岭", "上河", "新桥", "南街", "东山", "白沙", "鑫源", "宏达"}
		kinds := []string{"机械加工厂", "餐饮店", "建材有限公司", "物流有限公司", "加油站"}
		for i := range parties {
			name := fmt.Sprintf("%s%s%s%d", words[i%10], words[(i/10)%10], kinds[i%5], i)
			if parties[i], err = tx.InsertParty(Party{Kind: "org", Name: name, NameInitials: fmt.Sprintf("x%d", i)}); err != nil {
				return err
			}
		}
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i < 100000; i++ {
			stage := []string{"filed", "decision", "closing"}[i%3]
			due := "" // open cases: next deadlines over 2024, so some are overdue on any day of it
			if stage != "closing" {
				due = start.AddDate(0, 0, i%366).Format(DateLayout)
			}
			_, err := tx.InsertCase(Case{Procedure: "general", PartyID: parties[i%len(parties)], Stage: stage, Year: 2020 + i%5, Seq: i + 1,
				CaseNo: fmt.Sprintf("青石应急罚〔%d〕%d号", 2020+i%5, i), FiledOn: fmt.Sprintf("%d-03-15", 2020+i%5),
				Title: kinds[i%5] + "未设置安全警示标志", NextDueOn: due, NextDueKind: "decide", Fine: int64(i%50) * 100000})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return s, err
})

func BenchmarkListCasesFirstPage100k(b *testing.B) {
	s, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, _, err := s.List(ctx, ListCases, "", 0, 100); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchCases100k(b *testing.B) {
	s, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, _, err := s.List(ctx, ListCases, "〔2023〕777", 0, 100); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFilteredCases100k: typical filters and sorts of the case list, each over
// 100,000 cases.
func BenchmarkFilteredCases100k(b *testing.B) {
	s, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for name, q := range map[string]CaseQuery{
		"first-page-newest":         {},
		"year-open-by-number":       {Year: 2023, Stage: "open", Sort: "case_no", Desc: true},
		"search-word-year":          {Search: "柳溪红岭", Year: 2023},
		"search-common-word-sorted": {Search: "青石", Sort: "case_no"},
		"overdue-by-due":            {Due: "overdue", Today: "2024-06-01", Sort: "next_due"},
		"search-common-word":        {Search: "青石"},
		"search-party-newest":       {Search: "柳溪"},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.Cases(ctx, q, 0, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckLog100k is verify's replay at 100,000 cases and 20,000 parties (120,001
// records, as many audit rows): the chain, then every record against its last state.
func BenchmarkCheckLog100k(b *testing.B) {
	s, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		c, err := s.CheckLog(ctx)
		if err != nil || !c.OK() || c.Records < 120_000 {
			b.Fatalf("%+v %v", c, err)
		}
	}
}

// BenchmarkHomeAgenda100k is the home page's agenda over 100,000 cases, two thirds of them
// open with next dates over 2024 (about 28,000 overdue on the day): counts and 8 lines.
func BenchmarkHomeAgenda100k(b *testing.B) {
	s, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		a, err := s.DueCases(ctx, "2024-06-01", "2024-06-04", 8)
		if err != nil || len(a.Rows) != 8 || a.Overdue == 0 {
			b.Fatalf("%+v %v", a, err)
		}
	}
}
