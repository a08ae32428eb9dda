package report_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/data"
)

// export writes and records the period's report into dir/name.
func export(t *testing.T, s *data.Store, period, path string) (report.Summary, data.ExportRecord) {
	t.Helper()
	sum, rec, err := report.Export(context.Background(), s, exporter, period, path, exportTime, "周")
	if err != nil {
		t.Fatal(err)
	}
	return sum, rec
}

// morePeople corrects a 2023-Q4 activity's people reached: the quarter's data change.
func morePeople(t *testing.T, s *data.Store) {
	t.Helper()
	ctx := context.Background()
	rows, _, err := s.ListActivities(ctx, "", data.ActivityFilter{Year: 2023}, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	admin := auth.Session{UserID: "u-a", Username: "admin", Roles: []auth.Role{auth.Admin}}
	for _, r := range rows {
		a, err := publicity.Load(ctx, s, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.HeldOn < "2023-10-01" {
			continue
		}
		a.People++
		if _, err := publicity.Save(ctx, s, admin, a); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("the demo has no activity in 2023-Q4")
}

// send puts a draft in the outbox under the district's next number and marks it sent, as
// the outbox does once the mail server accepted it.
func send(t *testing.T, s *data.Store, id string) data.ExportRecord {
	t.Helper()
	var e data.ExportRecord
	err := s.Write(context.Background(), exporter.Actor(), func(tx *data.Tx) error {
		var err error
		if e, err = tx.NumberForSending(id); err != nil {
			return err
		}
		if err := tx.QueueExport(id, "<"+id+"@test>"); err != nil {
			return err
		}
		return tx.OutboxSent(id)
	})
	if err != nil {
		t.Fatal(err)
	}
	e, _ = s.Export(context.Background(), id)
	return e
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Exporting unchanged data twice gives one version: the second export's file is the first
// one's very file (same SHA-256, same export id), and the history keeps one line. Changed
// data make a new version; a trainer may not export at all.
func TestExportsOfTheSameDataAreOneVersion(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	_, first := export(t, s, "2023-Q4", filepath.Join(dir, "a.xlsx"))
	if first.Version != 1 || first.State != data.ExportExported || len(first.FileSHA256) != 64 || first.SupersedesID != "" {
		t.Fatalf("first export recorded as %+v", first)
	}
	sum, again := export(t, s, "2023-Q4", filepath.Join(dir, "b.xlsx"))
	if again.ID != first.ID || !report.Reused(sum, again) {
		t.Errorf("unchanged data recorded again: %+v", again)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.xlsx"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.xlsx"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the second export's file is not the first version's file")
	}
	if m, err := report.ReadMeta(ctx, filepath.Join(dir, "b.xlsx")); err != nil || m.Values["export_id"] != first.ID {
		t.Errorf("the second file names export %q (%v), want %s", m.Values["export_id"], err, first.ID)
	}
	if l := temps(t, dir); len(l) > 0 || len(journals(t, s)) > 0 {
		t.Errorf("left behind: temps %v, journals %v", l, journals(t, s))
	}
	items, total, _ := s.List(ctx, data.ListExports, "", 0, 10)
	if total != 1 || items[0].Title != "2023-Q4 v1" {
		t.Errorf("history %d: %+v", total, items)
	}

	morePeople(t, s)
	sum, changed := export(t, s, "2023-Q4", filepath.Join(dir, "c.xlsx"))
	if changed.ID == first.ID || report.Reused(sum, changed) || changed.Version != 2 || changed.ContentHash == first.ContentHash {
		t.Errorf("changed data: %+v", changed)
	}
	if fileSHA(t, filepath.Join(dir, "c.xlsx")) != changed.FileSHA256 {
		t.Error("the new version's file is not the one recorded")
	}

	out := t.TempDir()
	sum, err := report.Write(ctx, s, "2023", filepath.Join(out, "y.xlsx"), exportTime, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Record(ctx, s, auth.Session{UserID: "u-t", Roles: []auth.Role{auth.Trainer}}, sum); keyOf(err) != "perm.denied" {
		t.Errorf("a trainer recorded an export: %v", err)
	}
	// Refused, the written workbook is thrown away: no file, no temporary one, no journal.
	if left, _ := os.ReadDir(out); len(left) > 0 || len(journals(t, s)) > 0 {
		t.Errorf("a refused export left %v, journals %v", left, journals(t, s))
	}
}

// Versions are numbered by what the district got: after v1 was sent, exporting the same data
// gives v1's file; two exports of changed data are drafts, and the one sent takes number 2
// whichever it is, superseding v1 — no number is skipped among the versions sent.
func TestVersionsAreNumberedByWhatWasSent(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	_, draft := export(t, s, "2023-Q4", filepath.Join(dir, "1.xlsx"))
	v1 := send(t, s, draft.ID)
	if v1.Version != 1 || v1.State != data.ExportSent {
		t.Fatalf("sent %+v", v1)
	}
	for _, name := range []string{"same-a.xlsx", "same-b.xlsx"} {
		sum, rec := export(t, s, "2023-Q4", filepath.Join(dir, name))
		if rec.ID != v1.ID || !report.Reused(sum, rec) || fileSHA(t, filepath.Join(dir, name)) != v1.FileSHA256 {
			t.Errorf("%s: unchanged data after v1 was sent gave %+v", name, rec)
		}
	}
	morePeople(t, s)
	_, older := export(t, s, "2023-Q4", filepath.Join(dir, "draft-a.xlsx"))
	morePeople(t, s)
	_, newer := export(t, s, "2023-Q4", filepath.Join(dir, "draft-b.xlsx"))
	if older.Version != 2 || newer.Version != 3 || older.SupersedesID != v1.ID || newer.SupersedesID != v1.ID {
		t.Fatalf("drafts %+v\n%+v", older, newer)
	}
	v2 := send(t, s, newer.ID)
	if v2.Version != 2 || v2.SupersedesID != v1.ID || v2.State != data.ExportSent {
		t.Errorf("the newer draft went out as %+v", v2)
	}
	if o, _ := s.Export(ctx, older.ID); o.Version != 3 || o.State != data.ExportExported {
		t.Errorf("the older draft, never sent, is now %+v", o)
	}
	// Were the older draft sent after all, it would come next: number 3, superseding v2.
	if v3 := send(t, s, older.ID); v3.Version != 3 || v3.SupersedesID != v2.ID {
		t.Errorf("the third version sent: %+v", v3)
	}
	versions, _ := s.Exports(ctx, "2023-Q4")
	seen := map[int]bool{}
	for _, e := range versions {
		if seen[e.Version] {
			t.Errorf("two lines numbered %d: %+v", e.Version, versions)
		}
		seen[e.Version] = true
	}
	if err := s.Write(ctx, exporter.Actor(), func(tx *data.Tx) error { _, err := tx.NumberForSending(v1.ID); return err }); err == nil {
		t.Error("a sent version was numbered again")
	}
}

// Same and StandingOf read a period's history as the district stands with it.
func TestStandingOfAPeriod(t *testing.T) {
	sent := data.ExportRecord{ID: "s1", Version: 1, State: data.ExportSent, ContentHash: "A"}
	acked := data.ExportRecord{ID: "s2", Version: 2, State: data.ExportAcknowledged, ContentHash: "B"}
	rejected := data.ExportRecord{ID: "r3", Version: 3, State: data.ExportRejected, ContentHash: "C"}
	queued := data.ExportRecord{ID: "q", Version: 3, State: data.ExportQueued, ContentHash: "D", MessageID: "<q>"}
	draft := data.ExportRecord{ID: "d", Version: 4, State: data.ExportExported, ContentHash: "E", FileKept: true}
	old := data.ExportRecord{ID: "o", Version: 5, State: data.ExportExported, ContentHash: "F", FileKept: true}
	dropped := old // a newer draft replaced it, and its workbook went (retention)
	dropped.FileKept = false
	withdrawn := data.ExportRecord{ID: "w", Version: 6, State: data.ExportExported, ContentHash: "G", MessageID: "<w>"}
	for _, c := range []struct {
		name     string
		versions []data.ExportRecord // newest first
		hash     string
		same     string // id, "" for none
		latest   string
		next     int
	}{
		{"nothing exported", nil, "A", "", "", 1},
		{"the data sent", []data.ExportRecord{sent}, "A", "s1", "s1", 2},
		{"the data sent before the newest", []data.ExportRecord{acked, sent}, "A", "", "s2", 3},
		{"the newest sent", []data.ExportRecord{acked, sent}, "B", "s2", "s2", 3},
		{"waiting in the outbox", []data.ExportRecord{queued, acked, sent}, "D", "q", "q", 4},
		{"a draft after a sent one", []data.ExportRecord{draft, acked, sent}, "E", "d", "s2", 3},
		{"an older draft", []data.ExportRecord{draft, old, sent}, "F", "o", "s1", 2},
		{"an older draft whose workbook was dropped", []data.ExportRecord{draft, dropped, sent}, "F", "", "s1", 2},
		{"withdrawn from the outbox", []data.ExportRecord{withdrawn, sent}, "G", "", "s1", 2},
		{"sent back", []data.ExportRecord{rejected, acked}, "C", "r3", "r3", 4},
		{"changed since", []data.ExportRecord{draft, acked}, "Z", "", "s2", 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, latest := "", ""
			if e := report.Same(c.versions, c.hash); e != nil {
				got = e.ID
			}
			if e := report.StandingOf(c.versions).Latest(); e != nil {
				latest = e.ID
			}
			if got != c.same || latest != c.latest || report.NextVersion(c.versions) != c.next {
				t.Errorf("same %q latest %q next %d; want %q %q %d", got, latest, report.NextVersion(c.versions),
					c.same, c.latest, c.next)
			}
		})
	}
}

// The very file exported is kept and can be saved again, never over another file.
func TestSaveCopyGivesTheExportedFile(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	sum, err := report.Write(ctx, s, "2023-Q4", filepath.Join(dir, "q4.xlsx"), time.Now(), "")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := report.Record(ctx, s, auth.Session{UserID: "u-e", Roles: []auth.Role{auth.Exporter}}, sum)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "copy.xlsx")
	if err := report.SaveCopy(ctx, s, rec.ID, out); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(sum.Path)
	b, _ := os.ReadFile(out)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the copy differs from the exported file")
	}
	if err := report.SaveCopy(ctx, s, rec.ID, sum.Path); keyOf(err) != report.KeyExists {
		t.Errorf("onto an existing file: %v", err)
	}
}
