package cases

import (
	"context"
	"strings"
	"testing"
	"time"

	appcases "townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/office"
	"townledger/ui/kit"
	"townledger/ui/kit/kittest"
)

// TestCaseListPagesOn: scrolled through, the case list shows every case once, in the order
// chosen, page after page (each read on from the last row of the one before); a page far
// down, jumped to, is read in the background and its rows appear once it is there.
func TestCaseListPagesOn(t *testing.T) {
	ctx := context.Background()
	u, tasks := kittest.DemoEnv(t)
	o := u.Office
	parties, _, err := o.List(ctx, office.ListParties, "", 0, 1)
	if err != nil || len(parties) == 0 {
		t.Fatal(parties, err)
	}
	items, err := o.CatalogItemsInForce(ctx, "2023-11-01")
	if err != nil || len(items) == 0 {
		t.Fatal(items, err)
	}
	f := appcases.Filing{Procedure: rules.General, PartyID: parties[0].ID, ItemID: items[0].ID,
		DiscoveredOn: time.Date(2023, 11, 1, 0, 0, 0, 0, time.Local), FiledOn: time.Date(2023, 11, 2, 0, 0, 0, 0, time.Local),
		Officers: []rules.Officer{{Name: "李明", Certified: true}, {Name: "张强", Certified: true}}}
	for i := 0; i < 2*kit.PageSize+20; i++ {
		if _, err := o.Cases.File(ctx, u.Session, f); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(rows []office.CaseRow) string {
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return strings.Join(out, " ")
	}

	u.SyncReads = true
	list := newCaseTable(u)
	list.SortBy("party")
	var shown []office.CaseRow
	for i := 0; i < list.Total(); i++ {
		r, ok := list.Row(i)
		if !ok {
			t.Fatalf("row %d of %d missing", i, list.Total())
		}
		shown = append(shown, r)
	}
	want, total, err := o.CaseRows(ctx, list.Query, 0, 1000)
	if err != nil || total != len(want) || total < 2*kit.PageSize+20 || ids(shown) != ids(want) {
		t.Fatalf("scrolled through %d rows, not the %d of one long page (%v)", len(shown), total, err)
	}

	// Jumping to the third page: blank at first, read in the background.
	u.SyncReads = false
	far := newCaseTable(u)
	far.SortBy("party")
	tasks.Wait()
	if _, ok := far.Row(2*kit.PageSize + 5); ok {
		t.Fatal("a page far down was read on the spot")
	}
	tasks.Wait()
	if r, ok := far.Row(2*kit.PageSize + 5); !ok || r.ID != want[2*kit.PageSize+5].ID {
		t.Fatalf("page 3 after its reading: %v %+v", ok, r)
	}
}
