package desktop

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestSavedNamesGetTheirExtension(t *testing.T) {
	xlsx := Filter{Name: "Excel", Exts: []string{".xlsx"}}
	for _, tc := range []struct {
		path string
		f    Filter
		want string
	}{
		{"/d/报表 2024", xlsx, "/d/报表 2024.xlsx"},
		{"/d/报表 2024.xlsx", xlsx, "/d/报表 2024.xlsx"},
		{"/d/报表.XLSX", xlsx, "/d/报表.XLSX"},
		{"/d/照片", Filter{}, "/d/照片"},
		{"", xlsx, ""},
	} {
		if got := withExt(tc.path, tc.f); got != tc.want {
			t.Errorf("withExt(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestDisplayPathUsesTheSystemSeparator(t *testing.T) {
	got := DisplayPath("C:/Users/王/Documents/报表 2024.xlsx")
	want := filepath.Join("C:", "Users", "王", "Documents", "报表 2024.xlsx")
	if runtime.GOOS != "windows" {
		want = "C:/Users/王/Documents/报表 2024.xlsx"
	}
	if got != want {
		t.Errorf("DisplayPath = %q, want %q", got, want)
	}
}

func TestDialogsStartInDocuments(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the known folder comes from Windows")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	if got := startDir(""); got != home {
		t.Errorf("without a Documents folder: %q, want the home folder", got)
	}
	docs := filepath.Join(home, "文档")
	os.MkdirAll(docs, 0o700)
	os.MkdirAll(filepath.Join(home, ".config"), 0o700)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte("XDG_DOCUMENTS_DIR=\"$HOME/文档\"\n"), 0o600)
	if got := startDir(""); got != docs {
		t.Errorf("with an XDG documents folder: %q, want %q", got, docs)
	}
	last := t.TempDir()
	if got := startDir(last); got != last {
		t.Errorf("the folder used last: %q, want %q", got, last)
	}
	if got := startDir(filepath.Join(last, "gone")); got != docs {
		t.Errorf("a vanished last folder: %q, want Documents", got)
	}
}
