package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"townledger/app/backup"
	"townledger/app/office"
	"townledger/app/setup"
)

// A ledger whose file is damaged opens on the failure page, which offers the newest backup
// that passes its check; one click restores it, keeps the damaged file and opens the ledger.
func TestDamagedLedgerOffersItsNewestGoodBackup(t *testing.T) {
	a := test.NewTempApp(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "office.db")
	o, err := office.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Setup.Run(ctx, setup.Town{Name: "青石镇", DivisionCode: "110105100", Since: "2020-01-01"},
		setup.Admin{NewAccount: newAccount("admin", "qingshi2024"), Confirm: "qingshi2024"}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Backup.Make(ctx, "", time.Now().Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	o.Close()
	// A newer "backup" that is no database must be passed over.
	if err := os.WriteFile(filepath.Join(backup.DefaultDir(path), "townledger-29990101-000000.db"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(make([]byte, 100), 0) // the header gone
	f.Close()

	_, err = office.Open(ctx, path)
	if !backup.IsDamaged(err) {
		t.Fatalf("a damaged file opened or was not called damaged: %v", err)
	}
	w := ShowOpenFailure(a, err, "zh-Hans")
	var got *office.Office
	var busy sync.WaitGroup
	offerBackup(a, w, path, err, time.Now, func(o *office.Office) fyne.Window {
		got = o
		return a.NewWindow("restored")
	}, &busy)
	btn := waitUntil(t, func() *widget.Button {
		for _, obj := range test.LaidOutObjects(w.Content()) {
			if b, ok := obj.(*widget.Button); ok && b.Text == "用这份备份恢复" {
				return b
			}
		}
		return nil
	})
	if !strings.Contains(labelsOf(w.Content()), "有一份通过校验的备份") {
		t.Error("the offer does not say which backup")
	}
	test.Tap(btn)
	busy.Wait() // the restore and its dialog, drawn on the restore's goroutine under the test driver
	if got == nil {
		t.Fatal("the restore opened no ledger")
	}
	defer got.Close()
	if stage, err := got.Setup.StageOf(ctx); err != nil || stage != setup.Ready {
		t.Errorf("restored ledger is not the one backed up: %v %v", stage, err)
	}
	copies, _ := backup.List(path)
	kept := false
	for _, c := range copies {
		kept = kept || strings.Contains(c.Path, "before-restore")
	}
	if !kept {
		t.Error("the damaged file was not kept among the backups")
	}
}

func waitUntil[T comparable](t *testing.T, get func() T) T {
	t.Helper()
	var zero T
	for i := 0; i < 500; i++ {
		var v T
		fyne.DoAndWait(func() { v = get() })
		if v != zero {
			return v
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("timed out waiting")
	return zero
}

func labelsOf(c fyne.CanvasObject) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(c) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}
