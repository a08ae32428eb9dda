package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	uitraining "townledger/ui/training"

	"fyne.io/fyne/v2/test"

	"townledger/app/training"
)

// TestFortyPersonSession enters a session the way a trainer does: tick two whole units and
// a few people found by pinyin initials, mark one who left early, save, and see the hours.
func TestFortyPersonSession(t *testing.T) {
	u := signedIn(t)
	units := []string{"镇应急管理办公室", "镇综合行政执法队", "网格服务中心"}
	for i := 0; i < 45; i++ {
		p := training.Person{Name: fmt.Sprintf("人员%02d", i), Unit: units[i%3], Position: "科员"}
		if i < 10 {
			p.Unit = "镇党政办公室"
		}
		if _, err := u.Office.Training.SaveStaff(context.Background(), u.session, p); err != nil {
			t.Fatal(err)
		}
	}
	u.Shell.Select("nav.trainings")
	tr := u.Shell.Current.(*uitraining.Trainings)
	test.Tap(tr.New)
	f := tr.Form
	typeInto(f.Title, "安全生产法专题培训")
	f.Category.SetSelected(f.Category.Options[0])
	typeInto(f.HeldOn, "2024-11-18")
	typeInto(f.StartsAt, "09:00")
	typeInto(f.EndsAt, "12:00")
	typeInto(f.HoursE, "3")
	f.Form.SetSelected("集中")

	test.Tap(f.Units["镇应急管理办公室"])
	test.Tap(f.Units["网格服务中心"])
	if !strings.Contains(f.Count.Text, "23") {
		t.Fatalf("two units ticked: %q", f.Count.Text)
	}
	// The rest come from the office staff, found by search.
	picked := 0
	for _, r := range f.Rows {
		if r.Person.Unit == "镇党政办公室" && picked < 10 {
			r.Check.SetChecked(true)
			picked++
		}
		if r.Person.Unit == "镇综合行政执法队" && picked < 17 && !r.Check.Checked {
			r.Check.SetChecked(true)
			picked++
		}
	}
	typeInto(f.Search, "ry00")
	visible := 0
	for _, r := range f.Rows {
		if r.Row.Visible() {
			visible++
		}
	}
	if visible != 1 {
		t.Errorf("searching ry00 shows %d rows", visible)
	}
	typeInto(f.Search, "")
	if !strings.Contains(f.Count.Text, "40") {
		t.Fatalf("want 40 ticked: %q", f.Count.Text)
	}
	// One left early after an hour and a half.
	for _, r := range f.Rows {
		if r.Check.Checked {
			typeInto(r.Hours, "1.5")
			break
		}
	}
	test.Tap(f.Save)
	if tr.Form != nil {
		t.Fatalf("session not saved: %q", f.Message.Text)
	}
	test.Tap(tr.HoursB)
	h := tr.Hours
	h.Year.SetSelected("2024")
	got := map[float64]int{}
	for _, tot := range h.Totals {
		got[tot.Hours]++
	}
	if got[3] != 39 || got[1.5] != 1 {
		t.Errorf("hours per person: %v", got)
	}
	if !strings.Contains(h.Behind.Text, "未达到年度学时目标") {
		t.Errorf("nobody shown behind a 60-hour target: %q", h.Behind.Text)
	}
}

func TestSessionFilesAreKeptWithTheSession(t *testing.T) {
	u := signedIn(t)
	id, err := u.Office.Training.SaveSession(context.Background(), u.session, training.Session{Title: "警示教育", Category: "以案释法",
		HeldOn: "2024-11-18", Hours: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	u.Shell.Select("nav.trainings")
	tr := u.Shell.Current.(*uitraining.Trainings)
	tr.Open(id)
	files := tr.Form.Files
	if files == nil {
		t.Fatal("a saved session offers no files")
	}
	files.Kind.SetSelected("签到表")
	files.AddFile("签到表.pdf", []byte("%PDF-1.4 scanned sign-in sheet"))
	if len(files.List.Objects) != 1 || files.Message.Visible() {
		t.Fatalf("file not added: %q", files.Message.Text)
	}
	files.AddFile("empty.jpg", nil)
	if !files.Message.Visible() {
		t.Error("an empty file was accepted")
	}
	// Entered by mistake: deleted with its file, gone from the list.
	if tr.Form.Delete == nil {
		t.Fatal("a saved session offers no delete")
	}
	tr.Form.DeleteNow()
	if tr.Form != nil || tr.List.Total() != 0 {
		t.Errorf("after deleting: form %v, %d sessions listed", tr.Form != nil, tr.List.Total())
	}
	if atts, _ := u.Office.Attachments(context.Background(), "training", id); len(atts) != 0 {
		t.Errorf("the session's files outlived it: %d", len(atts))
	}
}
