//go:build windows

package desktop

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"unsafe"

	"fyne.io/fyne/v2"
	"golang.org/x/sys/windows"
)

// The common file dialogs of comdlg32: on Windows 10 and later, with no hook or template,
// they show the system's modern Explorer dialog (Chinese from the system, recent folders,
// network drives), and they work under Wine too, where the COM item dialog does not save.
var (
	comdlg32                 = windows.NewLazySystemDLL("comdlg32.dll")
	procGetOpenFileName      = comdlg32.NewProc("GetOpenFileNameW")
	procGetSaveFileName      = comdlg32.NewProc("GetSaveFileNameW")
	procCommDlgExtendedError = comdlg32.NewProc("CommDlgExtendedError")
	errDialogCancelled       = errors.New("file dialog cancelled")
)

const (
	fileBufferChars           = 32768 // long paths
	ofnOverwritePrompt uint32 = 0x00000002
	ofnHideReadOnly    uint32 = 0x00000004
	ofnNoChangeDir     uint32 = 0x00000008
	ofnPathMustExist   uint32 = 0x00000800
	ofnFileMustExist   uint32 = 0x00001000
	ofnExplorer        uint32 = 0x00080000
	ofnEnableSizing    uint32 = 0x00800000
)

// openFileName is OPENFILENAMEW; Go lays it out as C does on 64-bit Windows.
type openFileName struct {
	structSize      uint32
	owner           uintptr
	instance        uintptr
	filter          *uint16
	customFilter    *uint16
	maxCustomFilter uint32
	filterIndex     uint32
	file            *uint16
	maxFile         uint32
	fileTitle       *uint16
	maxFileTitle    uint32
	initialDir      *uint16
	title           *uint16
	flags           uint32
	fileOffset      uint16
	fileExtension   uint16
	defExt          *uint16
	custData        uintptr
	fnHook          uintptr
	TemplateName    *uint16
	pvReserved      uintptr
	dwReserved      uint32
	flagsEx         uint32
}

// OpenFile asks with the system's dialog which file to open; done runs on the UI goroutine
// with the path, and is not called when the user cancels.
func OpenFile(w fyne.Window, title string, f Filter, done func(path string)) {
	ask(w, procGetOpenFileName, title, lastDir(w), "", f, ofnFileMustExist, done)
}

// SaveFile asks with the system's dialog where to save, suggesting name; the dialog asks
// before replacing a file, so a chosen file that exists is removed for the writer, which
// never overwrites. done runs on the UI goroutine.
func SaveFile(w fyne.Window, title, name string, f Filter, done func(path string)) {
	ask(w, procGetSaveFileName, title, lastDir(w), name, f, ofnOverwritePrompt, func(path string) {
		path = withExt(path, f)
		os.Remove(path)
		done(path)
	})
}

func ask(w fyne.Window, proc *windows.LazyProc, title, dir, name string, f Filter, flags uint32, done func(string)) {
	owner := hwnd(w)
	// The dialog runs its own message loop on the calling thread; off the UI goroutine the
	// window keeps painting, and as its owner it stays disabled until the dialog closes.
	go func() {
		path, err := showFileDialog(proc, owner, title, dir, name, f, flags)
		if err != nil {
			if err != errDialogCancelled {
				fyne.LogError("file dialog", err)
			}
			return
		}
		fyne.Do(func() {
			setLastDir(w, filepath.Dir(path))
			done(path)
		})
	}()
}

func showFileDialog(proc *windows.LazyProc, owner uintptr, title, dir, name string, f Filter, flags uint32) (string, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	buf := make([]uint16, fileBufferChars)
	if name != "" {
		n, err := windows.UTF16FromString(name)
		if err == nil && len(n) < len(buf) {
			copy(buf, n)
		}
	}
	ofn := openFileName{
		owner:   owner,
		file:    &buf[0],
		maxFile: uint32(len(buf)),
		flags:   flags | ofnExplorer | ofnEnableSizing | ofnNoChangeDir | ofnPathMustExist | ofnHideReadOnly,
	}
	ofn.structSize = uint32(unsafe.Sizeof(ofn))
	ofn.title, _ = windows.UTF16PtrFromString(title)
	if dir != "" {
		ofn.initialDir, _ = windows.UTF16PtrFromString(dir)
	}
	if len(f.Exts) > 0 {
		ofn.filter = filterString(f)
		ofn.filterIndex = 1
		ofn.defExt, _ = windows.UTF16PtrFromString(f.Exts[0][1:])
	}
	if r, _, _ := proc.Call(uintptr(unsafe.Pointer(&ofn))); r != 0 {
		return windows.UTF16ToString(buf), nil
	}
	if code, _, _ := procCommDlgExtendedError.Call(); code != 0 {
		return "", fmt.Errorf("common dialog error %#x", code)
	}
	return "", errDialogCancelled
}

// filterString is the dialog's filter list: "name\0*.a;*.b\0" pairs, then an empty string.
func filterString(f Filter) *uint16 {
	var pats string
	for i, e := range f.Exts {
		if i > 0 {
			pats += ";"
		}
		pats += "*" + e
	}
	var out []uint16
	for _, part := range []string{f.Name + " (" + pats + ")", pats} {
		u, _ := windows.UTF16FromString(part) // ends with its NUL
		out = append(out, u...)
	}
	out = append(out, 0)
	return &out[0]
}
