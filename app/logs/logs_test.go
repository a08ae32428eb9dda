package logs

import (
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// child runs as a separate process: it starts the folder and then ends as the environment
// says, the way a window would.
func TestMain(m *testing.M) {
	if dir := os.Getenv("LOGS_TEST_DIR"); dir != "" {
		f, err := Start(dir, "t", "9.9.9")
		if err != nil {
			os.Exit(5)
		}
		log.Printf("a warning for the log")
		switch os.Getenv("LOGS_TEST_END") {
		case "goroutine-panic":
			done := make(chan struct{})
			go func() { panic("boom in a background goroutine") }()
			<-done
		case "main-panic":
			defer f.Recover(func(report string) { os.Stdout.WriteString(report) })
			panic("boom on the window's goroutine")
		case "killed":
			time.Sleep(time.Minute)
		}
		f.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runChild(t *testing.T, dir, end string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "LOGS_TEST_DIR="+dir, "LOGS_TEST_END="+end)
	if end == "killed" {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The warning line shows the folder is set up; then the process is killed outright.
		for i := 0; i < 100; i++ {
			if b, _ := os.ReadFile(filepath.Join(dir, LogName)); strings.Contains(string(b), "a warning") {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		return "", -1
	}
	out, _ := cmd.Output()
	return string(out), cmd.ProcessState.ExitCode()
}

func TestCrashesAreReportedAtTheNextStart(t *testing.T) {
	for _, tc := range []struct {
		end       string
		wantCrash string // text the report holds; "" = no report
	}{
		{"clean", ""},
		{"killed", ""}, // a kill or power cut is not a crash of the program
		{"goroutine-panic", "boom in a background goroutine"},
		{"main-panic", "boom on the window's goroutine"},
	} {
		t.Run(tc.end, func(t *testing.T) {
			dir := t.TempDir()
			out, code := runChild(t, dir, tc.end)
			if tc.end == "main-panic" && (code != 2 || !strings.Contains(out, "crash-pending-t.log")) {
				t.Errorf("main-panic: exit %d, told %q; want exit 2 and the report's path", code, out)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, LogName)); !strings.Contains(string(b), "a warning for the log") {
				t.Errorf("the warning did not reach %s: %q", LogName, b)
			}
			f, err := Start(dir, "t", "9.9.9")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			prev := f.PreviousCrash()
			if tc.wantCrash == "" {
				if prev != "" {
					t.Errorf("a crash report after %s: %s", tc.end, prev)
				}
				return
			}
			if prev == "" {
				t.Fatalf("no crash report after %s", tc.end)
			}
			b, _ := os.ReadFile(prev)
			if !strings.Contains(string(b), tc.wantCrash) || !strings.Contains(string(b), "goroutine") {
				t.Errorf("report %s lacks the panic and its stack:\n%s", prev, b)
			}
		})
	}
}

func TestOldCrashReportsArePruned(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < keepCrashes+5; i++ {
		name := filepath.Join(dir, "crash-2026010"+string(rune('0'+i%10))+"-00000"+string(rune('a'+i))+".log")
		os.WriteFile(name, []byte("x"), 0o600)
	}
	f, err := Start(dir, "t", "1")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	n, _ := filepath.Glob(filepath.Join(dir, "crash-2*.log"))
	if len(n) != keepCrashes {
		t.Errorf("%d crash reports kept, want %d", len(n), keepCrashes)
	}
}

func TestLogsLeaveOutWhoTheUserIs(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil || len(home) <= 3 {
		t.Skip("no home folder")
	}
	r := newRedactor()
	got := r("open " + filepath.Join(home, "文档", "报表.xlsx") + ": refused by 王小明.ab@qq.com and town@yjj.example.gov.cn")
	if strings.Contains(got, home) || strings.Contains(got, "王小明.ab") || strings.Contains(got, "town@") {
		t.Errorf("personal details left in %q", got)
	}
	for _, keep := range []string{"报表.xlsx", "…@qq.com", "…@yjj.example.gov.cn"} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q lost %q", got, keep)
		}
	}
}
