//go:build windows

package cli

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"

	"golang.org/x/sys/windows"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// WindowExe is the window program installed beside the command-line one.
const WindowExe = "TownLedger.exe"

var (
	kernel32                   = windows.NewLazySystemDLL("kernel32.dll")
	procGetConsoleOutputCP     = kernel32.NewProc("GetConsoleOutputCP")
	procGetACP                 = kernel32.NewProc("GetACP")
	procAttachConsole          = kernel32.NewProc("AttachConsole")
	attachParentProcess        = ^uint32(0) // ATTACH_PARENT_PROCESS
	codePageUTF8           int = 65001
)

// Stdio is where commands write. A console shows Go's output as it is (Go writes UTF-16 to
// it), but output redirected to a file or a pipe is read by cmd, PowerShell and Notepad in
// the console's code page (936 on a Chinese PC), so it is written in that code page. The
// window build has no console of its own: it borrows the console of the cmd that started
// it, on the first line written, so a command typed there is not silent.
func Stdio(console bool) (stdout, stderr io.Writer) {
	var once sync.Once
	attach := func() {
		if !console {
			once.Do(attachParent)
		}
	}
	return &stdWriter{get: func() *os.File { return os.Stdout }, attach: attach},
		&stdWriter{get: func() *os.File { return os.Stderr }, attach: attach}
}

type stdWriter struct {
	get    func() *os.File
	attach func()
	once   sync.Once
	w      io.Writer
}

func (s *stdWriter) Write(p []byte) (int, error) {
	s.once.Do(func() {
		s.attach()
		f := s.get()
		s.w = f
		var mode uint32
		if windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil {
			return // a real console: Go writes UTF-16
		}
		if enc := codePageEncoding(outputCodePage()); enc != nil {
			s.w = encoding.ReplaceUnsupported(enc.NewEncoder()).Writer(f)
		}
	})
	if _, err := s.w.Write(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// attachParent gives the window build the console of the program that started it, if any.
func attachParent() {
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return // started from Explorer or a shortcut: no console to borrow
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		if invalid(os.Stdout) {
			os.Stdout = out
		}
		if invalid(os.Stderr) {
			os.Stderr = out
		}
	}
}

func invalid(f *os.File) bool {
	return f == nil || windows.Handle(f.Fd()) == windows.InvalidHandle || f.Fd() == 0
}

func outputCodePage() int {
	if cp, _, _ := procGetConsoleOutputCP.Call(); cp != 0 {
		return int(cp)
	}
	cp, _, _ := procGetACP.Call()
	return int(cp)
}

// codePageEncoding is the encoding of a Windows code page; nil for UTF-8 and unknown ones.
func codePageEncoding(cp int) encoding.Encoding {
	switch cp {
	case codePageUTF8, 0:
		return nil
	case 936:
		return simplifiedchinese.GBK
	case 54936:
		return simplifiedchinese.GB18030
	case 950:
		return traditionalchinese.Big5
	case 932:
		return japanese.ShiftJIS
	case 949:
		return korean.EUCKR
	case 437:
		return charmap.CodePage437
	case 850:
		return charmap.CodePage850
	case 1252:
		return charmap.Windows1252
	}
	return nil
}

// StartWindowBeside starts the window program installed with this command-line one, so
// `townledger` typed with no command opens the window and gives the console back at once.
// Windows file names ignore case, so the two cannot share a folder: the installer and the
// zip put the command line in bin\ under the window program's folder.
func StartWindowBeside(args []string) bool {
	self, err := os.Executable()
	if err != nil {
		return false
	}
	dir := filepath.Dir(self)
	for _, gui := range []string{filepath.Join(filepath.Dir(dir), WindowExe), filepath.Join(dir, WindowExe)} {
		if same, err := sameFile(gui, self); err != nil || same {
			continue
		}
		cmd := exec.Command(gui, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.DETACHED_PROCESS}
		return cmd.Start() == nil
	}
	return false
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}
