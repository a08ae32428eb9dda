// Package desktop is what the window needs from the operating system beyond Fyne: a message
// box that needs no OpenGL, the system's own file dialogs on Windows, fitting the window to
// the screen's usable area and remembering where it was, and bringing it to the front.
package desktop

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Filter limits a file dialog to one kind of file.
type Filter struct {
	Name string   // shown in the dialog, e.g. "Excel 工作簿"
	Exts []string // with the dot, e.g. ".xlsx"; none = any file
}

// Created reports whether the window really exists on screen. Fyne logs and carries on when
// the system refuses an OpenGL window (no OpenGL 2.1 driver), leaving an invisible process;
// the caller checks this right after Show and tells the user instead.
func Created(w fyne.Window) bool {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return true // the test driver draws in memory
	}
	created := true
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			created = c.HWND != 0
		case driver.X11WindowContext:
			created = c.WindowHandle != 0
		}
	})
	return created
}

// Show shows the window and reports whether it was created. A panic inside the windowing
// library while creating it (seen when the display has no OpenGL at all) counts as not
// created rather than as a crash.
func Show(w fyne.Window) (created bool) {
	defer func() {
		if r := recover(); r != nil {
			fyne.LogError("window creation panicked", nil)
			created = false
		}
	}()
	w.Show()
	return Created(w)
}

// DisplayPath is a path as the user's system writes it (backslashes on Windows).
func DisplayPath(p string) string {
	if p == "" {
		return ""
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// withExt adds the filter's first extension when the user typed a name without one.
func withExt(path string, f Filter) string {
	if path == "" || len(f.Exts) == 0 || filepath.Ext(path) != "" {
		return path
	}
	return path + f.Exts[0]
}

// startDir is where a file dialog opens: the folder used last in this run, else Documents.
func startDir(last string) string {
	if last != "" {
		if fi, err := os.Stat(last); err == nil && fi.IsDir() {
			return last
		}
	}
	return Documents()
}

// prefKey names a window preference of this program.
func prefKey(name string) string { return "townledger.window." + strings.ToLower(name) }

// lastDir is the folder a file dialog opens in: the one used last, else Documents.
func lastDir(fyne.Window) string {
	return startDir(fyne.CurrentApp().Preferences().String(prefKey("lastdir")))
}

func setLastDir(_ fyne.Window, dir string) {
	fyne.CurrentApp().Preferences().SetString(prefKey("lastdir"), dir)
}
