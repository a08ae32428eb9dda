package drafts_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"townledger/app/drafts"
	"townledger/app/officetest"
)

func TestDraftsAreKeptPerUserFormAndRecord(t *testing.T) {
	ctx := context.Background()
	d := drafts.NewService(officetest.NewStore(t))
	at := time.Date(2026, 12, 3, 10, 15, 0, 0, time.UTC)
	first := map[string]string{"name": "东山机械厂", "code": "91110105UA0AYQ6YAJ"}
	if err := d.Save(ctx, "u1", "parties.party", "", first, at); err != nil {
		t.Fatal(err)
	}
	for _, other := range [][3]string{{"u2", "parties.party", ""}, {"u1", "parties.party", "p-1"}, {"u1", "cases.filing", ""}} {
		if _, ok, err := d.Load(ctx, other[0], other[1], other[2]); err != nil || ok {
			t.Errorf("%v sees another's draft (%v)", other, err)
		}
	}
	got, ok, err := d.Load(ctx, "u1", "parties.party", "")
	if err != nil || !ok || !maps.Equal(got.Values, first) || !got.SavedAt.Equal(at) {
		t.Fatalf("load: %+v %v %v", got, ok, err)
	}
	second := map[string]string{"name": "东山机械加工厂"}
	if err := d.Save(ctx, "u1", "parties.party", "", second, at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := d.Load(ctx, "u1", "parties.party", ""); !maps.Equal(got.Values, second) {
		t.Errorf("a newer draft did not replace the older: %+v", got)
	}
	if err := d.Discard(ctx, "u1", "parties.party", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := d.Load(ctx, "u1", "parties.party", ""); ok {
		t.Error("a discarded draft came back")
	}
}
