package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A ledger of schema 12 with sent and queued versions is upgraded: migration 13 rebuilds
// export_record (to allow 'rejected') and outbox around it, and every version, its file, its
// outbox entry and the audit replay come through unchanged.
func TestReceiptsMigrationKeepsHistoryAndOutbox(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v12.db")
	old := &Store{path: path, now: time.Now}
	var err error
	if old.w, err = sql.Open("sqlite", dsn(path, time.Second, false)); err != nil {
		t.Fatal(err)
	}
	old.r = old.w
	if err := old.migrateTo(ctx, 12); err != nil {
		t.Fatal(err)
	}
	setupTown(t, old)
	var v1, v2 ExportRecord
	err = old.Write(ctx, alice, func(tx *Tx) error {
		var err error
		if v1, err = tx.RecordExport(ExportRecord{Period: "2024-Q3", FileName: "a.xlsx", FileSHA256: "f1", ContentHash: "c1"}, []byte("one")); err != nil {
			return err
		}
		if err := tx.QueueExport(v1.ID, "<v1@x>"); err != nil {
			return err
		}
		if err := tx.OutboxSent(v1.ID); err != nil {
			return err
		}
		if v2, err = tx.RecordExport(ExportRecord{Period: "2024-Q3", FileName: "b.xlsx", FileSHA256: "f2", ContentHash: "c2"}, []byte("two")); err != nil {
			return err
		}
		return tx.QueueExport(v2.ID, "<v2@x>")
	})
	if err != nil {
		t.Fatal(err)
	}
	old.w.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Exports(ctx, "2024-Q3")
	if err != nil || len(got) != 2 {
		t.Fatalf("history after the upgrade: %+v %v", got, err)
	}
	if got[0].ID != v2.ID || got[0].State != ExportQueued || got[0].SupersedesID != v1.ID || got[0].MessageID != "<v2@x>" ||
		got[1].ID != v1.ID || got[1].State != ExportSent || got[1].SentAt == "" || got[1].RejectReason != "" {
		t.Errorf("history after the upgrade: %+v", got)
	}
	if b, err := s.ExportFile(ctx, v2.ID); err != nil || string(b) != "two" {
		t.Errorf("kept file %q %v", b, err)
	}
	box, err := s.Outbox(ctx)
	if err != nil || len(box) != 2 {
		t.Fatalf("outbox after the upgrade: %+v %v", box, err)
	}
	var bad int
	if err := s.queryRow(ctx, []any{&bad}, `SELECT COUNT(*) FROM pragma_foreign_key_check`); err != nil || bad != 0 {
		t.Errorf("foreign key violations after the upgrade: %d %v", bad, err)
	}
	var schema string
	if err := s.queryRow(ctx, []any{&schema}, `SELECT sql FROM sqlite_schema WHERE name = 'outbox'`); err != nil ||
		!strings.Contains(schema, "REFERENCES \"export_record\"") && !strings.Contains(schema, "REFERENCES export_record") {
		t.Errorf("outbox no longer references export_record: %s %v", schema, err)
	}
	// The rebuilt tables still take writes, and the outbox still refuses a second entry.
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.QueueExport(v2.ID, "<v2@x>") }); err != ErrAlreadyQueued {
		t.Errorf("second queueing after the upgrade: %v", err)
	}
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.Reject(v1.ID, "表3数字有误") }); err != nil {
		t.Fatal(err)
	}
	c, err := s.CheckLog(ctx)
	if err != nil || !c.OK() || !c.States {
		t.Errorf("verify after the upgrade: %+v %v", c, err)
	}
}

// A sent version the district sends back is rejected with its reason, which verify's replay
// then agrees with; only a version the district received can be sent back.
func TestReject(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	record := func(period string) ExportRecord {
		t.Helper()
		var e ExportRecord
		if err := s.Write(ctx, alice, func(tx *Tx) error {
			var err error
			e, err = tx.RecordExport(ExportRecord{Period: period, FileName: "r.xlsx", FileSHA256: "f", ContentHash: "c"}, nil)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return e
	}
	sent := record("2024-07")
	acked := record("2024-08")
	unsent := record("2024-09")
	long := strings.Repeat("表", MaxRejectReason) // 3 bytes a character: cut inside one if cut by bytes
	err := s.Write(ctx, alice, func(tx *Tx) error {
		for _, e := range []ExportRecord{sent, acked} {
			if err := tx.QueueExport(e.ID, "<"+e.ID+"@x>"); err != nil {
				return err
			}
			if err := tx.OutboxSent(e.ID); err != nil {
				return err
			}
		}
		return tx.Acknowledge(acked.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		id       string
		reason   string
		want     string // "" = refused
		wantKind ErrorKind
	}{
		{"sent", sent.ID, "  表3“检查企业数”与附表不一致，请核实后重报。\n", "表3“检查企业数”与附表不一致，请核实后重报。", 0},
		{"acknowledged, then sent back", acked.ID, long, strings.Repeat("表", MaxRejectReason/3) + "…", 0},
		{"never sent", unsent.ID, "x", "", ErrConflict},
		{"no such version", "nope", "x", "", ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Write(ctx, alice, func(tx *Tx) error { return tx.Reject(tc.id, tc.reason) })
			if tc.want == "" {
				if KindOf(err) != tc.wantKind {
					t.Fatalf("error %v, want kind %v", err, tc.wantKind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			e, err := s.Export(ctx, tc.id)
			if err != nil || e.State != ExportRejected || e.RejectReason != tc.want || e.AckedAt == "" {
				t.Errorf("after rejection: %+v %v; want reason %q", e, err, tc.want)
			}
		})
	}
	if e, _ := s.Export(ctx, unsent.ID); e.State != ExportExported || e.RejectReason != "" {
		t.Errorf("a refused rejection changed the version: %+v", e)
	}
	if c, err := s.CheckLog(ctx); err != nil || !c.OK() {
		t.Errorf("verify after rejections: %+v %v", c, err)
	}
}
