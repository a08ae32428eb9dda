package data

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
)

// The child processes of TestNumbersAreGapFreeUnderConcurrentSaves: the test binary run
// again with these set in its environment.
const (
	writerEnv   = "TOWNLEDGER_TEST_WRITER" // the child's name, A or B
	writerDBEnv = "TOWNLEDGER_TEST_WRITER_DB"
)

// Both processes save in rounds; in each round each process saves from several goroutines
// at once.
const writerRounds, writerRoutines = 10, 3

func TestNumbersAreGapFreeUnderConcurrentSaves(t *testing.T) {
	if who := os.Getenv(writerEnv); who != "" {
		takeNumbersAsChild(t, who, os.Getenv(writerDBEnv))
		return
	}
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	path := s.Path()
	s.Close() // the two writers below are the only processes using the file

	// Two TownLedger processes on the same file, the test binary run again. Each opens the
	// file and says it is ready; then, round after round, both are told to go at once and
	// each says when its saves of the round are done.
	type child struct {
		name   string
		cmd    *exec.Cmd
		stdin  io.WriteCloser
		stdout *bufio.Scanner
		stderr bytes.Buffer
	}
	var children []*child
	for _, name := range []string{"A", "B"} {
		c := &child{name: name}
		c.cmd = exec.Command(os.Args[0], "-test.run=^TestNumbersAreGapFreeUnderConcurrentSaves$", "-test.count=1")
		c.cmd.Env = append(os.Environ(), writerEnv+"="+name, writerDBEnv+"="+path)
		c.cmd.Stderr = &c.stderr
		var err error
		if c.stdin, err = c.cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
		out, err := c.cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		c.stdout = bufio.NewScanner(out)
		if err := c.cmd.Start(); err != nil {
			t.Fatalf("start writer %s: %v", name, err)
		}
		t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
		children = append(children, c)
	}
	expect := func(c *child, line string) {
		t.Helper()
		if !c.stdout.Scan() || c.stdout.Text() != line {
			got := c.stdout.Text()
			for c.stdout.Scan() {
				got += "\n" + c.stdout.Text()
			}
			c.cmd.Wait()
			t.Fatalf("writer %s said %q, want %q\n%s", c.name, got, line, c.stderr.String())
		}
	}
	for _, c := range children {
		expect(c, "ready")
	}
	for round := 0; round < writerRounds; round++ {
		for _, c := range children {
			io.WriteString(c.stdin, "go\n")
		}
		for _, c := range children {
			expect(c, "done")
		}
	}
	for _, c := range children {
		c.stdin.Close()
		for c.stdout.Scan() { // go test's own PASS/FAIL line
			t.Logf("writer %s: %s", c.name, c.stdout.Text())
		}
		if err := c.cmd.Wait(); err != nil {
			t.Errorf("writer %s failed: %v\n%s", c.name, err, c.stderr.String())
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const perWriter = writerRounds * writerRoutines
	const n = 2 * perWriter
	nums, err := s.Numbers(ctx, "青石", "应急罚", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(nums) != n {
		t.Fatalf("%d numbers stored, want %d", len(nums), n)
	}
	for i, num := range nums {
		if num.Seq != i+1 {
			t.Fatalf("sequence has a gap or duplicate at %d: %+v", i, num)
		}
	}
	// Every save of both processes landed, each with the number it took; no number twice.
	settings, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	takenBy := map[int]string{} // number → the writer that took it
	for _, name := range []string{"A", "B"} {
		for round := 0; round < writerRounds; round++ {
			for g := 0; g < writerRoutines; g++ {
				key := fmt.Sprintf("took.%s.%d.%d", name, round, g)
				seq, err := strconv.Atoi(settings[key])
				if err != nil {
					t.Errorf("save %s of writer %s is missing: %q", key, name, settings[key])
					continue
				}
				if other, dup := takenBy[seq]; dup {
					t.Errorf("number %d taken by writer %s and by writer %s", seq, other, name)
				}
				takenBy[seq] = name
			}
		}
	}
	// Each round holds saves of both processes, so the sequence changes hands at least once
	// a round: each process went on from numbers the other had just taken.
	switches := 0
	for seq := 2; seq <= n; seq++ {
		if takenBy[seq] != takenBy[seq-1] {
			switches++
		}
	}
	if switches < writerRounds {
		t.Errorf("the numbers changed hands between the processes %d times, want at least %d", switches, writerRounds)
	}

	// The audit chain holds: setup's two rows, then a number and a setting per save, each
	// by the process that made it.
	br, rows, err := s.VerifyAudit(ctx)
	if err != nil || br != nil {
		t.Fatalf("audit chain after concurrent saves: break %+v, %v", br, err)
	}
	if rows != int64(2+2*n) {
		t.Errorf("audit chain has %d rows, want %d", rows, 2+2*n)
	}
	page, err := s.AuditPage(ctx, 0, 4*n)
	if err != nil {
		t.Fatal(err)
	}
	audited := map[string]int{}
	for _, e := range page {
		audited[e.UserName+" "+e.Action+" "+e.Entity]++
	}
	for _, name := range []string{"writer-A", "writer-B"} {
		for _, entity := range []string{"case_number", "setting"} {
			if got := audited[name+" insert "+entity]; got != perWriter {
				t.Errorf("%s audited %d %s inserts, want %d", name, got, entity, perWriter)
			}
		}
	}
}

// takeNumbersAsChild is one writer process: it opens the ledger with the app's own
// settings and says "ready"; then for each "go" on its input it saves from several
// goroutines at once, each save taking a number and noting which save took it, and says
// "done".
func takeNumbersAsChild(t *testing.T, who, path string) {
	ctx := context.Background()
	s, err := Open(ctx, path, Options{MustExist: true})
	if err != nil {
		t.Fatalf("writer %s: open: %v", who, err)
	}
	defer s.Close()
	fmt.Println("ready")
	actor := Actor{UserID: "u-" + who, UserName: "writer-" + who}
	in := bufio.NewScanner(os.Stdin)
	for round := 0; in.Scan(); round++ {
		if in.Text() != "go" {
			t.Fatalf("writer %s: told %q", who, in.Text())
		}
		var wg sync.WaitGroup
		errs := make(chan error, writerRoutines)
		for g := 0; g < writerRoutines; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				err := s.Write(ctx, actor, func(tx *Tx) error {
					seq, err := tx.TakeNumber("青石", "应急罚", 2024, "")
					if err != nil {
						return err
					}
					return tx.SetSetting(fmt.Sprintf("took.%s.%d.%d", who, round, g), strconv.Itoa(seq))
				})
				if err != nil {
					errs <- fmt.Errorf("save %d.%d: %w", round, g, err)
				}
			}(g)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("writer %s: %v", who, err)
		}
		fmt.Println("done")
	}
}

func TestVoidedNumbersStayAndAreNotReused(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	take := func(body string, year int) int {
		var seq int
		if err := s.Write(ctx, alice, func(tx *Tx) error {
			var err error
			seq, err = tx.TakeNumber(body, "应急罚", year, "")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return seq
	}
	take("青石", 2024)
	take("青石", 2024)
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.VoidNumber("青石", "应急罚", 2024, 2, "文书填写错误") }); err != nil {
		t.Fatal(err)
	}
	if seq := take("青石", 2024); seq != 3 {
		t.Errorf("after voiding 2 the next number is %d, want 3", seq)
	}
	if seq := take("示范区", 2024); seq != 1 {
		t.Errorf("another issuing body starts at %d", seq)
	}
	if seq := take("青石", 2025); seq != 1 {
		t.Errorf("a new year starts at %d", seq)
	}
	nums, _ := s.Numbers(ctx, "青石", "应急罚", 2024)
	if len(nums) != 3 || !nums[1].Voided || nums[1].Reason != "文书填写错误" {
		t.Errorf("numbers %+v", nums)
	}
}

func TestCaseAndStepsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	var caseID string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		pid, err := tx.InsertParty(Party{Kind: "org", Name: "青石机械厂", CreditCode: "91110000600037341L"})
		if err != nil {
			return err
		}
		caseID, err = tx.InsertCase(Case{Procedure: "general", PartyID: pid, Stage: "filed", FiledOn: "2024-03-15", Title: "未设置安全警示标志"})
		if err != nil {
			return err
		}
		_, err = tx.InsertCaseEvent(CaseEvent{CaseID: caseID, Step: "filed", OccurredOn: "2024-03-15", Officers: "李明,张强"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, ok, err := s.Case(ctx, caseID)
	if err != nil || !ok || c.FiledOn != "2024-03-15" || c.DecidedOn != "" {
		t.Fatalf("case %+v %v %v", c, ok, err)
	}
	c.Stage, c.Fine = "decision", 1500000
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.UpdateCase(c) }); err != nil {
		t.Fatal(err)
	}
	evs, _ := s.CaseEvents(ctx, caseID)
	byParty, _ := s.CasesOfParty(ctx, c.PartyID)
	if len(evs) != 1 || evs[0].Officers != "李明,张强" || len(byParty) != 1 || byParty[0].Fine != 1500000 {
		t.Errorf("events %+v, party cases %+v", evs, byParty)
	}
	if n, _ := s.AuditCount(ctx, "case_file"); n != 2 {
		t.Errorf("case audit rows %d, want 2", n)
	}
}
