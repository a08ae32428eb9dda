package gen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/data"
)

// A generated ledger holds what the scale says, passes verify, and gen refuses to add to it.
func TestBuildScaleOne(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.db")
	n, err := Build(ctx, path, Options{Scale: 1}, auth.NewAccount{Username: "admin", DisplayName: "admin", Password: "bench2024"})
	if err != nil {
		t.Fatal(err)
	}
	want := Sizes(Options{Scale: 1})
	if n.Parties != 200 || n.Cases != 150 || n.Staff != 60 || n.Sessions != 50 || n.Attendances != 1500 || n.Activities != 150 ||
		n.Parties != want.Parties || n.Events < n.Cases || n.Numbers != n.Cases {
		t.Errorf("generated %+v", n)
	}
	// The open cases' next deadlines are kinds the program names (the home page's agenda
	// showed an untranslated "case.deadline.decision" for every one).
	s, err := data.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	agenda, err := cases.New(s).AgendaOn(ctx, time.Date(DefaultYear, 12, 31, 0, 0, 0, 0, time.Local))
	s.Close()
	if err != nil || len(agenda.Items) == 0 {
		t.Fatalf("agenda of a generated town: %d lines, %v", len(agenda.Items), err)
	}
	for _, it := range agenda.Items {
		if !slices.Contains(rules.DeadlineKinds, it.Due.Kind) {
			t.Errorf("case %s is due for %q, no deadline kind of the program", it.CaseNo, it.Due.Kind)
		}
	}
	rep, err := backup.VerifyFile(ctx, path)
	if err != nil || !rep.OK() {
		t.Fatalf("verify of a generated ledger: %+v %v", rep.Log, err)
	}
	if _, err := Build(ctx, path, Options{Scale: 1}, auth.NewAccount{}); problem.From(err).Key != KeyExists {
		t.Errorf("gen into an existing ledger: %v", err)
	}
	if _, err := Build(ctx, filepath.Join(t.TempDir(), "z.db"), Options{Scale: 0}, auth.NewAccount{}); problem.From(err).Key != KeyScale {
		t.Errorf("scale 0: %v", err)
	}
}

// The same options give the same records: the case numbers, parties and amounts of two runs
// agree.
func TestBuildIsDeterministic(t *testing.T) {
	ctx := context.Background()
	var seen [2]string
	for i := range seen {
		path := filepath.Join(t.TempDir(), "g.db")
		if _, err := Build(ctx, path, Options{Scale: 1, Cases: 40}, auth.NewAccount{}); err != nil {
			t.Fatal(err)
		}
		s, err := data.OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		items, _, err := s.List(ctx, data.ListCases, "", 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			seen[i] += fmt.Sprintf("%s|%s|%s\n", it.Title, it.Detail, it.Tag)
		}
		s.Close()
	}
	if seen[0] != seen[1] || seen[0] == "" {
		t.Errorf("two runs differ:\n%s\n---\n%s", seen[0], seen[1])
	}
}

// BenchmarkStorage measures the bytes the ledger file grows by per case (with its steps,
// number and audit rows), per attendance (its session's share included) and per activity,
// at scale GEN_STORAGE_SCALE (default 10): the compacted file (VACUUM INTO) after each kind
// of record is written.
func BenchmarkStorage(b *testing.B) {
	scale := 10
	if v := os.Getenv("GEN_STORAGE_SCALE"); v != "" {
		fmt.Sscan(v, &scale)
	}
	for b.Loop() {
		ctx := context.Background()
		dir := b.TempDir()
		s, err := data.Open(ctx, filepath.Join(dir, "g.db"), data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := setupTown(ctx, s); err != nil {
			b.Fatal(err)
		}
		sizes := map[string]int64{}
		i := 0
		size := func(kind string) error {
			i++
			out := filepath.Join(dir, fmt.Sprintf("s%d.db", i))
			if err := s.Backup(ctx, out); err != nil {
				return err
			}
			st, err := os.Stat(out)
			if err != nil {
				return err
			}
			sizes[kind] = st.Size()
			return os.Remove(out)
		}
		n, err := fill(ctx, s, Options{Scale: scale}, size)
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sizes["cases"]-sizes["staff"])/float64(n.Cases), "B/case")
		b.ReportMetric(float64(sizes["sessions"]-sizes["cases"])/float64(n.Attendances), "B/attendance")
		b.ReportMetric(float64(sizes["activities"]-sizes["sessions"])/float64(n.Activities), "B/activity")
		b.ReportMetric(float64(sizes["activities"])/float64(n.Cases), "B-file/case")
	}
}

// A generation cut short (here after the enterprises) leaves no half-filled ledger behind.
func TestBuildCutShortLeavesNoFile(t *testing.T) {
	afterKind = func(kind string) error {
		if kind == "parties" {
			return context.Canceled
		}
		return nil
	}
	defer func() { afterKind = nil }()
	path := filepath.Join(t.TempDir(), "cut.db")
	if _, err := Build(context.Background(), path, Options{Scale: 1}, auth.NewAccount{}); err == nil {
		t.Fatal("a generation cut short succeeded")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a cancelled generation left its file")
	}
}
