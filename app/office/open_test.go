package office

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// OpenExisting never makes a ledger: a path naming no file is refused as missing and leaves
// no folder or file behind; an existing ledger opens.
func TestOpenExistingRefusesAMissingLedger(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cases := []struct {
		name    string
		path    string
		missing bool
	}{
		{"a file in a folder that does not exist", filepath.Join(dir, "typo", "townledger.db"), true},
		{"a file that does not exist", filepath.Join(dir, "none.db"), true},
	}
	made := filepath.Join(dir, "made.db")
	o, err := Open(ctx, made)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	cases = append(cases, struct {
		name    string
		path    string
		missing bool
	}{"a ledger Open made", made, false})
	for _, c := range cases {
		o, err := OpenExisting(ctx, c.path)
		if IsMissing(err) != c.missing {
			t.Errorf("%s: %v", c.name, err)
		}
		if err == nil {
			o.Close()
		}
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || left[0].Name() != "made.db" {
		t.Errorf("left behind: %v", left)
	}
}
