package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"townledger/ui/cli"
)

// childEnv marks the test binary run as the program by TestHeadlessCommandsKeepStderrClean.
const childEnv = "TOWNLEDGER_TEST_HEADLESS_CHILD"

// A headless command under the locales of containers, cron and systemd writes its own line
// to stderr and nothing from Fyne's language set-up, which runs before main: the whole
// process starts under each locale, as the real program does.
func TestHeadlessCommandsKeepStderrClean(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("the child runs TestHeadlessChild")
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	for _, locale := range [][]string{{"LANG=C.UTF-8"}, {"LANG=C"}, {"LANG=POSIX"}, {"LC_ALL=C.UTF-8", "LANG=zh_CN.UTF-8"},
		{"LANG=zh_CN.UTF-8", "LANGUAGE=C"}, {"LANG=en_US.UTF-8"}} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHeadlessChild$", "-test.count=1")
		for _, kv := range os.Environ() {
			switch strings.SplitN(kv, "=", 2)[0] {
			case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
			default:
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(append(cmd.Env, childEnv+"="+missing), locale...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Errorf("%v: the child exited %v, want 1 (verify of a missing ledger)", locale, err)
		}
		if got := stderr.String(); strings.Contains(got, "Fyne") || strings.Count(got, "\n") != 1 || !strings.Contains(got, missing) {
			t.Errorf("%v: stderr is not the one line of the command's refusal:\n%s", locale, got)
		}
	}
}

// TestHeadlessChild is the program for TestHeadlessCommandsKeepStderrClean: `verify` of a
// missing ledger, which fails with one line on stderr, and the exit status.
func TestHeadlessChild(t *testing.T) {
	db := os.Getenv(childEnv)
	if db == "" {
		t.Skip("run by TestHeadlessCommandsKeepStderrClean")
	}
	os.Exit(cli.Run([]string{"--db", db, "verify"}, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: version()}))
}
