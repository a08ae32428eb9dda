package data

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// townLedger is a new ledger holding its town, 青石镇, closed at the test's end.
func townLedger(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "town.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Write(context.Background(), System, func(tx *Tx) error {
		_, err := tx.CreateTown(Town{Code: "110105100", Name: "青石镇"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

// verify reads the log and the tables as of one moment: saves made while it runs are
// never reported as changes behind the log's back.
func TestCheckLogWhileSaving(t *testing.T) {
	ctx := context.Background()
	s := townLedger(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := s.Write(ctx, System, func(tx *Tx) error {
				if err := tx.SetSetting("test.counter", fmt.Sprint(i)); err != nil {
					return err
				}
				_, err := tx.InsertParty(Party{Kind: "org", Name: fmt.Sprintf("公司%d", i)})
				return err
			}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := 0; i < 30; i++ {
		c, err := s.CheckLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !c.OK() {
			t.Fatalf("run %d found %+v while saves went on", i, c.Findings)
		}
	}
	close(stop)
	wg.Wait()
}
