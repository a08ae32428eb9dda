package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gen makes a new ledger the other commands sign in to, and never adds to one.
func TestGenMakesANewLedgerOnly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "gen.db")
	tests := []struct {
		name       string
		args       []string
		code       int
		out, errIn string
	}{
		{"scale 0", []string{"--db", filepath.Join(dir, "zero.db"), "gen", "--scale", "0"}, 1, "", "规模须为不小于 1 的整数"},
		{"stray argument", []string{"--db", db, "gen", "extra"}, 2, "", "extra"},
		{"scale 1", []string{"--db", db, "gen", "--scale", "1"}, 0, "案件 150 件", ""},
		{"the administrator signs in", []string{"--db", db, "verify"}, 0, "校验通过", ""},
		{"again on the same file", []string{"--db", db, "gen"}, 1, "", "已有数据"},
		{"status as the generated administrator", []string{"--db", db, "status", "--year", "2025"}, 0, "", ""},
	}
	for _, tt := range tests {
		r := run(t, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.out) || !strings.Contains(r.stderr, tt.errIn) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tt.name, r.code, r.stdout, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "zero.db")); err == nil {
		t.Error("a refused gen left a file")
	}
}
