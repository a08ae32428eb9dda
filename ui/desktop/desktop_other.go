//go:build !windows

package desktop

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// Alert writes the message where a user starting the program from a terminal sees it.
func Alert(title, text string) {
	fmt.Fprintln(os.Stderr, title+": "+text)
}

// Documents is the XDG documents folder, else ~/Documents, else the home folder.
func Documents() string {
	home, _ := os.UserHomeDir()
	if d := xdgDocuments(home); d != "" {
		return d
	}
	if d := filepath.Join(home, "Documents"); isDir(d) {
		return d
	}
	return home
}

func xdgDocuments(home string) string {
	cfg := os.Getenv("XDG_CONFIG_HOME")
	if cfg == "" {
		cfg = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(cfg, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = strings.ReplaceAll(strings.Trim(v, `"`), "$HOME", home)
		if isDir(v) {
			return v
		}
	}
	return ""
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// BringToFront shows the window and asks for the focus.
func BringToFront(w fyne.Window) {
	w.Show()
	w.RequestFocus()
}

// AllowForeground is needed on Windows only.
func AllowForeground(int) {}

// OpenFile asks with Fyne's dialog which file to open; done runs with the path, and is not
// called when the user cancels.
func OpenFile(w fyne.Window, title string, f Filter, done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		setLastDir(w, filepath.Dir(path))
		done(path)
	}, w)
	prepare(d, w, title, f)
	d.Show()
}

// SaveFile asks with Fyne's dialog where to save, suggesting name. The dialog asks before
// replacing a file and creates the chosen one empty; it is removed for the writer, which
// never overwrites.
func SaveFile(w fyne.Window, title, name string, f Filter, done func(path string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		os.Remove(path)
		setLastDir(w, filepath.Dir(path))
		done(withExt(path, f))
	}, w)
	d.SetFileName(name)
	prepare(d, w, title, f)
	d.Show()
}

func prepare(d *dialog.FileDialog, w fyne.Window, title string, f Filter) {
	d.SetTitleText(title)
	if len(f.Exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(f.Exts))
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(lastDir(w))); err == nil {
		d.SetLocation(l)
	}
	// The window may be smaller than Fyne's default dialog size on a 1366×768 screen.
	s := w.Canvas().Size()
	d.Resize(fyne.NewSize(min(s.Width-40, 900), min(s.Height-40, 600)))
}
