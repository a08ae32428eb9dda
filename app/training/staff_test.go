package training_test

import (
	"slices"
	"testing"
	"time"

	"townledger/app/training"
)

func TestSaveStaffChecksEveryField(t *testing.T) {
	s := newStore(t)
	addStaff(t, s, training.Person{Name: "李明", IsOfficer: true, CertNo: "11010521001", CertStatus: "valid"})
	long := "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"
	cases := []struct {
		name  string
		p     training.Person
		key   string
		field string
	}{
		{"no name", training.Person{Name: "　 "}, training.KeyStaffNameEmpty, "name"},
		{"long name", training.Person{Name: long}, training.KeyTooLong, "name"},
		{"bad phone", training.Person{Name: "张三", Phone: "12345"}, "ids.phone.invalid", "phone"},
		{"officer without certificate", training.Person{Name: "张三", IsOfficer: true}, training.KeyCertNoRequired, "cert_no"},
		{"unknown status", training.Person{Name: "张三", CertStatus: "expired"}, training.KeyCertStatus, "cert_status"},
		{"bad due date", training.Person{Name: "张三", CertDueOn: "2025-02-30"}, training.KeyCertDueOn, "cert_due_on"},
		{"certificate of another", training.Person{Name: "张三", IsOfficer: true, CertNo: "11010521001"}, training.KeyCertNoTaken, "cert_no"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := auditRows(t, s)
			_, err := training.SaveStaff(ctx, s, admin, c.p)
			refused(t, c.name, err, c.key, c.field)
			if after := auditRows(t, s); after != before {
				t.Errorf("a refusal stored %d rows", after-before)
			}
		})
	}
	if _, err := training.SaveStaff(ctx, s, publicist, training.Person{Name: "张三"}); key(err) != "perm.denied" {
		t.Errorf("a publicist edited the roster: %v", err)
	}
	people, _ := training.Roster(ctx, s, true)
	if len(people) != 1 {
		t.Errorf("refusals stored people: %+v", people)
	}
}

func TestSaveStaffNormalisesAndUpdates(t *testing.T) {
	s := newStore(t)
	id, err := training.SaveStaff(ctx, s, trainerA, training.Person{Name: " 李明 ", Unit: "镇应急管理办公室", Phone: "138 1234 5678",
		IsOfficer: true, CertNo: "ｚｆ１２３", CertStatus: "valid", CertDueOn: "２０２５-０６-３０"})
	if err != nil {
		t.Fatal(err)
	}
	people, _ := training.Roster(ctx, s, false)
	want := training.Person{ID: id, Name: "李明", Unit: "镇应急管理办公室", Phone: "13812345678", IsOfficer: true,
		CertNo: "ZF123", CertStatus: "valid", CertDueOn: "2025-06-30"}
	if len(people) != 1 || people[0] != want {
		t.Fatalf("roster = %+v, want %+v", people, want)
	}
	// Saving unchanged writes nothing; a change writes one audited update.
	before := auditRows(t, s)
	if _, err := training.SaveStaff(ctx, s, trainerA, want); err != nil {
		t.Fatal(err)
	}
	if n := auditRows(t, s); n != before {
		t.Errorf("an unchanged save wrote %d audit rows", n-before)
	}
	want.Position = "副主任"
	if got, err := training.SaveStaff(ctx, s, trainerA, want); err != nil || got != id {
		t.Fatalf("update = %q, %v", got, err)
	}
	page, _ := s.AuditPage(ctx, 0, 1)
	if n := auditRows(t, s); n != before+1 || page[0].Action != "update" || page[0].After != `{"position":"副主任"}` {
		t.Errorf("update audit: %d rows, last %+v", n-before, page[0])
	}
	// The officer keeps their own certificate number when saved again.
	if _, err := training.SaveStaff(ctx, s, trainerA, want); err != nil {
		t.Errorf("own certificate counted as taken: %v", err)
	}
}

func TestArchivedStaffLeaveTheRosterButKeepTheirRecords(t *testing.T) {
	s := newStore(t)
	ids := addStaff(t, s, training.Person{Name: "李明", IsOfficer: true, CertNo: "A1", CertStatus: "valid", CertDueOn: "2025-06-30"},
		training.Person{Name: "张强"})
	sid, err := training.SaveSession(ctx, s, trainerA, training.Session{Title: "安全生产法", Category: "专业法律知识",
		HeldOn: "2024-03-05", Hours: 2}, []training.Attendee{{StaffID: ids[0]}, {StaffID: ids[1]}})
	if err != nil {
		t.Fatal(err)
	}
	if err := training.ArchiveStaff(ctx, s, trainerA, ids[0], time.Date(2024, 6, 1, 10, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	on, _ := training.Roster(ctx, s, false)
	all, _ := training.Roster(ctx, s, true)
	if len(on) != 1 || on[0].Name != "张强" || len(all) != 2 {
		t.Fatalf("roster %+v, with archived %+v", on, all)
	}
	i := slices.IndexFunc(all, func(p training.Person) bool { return p.ID == ids[0] })
	if all[i].ArchivedOn != "2024-06-01" || all[i].CertStatus != "revoked" || all[i].CertNo != "A1" {
		t.Errorf("archived person = %+v", all[i])
	}
	_, att, _ := training.LoadSession(ctx, s, sid)
	if len(att) != 2 {
		t.Errorf("archiving dropped attendance: %+v", att)
	}
	if err := training.ArchiveStaff(ctx, s, trainerA, ids[0], time.Now()); key(err) != training.KeyStaffArchived {
		t.Errorf("archived twice: %v", err)
	}
	if _, err := training.SaveStaff(ctx, s, trainerA, all[i]); key(err) != training.KeyStaffArchived {
		t.Errorf("an archived person was changed: %v", err)
	}
	if err := training.ArchiveStaff(ctx, s, trainerA, ids[1], time.Now().AddDate(0, 1, 0)); key(err) != training.KeyArchiveDate {
		t.Errorf("archived a month ahead: %v", err)
	}
	if err := training.ArchiveStaff(ctx, s, publicist, ids[1], time.Now()); key(err) != "perm.denied" {
		t.Errorf("a publicist archived: %v", err)
	}
	if err := training.ArchiveStaff(ctx, s, admin, "no-such-id", time.Now()); key(err) != "db.not_found" {
		t.Errorf("unknown person: %v", err)
	}
}

func TestRosterIsByUnitThenPinyin(t *testing.T) {
	s := newStore(t)
	addStaff(t, s,
		training.Person{Name: "张强", Unit: "镇应急管理办公室"},
		training.Person{Name: "无单位"},
		training.Person{Name: "白云", Unit: "镇应急管理办公室"},
		training.Person{Name: "陈刚", Unit: "镇党政办公室"},
		training.Person{Name: "安然", Unit: "镇党政办公室"},
	)
	people, err := training.Roster(ctx, s, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range people {
		got = append(got, p.Name)
	}
	// 镇党政 (zdz) before 镇应急 (zyj); 安 (a) before 陈 (c), 白 (b) before 张 (z); no unit last.
	if want := []string{"安然", "陈刚", "白云", "张强", "无单位"}; !slices.Equal(got, want) {
		t.Errorf("roster order %v, want %v", got, want)
	}
}

func TestCertsDueWindow(t *testing.T) {
	s := newStore(t)
	addStaff(t, s,
		training.Person{Name: "甲", IsOfficer: true, CertNo: "C1", CertStatus: "valid", CertDueOn: "2025-06-15"},   // in window
		training.Person{Name: "乙", IsOfficer: true, CertNo: "C2", CertStatus: "due", CertDueOn: "2025-05-01"},     // already past
		training.Person{Name: "丙", IsOfficer: true, CertNo: "C3", CertStatus: "valid", CertDueOn: "2025-07-01"},   // the last day
		training.Person{Name: "丁", IsOfficer: true, CertNo: "C4", CertStatus: "valid", CertDueOn: "2025-07-02"},   // a day too late
		training.Person{Name: "戊", IsOfficer: true, CertNo: "C5", CertStatus: "revoked", CertDueOn: "2025-05-01"}, // revoked
		training.Person{Name: "己", CertNo: "C6", CertStatus: "valid", CertDueOn: "2025-06-10"},                    // not an officer
		training.Person{Name: "庚", IsOfficer: true, CertNo: "C7", CertStatus: "valid"},                            // no date
	)
	gone := addStaff(t, s, training.Person{Name: "辛", IsOfficer: true, CertNo: "C8", CertStatus: "valid", CertDueOn: "2025-06-02"})
	if err := training.ArchiveStaff(ctx, s, admin, gone[0], time.Now()); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2025, 6, 1, 9, 0, 0, 0, time.Local)
	cases := []struct {
		days int
		want []string
	}{
		{30, []string{"乙", "甲", "丙"}},
		{0, []string{"乙"}},
		{31, []string{"乙", "甲", "丙", "丁"}},
		{-5, []string{"乙"}},
	}
	for _, c := range cases {
		due, err := training.CertsDue(ctx, s, today, c.days)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range due {
			got = append(got, p.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%d days: %v, want %v", c.days, got, c.want)
		}
	}
}
