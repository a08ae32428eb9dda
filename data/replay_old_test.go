package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// verify reads a ledger of an older schema as it is (never upgraded): the tables a later
// version added are not there, and that is no finding.
func TestCheckLogOfAnOlderSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v12.db")
	old := &Store{path: path, now: time.Now}
	var err error
	if old.w, err = sql.Open("sqlite", dsn(path, time.Second, false)); err != nil {
		t.Fatal(err)
	}
	old.r = old.w
	if err := old.migrateTo(ctx, stateVersion); err != nil {
		t.Fatal(err)
	}
	if err := old.Write(ctx, System, func(tx *Tx) error {
		_, err := tx.CreateTown(Town{Code: "110105100", Name: "青石镇"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	old.w.Close()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	c, err := ro.CheckLog(ctx)
	if err != nil || !c.OK() || c.Records != 1 {
		t.Fatalf("schema %d ledger: %+v %v", stateVersion, c, err)
	}
}
