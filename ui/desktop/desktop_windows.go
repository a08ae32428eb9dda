//go:build windows

package desktop

import (
	"fmt"
	"log"
	"os"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

var (
	user32                    = windows.NewLazySystemDLL("user32.dll")
	procGetWindowPlacement    = user32.NewProc("GetWindowPlacement")
	procSetWindowPlacement    = user32.NewProc("SetWindowPlacement")
	procMonitorFromWindow     = user32.NewProc("MonitorFromWindow")
	procMonitorFromRect       = user32.NewProc("MonitorFromRect")
	procGetMonitorInfo        = user32.NewProc("GetMonitorInfoW")
	procGetWindowRect         = user32.NewProc("GetWindowRect")
	procGetClientRect         = user32.NewProc("GetClientRect")
	procSetWindowPos          = user32.NewProc("SetWindowPos")
	procShowWindow            = user32.NewProc("ShowWindow")
	procIsIconic              = user32.NewProc("IsIconic")
	procSetForegroundWindow   = user32.NewProc("SetForegroundWindow")
	procAllowSetForegroundWin = user32.NewProc("AllowSetForegroundWindow")
)

const (
	swShowNormal       = 1
	swShowMaximized    = 3
	swRestore          = 9
	monitorDefaultNull = 0
	monitorNearest     = 2
	swpNoSize          = 0x0001
	swpNoZOrder        = 0x0004
	swpNoActivate      = 0x0010
)

type rect struct{ Left, Top, Right, Bottom int32 }

func (r rect) w() int32 { return r.Right - r.Left }
func (r rect) h() int32 { return r.Bottom - r.Top }

type point struct{ X, Y int32 }

type windowPlacement struct {
	Length, Flags, ShowCmd uint32
	MinPos, MaxPos         point
	Normal                 rect
}

type monitorInfo struct {
	Size          uint32
	Monitor, Work rect
	Flags         uint32
}

// hwnd is the window's handle, 0 when there is none (test driver, not created).
func hwnd(w fyne.Window) uintptr {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0
	}
	var h uintptr
	nw.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok {
			h = c.HWND
		}
	})
	return h
}

// Alert shows a Windows message box; it needs no OpenGL, so it works when the window could
// not be created.
func Alert(title, text string) {
	t, _ := windows.UTF16PtrFromString(title)
	m, _ := windows.UTF16PtrFromString(text)
	windows.MessageBox(0, m, t, windows.MB_OK|windows.MB_ICONERROR|windows.MB_SETFOREGROUND|windows.MB_TOPMOST)
}

// Documents is the user's Documents folder (redirected ones included).
func Documents() string {
	if p, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0); err == nil && p != "" {
		return p
	}
	home, _ := os.UserHomeDir()
	return home
}

// Place fits the window to its screen: the size and position remembered from the last run
// when they still fit a monitor, else maximised when the first size (want, in Fyne units)
// with its frame does not fit the usable area (a 1366×768 screen with a taskbar, or 125 %
// scaling), else centred. The system may already have cut the window to the screen, so the
// test is on the wanted size, not the window's present one.
func Place(w fyne.Window, prefs fyne.Preferences, want fyne.Size) {
	h := hwnd(w)
	if h == 0 {
		return
	}
	if restorePlacement(h, prefs) {
		return
	}
	var mi monitorInfo
	mi.Size = uint32(unsafe.Sizeof(mi))
	mon, _, _ := procMonitorFromWindow.Call(h, monitorNearest)
	if r, _, _ := procGetMonitorInfo.Call(mon, uintptr(unsafe.Pointer(&mi))); r == 0 {
		return
	}
	var wr, cr rect
	if r, _, _ := procGetWindowRect.Call(h, uintptr(unsafe.Pointer(&wr))); r == 0 {
		return
	}
	if r, _, _ := procGetClientRect.Call(h, uintptr(unsafe.Pointer(&cr))); r == 0 {
		return
	}
	scale := w.Canvas().Scale()
	needW := int32(want.Width*scale) + wr.w() - cr.w()
	needH := int32(want.Height*scale) + wr.h() - cr.h()
	work := mi.Work
	if needW > work.w() || needH > work.h() {
		log.Printf("window maximised: it needs %dx%d px at scale %.2f, the usable area is %dx%d", needW, needH, scale, work.w(), work.h())
		procShowWindow.Call(h, swShowMaximized)
		return
	}
	log.Printf("window centred: it needs %dx%d px at scale %.2f, the usable area is %dx%d", needW, needH, scale, work.w(), work.h())
	x := work.Left + (work.w()-wr.w())/2
	y := work.Top + (work.h()-wr.h())/2
	procSetWindowPos.Call(h, 0, uintptr(x), uintptr(y), 0, 0, swpNoSize|swpNoZOrder|swpNoActivate)
}

func restorePlacement(h uintptr, prefs fyne.Preferences) bool {
	var wp windowPlacement
	var maximized bool
	_, err := fmt.Sscanf(prefs.String(prefKey("placement")), "%d %d %d %d %t",
		&wp.Normal.Left, &wp.Normal.Top, &wp.Normal.Right, &wp.Normal.Bottom, &maximized)
	if err != nil || wp.Normal.w() < 200 || wp.Normal.h() < 150 {
		return false
	}
	// The monitor it was on may be gone (a laptop off its docking station).
	mon, _, _ := procMonitorFromRect.Call(uintptr(unsafe.Pointer(&wp.Normal)), monitorDefaultNull)
	if mon == 0 {
		return false
	}
	var mi monitorInfo
	mi.Size = uint32(unsafe.Sizeof(mi))
	if r, _, _ := procGetMonitorInfo.Call(mon, uintptr(unsafe.Pointer(&mi))); r == 0 ||
		wp.Normal.w() > mi.Work.w() || wp.Normal.h() > mi.Work.h() {
		return false
	}
	wp.Length = uint32(unsafe.Sizeof(wp))
	wp.ShowCmd = swShowNormal
	if maximized {
		wp.ShowCmd = swShowMaximized
	}
	r, _, _ := procSetWindowPlacement.Call(h, uintptr(unsafe.Pointer(&wp)))
	log.Printf("window placed where it was last time: %v, maximised %t", wp.Normal, maximized)
	return r != 0
}

// Remember keeps the window's size, position and maximised state for the next start; call it
// while the window still exists (from the close intercept).
func Remember(w fyne.Window, prefs fyne.Preferences) {
	h := hwnd(w)
	if h == 0 {
		return
	}
	var wp windowPlacement
	wp.Length = uint32(unsafe.Sizeof(wp))
	if r, _, _ := procGetWindowPlacement.Call(h, uintptr(unsafe.Pointer(&wp))); r == 0 {
		return
	}
	n := wp.Normal
	prefs.SetString(prefKey("placement"), fmt.Sprintf("%d %d %d %d %t",
		n.Left, n.Top, n.Right, n.Bottom, wp.ShowCmd == swShowMaximized))
}

// BringToFront shows the window in front of the others, restoring it when minimised.
func BringToFront(w fyne.Window) {
	w.Show()
	if h := hwnd(w); h != 0 {
		if r, _, _ := procIsIconic.Call(h); r != 0 {
			procShowWindow.Call(h, swRestore)
		}
		procSetForegroundWindow.Call(h)
	}
	w.RequestFocus()
}

// AllowForeground lets process pid take the foreground: Windows gives it only to the program
// the user just started, which is the second start, not the window asked to come forward.
func AllowForeground(pid int) {
	procAllowSetForegroundWin.Call(uintptr(uint32(pid)))
}
