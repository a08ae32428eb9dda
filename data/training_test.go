package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func fp(v float64) *float64 { return &v }

// trainingFixture writes a small roster with sessions; it returns staff ids by name and
// session ids by title.
func trainingFixture(t *testing.T) (*Store, map[string]string, map[string]string) {
	t.Helper()
	s := openTemp(t)
	setupTown(t, s)
	staff, sessions := map[string]string{}, map[string]string{}
	err := s.Write(context.Background(), alice, func(tx *Tx) error {
		for _, p := range []Staff{
			{Name: "李明", NameInitials: "lm", Unit: "应急办", IsOfficer: true, CertNo: "Z1", CertStatus: "valid", CertDueOn: "2025-06-15"},
			{Name: "张强", NameInitials: "zq", Unit: "应急办", IsOfficer: true, CertNo: "Z2", CertStatus: "due", CertDueOn: "2025-05-01"},
			{Name: "王芳", NameInitials: "wf", Unit: "党政办", IsOfficer: true, CertNo: "Z3", CertStatus: "revoked", CertDueOn: "2025-05-01"},
			{Name: "赵磊", NameInitials: "zl", Unit: "党政办", IsOfficer: true, CertNo: "Z4", CertStatus: "valid", CertDueOn: "2025-08-01"},
			{Name: "钱进", NameInitials: "qj", Unit: "党政办"},
			{Name: "孙丽", NameInitials: "sl", Unit: "应急办", IsOfficer: true, CertNo: "Z6", CertStatus: "valid", CertDueOn: "2025-06-02"},
		} {
			id, err := tx.InsertStaff(p)
			if err != nil {
				return err
			}
			staff[p.Name] = id
		}
		for _, tr := range []Training{
			{Title: "一", Category: "执法技能", HeldOn: "2024-03-01", Hours: 3},
			{Title: "二", Category: "新法专题", HeldOn: "2024-12-31", Hours: 2.5},
			{Title: "旧", Category: "新法专题", HeldOn: "2023-12-31", Hours: 4},
			{Title: "删", Category: "新法专题", HeldOn: "2024-06-01", Hours: 6},
		} {
			id, err := tx.CreateTraining(TrainingRow{Training: tr, Notes: "备注"})
			if err != nil {
				return err
			}
			sessions[tr.Title] = id
		}
		att := []Attendance{
			{TrainingID: sessions["一"], StaffID: staff["李明"]},
			{TrainingID: sessions["一"], StaffID: staff["张强"], Hours: fp(1.5)},
			{TrainingID: sessions["一"], StaffID: staff["孙丽"]},
			{TrainingID: sessions["二"], StaffID: staff["李明"]},
			{TrainingID: sessions["旧"], StaffID: staff["钱进"]},
			{TrainingID: sessions["删"], StaffID: staff["钱进"]},
			{TrainingID: sessions["二"], StaffID: staff["钱进"]}, // removed below
		}
		for _, a := range att {
			if _, err := tx.InsertAttendance(a); err != nil {
				return err
			}
		}
		if err := tx.ReplaceAttendance(sessions["二"], []Attendance{{StaffID: staff["李明"]}}); err != nil {
			return err
		}
		if err := tx.DeleteTraining(sessions["删"]); err != nil {
			return err
		}
		if err := tx.ArchiveStaff(staff["孙丽"], "2024-07-01"); err != nil {
			return err
		}
		return tx.ArchiveStaff(staff["赵磊"], "2024-02-01")
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, staff, sessions
}

func TestTrainingTotalsIsOneAggregateOverLiveRows(t *testing.T) {
	s, _, _ := trainingFixture(t)
	rows, err := s.TrainingTotals(context.Background(), "2024-01-01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s:%s/%d", r.Name, fmtF(r.Hours), r.Sessions))
	}
	// 李明 3 + 2.5; 孙丽 left in July after a session; 张强 left early (1.5); 钱进's 2024
	// rows are removed or at a deleted session; 王芳 (certificate revoked) is still on the
	// staff; 赵磊 left in February with nothing.
	want := []string{"李明:5.5/2", "孙丽:3/1", "张强:1.5/1", "钱进:0/0", "王芳:0/0"}
	if !slices.Equal(got, want) {
		t.Errorf("totals %v, want %v", got, want)
	}
	rows, _ = s.TrainingTotals(context.Background(), "2023-01-01", "2023-12-31")
	got = nil
	for _, r := range rows {
		got = append(got, r.Name+":"+fmtF(r.Hours))
	}
	// In 2023 everyone was on the staff: those who left in 2024 are listed too.
	if want := []string{"钱进:4", "王芳:0", "赵磊:0", "李明:0", "孙丽:0", "张强:0"}; !slices.Equal(got, want) {
		t.Errorf("2023 totals %v, want %v", got, want)
	}
}

func fmtF(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func TestTrainingReadsAndReplaceAttendance(t *testing.T) {
	ctx := context.Background()
	s, staff, sessions := trainingFixture(t)
	r, att, err := s.Training(ctx, sessions["一"])
	if err != nil || r.Title != "一" || r.Notes != "备注" || r.Hours != 3 || len(att) != 3 {
		t.Fatalf("Training = %+v %+v %v", r, att, err)
	}
	if _, _, err := s.Training(ctx, sessions["删"]); KindOf(err) != ErrNotFound {
		t.Errorf("a deleted session reads: %v", err)
	}
	list, _ := s.TrainingSessions(ctx, "2024-01-01", "2024-12-31")
	if len(list) != 2 || list[0].Title != "二" || list[0].Attendance != 1 || list[1].Attendance != 3 {
		t.Errorf("sessions of 2024: %+v", list)
	}
	seq := func() int64 { p, _ := s.AuditPage(ctx, 0, 1); return p[0].Seq }
	before := seq()
	err = s.Write(ctx, alice, func(tx *Tx) error {
		return tx.ReplaceAttendance(sessions["一"], []Attendance{
			{StaffID: staff["李明"]},                      // unchanged
			{StaffID: staff["张强"], Score: fp(90)},       // hours back to the session's, a score
			{StaffID: staff["钱进"], SignedInAt: "08:50"}, // new
		}) // 孙丽 removed
	})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := s.AuditPage(ctx, 0, 10)
	var acts []string
	for _, e := range page {
		if e.Seq > before {
			acts = append(acts, e.Action+" "+e.After)
		}
	}
	slices.Sort(acts)
	if len(acts) != 3 || !strings.HasPrefix(acts[0], "delete") || !strings.HasPrefix(acts[1], "insert") ||
		acts[2] != `update {"hours":null,"score":90}` {
		t.Errorf("replace wrote %q", acts)
	}
	// Nothing changed: no audit row, so Write refuses the empty transaction.
	err = s.Write(ctx, alice, func(tx *Tx) error {
		if err := tx.ReplaceAttendance(sessions["一"], []Attendance{{StaffID: staff["李明"]},
			{StaffID: staff["张强"], Score: fp(90)}, {StaffID: staff["钱进"], SignedInAt: "08:50"}}); err != nil {
			return err
		}
		st, err := tx.StaffByID(staff["李明"])
		if err != nil {
			return err
		}
		changed, err := tx.UpdateStaff(st)
		if changed {
			t.Error("UpdateStaff saw a change in an unchanged person")
		}
		return err
	})
	if !errors.Is(err, ErrNoAudit) {
		t.Errorf("an unchanged save: %v", err)
	}
	err = s.Write(ctx, alice, func(tx *Tx) error {
		return tx.ReplaceAttendance(sessions["一"], []Attendance{{StaffID: staff["李明"]}, {StaffID: staff["李明"]}})
	})
	if err == nil {
		t.Error("a person listed twice was stored")
	}
}

func TestRosterAndCertsDue(t *testing.T) {
	ctx := context.Background()
	s, _, _ := trainingFixture(t)
	names := func(rows []Staff) (out []string) {
		for _, r := range rows {
			out = append(out, r.Name)
		}
		return out
	}
	on, _ := s.Roster(ctx, false)
	all, _ := s.Roster(ctx, true)
	if got := names(on); !slices.Equal(got, []string{"钱进", "王芳", "李明", "张强"}) {
		t.Errorf("roster %v", got)
	}
	if len(all) != 6 {
		t.Errorf("roster with archived: %v", names(all))
	}
	due, _ := s.CertsDue(ctx, "2025-07-01")
	// 张强 past due, 李明 within; 王芳 revoked, 孙丽 and 赵磊 archived (revoked), 钱进 no officer.
	if got := names(due); !slices.Equal(got, []string{"张强", "李明"}) {
		t.Errorf("certificates due %v", got)
	}
}

func TestAttachmentContentStaysOutOfTheAuditLogAndIsChecked(t *testing.T) {
	ctx := context.Background()
	s, _, sessions := trainingFixture(t)
	content := []byte("%PDF-1.4 sign-in sheet TOP-SECRET-CONTENT")
	var id string
	err := s.Write(ctx, alice, func(tx *Tx) error {
		var err error
		id, err = tx.InsertAttachment(Attachment{OwnerTable: "training", OwnerID: sessions["一"], Kind: "signin",
			FileName: "签到表.pdf", MIME: "application/pdf", Content: content})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := s.AuditPage(ctx, 0, 1)
	if e := page[0]; e.Entity != "attachment" || strings.Contains(e.After, "TOP-SECRET") || strings.Contains(e.After, "content") ||
		!strings.Contains(e.After, "签到表.pdf") || !strings.Contains(e.After, `"size":41`) {
		t.Errorf("audit row %+v", e)
	}
	list, _ := s.Attachments(ctx, "training", sessions["一"])
	if len(list) != 1 || list[0].Content != nil || list[0].Size != int64(len(content)) {
		t.Errorf("attachments %+v", list)
	}
	got, err := s.AttachmentContent(ctx, id)
	if err != nil || string(got) != string(content) {
		t.Fatalf("content %q, %v", got, err)
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE attachment SET content = ? WHERE id = ?`, []byte("tampered"), id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AttachmentContent(ctx, id); !errors.Is(err, ErrAttachmentDamaged) {
		t.Errorf("a changed file was handed out: %v", err)
	}
}
