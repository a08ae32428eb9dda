package training

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	apptraining "townledger/app/training"
	"townledger/ui/locale"
)

func newTestAttendance(t *testing.T) *Attendance {
	t.Helper()
	a := test.NewTempApp(t)
	if err := locale.Use(locale.Default); err != nil {
		t.Fatal(err)
	}
	people := []apptraining.Person{{ID: "a", Name: "张三", Unit: "镇应急管理办公室"}, {ID: "b", Name: "李四", Unit: "镇应急管理办公室"},
		{ID: "c", Name: "王五", Unit: "网格服务中心"}}
	w := a.NewWindow("test")
	at := newAttendance(w, people, nil, true)
	w.SetContent(at.content)
	w.Resize(fyne.NewSize(900, 500))
	return at
}

func TestAttendanceDraftRoundTrip(t *testing.T) {
	a := newTestAttendance(t)
	a.Rows[0].Ticked, a.Rows[0].Hours = true, "1.5"
	a.Rows[2].Ticked, a.Rows[2].Score = true, "90"
	kept := a.draftValue()

	b := newTestAttendance(t)
	b.Rows[1].Ticked = true // ticked since: the kept attendance replaces it
	b.restoreDraft(kept)
	for i, want := range []Member{{Ticked: true, Hours: "1.5"}, {}, {Ticked: true, Score: "90"}} {
		m := b.Rows[i]
		if m.Ticked != want.Ticked || m.Hours != want.Hours || m.Score != want.Score {
			t.Errorf("%s restored as %v %q %q", m.Person.Name, m.Ticked, m.Hours, m.Score)
		}
	}
}

func TestTypingOwnHoursTicksThePerson(t *testing.T) {
	a := newTestAttendance(t)
	changes := 0
	a.changed = func() { changes++ }
	a.typed(1, func(m *Member) { m.Hours = "1" }, "1")
	if !a.Rows[1].Ticked || a.Ticked() != 1 || changes != 1 {
		t.Errorf("typing hours for 李四: ticked %v, %d ticked, %d changes", a.Rows[1].Ticked, a.Ticked(), changes)
	}
	if _, problems := a.attendees(); len(problems) != 0 {
		t.Errorf("problems: %q", problems)
	}
	a.typed(1, func(m *Member) { m.Score = "九十" }, "九十")
	if _, problems := a.attendees(); len(problems) != 1 || problems[0] != "李四的考试成绩：请填写 0 至 100 的数字（现为“九十”）" {
		t.Errorf("a score in words: %q", problems)
	}
}

func TestRowFiguresAreCheckedAsTyped(t *testing.T) {
	a := newTestAttendance(t)
	r := a.newRow()
	r.bind(0, false)
	for _, c := range []struct {
		hours, score string
		ok           bool
	}{{"", "", true}, {"1.5", "100", true}, {"0", "", false}, {"13", "", false}, {"", "101", false}, {"", "0", true}, {"两", "", false}} {
		r.Hours.SetText(c.hours)
		r.Score.SetText(c.score)
		if ok := r.Hours.Validate() == nil && r.Score.Validate() == nil; ok != c.ok {
			t.Errorf("hours %q, score %q: accepted %v", c.hours, c.score, ok)
		}
	}
}

func TestDownAndEnterOnAnEmptySearchTicksTheFirst(t *testing.T) {
	a := newTestAttendance(t)
	a.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	a.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	a.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !a.Rows[1].Ticked || a.Ticked() != 1 {
		t.Errorf("Down, Down, Enter ticked %d, 李四 %v", a.Ticked(), a.Rows[1].Ticked)
	}
	if _, lit := a.Highlighted(); lit {
		t.Error("the highlight stayed after Enter")
	}
}
