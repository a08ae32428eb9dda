//go:build !windows && !ci

package desktop

import (
	"fmt"

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
	// Room for the title bar and borders a window manager adds.
	maxW, maxH := float32(ww)/scale-16, float32(wh)/scale-48
	size := want
	var sw, sh float32
	if _, err := fmt.Sscanf(prefs.String(prefKey("size")), "%g %g", &sw, &sh); err == nil && sw >= 200 && sh >= 150 {
		size = fyne.NewSize(sw, sh)
	}
	w.Resize(fyne.NewSize(min(size.Width, maxW), min(size.Height, maxH)))
}

// Remember keeps the window's size for the next start.
func Remember(w fyne.Window, prefs fyne.Preferences) {
	s := w.Canvas().Size()
	prefs.SetString(prefKey("size"), fmt.Sprintf("%g %g", s.Width, s.Height))
}
