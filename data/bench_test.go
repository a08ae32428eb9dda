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

// forgetCounts empties the count cache, as for a ledger just opened or just changed.
func forgetCounts(s *Store) {
	s.counts.Lock()
	clear(s.counts.m)
	s.counts.Unlock()
}

// openList is what the case list reads when it opens or its filter changes: the matches'
// count, the overdue and due-soon counts, and the first page.
func openList(ctx context.Context, s *Store, q CaseQuery) ([]CaseRow, error) {
	rows, _, err := s.Cases(ctx, q, 0, 100)
	for _, due := range []string{"overdue", "soon"} {
		if err == nil {
			_, err = s.CaseCount(ctx, CaseQuery{Due: due, Today: q.Today, SoonTo: q.SoonTo})
		}
	}
	return rows, err
}

// BenchmarkCaseList100k: the targets for the case list at 100,000 cases (≤ 50 ms
// to open it on any page, ≤ 30 ms a keystroke, ≤ 50 ms a common word sorted by another
// column). "open" counts afresh each time (a ledger just changed); "page-N" reads the page
// after page N-1 by its last row, as scrolling does; "offset-N" jumps to it by OFFSET.
func BenchmarkCaseList100k(b *testing.B) {
	s, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	day := CaseQuery{Today: "2024-06-01", SoonTo: "2024-06-04"}
	with := func(f func(*CaseQuery)) CaseQuery { q := day; f(&q); return q }
	queries := map[string]CaseQuery{
		"newest":             day,
		"by-number-desc":     with(func(q *CaseQuery) { q.Sort, q.Desc = "case_no", true }),
		"by-party":           with(func(q *CaseQuery) { q.Sort = "party" }),
		"by-stage":           with(func(q *CaseQuery) { q.Sort = "stage" }),
		"by-filed-desc":      with(func(q *CaseQuery) { q.Sort, q.Desc = "filed_on", true }),
		"by-next-due":        with(func(q *CaseQuery) { q.Sort = "next_due" }),
		"by-fine-desc":       with(func(q *CaseQuery) { q.Sort, q.Desc = "fine", true }),
		"common-word-number": with(func(q *CaseQuery) { q.Search, q.Sort = "青石", "case_no" }),
		"common-word-fine":   with(func(q *CaseQuery) { q.Search, q.Sort, q.Desc = "青石", "fine", true }),
		"open-overdue":       with(func(q *CaseQuery) { q.Stage, q.Due, q.Sort = "open", "overdue", "next_due" }),
	}
	for name, q := range queries {
		b.Run("open/"+name, func(b *testing.B) {
			for b.Loop() {
				forgetCounts(s)
				if rows, err := openList(ctx, s, q); err != nil || len(rows) == 0 {
					b.Fatal(len(rows), err)
				}
			}
		})
		// The key of the last row of page 900 (of 1,000 at 100 a page), read once.
		var key CaseKey
		if q.Due == "" {
			rows, _, err := s.Cases(ctx, q, 899*100, 100)
			if err != nil || len(rows) == 0 {
				b.Fatal(len(rows), err)
			}
			key = rows[len(rows)-1].Key
			b.Run("page-900/"+name, func(b *testing.B) {
				for b.Loop() {
					if rows, err := s.CasesAfter(ctx, q, key, 100); err != nil || len(rows) == 0 {
						b.Fatal(len(rows), err)
					}
				}
			})
			b.Run("offset-900/"+name, func(b *testing.B) {
				for b.Loop() {
					if rows, _, err := s.Cases(ctx, q, 900*100, 100); err != nil || len(rows) == 0 {
						b.Fatal(len(rows), err)
					}
				}
			})
		}
	}
}

// BenchmarkSearchAsYouType100k: each keystroke of a search typed into the case list at
// 100,000 cases (the count afresh and the first page); ns/op is per keystroke.
func BenchmarkSearchAsYouType100k(b *testing.B) {
	s, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for name, typed := range map[string][]string{
		"party":  {"柳", "柳溪", "柳溪红", "柳溪红岭"},
		"number": {"2", "20", "202", "2023", "2023 7", "2023 77", "2023 777"},
		"common": {"青", "青石", "青石应", "青石应急"},
	} {
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				forgetCounts(s)
				if _, _, err := s.Cases(ctx, CaseQuery{Search: typed[i%len(typed)]}, 0, 100); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
