package backup

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/data"
)

func TestPruneKeepsThirtyAndOnePerMonth(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	backups := filepath.Join(dir, "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	// Daily backups from 2024-01-01 for 100 days, and a copy kept before an upgrade.
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.Local)
	for i := 0; i < 100; i++ {
		at := start.AddDate(0, 0, i)
		p := filepath.Join(backups, "townledger-"+at.Format("20060102-150405")+".db")
		touch(t, p, at)
	}
	upgrade := filepath.Join(backups, "townledger-20240101-080000-before-upgrade-v11-to-v12.db")
	touch(t, upgrade, start.Add(-time.Hour))
	removed, err := Prune(db)
	if err != nil {
		t.Fatal(err)
	}
	left, _ := List(db)
	names := map[string]bool{}
	for _, c := range left {
		names[filepath.Base(c.Path)] = true
	}
	// 30 newest: 2024-03-11 … 2024-04-09; January and February keep their newest day.
	for _, want := range []string{"townledger-20240409-090000.db", "townledger-20240311-090000.db",
		"townledger-20240229-090000.db", "townledger-20240131-090000.db",
		filepath.Base(upgrade)} {
		if !names[want] {
			t.Errorf("%s was removed", want)
		}
	}
	// March has its days among the newest 30, so its older ones go.
	for _, gone := range []string{"townledger-20240310-090000.db", "townledger-20240309-090000.db", "townledger-20240101-090000.db", "townledger-20240228-090000.db"} {
		if names[gone] {
			t.Errorf("%s was kept", gone)
		}
	}
	if len(left) != 30+2+1 || len(removed) != 100-32 {
		t.Errorf("%d left, %d removed", len(left), len(removed))
	}
}

func touch(t *testing.T, p string, at time.Time) {
	t.Helper()
	if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, at, at); err != nil {
		t.Fatal(err)
	}
}

func TestAutoBacksUpOnceADay(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "live.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	first, err := Auto(ctx, s, now)
	if err != nil || first == "" {
		t.Fatalf("first start: %q %v", first, err)
	}
	if again, err := Auto(ctx, s, now.Add(time.Hour)); err != nil || again != "" {
		t.Errorf("an hour later: %q %v", again, err)
	}
	if next, err := Auto(ctx, s, now.Add(25*time.Hour)); err != nil || next == "" {
		t.Errorf("a day later: %q %v", next, err)
	}
	if _, err := os.Stat(first + ".partial"); err == nil {
		t.Error("a temporary copy was left")
	}
}
