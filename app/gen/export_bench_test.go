package gen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/report"
	"townledger/data"
)

var exporter = auth.Session{UserID: "system", Username: "system", Roles: []auth.Role{auth.Admin}}

// BenchmarkExportYearS100 exports (writes and records, as the window and the command do) the year's report of a generated town at S=100 (15,000
// cases with their steps, 150,000 attendances, 15,000 activities): every query, every sheet
// and the zipped workbook. Issue 16's target: ≤ 1.5 s and ≤ 150 MB peak heap.
func BenchmarkExportYearS100(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	s, err := data.Open(ctx, filepath.Join(dir, "s100.db"), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	if err := setupTown(ctx, s); err != nil {
		b.Fatal(err)
	}
	n, err := Fill(ctx, s, Options{Scale: 100})
	if err != nil {
		b.Fatal(err)
	}
	seeding := time.Since(start)
	now := time.Date(DefaultYear+1, 1, 20, 9, 0, 0, 0, time.Local)
	var peak, live uint64
	var first report.Summary
	var cpu time.Duration // the CPU time the export takes, as the system counts it: on a busy machine the wall time says less
	measured := true
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		path := filepath.Join(dir, fmt.Sprintf("y%d.xlsx", i))
		runtime.GC()
		stop := officetest.WatchHeap(&peak, &live)
		cpu0, ok0 := officetest.ProcessCPU()
		sum, _, err := report.Export(ctx, s, exporter, fmt.Sprint(DefaultYear), path, now, "王主任")
		cpu1, ok1 := officetest.ProcessCPU()
		stop()
		cpu += cpu1 - cpu0
		measured = measured && ok0 && ok1
		if err != nil {
			b.Fatal(err)
		}
		if i == 1 {
			first = sum
		}
		os.Remove(path)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
	b.ReportMetric(seeding.Seconds(), "seed-s")
	if measured {
		b.ReportMetric(cpu.Seconds()/float64(i), "cpu-s/op") // includes the heap watcher's sampling
	}
	// Untimed: the workbook holds the year's records, so an empty one cannot pass for a fast one.
	if f := first.Figures; f.Cases != n.Cases || f.Attendances != n.Attendances || f.Publicity.Activities != n.Activities {
		b.Errorf("the workbook's figures %+v, generated %+v", f, n)
	}
}
