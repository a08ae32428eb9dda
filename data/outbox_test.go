package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

// The outbox walks an export version from queued to sent exactly once: a second queueing is
// refused, a claimed entry is invisible to another claim until its hold runs out, a failure
// waits for its retry time, and "retry now" never frees an entry another process holds.
func TestOutboxStates(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	clock := time.Date(2024, 10, 2, 8, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return clock })
	at := func(d time.Duration) string { return clock.Add(d).Format(TimeLayout) }
	write := func(fn func(tx *Tx) error) error { return s.Write(ctx, alice, fn) }

	var e ExportRecord
	if err := write(func(tx *Tx) error {
		var err error
		e, err = tx.RecordExport(ExportRecord{Period: "2024-Q3", FileName: "r.xlsx", FileSHA256: "f", ContentHash: "c"}, []byte("xlsx"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if b, err := s.ExportFile(ctx, e.ID); err != nil || string(b) != "xlsx" {
		t.Fatalf("kept file %q %v", b, err)
	}
	if err := write(func(tx *Tx) error { return tx.QueueExport(e.ID, "<m@x>") }); err != nil {
		t.Fatal(err)
	}
	if err := write(func(tx *Tx) error { return tx.QueueExport(e.ID, "<m@x>") }); !errors.Is(err, ErrAlreadyQueued) {
		t.Fatalf("second queueing: %v", err)
	}
	claim := func() []OutboxItem {
		t.Helper()
		var items []OutboxItem
		err := write(func(tx *Tx) error {
			var err error
			items, err = tx.ClaimOutbox(at(10 * time.Minute))
			return err
		})
		if err != nil && !errors.Is(err, ErrNoAudit) {
			t.Fatal(err)
		}
		return items
	}
	if items := claim(); len(items) != 1 || items[0].Attempts != 1 || items[0].Export.MessageID != "<m@x>" {
		t.Fatalf("first claim %+v", items)
	}
	if items := claim(); len(items) != 0 {
		t.Fatalf("a held entry was claimed again: %+v", items)
	}
	if err := write(func(tx *Tx) error { _, err := tx.RetryOutbox(); return err }); err != nil && !errors.Is(err, ErrNoAudit) {
		t.Fatal(err)
	}
	if items := claim(); len(items) != 0 {
		t.Fatal("retry-now freed an entry another process holds")
	}
	clock = clock.Add(11 * time.Minute) // the holder stopped half-way: its hold runs out
	if items := claim(); len(items) != 1 || items[0].Attempts != 2 {
		t.Fatalf("expired hold not reclaimed: %+v", items)
	}
	if err := write(func(tx *Tx) error { return tx.OutboxFailed(e.ID, "down", at(time.Hour)) }); err != nil {
		t.Fatal(err)
	}
	if items := claim(); len(items) != 0 {
		t.Fatal("a failed entry was tried before its retry time")
	}
	if err := write(func(tx *Tx) error { _, err := tx.RetryOutbox(); return err }); err != nil {
		t.Fatal(err)
	}
	if items := claim(); len(items) != 1 {
		t.Fatal("retry-now did not make the waiting entry due")
	}
	if err := write(func(tx *Tx) error { return tx.OutboxSent(e.ID) }); err != nil {
		t.Fatal(err)
	}
	got, err := s.Export(ctx, e.ID)
	if err != nil || got.State != ExportSent || got.SentAt != at(0) {
		t.Fatalf("after sending: %+v %v", got, err)
	}
	clock = clock.Add(24 * time.Hour)
	if items := claim(); len(items) != 0 {
		t.Fatal("a sent entry was claimed again")
	}
	box, err := s.Outbox(ctx)
	if err != nil || len(box) != 1 || box[0].State != OutboxSent || box[0].Attempts != 3 {
		t.Fatalf("outbox %+v %v", box, err)
	}
}
