package report_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/report"
	"townledger/app/workbook"
	"townledger/data"
)

// exportChildEnv marks the test binary run as a child that exports a report from the
// database it names into the file it names, stopping for good at the named point:
// "<db path>\n<out path>\n<point>".
const exportChildEnv = "TOWNLEDGER_EXPORT_KILL_CHILD"

var (
	exporter   = auth.Session{UserID: "u-e", Username: "zhou", Roles: []auth.Role{auth.Exporter}}
	exportTime = time.Date(2023, 12, 20, 10, 0, 0, 0, time.Local)
)

// exportChild exports, saying PAUSED and waiting to be killed when it reaches its point.
func exportChild(arg string) int {
	parts := strings.Split(arg, "\n")
	if len(parts) != 3 {
		fmt.Println("ERROR bad child argument")
		return 1
	}
	report.SetPause(func(p string) {
		if p == parts[2] {
			fmt.Println("PAUSED " + p)
			select {}
		}
	})
	ctx := context.Background()
	s, err := data.Open(ctx, parts[0], data.Options{})
	if err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	if _, _, err := report.Export(ctx, s, exporter, "2023-Q4", parts[1], exportTime, "周"); err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	fmt.Println("DONE")
	return 0
}

// killExport runs a child exporting from the database at db into out and kills it (SIGKILL
// on Unix) when it reaches point.
func killExport(t *testing.T, db, out, point string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), exportChildEnv+"="+db+"\n"+out+"\n"+point)
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(pipe).ReadString('\n')
	if !strings.HasPrefix(line, "PAUSED ") {
		cmd.Wait()
		t.Fatalf("the export never reached %q: %q", point, line)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// temps lists the temporary workbooks in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if workbook.IsTemp(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func journals(t *testing.T, s *data.Store) []string {
	t.Helper()
	m, err := filepath.Glob(s.Path() + ".export-*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func recordedAs(t *testing.T, s *data.Store, name string) int {
	t.Helper()
	recs, err := s.Exports(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if r.FileName == name {
			n++
		}
	}
	return n
}

// TestExportKilledAnywhereLeavesBothOrNeither kills an export (SIGKILL, in another process)
// when its workbook is written but not placed, placed but not recorded, and recorded but not
// tidied up. After the next start (Recover, or opening the ledger) the workbook stands at its
// path exactly when the history has its line, no temporary workbook is left in the folder
// and no journal beside the ledger.
func TestExportKilledAnywhereLeavesBothOrNeither(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	for i, c := range []struct {
		point string
		kept  bool // the kill came after the history line was committed
	}{{"written", false}, {"placed", false}, {"recorded", true}} {
		t.Run(c.point, func(t *testing.T) {
			out := filepath.Join(dir, c.point+".xlsx")
			killExport(t, s.Path(), out, c.point)
			if len(journals(t, s)) != 1 {
				t.Fatalf("killed at %q, the journal of the export is not there: %v", c.point, journals(t, s))
			}
			if i%2 == 0 {
				got, err := report.Recover(ctx, s)
				if err != nil || got.Exports != 1 {
					t.Fatalf("recover: %+v %v", got, err)
				}
			} else { // the start of the program
				o, err := office.Open(ctx, s.Path())
				if err != nil {
					t.Fatal(err)
				}
				o.Close()
			}
			_, err := os.Stat(out)
			placed := err == nil
			recorded := recordedAs(t, s, filepath.Base(out))
			if placed != c.kept || recorded != map[bool]int{true: 1, false: 0}[c.kept] {
				t.Errorf("killed at %q: workbook at its path %v, history lines %d; want both or neither (%v)",
					c.point, placed, recorded, c.kept)
			}
			if l := temps(t, dir); len(l) > 0 {
				t.Errorf("killed at %q, temporary workbooks stayed: %v", c.point, l)
			}
			if j := journals(t, s); len(j) > 0 {
				t.Errorf("killed at %q, journals stayed: %v", c.point, j)
			}
		})
	}
	// An export run to its end leaves its workbook, its line and nothing else (another period:
	// the quarter's data are recorded already, and an export of them gives that version).
	out := filepath.Join(dir, "whole.xlsx")
	if _, _, err := report.Export(ctx, s, exporter, "2023-Q3", out, exportTime, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err != nil || recordedAs(t, s, "whole.xlsx") != 1 || len(temps(t, dir)) > 0 || len(journals(t, s)) > 0 {
		t.Errorf("a whole export: file %v, lines %d, temps %v, journals %v", err, recordedAs(t, s, "whole.xlsx"),
			temps(t, dir), journals(t, s))
	}
}

// A temporary workbook a killed export left is removed by the next export into the same
// folder, even before any start; one a running export holds is left alone by both.
func TestLeftoverTempsGoWithTheNextExportButNotARunningOne(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	killExport(t, s.Path(), filepath.Join(dir, "killed.xlsx"), "written")
	if len(temps(t, dir)) != 1 {
		t.Fatalf("the killed export left %v", temps(t, dir))
	}
	// A running export: written, not yet recorded, its temporary workbook held.
	running, err := report.Write(ctx, s, "2023", filepath.Join(dir, "running.xlsx"), exportTime, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := report.Export(ctx, s, exporter, "2023-Q4", filepath.Join(dir, "next.xlsx"), exportTime, ""); err != nil {
		t.Fatal(err)
	}
	if l := temps(t, dir); len(l) != 1 {
		t.Errorf("after the next export the folder holds %v temporary workbooks, want the running one's only", l)
	}
	if got, err := report.Recover(ctx, s); err != nil || got.Exports != 1 {
		t.Errorf("recover takes the killed export's journal only: %+v %v", got, err)
	}
	if _, err := report.Record(ctx, s, exporter, running); err != nil {
		t.Fatalf("the running export, left alone, records: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "running.xlsx")); err != nil {
		t.Error(err)
	}
	if l := temps(t, dir); len(l) > 0 {
		t.Errorf("temporary workbooks stayed: %v", l)
	}
	if _, err := os.Stat(filepath.Join(dir, "killed.xlsx")); err == nil {
		t.Error("the killed export's workbook appeared")
	}
}
