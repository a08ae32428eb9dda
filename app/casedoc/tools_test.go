package casedoc_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tool finds a poppler-utils program; without it the test is skipped, except in CI
// (CI=true), where the tools are installed (build/deps.sh office) and their absence fails.
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (poppler-utils; build/deps.sh office)", name)
		}
		t.Skipf("%s is not installed (poppler-utils)", name)
	}
	return p
}

// squeeze takes out every kind of space, so text wrapped over lines or cells reads whole.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '　' || r == '\f' {
			return -1
		}
		return r
	}, s)
}

// pdfText is the text pdftotext reads from the file, spaces taken out.
func pdfText(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return squeeze(string(out))
}

// checkFonts asserts that every font of the file is embedded as a subset.
func checkFonts(t testing.TB, path string) {
	t.Helper()
	out, err := exec.Command(tool(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatalf("pdffonts %s: %v", path, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("%s: pdffonts lists no font:\n%s", path, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type… encoding emb sub uni object ID: emb and sub are the 5th and 4th from the end
		if len(f) < 7 || !strings.Contains(f[0], "+") || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("%s: a font not embedded as a subset: %q", path, l)
		}
	}
}

// checkPages renders every page with pdftoppm and asserts each has ink on it; it returns
// the number of pages.
func checkPages(t testing.TB, path string) int {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command(tool(t, "pdftoppm"), "-r", "40", "-gray", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm %s: %v %s", path, err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	if len(pages) == 0 {
		t.Fatalf("%s: pdftoppm rendered no page", path)
	}
	for _, p := range pages {
		dark, err := darkPixels(p)
		if err != nil {
			t.Fatal(err)
		}
		if dark < 20 {
			t.Errorf("%s: page %s is blank (%d dark pixels)", path, filepath.Base(p), dark)
		}
	}
	return len(pages)
}

// darkPixels counts the pixels darker than mid-grey in a binary PGM (P5) file.
func darkPixels(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	r := bufio.NewReader(bytes.NewReader(b))
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P5" {
		return 0, fmt.Errorf("%s: not a PGM: %v", path, err)
	}
	r.ReadByte() // the one whitespace after the header
	px := make([]byte, w*h)
	if _, err := io.ReadFull(r, px); err != nil {
		return 0, err
	}
	n := 0
	for _, p := range px {
		if int(p) < maxv/2 {
			n++
		}
	}
	return n, nil
}
