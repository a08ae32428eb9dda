package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/backup"
	"townledger/data"
)

// EnvBenchDB names a large ledger (build/bench.sh makes one with townledger gen) for the
// benchmarks below; without it they are skipped.
const envBenchDB = "TOWNLEDGER_BENCH_DB"

func benchLedger(b *testing.B) *data.Store {
	path := os.Getenv(envBenchDB)
	if path == "" {
		b.Skip(envBenchDB + " names no ledger")
	}
	s, err := data.OpenReadOnly(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkBackupVsVacuum makes a backup (the copy checked under its temporary name) and,
// for comparison, SQLite's own VACUUM INTO of the same ledger, alternately; it reports both
// in seconds and their ratio (issue 16: within 2×).
func BenchmarkBackupVsVacuum(b *testing.B) {
	path := os.Getenv(envBenchDB)
	if path == "" {
		b.Skip(envBenchDB + " names no ledger")
	}
	ctx := context.Background()
	s, err := data.Open(ctx, path, data.Options{MustExist: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	dir := b.TempDir()
	var vacuum, ours time.Duration
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(dir, "v.db")
		start := time.Now()
		if err := s.Backup(ctx, out); err != nil { // VACUUM INTO alone, no check
			b.Fatal(err)
		}
		vacuum += time.Since(start)
		os.Remove(out)
		out = filepath.Join(dir, "b.db")
		start = time.Now()
		if _, err := backup.Make(ctx, s, out, time.Now()); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		os.Remove(out)
	}
	b.ReportMetric(vacuum.Seconds()/float64(i), "vacuum-s")
	b.ReportMetric(ours.Seconds()/float64(i), "backup-s")
	b.ReportMetric(ours.Seconds()/vacuum.Seconds(), "ratio")
}

// BenchmarkVerifyVsChecks verifies the ledger and, for comparison, runs SQLite's own
// integrity_check and foreign_key_check, alternately (issue 16: within 2×).
func BenchmarkVerifyVsChecks(b *testing.B) {
	s := benchLedger(b)
	ctx := context.Background()
	var checks, ours time.Duration
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		if p, err := s.IntegrityProblems(ctx); err != nil || len(p) > 0 {
			b.Fatal(p, err)
		}
		checks += time.Since(start)
		start = time.Now()
		rep, err := backup.Verify(ctx, s)
		if err != nil || !rep.OK() {
			b.Fatalf("%+v %v", rep.Log, err)
		}
		ours += time.Since(start)
	}
	b.ReportMetric(checks.Seconds()/float64(i), "checks-s")
	b.ReportMetric(ours.Seconds()/float64(i), "verify-s")
	b.ReportMetric(ours.Seconds()/checks.Seconds(), "ratio")
}
