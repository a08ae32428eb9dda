package ui

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"
	"townledger/ui/publicity"

	"fyne.io/fyne/v2/test"
)

// TestActivityWithAPhoto records an activity with its figures, adds a photo, refuses a
// file that is no image, and finds the figures in the period's report sentence.
func TestActivityWithAPhoto(t *testing.T) {
	u := signedIn(t)
	u.Shell.Select("nav.activities")
	as := u.Shell.Current.(*publicity.Activities)
	test.Tap(as.New)
	f := as.Form
	typeInto(f.HeldOn, "2024-06-16")
	typeInto(f.Title, "安全生产月集中宣传咨询日")
	f.Type.SetSelected("安全生产月")
	f.PlaceKind.SetSelected("村")
	typeInto(f.PlaceName, "青石村")
	typeInto(f.Counts["boards"], "-3")
	test.Tap(f.Save)
	if as.Form.Message.Text == "" || !as.Form.Message.Visible() {
		t.Fatal("a negative count was accepted")
	}
	if f.Title.Text != "安全生产月集中宣传咨询日" {
		t.Error("a refused save lost the title")
	}
	typeInto(f.Counts["boards"], "12")
	typeInto(f.Counts["materials"], "800")
	typeInto(f.Counts["people"], "350")
	test.Tap(f.Save)
	saved := as.Form
	if saved == nil || saved.ID() == "" {
		t.Fatalf("activity not saved: %q", f.Message.Text)
	}
	var img bytes.Buffer
	png.Encode(&img, image.NewRGBA(image.Rect(0, 0, 8, 8)))
	saved.AddPhoto("现场.png", img.Bytes())
	if len(saved.Photos.Objects) != 1 {
		t.Fatalf("photo not shown: %q", saved.PhotoMessage.Text)
	}
	saved.AddPhoto("通知.pdf", []byte("%PDF-1.4"))
	if !strings.Contains(saved.PhotoMessage.Text, "不是图片") || len(saved.Photos.Objects) != 1 {
		t.Errorf("a PDF as photo: %q", saved.PhotoMessage.Text)
	}
	test.Tap(as.Back())
	as.TypeFilter.SetSelected("防灾减灾日")
	if as.List.Total() != 0 {
		t.Errorf("type filter: %d activities of another type", as.List.Total())
	}
	as.TypeFilter.SetSelected("安全生产月")
	as.YearFilter.SetSelected("2024")
	if as.List.Total() != 1 {
		t.Errorf("filters: %d activities, want 1", as.List.Total())
	}
	test.Tap(as.StatsB)
	st := as.Stats // opens on this year, 2024 by the test clock
	if st.Sentence.Text != "2024年共开展各类宣教活动1场次，制作宣传展板12块，发放宣传资料800份，受教育群众350人次" {
		t.Errorf("sentence %q", st.Sentence.Text)
	}
	if st.Sums.Activities != 1 || st.Sums.People != 350 {
		t.Errorf("sums %+v", st.Sums)
	}
	if !strings.Contains(st.Coverage["农村"].Text, "青石村") {
		t.Errorf("villages coverage %q", st.Coverage["农村"].Text)
	}

	// Entered twice by mistake: the second copy is deleted with its photo.
	id := saved.ID()
	as.Open(id)
	if as.Form.Delete == nil {
		t.Fatal("a saved activity offers no delete")
	}
	as.Form.DeleteNow()
	if as.Form != nil || as.List.Total() != 0 {
		t.Errorf("after deleting: form %v, %d activities listed", as.Form != nil, as.List.Total())
	}
	if photos, _ := u.Office.Attachments(context.Background(), "activity", id); len(photos) != 0 {
		t.Errorf("the activity's photos outlived it: %d", len(photos))
	}
}
