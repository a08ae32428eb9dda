package outbox_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"townledger/app/mail/mailtest"
	"townledger/app/outbox"
	"townledger/app/report"
	"townledger/data"
)

// exportAs writes and records the period's report into a new file, as the export page and
// `townledger export --out` do.
func exportAs(t *testing.T, s *data.Store, period string) (report.Summary, data.ExportRecord) {
	t.Helper()
	sum, rec, err := report.Export(context.Background(), s, exporter, period,
		filepath.Join(t.TempDir(), "执法工作报表_"+period+".xlsx"), time.Date(2024, 1, 3, 9, 0, 0, 0, time.Local), "周")
	if err != nil {
		t.Fatal(err)
	}
	return sum, rec
}

// addPeople changes the people reached of the activity changeActivity changes.
func addPeople(t *testing.T, s *data.Store, n int) {
	t.Helper()
	ctx := context.Background()
	rows, _, err := s.ListActivities(ctx, "", data.ActivityFilter{Year: 2023}, 0, 1)
	if err != nil || len(rows) == 0 {
		t.Fatalf("activities %v %v", rows, err)
	}
	act, err := s.Activity(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	act.People += n
	if err := s.Write(ctx, exporter.Actor(), func(tx *data.Tx) error { _, err := tx.UpdateActivity(act); return err }); err != nil {
		t.Fatal(err)
	}
}

// subjects lists the versions the district's inbox holds, by the subject's -vN.
func subjects(t *testing.T, srv *mailtest.Servers) []string {
	t.Helper()
	var out []string
	for _, raw := range srv.Inbox(t, mailtest.District) {
		subject, _, _, _ := attachment(t, raw)
		out = append(out, subject[strings.LastIndex(subject, "-")+1:])
	}
	return out
}

// Issue #14: the district has v2. Exporting the unchanged period twice gives v2's file and
// no new version, and sending then mails nothing. The data change; an export and two sends:
// without the person's consent nothing goes, with it v3 — the export's draft — goes,
// superseding v2. The district holds v1, v2, v3, each once: no number is skipped for the
// exports in between.
func TestReExportsOfUnchangedDataMailNothing(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, a := account(t, s, srv)
	if _, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false)); err != nil {
		t.Fatal(err)
	}
	changeActivity(t, s)
	v2, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", true))
	if err != nil || v2.Export.Version != 2 || v2.Export.State != data.ExportSent {
		t.Fatalf("v2: %+v %v", v2.Export, err)
	}

	for range 2 {
		sum, rec := exportAs(t, s, "2023")
		if rec.ID != v2.Export.ID || !report.Reused(sum, rec) {
			t.Errorf("an export of unchanged data gave %+v, not v2", rec)
		}
	}
	_, err = outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false))
	if keyOf(err) != outbox.KeyAlreadySent {
		t.Errorf("send after unchanged exports: %v", err)
	}
	_, err = outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", true))
	if keyOf(err) != outbox.KeyAlreadySent {
		t.Errorf("send --new-version after unchanged exports: %v", err)
	}
	if got := subjects(t, srv); !slices.Equal(got, []string{"v1", "v2"}) {
		t.Fatalf("the district holds %v", got)
	}
	if versions, _ := s.Exports(ctx, "2023"); len(versions) != 2 {
		t.Errorf("the history holds %d versions, want 2", len(versions))
	}

	changeActivity(t, s)
	exportAs(t, s, "2023") // a draft of data the district never got
	changeActivity(t, s)
	_, draft := exportAs(t, s, "2023")
	_, err = outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false))
	if keyOf(err) != outbox.KeyChanged {
		t.Fatalf("changed data sent without consent: %v", err)
	}
	if got := subjects(t, srv); len(got) != 2 {
		t.Fatalf("after the refusal the district holds %v", got)
	}
	v3, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", true))
	if err != nil {
		t.Fatal(err)
	}
	if v3.Export.ID != draft.ID || v3.Written || v3.Export.Version != 3 || v3.Export.SupersedesID != v2.Export.ID ||
		v3.Export.State != data.ExportSent {
		t.Errorf("v3: %+v (the draft %s)", v3, draft.ID)
	}
	if got := subjects(t, srv); !slices.Equal(got, []string{"v1", "v2", "v3"}) {
		t.Errorf("the district holds %v", got)
	}
	_, text, file, _ := attachment(t, srv.Inbox(t, mailtest.District)[2])
	if !strings.Contains(text, "替代此前报送的第 2 版") || len(file) == 0 {
		t.Errorf("v3's letter: %s", text)
	}
}

// The consent is asked for however the changed data were written: after an export of them
// (the newest version then being a draft), as after nothing at all.
func TestChangedDataNeedConsentAfterAnExport(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, a := account(t, s, srv)
	v1, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false))
	if err != nil {
		t.Fatal(err)
	}
	changeActivity(t, s)
	_, draft := exportAs(t, s, "2023")
	_, err = outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", false))
	if keyOf(err) != outbox.KeyChanged {
		t.Fatalf("the draft went without consent: %v", err)
	}
	if e, _ := s.Export(ctx, draft.ID); e.State != data.ExportExported {
		t.Errorf("the draft is %q", e.State)
	}
	if got := subjects(t, srv); !slices.Equal(got, []string{"v1"}) {
		t.Errorf("the district holds %v", got)
	}
	v2, err := outbox.SendPeriod(ctx, s, exporter, cfg, a, request(t, "2023", true))
	if err != nil || v2.Export.ID != draft.ID || v2.Export.Version != 2 || v2.Export.SupersedesID != v1.Export.ID {
		t.Errorf("with consent: %+v %v", v2.Export, err)
	}
}

// A version waits in the outbox after a failure and the period's data change meanwhile: the
// next send goes with the new data, the stale version never leaves, and the district's first
// version is numbered 1 — the stale one never reached it.
func TestQueuedVersionIsReplacedWhenTheDataChange(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, good := account(t, s, srv)
	down := good
	down.SMTP.Port = mailtest.FreePort(t)
	first, err := outbox.SendPeriod(ctx, s, exporter, cfg, down, request(t, "2023", false))
	if err != nil || first.Export.State != data.ExportQueued {
		t.Fatalf("first try: %+v %v", first, err)
	}
	changeActivity(t, s)
	second, err := outbox.SendPeriod(ctx, s, exporter, cfg, good, request(t, "2023", false))
	if err != nil || !second.Written || second.Export.Version != 1 || second.Export.State != data.ExportSent ||
		second.Export.ID == first.Export.ID {
		t.Fatalf("after the change: %+v %v", second, err)
	}
	if old, _ := s.Export(ctx, first.Export.ID); old.State != data.ExportExported || old.Version == 1 {
		t.Errorf("the stale version is %+v", old)
	}
	if out, err := outbox.Retry(ctx, s, exporter, good); err != nil || len(out.Sent) != 0 {
		t.Errorf("the stale version went out after all: %+v %v", out, err)
	}
	if got := subjects(t, srv); !slices.Equal(got, []string{"v1"}) {
		t.Errorf("the district holds %v", got)
	}
}

// A version waits in the outbox and the data change back to what the district has: the
// waiting version is taken out, and nothing goes.
func TestWaitingVersionGoesWhenTheDataComeBack(t *testing.T) {
	ctx := context.Background()
	srv := mailtest.Start(t)
	s := office(t)
	cfg, good := account(t, s, srv)
	if _, err := outbox.SendPeriod(ctx, s, exporter, cfg, good, request(t, "2023", false)); err != nil {
		t.Fatal(err)
	}
	changeActivity(t, s)
	down := good
	down.SMTP.Port = mailtest.FreePort(t)
	waiting, err := outbox.SendPeriod(ctx, s, exporter, cfg, down, request(t, "2023", true))
	if err != nil || waiting.Export.State != data.ExportQueued || waiting.Export.Version != 2 {
		t.Fatalf("waiting: %+v %v", waiting.Export, err)
	}
	addPeople(t, s, -10) // the correction is taken back
	_, err = outbox.SendPeriod(ctx, s, exporter, cfg, good, request(t, "2023", false))
	if keyOf(err) != outbox.KeyAlreadySent {
		t.Errorf("data back as sent: %v", err)
	}
	if out, err := outbox.Retry(ctx, s, exporter, good); err != nil || len(out.Sent) != 0 {
		t.Errorf("the waiting version went out: %+v %v", out, err)
	}
	if got := subjects(t, srv); !slices.Equal(got, []string{"v1"}) {
		t.Errorf("the district holds %v", got)
	}
	// Changed again, the next version the district gets is number 2 all the same.
	changeActivity(t, s)
	next, err := outbox.SendPeriod(ctx, s, exporter, cfg, good, request(t, "2023", true))
	if err != nil || next.Export.Version != 2 || next.Export.State != data.ExportSent {
		t.Errorf("next: %+v %v", next.Export, err)
	}
	if got := subjects(t, srv); !slices.Equal(got, []string{"v1", "v2"}) {
		t.Errorf("the district holds %v", got)
	}
}
