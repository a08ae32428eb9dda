//go:build !windows && !ci

package desktop

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// Place fits the window into the primary monitor's usable area, at the size remembered from
// the last run when there is one. Call it on the UI goroutine after Show.
func Place(w fyne.Window, prefs fyne.Preferences, want fyne.Size) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return
	}
	_, _, ww, wh := m.GetWorkarea()
	scale := w.Canvas().Scale()
	if ww <= 0 || wh <= 0 || scale <= 0 {
		return
	}
	// Room for the title bar a window manager adds; a window that does not fit takes the
	// whole usable area, as a maximised one would.
	maxW, maxH := float32(ww)/scale, float32(wh)/scale-32
	size := want
	var sw, sh float32
	if _, err := fmt.Sscanf(prefs.String(prefKey("size")), "%g %g", &sw, &sh); err == nil && sw >= 200 && sh >= 150 {
		size = fyne.NewSize(sw, sh)
	}
	if size.Width > maxW || size.Height > maxH {
		size = fyne.NewSize(maxW, maxH)
	}
	w.Resize(size)
	// The window's first size may still be applied on the next frames and win; asked again a
	// moment later, this one stays.
	go func() {
		time.Sleep(300 * time.Millisecond)
		fyne.Do(func() { w.Resize(size) })
	}()
}

// Remember keeps the window's size for the next start.
func Remember(w fyne.Window, prefs fyne.Preferences) {
	s := w.Canvas().Size()
	prefs.SetString(prefKey("size"), fmt.Sprintf("%g %g", s.Width, s.Height))
}
