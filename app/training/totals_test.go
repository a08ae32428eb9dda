package training_test

import (
	"slices"
	"testing"
	"time"

	"townledger/app/settings"
	"townledger/app/training"
)

func TestTotalsAddOverridesAndListTheRightPeople(t *testing.T) {
	s := newStore(t)
	ids := addStaff(t, s,
		training.Person{Name: "李明", IsOfficer: true, CertNo: "Z1", CertStatus: "valid"}, // 0: 3 + 1 (left early) = 4
		training.Person{Name: "张强"}, // 1: 3
		training.Person{Name: "王芳"}, // 2: left in 2024 after a session: listed, not behind
		training.Person{Name: "赵磊"}, // 3: left in 2024 without a session: not listed
		training.Person{Name: "钱进"}, // 4: nothing: listed with 0, behind
		training.Person{Name: "孙丽"}, // 5: left in 2025, nothing in 2024: listed, behind
		training.Person{Name: "周洁"}, // 6: only at a deleted session and a 2023 one
		training.Person{Name: "吴刚"}, // 7: removed from the attendance
	)
	save := func(v training.Session, att ...training.Attendee) string {
		t.Helper()
		id, err := training.SaveSession(ctx, s, admin, v, att)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	s1 := training.Session{Title: "一", Category: "执法技能", HeldOn: "2024-03-01", Hours: 3}
	s2 := training.Session{Title: "二", Category: "新法专题", HeldOn: "2024-11-20", Hours: 2}
	s3 := training.Session{Title: "三", Category: "新法专题", HeldOn: "2023-12-31", Hours: 5}
	s4 := training.Session{Title: "四", Category: "新法专题", HeldOn: "2024-05-05", Hours: 6}
	s1.ID = save(s1, training.Attendee{StaffID: ids[0]}, training.Attendee{StaffID: ids[1]}, training.Attendee{StaffID: ids[2]},
		training.Attendee{StaffID: ids[7]})
	save(s2, training.Attendee{StaffID: ids[0], Hours: f(1)})
	save(s3, training.Attendee{StaffID: ids[0]}, training.Attendee{StaffID: ids[6]})
	gone := save(s4, training.Attendee{StaffID: ids[6]})
	if err := training.DeleteSession(ctx, s, admin, gone); err != nil {
		t.Fatal(err)
	}
	save(s1, training.Attendee{StaffID: ids[0]}, training.Attendee{StaffID: ids[1]}, training.Attendee{StaffID: ids[2]})
	for i, on := range map[int]time.Time{2: time.Date(2024, 6, 1, 0, 0, 0, 0, time.Local),
		3: time.Date(2024, 2, 1, 0, 0, 0, 0, time.Local), 5: time.Date(2025, 1, 15, 0, 0, 0, 0, time.Local)} {
		if err := training.ArchiveStaff(ctx, s, admin, ids[i], on); err != nil {
			t.Fatal(err)
		}
	}
	if err := settings.SetValues(ctx, s, admin, map[string]string{settings.TrainingTargetHours: "4"}); err != nil {
		t.Fatal(err)
	}
	totals, err := training.Totals(ctx, s, 2024)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		name     string
		hours    float64
		sessions int
		behind   bool
	}
	var got []line
	for _, x := range totals {
		got = append(got, line{x.Name, x.Hours, x.Sessions, x.Behind})
		if x.Target != 4 {
			t.Errorf("%s: target %v, want the setting 4", x.Name, x.Target)
		}
	}
	want := []line{{"李明", 4, 2, false}, {"王芳", 3, 1, false}, {"张强", 3, 1, true},
		{"钱进", 0, 0, true}, {"孙丽", 0, 0, true}, {"吴刚", 0, 0, true}, {"周洁", 0, 0, true}}
	// Most hours first; equal hours by unit and pinyin initials (钱 q, 孙 s, 吴 w, 周 z).
	if !slices.Equal(got, want) {
		t.Errorf("totals\n got %v\nwant %v", got, want)
	}
	// 2023 counts only that year's session; the default target is 60.
	if err := settings.SetValues(ctx, s, admin, map[string]string{settings.TrainingTargetHours: "60"}); err != nil {
		t.Fatal(err)
	}
	// Everyone who left later was on the staff all of 2023 and is listed.
	old, _ := training.Totals(ctx, s, 2023)
	if len(old) != 8 {
		t.Errorf("2023 lists %d people, want all 8", len(old))
	}
	for _, x := range old {
		wantH := map[string]float64{"李明": 5, "周洁": 5}[x.Name]
		if x.Hours != wantH || x.Target != 60 || !x.Behind {
			t.Errorf("2023 %s: %v hours of %v, behind %v", x.Name, x.Hours, x.Target, x.Behind)
		}
	}
	if old[0].Name != "李明" || old[1].Name != "周洁" {
		t.Errorf("2023 order: %s, %s first", old[0].Name, old[1].Name)
	}
}
