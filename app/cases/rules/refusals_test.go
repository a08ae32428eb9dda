package rules

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// asserted holds every refusal key a test asserted and got: wantKey adds to it, and TestMain
// then reports any refusal key of Keys that no test produced.
var asserted = struct {
	sync.Mutex
	keys map[string]bool
}{keys: map[string]bool{}}

// sawKey notes that a test asserted key and the code under test returned it.
func sawKey(key string) {
	asserted.Lock()
	defer asserted.Unlock()
	asserted.keys[key] = true
}

// isRefusal tells the keys of refusals (what Check, CheckFine, ParseNumber, the parameter and
// rule-set checks return) from the keys that only name things; case.param.name.* name a
// parameter.
func isRefusal(key string) bool {
	if strings.HasPrefix(key, "case.param.name.") {
		return false
	}
	for _, p := range []string{"case.rule.", "case.fine.", "case.number.", "case.param.", "case.set."} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// unasserted lists the refusal keys of Keys that no test asserted, in Keys's order.
func unasserted() []string {
	asserted.Lock()
	defer asserted.Unlock()
	var out []string
	for _, k := range Keys() {
		if isRefusal(k) && !asserted.keys[k] {
			out = append(out, k)
		}
	}
	return out
}

// TestMain runs the tests, then fails when a refusal key was never produced by a test case.
// It checks only a whole, passing run: with -run, -skip or -fuzz some tests did not run, and
// a failing run has already said what is wrong.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code != 0 || partialRun() {
		os.Exit(code)
	}
	if missing := unasserted(); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d refusal keys are never produced by a test case (add a case that asserts each with wantKey):\n\t%s\n",
			len(missing), strings.Join(missing, "\n\t"))
		os.Exit(1)
	}
	os.Exit(code)
}

func partialRun() bool {
	for _, name := range []string{"test.run", "test.skip", "test.fuzz"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return true
		}
	}
	return false
}
