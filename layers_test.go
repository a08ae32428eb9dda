package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The program's layers: main → ui → app → data. The window and the command line (ui/) reach
// the ledger only through app's services, never the store or SQL; app and data know nothing
// of Fyne; data knows nothing of app or ui.
func TestImportsFlowOneWay(t *testing.T) {
	rules := []struct {
		dir       string
		forbidden []string
		tests     bool // the rule holds for test files too
	}{
		{"ui", []string{"townledger/data", "database/sql", "modernc.org/sqlite"}, true},
		{"app", []string{"fyne.io/", "townledger/ui"}, true},
		// app's tests may open a file with SQL to damage it on purpose, as an attacker would.
		{"app", []string{"database/sql", "modernc.org/sqlite"}, false},
		{"data", []string{"fyne.io/", "townledger/ui", "townledger/app"}, true},
	}
	checked := 0
	for _, r := range rules {
		err := filepath.WalkDir(r.dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || !r.tests && strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			checked++
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, bad := range r.forbidden {
					if p == bad || strings.HasPrefix(p, bad) && strings.HasSuffix(bad, "/") || strings.HasPrefix(p, bad+"/") {
						t.Errorf("%s imports %s: %s/ must not", path, p, r.dir)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d files checked: the walk is broken", checked)
	}
}
