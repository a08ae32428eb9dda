// Package logs keeps the window's log folder: a rotated log of warnings (what Fyne and the
// program would otherwise print to a console nobody sees) and crash reports, so a window that
// vanished leaves something an administrator can find and the next start can mention.
package logs

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"
)

// File names inside the folder.
const (
	LogName      = "townledger.log"
	crashPrefix  = "crash-"
	pendingName  = "crash-pending-"
	keepCrashes  = 10 // older crash reports are removed
	maxLogMB     = 2  // the warnings log rotates at this size
	keepLogFiles = 3
)

// Dir is the log folder: %LOCALAPPDATA%\TownLedger\logs on Windows, the XDG state
// directory elsewhere.
func Dir(getenv func(string) string) string {
	if runtime.GOOS == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "TownLedger", "logs")
		}
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "TownLedger", "logs")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "TownLedger", "logs")
	}
	return filepath.Join(os.TempDir(), "TownLedger", "logs")
}

// Folder is the open log folder of one running window.
type Folder struct {
	dir     string
	version string
	pending *os.File // where the runtime writes a fatal panic of any goroutine
	log     *lumberjack.Logger
	prev    string // the crash report the previous run left, if any
}

// Start opens the folder for a window: the standard logger (Fyne's warnings included) then
// writes to the rotated log, and a crash of any goroutine is written to a pending report.
// A pending report a previous run left non-empty becomes a dated crash report, returned by
// PreviousCrash. tag tells apart windows on different databases, which may run at once.
func Start(dir, tag, version string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the log folder %s: %w", dir, err)
	}
	f := &Folder{dir: dir, version: version}
	pending := filepath.Join(dir, pendingName+tag+".log")
	if fi, err := os.Stat(pending); err == nil && fi.Size() > 0 {
		name := filepath.Join(dir, crashPrefix+fi.ModTime().Format("20060102-150405")+"-"+tag+".log")
		if err := os.Rename(pending, name); err == nil {
			f.prev = name
		}
	}
	p, err := os.OpenFile(pending, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the crash report %s: %w", pending, err)
	}
	f.pending = p
	if err := debug.SetCrashOutput(p, debug.CrashOptions{}); err != nil {
		p.Close()
		return nil, fmt.Errorf("route crash reports to %s: %w", pending, err)
	}
	f.log = &lumberjack.Logger{
		Filename:   filepath.Join(dir, LogName),
		MaxSize:    maxLogMB,
		MaxBackups: keepLogFiles,
		LocalTime:  true,
	}
	// The console copy matters when a developer starts the program from a terminal; on a
	// Windows GUI program stderr goes nowhere and its errors are ignored.
	log.SetOutput(tee{log: f.log, console: os.Stderr, redact: newRedactor()})
	log.SetFlags(log.LstdFlags)
	log.Printf("TownLedger %s started (%s/%s)", version, runtime.GOOS, runtime.GOARCH)
	pruneCrashes(dir)
	return f, nil
}

// PreviousCrash is the report the previous run of this window left, or "".
func (f *Folder) PreviousCrash() string { return f.prev }

// Dir is the folder's path.
func (f *Folder) Dir() string { return f.dir }

// Recover, deferred on the goroutine that runs the window, turns a panic into a crash report
// (the panic and its stack) and calls told with the report's path before the process ends
// with exit status 2. The report stays as the pending one, so the next start mentions it.
func (f *Folder) Recover(told func(report string)) {
	r := recover()
	if r == nil {
		return
	}
	report := f.pending.Name()
	fmt.Fprintf(f.pending, "TownLedger %s stopped unexpectedly at %s\n\npanic: %s\n\n%s",
		f.version, time.Now().Format(time.RFC3339), newRedactor()(fmt.Sprint(r)), debug.Stack())
	f.pending.Sync()
	log.Printf("stopped unexpectedly: %v (report: %s)", r, report)
	if told != nil {
		told(report)
	}
	os.Exit(2)
}

// Close ends a clean run: the empty pending report is removed and the log closed.
func (f *Folder) Close() error {
	_ = debug.SetCrashOutput(nil, debug.CrashOptions{})
	log.SetOutput(os.Stderr)
	name := f.pending.Name()
	err := f.pending.Close()
	if fi, statErr := os.Stat(name); statErr == nil && fi.Size() == 0 {
		err = errors.Join(err, os.Remove(name))
	}
	return errors.Join(err, f.log.Close())
}

// pruneCrashes keeps the newest crash reports only; their names sort by date.
func pruneCrashes(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var crashes []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, crashPrefix) && !strings.HasPrefix(n, pendingName) {
			crashes = append(crashes, n)
		}
	}
	sort.Strings(crashes)
	for len(crashes) > keepCrashes {
		os.Remove(filepath.Join(dir, crashes[0]))
		crashes = crashes[1:]
	}
}

// tee writes to the log, without personal details, and, best effort, to a console.
type tee struct {
	log     io.Writer
	console io.Writer
	redact  func(string) string
}

func (t tee) Write(p []byte) (int, error) {
	_, _ = t.console.Write(p)
	if _, err := io.WriteString(t.log, t.redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

var emailUser = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+)`)

// newRedactor keeps a log an administrator may pass on free of who the user is: the user's
// home folder (it holds their Windows login name) and the user part of e-mail addresses.
func newRedactor() func(string) string {
	home, _ := os.UserHomeDir()
	name := "~"
	if runtime.GOOS == "windows" {
		name = "%USERPROFILE%"
	}
	return func(s string) string {
		if len(home) > 3 {
			s = strings.ReplaceAll(s, home, name)
			s = strings.ReplaceAll(s, filepath.ToSlash(home), name)
		}
		return emailUser.ReplaceAllString(s, "…@$1")
	}
}
