package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"townledger/app/backup"
	"townledger/app/instance"
	"townledger/app/logs"
	"townledger/app/office"
	"townledger/app/settings"
	"townledger/ui/desktop"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// RunWindow opens the window on the ledger at path and returns the exit status once it
// closes. It keeps one window per database (a second start brings the first to the front),
// writes warnings and crashes to the log folder, says so at the next start after a crash,
// and tells the user in a system message box when no window can be created.
func RunWindow(a fyne.App, path, version string, getenv func(string) string) int {
	a.SetIcon(Icon())
	var win fyne.Window // the window to raise; set and read on the UI goroutine only
	claim, err := instance.Claim(path, func() {
		fyne.Do(func() {
			if win != nil {
				desktop.BringToFront(win)
			}
		})
	})
	switch {
	case errors.Is(err, instance.ErrRunning):
		return raiseOther(path)
	case err != nil:
		log.Printf("one window per database not ensured: %v", err)
	default:
		defer claim.Close()
	}
	lf, err := logs.Start(logs.Dir(getenv), pathTag(path), version)
	if err != nil {
		log.Printf("no log folder: %v", err)
	} else {
		defer lf.Close()
		// Deferred last, so it runs first: a panic on the window's goroutine is reported
		// before anything else unwinds.
		defer lf.Recover(func(report string) {
			desktop.Alert(locale.T("app.title"), locale.T("window.crashed", map[string]any{"Path": desktop.DisplayPath(report)}))
		})
	}
	o, err := office.Open(context.Background(), path)
	if err != nil {
		log.Printf("open %s: %v", path, err)
		w := ShowOpenFailure(a, err, settings.Languages[0])
		if !desktop.Show(w) {
			noWindow()
			return 1
		}
		status := 1
		if backup.IsDamaged(err) {
			// A damaged ledger is offered its newest good backup; restored, the ledger opens
			// in a window of its own and this one closes.
			var busy sync.WaitGroup
			offerBackup(a, w, path, err, time.Now, func(o *office.Office) fyne.Window {
				u := New(a, o, version)
				u.Start()
				desktop.Show(u.Win)
				desktop.Place(u.Win, a.Preferences(), FirstSize())
				a.Lifecycle().SetOnStopped(func() { u.Office.Close() })
				win, status = u.Win, 0
				w.Close()
				return u.Win
			}, &busy)
		}
		a.Run()
		return status
	}
	u := New(a, o, version)
	defer func() { u.Office.Close() }() // a restore reopens the ledger as another Office
	u.Start()
	if !desktop.Show(u.Win) {
		noWindow()
		return 1
	}
	win = u.Win
	desktop.Place(u.Win, a.Preferences(), FirstSize())
	u.Win.SetCloseIntercept(func() {
		closeWindow := func() {
			desktop.Remember(u.Win, a.Preferences())
			u.Win.Close()
		}
		if u.Shell != nil {
			u.Shell.Env.Leave(closeWindow) // a changed form asks first
			return
		}
		closeWindow()
	})
	if lf != nil && lf.PreviousCrash() != "" {
		u.showCrashNotice(lf.PreviousCrash())
	}
	a.Run()
	return 0
}

// raiseOther asks the window already open on path to come forward; if it does not answer
// the user is told it is open.
func raiseOther(path string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var err error
	// The other window may be starting: its claim is taken before it listens.
	for ctx.Err() == nil {
		if err = instance.Raise(ctx, path, desktop.AllowForeground); err == nil {
			return 0
		}
		time.Sleep(200 * time.Millisecond)
	}
	log.Printf("the window already open on %s did not answer: %v", path, err)
	desktop.Alert(locale.T("app.title"), locale.T("window.already_open", map[string]any{"Path": desktop.DisplayPath(path)}))
	return 1
}

func noWindow() {
	log.Printf("the window could not be created: no usable OpenGL 2.1 driver")
	desktop.Alert(locale.T("app.title"), locale.T("window.no_opengl"))
}

// pathTag tells apart windows on different databases in the shared log folder.
func pathTag(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	sum := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(sum[:4])
}

// showCrashNotice says the previous run stopped unexpectedly and where its report is.
func (u *UI) showCrashNotice(report string) {
	d := dialog.NewCustomConfirm(locale.T("window.crash_notice.title"), locale.T("window.crash_notice.open"),
		locale.T("OK"), wrapLabel(locale.T("window.crash_notice.text", map[string]any{"Path": desktop.DisplayPath(report)})),
		func(open bool) {
			if !open {
				return
			}
			if err := u.App.OpenURL(folderURL(filepath.Dir(report))); err != nil {
				kit.ShowError(u.Win, err)
			}
		}, u.Win)
	d.Show()
}

// folderURL is a file: URL the system's file manager opens (C:/… gets its leading slash).
func folderURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

func wrapLabel(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewStack(kit.Strut(460), l)
}
