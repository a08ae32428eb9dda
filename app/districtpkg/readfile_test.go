package districtpkg

import (
	"os"
	"path/filepath"
	"testing"

	"townledger/app/problem"
)

// A package file is read whole; a missing one and one over MaxPackage are refused in words,
// the big one unread.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small, big := filepath.Join(dir, "包.zip"), filepath.Join(dir, "大.zip")
	if err := os.WriteFile(small, []byte("PK"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxPackage + 1); err != nil { // sparse: nothing written
		t.Fatal(err)
	}
	f.Close()
	for _, tc := range []struct {
		path, key string
	}{{small, ""}, {filepath.Join(dir, "无.zip"), KeyNoFile}, {big, KeyUnreadable}} {
		raw, err := ReadFile(tc.path)
		if got := problem.From(err); (tc.key == "") != (err == nil) || (got != nil && got.Key != tc.key) {
			t.Errorf("%s: %v, want %q", filepath.Base(tc.path), err, tc.key)
		}
		if tc.key == "" && string(raw) != "PK" {
			t.Errorf("%s read as %q", filepath.Base(tc.path), raw)
		}
	}
}
