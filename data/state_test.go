package data

import (
	"context"
	"testing"
)

// An upgrade gives snapshot rows to the records a migration changed or added, and to no
// other: a migration that adds an index adds nothing to the log, and a record changed
// behind the program's back before the upgrade is still reported afterwards.
func TestUpgradeSnapshotsOnlyWhatAMigrationChanged(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	var ids []string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		for _, n := range []string{"青山机械厂", "绿水餐饮店", "青山砖厂"} {
			id, err := tx.InsertParty(Party{Kind: "org", Name: n, NameInitials: "x"})
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Tampered with before the upgrade.
	if _, err := s.w.ExecContext(ctx, `UPDATE party SET address = '伪造' WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	snapshots := func() int {
		n, err := s.AuditCount(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before, err := s.sumRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows := snapshots()
	// A migration that changes no record.
	if _, err := s.w.ExecContext(ctx, `CREATE INDEX party_address ON party(address)`); err != nil {
		t.Fatal(err)
	}
	if err := s.snapshotRecords(ctx, before); err != nil {
		t.Fatal(err)
	}
	if got := snapshots(); got != rows {
		t.Errorf("an index added %d audit rows, want none", got-rows)
	}
	// A migration that fills a column of one record and adds a record.
	if _, err := s.w.ExecContext(ctx, `UPDATE party SET industry = '机械' WHERE id = ?`, ids[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO setting (id, key, value, town_code, created_at, created_by, updated_at, updated_by)
		VALUES ('s-upgraded', 'upgraded', '1', '110105100', '2026-01-01T00:00:00Z', 'system', '2026-01-01T00:00:00Z', 'system')`); err != nil {
		t.Fatal(err)
	}
	if err := s.snapshotRecords(ctx, before); err != nil {
		t.Fatal(err)
	}
	if got := snapshots(); got != rows+2 {
		t.Errorf("the migration's changes added %d audit rows, want 2 (the filled party, the new setting)", got-rows)
	}
	c, err := s.CheckLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Break != nil || len(c.Findings) != 1 || c.Findings[0].ID != ids[0] {
		t.Errorf("after the upgrade the log should agree with every record but the one tampered with before: %+v", c)
	}
	// A ledger that kept no states gives every record one.
	all := snapshots()
	if err := s.snapshotRecords(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := snapshots()-all, 3+2+1; got != want { // the parties, the town and its user, the setting
		t.Errorf("a ledger without states got %d snapshot rows, want %d", got, want)
	}
}
