package trainingimport_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"townledger/app/auth"
	"townledger/app/officetest"
	"townledger/app/problem"
	"townledger/app/training"
	"townledger/app/trainingimport"
	"townledger/app/workbook"
	"townledger/data"
)

var (
	ctx   = context.Background()
	admin = auth.Session{UserID: "u-admin", Username: "admin", Roles: []auth.Role{auth.Admin}}
	today = time.Now()
)

func roster(t *testing.T, s *data.Store) []training.Person {
	t.Helper()
	r, err := training.Roster(ctx, s, true)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStaffImport(t *testing.T) {
	s := newStore(t)
	good := book(t, trainingimport.StaffSpec,
		map[string]any{"name": "张三", "unit": "应急办", "position": "科员", "phone": "138 0013 8000", "is_officer": "是",
			"cert_no": "１１０１０５０１", "cert_status": "有效", "cert_due_on": "2025/6/30"},
		map[string]any{"name": "李四", "unit": "应急办"},
		map[string]any{"name": "李四", "unit": "综治办", "is_officer": "否"})
	n, err := trainingimport.ImportStaff(ctx, s, admin, good, today)
	if err != nil || n != 3 {
		t.Fatalf("import = %d, %v", n, err)
	}
	r := roster(t, s)
	if len(r) != 3 {
		t.Fatalf("roster %+v", r)
	}
	for _, p := range r {
		if p.Name == "张三" && (p.Phone != "13800138000" || p.CertNo != "11010501" || !p.IsOfficer ||
			p.CertStatus != training.CertValid || p.CertDueOn != "2025-06-30") {
			t.Errorf("张三 stored as %+v", p)
		}
	}

	bad := book(t, trainingimport.StaffSpec,
		map[string]any{"name": "王五", "unit": "应急办"},
		map[string]any{"name": "李四", "unit": "应急办"},                            // on the roster
		map[string]any{"name": "赵六", "is_officer": "是"},                        // no certificate number
		map[string]any{"name": "钱七", "phone": "12345"},                         // bad phone
		map[string]any{"name": "孙八", "is_officer": "是", "cert_no": "11010501"}, // taken by 张三
		map[string]any{"name": "王五", "unit": "应急办"},                            // repeats row 2
		map[string]any{"name": "周九", "cert_status": "作废"})
	_, err = trainingimport.ImportStaff(ctx, s, admin, bad, today)
	refused(t, err,
		"3|姓名|"+trainingimport.KeyStaffOnRoster,
		"4|执法证号|"+training.KeyCertNoRequired,
		"5|联系电话|ids.phone.invalid",
		"6|执法证号|"+training.KeyCertNoTaken,
		"7|姓名|"+trainingimport.KeyStaffRepeated,
		"8|执法证状态|"+workbook.KeyChoice)
	if len(roster(t, s)) != 3 {
		t.Error("a refused file stored people")
	}
}

func session(title, date string) map[string]any {
	return map[string]any{"title": title, "category": "新法专题", "held_on": date, "starts_at": "09:00",
		"ends_at": "11:00", "hours": 2, "form": "集中", "place": "镇政府会议室", "trainer": "李老师"}
}

func sessions(t *testing.T, s *data.Store) []training.Session {
	t.Helper()
	list, err := training.Sessions(ctx, s, 0)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestTrainingsImport(t *testing.T) {
	s := newStore(t)
	second := session("安全生产法解读", "2024-11-18")
	second["starts_at"], second["ends_at"] = 0.375, 0.5 // Excel times: 09:00–12:00
	second["hours"] = "３"
	good := book(t, trainingimport.TrainingsSpec, session("消防知识", "2024-03-15"), second)
	n, err := trainingimport.ImportTrainings(ctx, s, admin, good, today)
	if err != nil || n != 2 {
		t.Fatalf("import = %d, %v", n, err)
	}
	list := sessions(t, s)
	if len(list) != 2 || list[0].StartsAt != "09:00" || list[0].EndsAt != "12:00" || list[0].Hours != 3 ||
		list[0].OwnerID != admin.UserID || list[1].Trainer != "李老师" {
		t.Fatalf("sessions %+v", list)
	}

	hours := session("应急预案", "2024-05-01")
	hours["hours"] = 20
	span := session("以案释法", "2024-05-02")
	span["hours"] = 3
	word := session("执法技能", "2024-05-03")
	word["hours"] = "两"
	cat := session("案例", "2024-05-04")
	cat["category"] = "体育"
	future := session("明天的课", time.Now().AddDate(0, 0, 3).Format(data.DateLayout))
	bad := book(t, trainingimport.TrainingsSpec, hours, span, word, cat, future,
		session("消防知识", "2024-03-15"), session("应急预案", "2024-05-01"))
	_, err = trainingimport.ImportTrainings(ctx, s, admin, bad, today)
	refused(t, err,
		"2|学时|"+training.KeyHoursAbsurd,
		"3|学时|"+training.KeyHoursSpan,
		"4|学时|"+trainingimport.KeyNotNumber,
		"5|类别|"+training.KeyCategoryUnknown,
		"6|日期|"+training.KeyHeldOnFuture,
		"7|培训主题|"+trainingimport.KeySessionExists,
		"8|培训主题|"+trainingimport.KeySessionTwice)
	if len(sessions(t, s)) != 2 {
		t.Error("a refused file stored sessions")
	}
}

type attendanceFixture struct {
	store   *data.Store
	session string
	ids     map[string]string // "name/unit" → id
}

func newAttendance(t *testing.T) attendanceFixture {
	s := newStore(t)
	f := attendanceFixture{store: s, ids: map[string]string{}}
	for _, p := range []training.Person{{Name: "张三", Unit: "应急办"}, {Name: "李四", Unit: "应急办"}, {Name: "李四", Unit: "综治办"},
		{Name: "王五", Unit: "应急办"}, {Name: "赵六", Unit: "应急办"}, {Name: "钱七", Unit: "应急办"}} {
		id, err := training.SaveStaff(ctx, s, admin, p)
		if err != nil {
			t.Fatal(err)
		}
		f.ids[p.Name+"/"+p.Unit] = id
	}
	// 赵六 left before the session, 钱七 after it.
	if err := training.ArchiveStaff(ctx, s, admin, f.ids["赵六/应急办"], time.Date(2024, 10, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	if err := training.ArchiveStaff(ctx, s, admin, f.ids["钱七/应急办"], time.Date(2024, 12, 1, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	id, err := training.SaveSession(ctx, s, admin, training.Session{Title: "安全生产法解读", Category: "新法专题",
		HeldOn: "2024-11-18", StartsAt: "09:00", EndsAt: "11:00", Hours: 2}, []training.Attendee{{StaffID: f.ids["王五/应急办"]}})
	if err != nil {
		t.Fatal(err)
	}
	f.session = id
	return f
}

func (f attendanceFixture) attendees(t *testing.T) map[string]training.Attendee {
	t.Helper()
	_, list, err := training.LoadSession(ctx, f.store, f.session)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]training.Attendee{}
	for _, a := range list {
		out[a.StaffID] = a
	}
	return out
}

func sign(name, unit string) map[string]any {
	return map[string]any{"name": name, "unit": unit}
}

func TestAttendanceImport(t *testing.T) {
	f := newAttendance(t)
	first := sign("张 三", "")
	first["title"], first["held_on"], first["score"], first["signed_in_at"] = "安全生产法解读", "2024-11-18", 95, "8:50"
	early := sign("李四", "综治办") // two 李四: the unit tells them apart
	early["hours"] = 1.5
	good := book(t, trainingimport.AttendanceSpec, first, early, sign("钱七", ""))
	res, err := trainingimport.ImportAttendance(ctx, f.store, admin, good, today)
	if err != nil || res.Attendees != 3 || res.SessionID != f.session || res.Title != "安全生产法解读" || res.Date != "2024-11-18" {
		t.Fatalf("import = %+v, %v", res, err)
	}
	got := f.attendees(t)
	zhang, li := got[f.ids["张三/应急办"]], got[f.ids["李四/综治办"]]
	if len(got) != 4 || zhang.Score == nil || *zhang.Score != 95 || zhang.SignedInAt != "08:50" ||
		li.Hours == nil || *li.Hours != 1.5 {
		t.Fatalf("attendance %+v", got)
	}
	if _, ok := got[f.ids["王五/应急办"]]; !ok {
		t.Error("the attendee recorded before was dropped")
	}
}

func TestAttendanceRefusals(t *testing.T) {
	f := newAttendance(t)
	head := func(m map[string]any) map[string]any {
		m["title"], m["held_on"] = "安全生产法解读", "2024-11-18"
		return m
	}
	hours := sign("张三", "应急办")
	hours["hours"] = 5
	cases := []struct {
		name string
		rows []map[string]any
		want []string
	}{
		{"unknown name", []map[string]any{head(sign("张三", "")), sign("陈无名", "")},
			[]string{"3|姓名|" + trainingimport.KeyNotOnRoster}},
		{"left before the session", []map[string]any{head(sign("赵六", ""))},
			[]string{"2|姓名|" + trainingimport.KeyLeft}},
		{"ambiguous name", []map[string]any{head(sign("张三", "")), sign("李四", "")},
			[]string{"3|单位|" + trainingimport.KeyAmbiguous}},
		{"unit not the person's", []map[string]any{head(sign("张三", "综治办"))},
			[]string{"2|单位|" + trainingimport.KeyUnitMismatch}},
		{"twice in the sheet", []map[string]any{head(sign("李四", "应急办")), sign("张三", ""), sign("李四", "应急办")},
			[]string{"4|姓名|" + trainingimport.KeyPersonTwice}},
		{"already recorded", []map[string]any{head(sign("王五", ""))},
			[]string{"2|姓名|" + trainingimport.KeyAlreadyThere}},
		{"own hours above the session's", []map[string]any{head(sign("李四", "综治办")), hours},
			[]string{"3|本人学时|" + trainingimport.KeyAttendeeHours}},
		{"bad hours", []map[string]any{head(map[string]any{"name": "张三", "hours": "半天"})},
			[]string{"2|本人学时|" + trainingimport.KeyNotNumber}},
		{"no such session", []map[string]any{{"title": "不存在的培训", "held_on": "2024-11-18", "name": "张三"}},
			[]string{"2|培训主题|" + trainingimport.KeyNoSession}},
		{"two sessions in one sheet", []map[string]any{head(sign("张三", "")), {"name": "李四", "unit": "应急办", "held_on": "2024-11-19"}},
			[]string{"3|日期|" + trainingimport.KeyOtherSession}},
		{"no session named", []map[string]any{sign("张三", "")},
			[]string{"2|培训主题|" + workbook.KeyRequired, "2|日期|" + workbook.KeyRequired}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := trainingimport.ImportAttendance(ctx, f.store, admin, book(t, trainingimport.AttendanceSpec, c.rows...), today)
			probs := refused(t, err, c.want...)
			if got := f.attendees(t); len(got) != 1 {
				t.Errorf("a refused sheet changed the attendance: %+v", got)
			}
			if c.name == "own hours above the session's" && len(probs) == 1 && (probs[0].Data["Row"] != nil || probs[0].Data["Max"] != 2.0) {
				t.Errorf("hours refused with %v: the line names the sheet's row, the message no other", probs[0].Data)
			}
			if c.name == "ambiguous name" && len(probs) == 1 && probs[0].Data["Units"] != "应急办、综治办" {
				t.Errorf("candidates' units = %v", probs[0].Data["Units"])
			}
		})
	}
}

func TestTemplatesRoundTrip(t *testing.T) {
	s := newStore(t)
	for _, spec := range []workbook.Spec{trainingimport.StaffSpec, trainingimport.TrainingsSpec, trainingimport.AttendanceSpec} {
		path := filepath.Join(t.TempDir(), spec.Title+".xlsx")
		if err := workbook.WriteTemplate(spec, path); err != nil {
			t.Fatal(err)
		}
		// The template holds only its example row, which imports skip.
		var err error
		switch spec.Kind {
		case trainingimport.StaffKind:
			_, err = trainingimport.ImportStaff(ctx, s, admin, path, today)
		case trainingimport.TrainingsKind:
			_, err = trainingimport.ImportTrainings(ctx, s, admin, path, today)
		default:
			_, err = trainingimport.ImportAttendance(ctx, s, admin, path, today)
		}
		if k := keyOf(err); k != workbook.KeyEmpty {
			t.Errorf("%s: importing the empty template: %v", spec.Kind, err)
		}
	}
}

func keyOf(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

func TestImportNeedsTheRight(t *testing.T) {
	s := newStore(t)
	publicist := auth.Session{UserID: "u-sun", Roles: []auth.Role{auth.Publicist}}
	path := book(t, trainingimport.StaffSpec, map[string]any{"name": "张三"})
	if _, err := trainingimport.ImportStaff(ctx, s, publicist, path, today); err == nil {
		t.Error("a publicist imported staff")
	}
	if len(roster(t, s)) != 0 {
		t.Error("stored")
	}
}

func newStore(t *testing.T) *data.Store { return officetest.NewStore(t) }

func refused(t *testing.T, err error, want ...string) []workbook.Problem {
	t.Helper()
	return officetest.Refused(t, err, want...)
}

func book(t *testing.T, spec workbook.Spec, rows ...map[string]any) string {
	t.Helper()
	return officetest.Book(t, spec, rows...)
}
