package cli

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// An import into a ledger whose file is damaged is refused before anything is written, in
// words, and verify names the damage instead of quoting SQLite.
func TestImportRefusesADamagedLedger(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	if r := run(t, "--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"); r.code != 0 {
		t.Fatal(r)
	}
	if r := run(t, "--db", db, "import", "enterprises", enterprisesBook(t, dir, "first.xlsx", 5, nil)); r.code != 0 {
		t.Fatal(r)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA writable_schema = ON",
		`UPDATE sqlite_master SET sql = 'CREATE INDEX party_name ON party(address)' WHERE name = 'party_name'`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	count := func() string {
		c, _ := sql.Open("sqlite", db)
		defer c.Close()
		var n string
		c.QueryRow("SELECT COUNT(*) FROM party").Scan(&n)
		return n
	}
	before := count()
	r := run(t, "--db", db, "import", "enterprises", enterprisesBook(t, dir, "more.xlsx", 46, nil))
	if r.code != 1 || !strings.Contains(r.stderr, "数据库文件已损坏") || !strings.Contains(r.stderr, "没有写入任何内容") {
		t.Errorf("import into a damaged ledger: %+v", r)
	}
	if after := count(); after != before {
		t.Errorf("parties %s before, %s after the refused import", before, after)
	}
	v := run(t, "--db", db, "verify")
	if v.code != 1 || !strings.Contains(v.stdout, "数据库索引") || strings.Contains(v.stdout, "missing from index") {
		t.Errorf("verify of a damaged ledger: %+v", v)
	}
}
