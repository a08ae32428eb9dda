//go:build windows

package workbook

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// hold needs nothing on Windows: Go opens files without letting others delete them, and
// claim's exclusive open fails while any handle is open.
func hold(*os.File) error { return nil }

// claim opens path with no sharing at all, which fails while anyone has it open.
func claim(path string) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		if errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, ErrInUse
		}
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}
