package ui

import (
	"fmt"
	"hash/fnv"
	"os"
	"runtime/metrics"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// EnvBenchLog names a file the window writes timing lines to, for build/bench.sh; unset (as
// always outside the benchmark) nothing is watched. Each line is "event epoch-ms since-start-ms":
//
//	start        the program's first moment (package initialisation)
//	first-frame  the window has content and the event loop has come round once more, so a frame
//	             with it was drawn
//	shell-set    the sign-in screen gave way to the main window
//	home-drawn   a frame with the main window (home page) was drawn
//	home-settled the home page's containers and texts stopped changing (1 s unchanged, or
//	             30 s passed); its ms are those of the last change
//	go-memory    the Go runtime's own memory (heap, stacks, runtime) in bytes, at first-frame
//	stall        after home-settled: "stall epoch-ms ms", a call given to the UI goroutine at
//	             that moment waited ms (50 or more) to run
//	page         after home-settled: "page epoch-ms TITLE", the window's title changed (its
//	             spaces as _): another section was opened
//
// The watcher looks from the outside, a few times per frame, through fyne.DoAndWait: it
// changes nothing the window does.
const EnvBenchLog = "TOWNLEDGER_BENCH_LOG"

func init() {
	if path := os.Getenv(EnvBenchLog); path != "" {
		go benchWatch(path, time.Now())
	}
}

func benchWatch(path string, start time.Time) {
	// Appended to: the benchmark's script writes its own lines (when it pressed a key) too.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	logAt := func(event string, at time.Time) {
		// Not synced: the script reads the lines at once all the same, and a sync can wait
		// a second for the disk (after a backup of the ledger), delaying what comes next here.
		fmt.Fprintf(f, "%s %d %d\n", event, at.UnixMilli(), at.Sub(start).Milliseconds())
	}
	logAt("start", start)
	for fyne.CurrentApp() == nil {
		time.Sleep(2 * time.Millisecond)
	}
	look := func(sign bool) (content fyne.CanvasObject, sig uint64) {
		fyne.DoAndWait(func() {
			for _, w := range fyne.CurrentApp().Driver().AllWindows() {
				if content = w.Content(); content == nil {
					continue
				}
				if sign {
					h := fnv.New64a()
					signature(content, h.Write)
					sig = h.Sum64()
				}
				return
			}
		})
		return content, sig
	}
	var first fyne.CanvasObject
	for first == nil {
		time.Sleep(2 * time.Millisecond)
		first, _ = look(false)
	}
	look(false) // once more round the event loop: the frame with the content is drawn
	logAt("first-frame", time.Now())
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(sample)
	fmt.Fprintf(f, "go-memory %d 0\n", sample[0].Value.Uint64())
	for {
		time.Sleep(2 * time.Millisecond)
		if c, _ := look(false); c != nil && c != first {
			break
		}
	}
	logAt("shell-set", time.Now())
	_, sig := look(true)
	logAt("home-drawn", time.Now())
	last, changed := sig, time.Now()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && time.Since(changed) < time.Second; {
		time.Sleep(5 * time.Millisecond)
		if _, s := look(true); s != last {
			last, changed = s, time.Now()
		}
	}
	logAt("home-settled", changed)
	// From here on, for as long as the window lives: how long a call to the UI goroutine
	// waits for its turn. Anything the event loop does longer than a few frames (a read on
	// the UI goroutine, a large layout) shows as a stall; the script visits every page, each
	// logged as "page" when the window's title changes.
	title := ""
	for {
		time.Sleep(10 * time.Millisecond)
		t := time.Now()
		now := ""
		fyne.DoAndWait(func() {
			if ws := fyne.CurrentApp().Driver().AllWindows(); len(ws) > 0 {
				now = ws[0].Title()
			}
		})
		if d := time.Since(t); d >= stallLogged {
			fmt.Fprintf(f, "stall %d %d\n", t.UnixMilli(), d.Milliseconds())
		}
		if now != title {
			title = now
			fmt.Fprintf(f, "page %d %s\n", time.Now().UnixMilli(), strings.ReplaceAll(now, " ", "_"))
		}
	}
}

// stallLogged is the shortest wait for the UI goroutine the watcher logs: a few frames.
const stallLogged = 50 * time.Millisecond

// signature feeds what a screen shows to w: its containers' shapes and its texts.
func signature(o fyne.CanvasObject, w func([]byte) (int, error)) {
	if o == nil || !o.Visible() {
		return
	}
	fmt.Fprintf(writerFunc(w), "%T;", o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			signature(c, w)
		}
	case *container.Scroll:
		signature(x.Content, w)
	case *container.Split:
		signature(x.Leading, w)
		signature(x.Trailing, w)
	case *container.AppTabs:
		for _, it := range x.Items {
			signature(it.Content, w)
		}
	case *widget.Card:
		w([]byte(x.Title))
		signature(x.Content, w)
	case *widget.Label:
		w([]byte(x.Text))
	case *canvas.Text:
		w([]byte(x.Text))
	case *widget.List:
		if x.Length != nil {
			fmt.Fprintf(writerFunc(w), "%d;", x.Length())
		}
	case *widget.Table:
		if x.Length != nil {
			r, c := x.Length()
			fmt.Fprintf(writerFunc(w), "%dx%d;", r, c)
		}
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }
