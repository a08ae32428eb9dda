package training_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/training"
	"townledger/data"
)

var base = training.Session{Title: "《安全生产法》专题学习", Category: "专业法律知识", Organiser: "镇应急管理办公室",
	Trainer: "周律师", TrainerUnit: "区司法局", HeldOn: "2024-03-05", StartsAt: "09:00", EndsAt: "12:00",
	Place: "镇政府三楼会议室", Form: "集中", Hours: 3}

func TestSaveSessionRefusalsStoreNothing(t *testing.T) {
	s := newStore(t)
	ids := addStaff(t, s, training.Person{Name: "李明"}, training.Person{Name: "张强"}, training.Person{Name: "王芳"})
	if err := training.ArchiveStaff(ctx, s, admin, ids[2], time.Date(2024, 1, 10, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	tomorrow := time.Now().AddDate(0, 0, 1).Format("2006-01-02")
	with := func(change func(*training.Session)) training.Session {
		v := base
		change(&v)
		return v
	}
	one := []training.Attendee{{StaffID: ids[0]}}
	cases := []struct {
		name      string
		by        auth.Session
		s         training.Session
		attendees []training.Attendee
		key       string
		field     string
	}{
		{"not a trainer", publicist, base, one, "perm.denied", ""},
		{"no title", trainerA, with(func(v *training.Session) { v.Title = " " }), one, training.KeyTitleEmpty, "title"},
		{"no category", trainerA, with(func(v *training.Session) { v.Category = "" }), one, training.KeyCategoryEmpty, "category"},
		{"unknown category", trainerA, with(func(v *training.Session) { v.Category = "闲聊" }), one, training.KeyCategoryUnknown, "category"},
		{"unknown form", trainerA, with(func(v *training.Session) { v.Form = "函授" }), one, training.KeyFormUnknown, "form"},
		{"no date", trainerA, with(func(v *training.Session) { v.HeldOn = "" }), one, training.KeyHeldOnEmpty, "held_on"},
		{"no such date", trainerA, with(func(v *training.Session) { v.HeldOn = "2024-02-30" }), one, training.KeyHeldOnInvalid, "held_on"},
		{"tomorrow", trainerA, with(func(v *training.Session) { v.HeldOn = tomorrow }), one, training.KeyHeldOnFuture, "held_on"},
		{"bad start", trainerA, with(func(v *training.Session) { v.StartsAt = "25:00" }), one, training.KeyTimeInvalid, "starts_at"},
		{"end before start", trainerA, with(func(v *training.Session) { v.StartsAt, v.EndsAt = "14:00", "12:00" }), one, training.KeyTimeReversed, "ends_at"},
		{"end at start", trainerA, with(func(v *training.Session) { v.StartsAt, v.EndsAt = "12:00", "12:00" }), one, training.KeyTimeReversed, "ends_at"},
		{"no hours", trainerA, with(func(v *training.Session) { v.Hours = 0 }), one, training.KeyHoursAbsurd, "hours"},
		{"negative hours", trainerA, with(func(v *training.Session) { v.Hours = -2 }), one, training.KeyHoursAbsurd, "hours"},
		{"thirteen hours", trainerA, with(func(v *training.Session) { v.StartsAt, v.EndsAt, v.Hours = "", "", 13 }), one, training.KeyHoursAbsurd, "hours"},
		{"more hours than the span", trainerA, with(func(v *training.Session) { v.Hours = 3.5 }), one, training.KeyHoursSpan, "hours"},
		{"long title", trainerA, with(func(v *training.Session) { v.Title = string(make([]rune, 101)) + "x" }), one, training.KeyTooLong, "title"},
		{"twice", trainerA, base, []training.Attendee{{StaffID: ids[0]}, {StaffID: ids[1]}, {StaffID: ids[0]}}, training.KeyAttendeeTwice, "attendees"},
		{"unknown person", trainerA, base, []training.Attendee{{StaffID: ids[0]}, {StaffID: "nobody"}}, training.KeyAttendeeUnknown, "attendees"},
		{"left before", trainerA, base, []training.Attendee{{StaffID: ids[2]}}, training.KeyAttendeeArchived, "attendees"},
		{"own hours above the session's", trainerA, base, []training.Attendee{{StaffID: ids[0], Hours: f(3.5)}}, training.KeyAttendeeHours, "attendees"},
		{"own hours zero", trainerA, base, []training.Attendee{{StaffID: ids[0], Hours: f(0)}}, training.KeyAttendeeHours, "attendees"},
		{"score above 100", trainerA, base, []training.Attendee{{StaffID: ids[0], Score: f(101)}}, training.KeyAttendeeScore, "attendees"},
		{"negative score", trainerA, base, []training.Attendee{{StaffID: ids[0], Score: f(-1)}}, training.KeyAttendeeScore, "attendees"},
		{"bad sign-in time", trainerA, base, []training.Attendee{{StaffID: ids[0], SignedInAt: "8点"}}, training.KeyAttendeeSignedIn, "attendees"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := auditRows(t, s)
			id, err := training.SaveSession(ctx, s, c.by, c.s, c.attendees)
			refused(t, c.name, err, c.key, c.field)
			if id != "" {
				t.Errorf("a refusal returned id %q", id)
			}
			if after := auditRows(t, s); after != before {
				t.Errorf("a refusal stored %d audit rows", after-before)
			}
		})
	}
	if list, _ := training.Sessions(ctx, s, 0); len(list) != 0 {
		t.Errorf("refusals stored sessions: %+v", list)
	}
	// The limits themselves are allowed: hours equal to the span, own hours equal to the
	// session's, scores 0 and 100, a person who left after the session, times as H:MM.
	ok := with(func(v *training.Session) { v.StartsAt = "9:00" })
	id, err := training.SaveSession(ctx, s, trainerA, ok, []training.Attendee{
		{StaffID: ids[0], Hours: f(3), Score: f(100)}, {StaffID: ids[1], Score: f(0), SignedInAt: "8:55"}})
	if err != nil {
		t.Fatalf("a lawful session was refused: %v", err)
	}
	got, att, _ := training.LoadSession(ctx, s, id)
	if got.StartsAt != "09:00" || att[1].SignedInAt != "08:55" || got.OwnerID != trainerA.UserID {
		t.Errorf("stored %+v %+v", got, att)
	}
	early := with(func(v *training.Session) { v.HeldOn = "2024-01-09" })
	if _, err := training.SaveSession(ctx, s, trainerA, early, []training.Attendee{{StaffID: ids[2]}}); err != nil {
		t.Errorf("a person who left afterwards was refused: %v", err)
	}
	// Several problems come back together.
	_, err = training.SaveSession(ctx, s, trainerA, training.Session{HeldOn: "x", Hours: 0}, []training.Attendee{{StaffID: "?"}})
	if ks, _ := officetest.Keys(err); len(ks) != 5 {
		t.Errorf("all problems at once: %v", ks)
	}
}

func TestOnlyTheRecorderOrAnAdministratorChangesASession(t *testing.T) {
	s := newStore(t)
	ids := addStaff(t, s, training.Person{Name: "李明"})
	id, err := training.SaveSession(ctx, s, trainerA, base, []training.Attendee{{StaffID: ids[0]}})
	if err != nil {
		t.Fatal(err)
	}
	both := auth.Session{UserID: "u-li", Username: "li", Roles: []auth.Role{auth.Officer, auth.Trainer}}
	edit := func(by auth.Session, title string) error {
		v := base
		v.ID, v.Title, v.OwnerID = id, title, by.UserID // an OwnerID passed in never changes the recorder
		_, err := training.SaveSession(ctx, s, by, v, []training.Attendee{{StaffID: ids[0]}})
		return err
	}
	cases := []struct {
		name string
		by   auth.Session
		key  string
	}{
		{"another trainer", trainerB, training.KeyNotOwner},
		{"a trainer who is also an officer", both, training.KeyNotOwner},
		{"a publicist", publicist, "perm.denied"},
		{"the recorder", trainerA, ""},
		{"an administrator", admin, ""},
	}
	for _, c := range cases {
		before := auditRows(t, s)
		err := edit(c.by, "改："+c.name)
		if key(err) != c.key {
			t.Errorf("%s: %v, want %q", c.name, err, c.key)
		}
		if c.key != "" && auditRows(t, s) != before {
			t.Errorf("%s: a refusal stored something", c.name)
		}
	}
	got, _, _ := training.LoadSession(ctx, s, id)
	if got.Title != "改：an administrator" || got.OwnerID != trainerA.UserID {
		t.Errorf("after the edits: %+v", got)
	}
	if err := training.DeleteSession(ctx, s, trainerB, id); key(err) != training.KeyNotOwner {
		t.Errorf("another trainer deleted: %v", err)
	}
	if err := training.DeleteSession(ctx, s, trainerA, id); err != nil {
		t.Errorf("the recorder could not delete: %v", err)
	}
	if _, _, err := training.LoadSession(ctx, s, id); key(err) != "db.not_found" {
		t.Errorf("a deleted session loads: %v", err)
	}
	v := base
	v.ID = "no-such-session"
	if _, err := training.SaveSession(ctx, s, admin, v, nil); key(err) != "db.not_found" {
		t.Errorf("update of an unknown session: %v", err)
	}
}

func TestFortyAttendeesSavedAndReloaded(t *testing.T) {
	s := newStore(t)
	var people []training.Person
	for i := range 40 {
		people = append(people, training.Person{Name: fmt.Sprintf("人员%02d", i), Unit: []string{"镇应急管理办公室", "网格服务中心"}[i%2]})
	}
	ids := addStaff(t, s, people...)
	var want []training.Attendee
	for i, id := range ids {
		a := training.Attendee{StaffID: id}
		if i%7 == 0 {
			a.Hours = f(1.5)
		}
		if i%3 == 0 {
			a.Score = f(float64(60 + i))
		}
		if i%5 == 0 {
			a.SignedInAt = fmt.Sprintf("08:%02d", 30+i%30)
		}
		want = append(want, a)
	}
	before := auditRows(t, s)
	id, err := training.SaveSession(ctx, s, trainerA, base, want)
	if err != nil {
		t.Fatal(err)
	}
	if n := auditRows(t, s) - before; n != 41 {
		t.Errorf("one session and 40 attendees wrote %d audit rows, want 41", n)
	}
	got, att, err := training.LoadSession(ctx, s, id)
	if err != nil {
		t.Fatal(err)
	}
	wantS := base
	wantS.ID, wantS.OwnerID, wantS.Attendance = id, trainerA.UserID, 40
	if got != wantS {
		t.Errorf("session\n got %+v\nwant %+v", got, wantS)
	}
	if len(att) != 40 {
		t.Fatalf("%d attendees reloaded", len(att))
	}
	byID := map[string]training.Attendee{}
	for _, a := range att {
		byID[a.StaffID] = a
	}
	for _, w := range want {
		g := byID[w.StaffID]
		if !sameF(g.Hours, w.Hours) || !sameF(g.Score, w.Score) || g.SignedInAt != w.SignedInAt {
			t.Errorf("attendee %s: got %+v want %+v", w.StaffID, g, w)
		}
	}
	list, _ := training.Sessions(ctx, s, 2024)
	if len(list) != 1 || list[0].Attendance != 40 {
		t.Errorf("Sessions(2024) = %+v", list)
	}
	// Saving it again unchanged stores nothing.
	before = auditRows(t, s)
	if got, err := training.SaveSession(ctx, s, trainerA, wantS, att); err != nil || got != id {
		t.Errorf("unchanged save: %q, %v", got, err)
	}
	if n := auditRows(t, s) - before; n != 0 {
		t.Errorf("an unchanged save wrote %d audit rows", n)
	}
}

func sameF(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func TestSavingReplacesTheAttendance(t *testing.T) {
	s := newStore(t)
	ids := addStaff(t, s, training.Person{Name: "甲"}, training.Person{Name: "乙"}, training.Person{Name: "丙"}, training.Person{Name: "丁"})
	id, err := training.SaveSession(ctx, s, trainerA, base, []training.Attendee{{StaffID: ids[0]}, {StaffID: ids[1]}, {StaffID: ids[2], Score: f(80)}})
	if err != nil {
		t.Fatal(err)
	}
	seq := lastSeq(t, s)
	v := base
	v.ID = id
	// 甲 leaves the list, 乙 left early, 丙 unchanged, 丁 added.
	if _, err := training.SaveSession(ctx, s, trainerA, v, []training.Attendee{{StaffID: ids[1], Hours: f(1)}, {StaffID: ids[2], Score: f(80)}, {StaffID: ids[3]}}); err != nil {
		t.Fatal(err)
	}
	page, _ := s.AuditPage(ctx, 0, 50)
	var actions []string
	for _, e := range page {
		if e.Seq > seq {
			actions = append(actions, e.Entity+":"+e.Action)
		}
	}
	slices.Sort(actions)
	if want := []string{"attendance:delete", "attendance:insert", "attendance:update"}; !slices.Equal(actions, want) {
		t.Errorf("replacing wrote %v, want %v", actions, want)
	}
	_, att, _ := training.LoadSession(ctx, s, id)
	got := map[string]training.Attendee{}
	for _, a := range att {
		got[a.StaffID] = a
	}
	if len(att) != 3 || got[ids[0]].StaffID != "" || *got[ids[1]].Hours != 1 || *got[ids[2]].Score != 80 || got[ids[3]].StaffID == "" {
		t.Errorf("attendance after the change: %+v", att)
	}
	// 甲 can be put back: the removed row does not block a new one.
	if _, err := training.SaveSession(ctx, s, trainerA, v, []training.Attendee{{StaffID: ids[0]}}); err != nil {
		t.Fatal(err)
	}
	if _, att, _ := training.LoadSession(ctx, s, id); len(att) != 1 || att[0].StaffID != ids[0] {
		t.Errorf("after putting 甲 back: %+v", att)
	}
	// A refused change leaves the stored list as it was.
	if _, err := training.SaveSession(ctx, s, trainerA, v, []training.Attendee{{StaffID: ids[1]}, {StaffID: "nobody"}}); err == nil {
		t.Fatal("an unknown attendee was accepted")
	}
	if _, att, _ := training.LoadSession(ctx, s, id); len(att) != 1 || att[0].StaffID != ids[0] {
		t.Errorf("a refused change altered the attendance: %+v", att)
	}
}

func lastSeq(t *testing.T, s *data.Store) int64 {
	t.Helper()
	page, err := s.AuditPage(ctx, 0, 1)
	if err != nil || len(page) == 0 {
		t.Fatal(err)
	}
	return page[0].Seq
}

func TestNobodyAttendsTwoSessionsAtOnce(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	ids := addStaff(t, s, training.Person{Name: "李明", Unit: "应急办"}, training.Person{Name: "张强", Unit: "应急办"})
	morning := training.Session{Title: "安全生产法", Category: "专业法律知识", HeldOn: "2024-11-18", StartsAt: "09:00", EndsAt: "11:00", Hours: 2}
	if _, err := training.SaveSession(ctx, s, admin, morning, []training.Attendee{{StaffID: ids[0]}}); err != nil {
		t.Fatal(err)
	}
	before := auditRows(t, s)
	clash := training.Session{Title: "执法文书", Category: "执法技能", HeldOn: "2024-11-18", StartsAt: "10:00", EndsAt: "12:00", Hours: 2}
	_, err := training.SaveSession(ctx, s, admin, clash, []training.Attendee{{StaffID: ids[0]}, {StaffID: ids[1]}})
	if ks, _ := officetest.Keys(err); len(ks) != 1 || ks[0] != training.KeyAttendeeOverlap {
		t.Fatalf("overlapping attendance: %v", err)
	}
	if auditRows(t, s) != before {
		t.Error("a refused session stored something")
	}
	// Back to back is fine, and so is someone who was not in the morning.
	afternoon := training.Session{Title: "执法文书", Category: "执法技能", HeldOn: "2024-11-18", StartsAt: "11:00", EndsAt: "12:00", Hours: 1}
	if _, err := training.SaveSession(ctx, s, admin, afternoon, []training.Attendee{{StaffID: ids[0]}, {StaffID: ids[1]}}); err != nil {
		t.Errorf("back-to-back sessions refused: %v", err)
	}
}

func TestSpanCountsHalfHours(t *testing.T) {
	cases := []struct {
		start, end string
		want       float64
		ok         bool
	}{
		{"09:00", "11:00", 2, true},
		{"9:00", "11:40", 2.5, true},
		{"１４：３０", "17:00", 2.5, true},
		{"11:00", "09:00", 0, false},
		{"", "11:00", 0, false},
		{"9点", "11:00", 0, false},
	}
	for _, c := range cases {
		if got, ok := training.Span(c.start, c.end); got != c.want || ok != c.ok {
			t.Errorf("Span(%q, %q) = %v %v, want %v %v", c.start, c.end, got, ok, c.want, c.ok)
		}
	}
}
