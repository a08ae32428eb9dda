package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"townledger/app/office"
	"townledger/ui/catalog"
)

// The district takes an item back: the clerk records the day and the notice; without a
// reason nothing changes, with one the item shows recalled and offers no second recall.
func TestAdministratorRecallsADelegatedItem(t *testing.T) {
	u := signedIn(t)
	if err := u.Office.Demo.Load(context.Background(), office.System, u.Now()); err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.catalog")
	c := u.Shell.Current.(*catalog.Catalog)
	items, _, err := u.Office.List(context.Background(), office.ListCatalog, "", 0, 1)
	if err != nil || len(items) == 0 {
		t.Fatalf("catalogue: %v %v", items, err)
	}
	c.Open(items[0].ID)
	if c.Recall == nil {
		t.Fatal("an item in force offers no recall")
	}
	c.Recall.Content().Show()
	shot(t, u, "recall")
	typeInto(c.Recall.On, "2024-11-30")
	test.Tap(c.Recall.Confirm)
	if !c.Recall.Message.Visible() || c.Item.Status != "active" {
		t.Fatalf("a recall without its reason went through: %q", c.Recall.Message.Text)
	}
	typeInto(c.Recall.Reason, "示范区应急局关于调整赋权事项的通知")
	test.Tap(c.Recall.Confirm)
	if c.Item == nil || c.Item.Status != "recalled" || c.Recall != nil {
		t.Fatalf("after the recall: %+v, form %v", c.Item, c.Recall != nil)
	}
	if c.Item.EffectiveTo != "2024-11-29" {
		t.Errorf("in force until %q, want the day before the recall", c.Item.EffectiveTo)
	}
}
