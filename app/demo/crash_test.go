package demo_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"townledger/app/demo"
	"townledger/app/office"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/data"
)

// childEnv marks the test binary run as a child that loads the demo into the database it
// names and stops for good at the named point: "<db path>\n<point>".
const childEnv = "TOWNLEDGER_DEMO_KILL_CHILD"

var today = time.Date(2024, 11, 20, 0, 0, 0, 0, time.Local)

func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		os.Exit(child(v))
	}
	os.Exit(m.Run())
}

// child loads the demo, saying PAUSED and waiting to be killed when it reaches its point.
func child(arg string) int {
	path, point, _ := strings.Cut(arg, "\n")
	demo.SetPause(func(p string) {
		if p == point {
			fmt.Println("PAUSED " + p)
			select {}
		}
	})
	ctx := context.Background()
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	if err := demo.Load(ctx, s, data.System, today); err != nil {
		fmt.Println("ERROR", err)
		return 1
	}
	fmt.Println("DONE")
	return 0
}

// killAt runs a child loading the demo into the database at path and kills it (SIGKILL on
// Unix) when it reaches point.
func killAt(t *testing.T, path, point string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path+"\n"+point)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if !strings.HasPrefix(line, "PAUSED ") {
		cmd.Wait()
		t.Fatalf("the load never reached %q: %q", point, line)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// state is what a user sees of a ledger's demo: how many records of each kind, and every
// case with its number, party, stage, fine and how many steps it has.
type state struct {
	Counts         map[data.ListKind]int
	Cases          []string
	Loaded, Marked bool
}

func stateOf(t *testing.T, s *data.Store) state {
	t.Helper()
	ctx := context.Background()
	var st state
	var err error
	if st.Counts, err = s.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	rows, _, err := s.Cases(ctx, data.CaseQuery{Sort: "case_no"}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		ev, err := s.CaseEvents(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		st.Cases = append(st.Cases, fmt.Sprintf("%s %s %s %s %d, %d steps", r.CaseNo, r.Party, r.Stage, r.FiledOn, r.Fine, len(ev)))
	}
	_, st.Loaded, _ = s.Setting(ctx, "demo.loaded")
	_, st.Marked, _ = s.Setting(ctx, "demo.loading")
	return st
}

func openStore(t *testing.T, path string) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLoadKilledAnywhereIsFinishedOrAbsent kills a demo load (SIGKILL, in another process)
// at points across it: inside the records' transaction, after it, after filing a case, after
// a case's step, before the last mark. Afterwards the ledger holds no demo at all or a load
// to finish, never a demo marked loaded with cases missing; running demo again (or opening
// the ledger) completes it into exactly the demo an uninterrupted load gives, each case once.
func TestLoadKilledAnywhereIsFinishedOrAbsent(t *testing.T) {
	ctx := context.Background()
	ref := officetest.NewStore(t)
	if err := demo.Load(ctx, ref, data.System, today); err != nil {
		t.Fatal(err)
	}
	want := stateOf(t, ref)
	if len(want.Cases) != 8 || !want.Loaded || want.Marked {
		t.Fatalf("an uninterrupted load: %+v", want)
	}
	// Half are finished by running demo again, half by opening the ledger.
	for _, c := range []struct {
		point  string
		byOpen bool
	}{{"records", false}, {"records", true}, {"records loaded", true}, {"case 1", false}, {"case 1 step 3", true},
		{"case 3 step 4", false}, {"case 6", true}, {"case 8 step 2", false}, {"cases loaded", true}} {
		point, byOpen := c.point, c.byOpen
		t.Run(fmt.Sprintf("%s, then %s", point, map[bool]string{true: "open", false: "demo"}[byOpen]), func(t *testing.T) {
			t.Parallel() // each on its own ledger
			s := officetest.NewStore(t)
			path := s.Path()
			s.Close()
			killAt(t, path, point)

			s = openStore(t, path)
			after := stateOf(t, s)
			if after.Loaded {
				t.Fatalf("killed at %q, the demo counts as loaded: %+v", point, after)
			}
			empty := after.Counts[data.ListParties] == 0 && len(after.Cases) == 0 && after.Counts[data.ListCatalog] == 0
			if !after.Marked && !empty {
				t.Fatalf("killed at %q: demo records without the mark that finishes them: %+v", point, after)
			}
			if point == "records" && !empty {
				t.Errorf("killed inside the records' transaction, yet records stayed: %+v", after)
			}
			if byOpen {
				s.Close()
				o, err := office.Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				o.Close()
				if _, err := os.Stat(path + ".demo-lock"); !os.IsNotExist(err) {
					t.Errorf("the killed load's lock file stayed after a start: %v", err)
				}
				s = openStore(t, path)
				if after.Marked {
					if got := stateOf(t, s); !reflect.DeepEqual(got, want) {
						t.Fatalf("opening the ledger did not finish the load:\n got %+v\nwant %+v", got, want)
					}
				}
			}
			defer s.Close()
			// A load cut short is finished as of the day it began, whatever day it is now.
			day := today
			if after.Marked {
				day = today.AddDate(0, 0, 3)
			}
			err := demo.Load(ctx, s, data.System, day)
			if byOpen && after.Marked {
				if problem.From(err) == nil || problem.From(err).Key != "demo.loaded_already" {
					t.Errorf("demo after the finished load: %v", err)
				}
			} else if err != nil {
				t.Fatalf("demo again after a kill at %q: %v", point, err)
			}
			if got := stateOf(t, s); !reflect.DeepEqual(got, want) {
				t.Errorf("after a kill at %q and finishing:\n got %+v\nwant %+v", point, got, want)
			}
			if br, _, err := s.VerifyAudit(ctx); br != nil || err != nil {
				t.Errorf("audit chain: %v %v", br, err)
			}
			if _, err := os.Stat(path + ".demo-lock"); !os.IsNotExist(err) {
				t.Errorf("the load's lock file stayed: %v", err)
			}
		})
	}
}
