package data

import (
	"context"
	"testing"
)

func TestReportFiguresAddUpThePeriod(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	two := 2.0
	err := s.Write(ctx, alice, func(tx *Tx) error {
		a, err := tx.InsertStaff(Staff{Name: "李明"})
		if err != nil {
			return err
		}
		b, err := tx.InsertStaff(Staff{Name: "张强"})
		if err != nil {
			return err
		}
		in, err := tx.InsertTraining(Training{Title: "安全生产法", Category: "专业法律知识", HeldOn: "2024-07-10", Hours: 3})
		if err != nil {
			return err
		}
		out, err := tx.InsertTraining(Training{Title: "往年", Category: "专业法律知识", HeldOn: "2024-06-30", Hours: 5})
		if err != nil {
			return err
		}
		for _, at := range []Attendance{{TrainingID: in, StaffID: a}, {TrainingID: in, StaffID: b, Hours: &two},
			{TrainingID: out, StaffID: a}} {
			if _, err := tx.InsertAttendance(at); err != nil {
				return err
			}
		}
		_, err = tx.InsertActivity(Activity{HeldOn: "2024-08-01", Title: "进企业", Type: "进企业", Boards: 3, People: 40})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, s.Path())
	for _, q := range []string{
		`INSERT INTO party (id, town_code, created_at, created_by, updated_at, updated_by, kind, name)
			VALUES ('p1', '110105100', 'x', 'x', 'x', 'x', 'org', '甲公司')`,
		`INSERT INTO case_file (id, town_code, created_at, created_by, updated_at, updated_by, procedure, party_id, stage,
			filed_on, decided_on, closed_on, outcome, fine) VALUES
			('c1', '110105100', 'x', 'x', 'x', 'x', 'general', 'p1', 'closed', '2024-07-01', '2024-08-01', '2024-09-01', 'fine', 250000),
			('c2', '110105100', 'x', 'x', 'x', 'x', 'summary', 'p1', 'decided', NULL, '2024-07-05', NULL, 'warning', 0),
			('c3', '110105100', 'x', 'x', 'x', 'x', 'general', 'p1', 'decided', '2024-06-01', '2024-07-20', NULL, 'not_penalised_first', 0),
			('c4', '110105100', 'x', 'x', 'x', 'x', 'general', 'p1', 'void', '2024-07-02', NULL, NULL, '', 0),
			('c5', '110105100', 'x', 'x', 'x', 'x', 'general', 'p1', 'filed', '2024-05-02', NULL, NULL, '', 0)`,
		`INSERT INTO case_event (id, town_code, created_at, created_by, updated_at, updated_by, case_id, step, occurred_on) VALUES
			('e1', '110105100', 'x', 'x', 'x', 'x', 'c1', 'legal_review', '2024-07-25'),
			('e0', '110105100', 'x', 'x', 'x', 'x', 'c1', 'legal_review', '2024-07-24'),
			('e2', '110105100', 'x', 'x', 'x', 'x', 'c1', 'collective', '2024-07-28'),
			('e3', '110105100', 'x', 'x', 'x', 'x', 'c1', 'publication', '2024-08-03'),
			('e4', '110105100', 'x', 'x', 'x', 'x', 'c5', 'hearing', '2024-05-20')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	f, err := s.ReportFigures(ctx, "2024-07-01", "2024-09-30")
	if err != nil {
		t.Fatal(err)
	}
	// Two reviews of c1 make one reviewed decision (起); c3 decides not to penalise: no penalty.
	want := ReportFigures{CaseParties: 1, Cases: 3, Filed: 1, Decided: 2, Closed: 1, Summary: 1, General: 2, Fines: 250000,
		NotPenalised: 1, Hearings: 0, LegalReviews: 1, Collective: 1, Published: 1,
		TrainingSessions: 1, Attendances: 2, TrainingHours: 5}
	if f != want {
		t.Errorf("figures\n got %+v\nwant %+v", f, want)
	}
	var ids []string
	if err := s.ReportCases(ctx, "2024-07-01", "2024-09-30", func(c ReportCase) error {
		ids = append(ids, c.ID)
		return nil
	}); err != nil || len(ids) != 3 {
		t.Errorf("cases %v, %v", ids, err)
	}
	var att, acts int
	if err := s.ReportAttendances(ctx, "2024-07-01", "2024-09-30", func(a ReportAttendance) error {
		att++
		return nil
	}); err != nil || att != 2 {
		t.Errorf("attendance %d, %v", att, err)
	}
	if err := s.ReportActivities(ctx, "2024-07-01", "2024-09-30", func(a ActivityRow) error {
		acts++
		return nil
	}); err != nil || acts != 1 {
		t.Errorf("activities %d, %v", acts, err)
	}
}

// The attendance sheet's lines come by day, start time and session, then by the person's
// initials, name and the line's id; deleted lines and sessions are left out, people deleted
// since still count, and a person's own hours replace the session's.
func TestReportAttendancesInSheetOrder(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	one := 1.0
	type line struct{ title, name string }
	var gone, goneLine string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		people := map[string]string{}
		for _, p := range []Staff{{Name: "张强", NameInitials: "ZQ"}, {Name: "李明", NameInitials: "LM", Unit: "甲"},
			{Name: "李明", NameInitials: "LM", Unit: "乙"}, {Name: "李敏", NameInitials: "LM"}, {Name: "王五", NameInitials: "WW"}} {
			id, err := tx.InsertStaff(p)
			if err != nil {
				return err
			}
			people[p.Name+p.Unit] = id
		}
		gone = people["王五"]
		sessions := map[string]string{}
		for _, tr := range []Training{{Title: "下午", HeldOn: "2024-07-10", StartsAt: "14:00"},
			{Title: "上午", HeldOn: "2024-07-10", StartsAt: "09:00"}, {Title: "前一天", HeldOn: "2024-07-09", StartsAt: "15:00"},
			{Title: "删除的", HeldOn: "2024-07-10", StartsAt: "08:00"}, {Title: "上期", HeldOn: "2024-06-30"}} {
			tr.Category, tr.Hours = "专业法律知识", 2
			id, err := tx.InsertTraining(tr)
			if err != nil {
				return err
			}
			sessions[tr.Title] = id
		}
		for _, a := range []struct {
			session, person string
			hours           *float64
		}{{"上午", "张强", nil}, {"上午", "王五", nil}, {"上午", "李明乙", &one}, {"上午", "李敏", nil}, {"上午", "李明甲", nil},
			{"下午", "张强", nil}, {"前一天", "李敏", nil}, {"删除的", "张强", nil}, {"上期", "张强", nil}, {"下午", "李明甲", nil}} {
			id, err := tx.InsertAttendance(Attendance{TrainingID: sessions[a.session], StaffID: people[a.person], Hours: a.hours})
			if err != nil {
				return err
			}
			if a.session == "下午" && a.person == "李明甲" {
				goneLine = id
			}
		}
		if err := tx.softDelete("attendance", goneLine); err != nil {
			return err
		}
		if err := tx.softDelete("staff", gone); err != nil {
			return err
		}
		return tx.softDelete("training", sessions["删除的"])
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []ReportAttendance
	if err := s.ReportAttendances(ctx, "2024-07-01", "2024-09-30", func(a ReportAttendance) error {
		got = append(got, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		title, name, unit string
		hours             float64
	}{{"前一天", "李敏", "", 2}, {"上午", "李敏", "", 2}, {"上午", "李明", "?", 0}, {"上午", "李明", "?", 0},
		{"上午", "王五", "", 2}, {"上午", "张强", "", 2}, {"下午", "张强", "", 2}}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Title != w.title || g.StaffName != w.name || (w.unit != "?" && g.Unit != w.unit) || (w.unit != "?" && g.Hours != w.hours) {
			t.Errorf("line %d: %s %s %s %v, want %+v", i+1, g.Title, g.StaffName, g.Unit, g.Hours, w)
		}
	}
	// The two people named 李明 follow their lines' ids; 乙 has its own hour.
	for _, i := range []int{2, 3} {
		if want := map[string]float64{"甲": 2, "乙": 1}[got[i].Unit]; got[i].Hours != want {
			t.Errorf("李明 %s: %v hours, want %v", got[i].Unit, got[i].Hours, want)
		}
	}
	if got[2].ID > got[3].ID {
		t.Errorf("the two 李明 lines out of id order: %s, %s", got[2].ID, got[3].ID)
	}
}
