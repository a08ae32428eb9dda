package setup

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/app/workdays"
	"townledger/data"
)

func openStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func goodTown() Town {
	return Town{Name: "青石镇", DivisionCode: "110105100000", DistrictName: "示范区应急管理局", DistrictEmail: "yjj@example.gov.cn"}
}

func goodAdmin() Admin {
	return Admin{NewAccount: auth.NewAccount{Username: "admin", DisplayName: "王主任", Password: "qingshi2024"}, Confirm: "qingshi2024"}
}

func keys(err error) map[string]string {
	out := map[string]string{}
	var l problem.List
	if errors.As(err, &l) {
		for _, p := range l {
			out[p.Field] = p.Key
		}
		return out
	}
	if p := problem.From(err); p != nil {
		out[p.Field] = p.Key
	}
	return out
}

func TestRunRefusesEachBadFieldAndStoresNothing(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Town, *Admin)
		field string
		key   string
	}{
		{"empty town name", func(t *Town, a *Admin) { t.Name = "  " }, FieldTownName, "setup.town_name.empty"},
		{"empty division code", func(t *Town, a *Admin) { t.DivisionCode = "" }, FieldDivisionCode, "setup.division_code.empty"},
		{"division code of wrong length", func(t *Town, a *Admin) { t.DivisionCode = "1101051000" }, FieldDivisionCode, "ids.town.length"},
		{"bad district e-mail", func(t *Town, a *Admin) { t.DistrictEmail = "yjj@" }, FieldDistrictEmail, "setup.email.invalid"},
		{"empty user name", func(t *Town, a *Admin) { a.Username = "" }, "username", "auth.username.empty"},
		{"short password", func(t *Town, a *Admin) { a.Password, a.Confirm = "a1", "a1" }, "password", "auth.password.short"},
		{"confirmation differs", func(t *Town, a *Admin) { a.Confirm = "other2024" }, FieldConfirm, "setup.confirm.mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			town, admin := goodTown(), goodAdmin()
			c.edit(&town, &admin)
			err := Run(context.Background(), s, town, admin)
			if got := keys(err)[c.field]; got != c.key {
				t.Fatalf("field %s: key %q, want %q (err %v)", c.field, got, c.key, err)
			}
			if st, _ := StageOf(context.Background(), s); st != NeedsTown {
				t.Errorf("refused set-up left stage %v", st)
			}
			if n, _ := s.AuditCount(context.Background(), ""); n != 0 {
				t.Errorf("refused set-up wrote %d audit rows", n)
			}
		})
	}
}

func TestRunSetsUpTownAdminAndDefaults(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if err := Run(ctx, s, goodTown(), goodAdmin()); err != nil {
		t.Fatal(err)
	}
	town, ok, _ := s.Town(ctx)
	if !ok || town.Code != "110105100" || town.ShortName != "青石镇" {
		t.Errorf("town %+v", town)
	}
	if st, _ := StageOf(ctx, s); st != Ready {
		t.Errorf("stage %v, want ready", st)
	}
	if v, ok, _ := s.Setting(ctx, "training.target_hours"); !ok || v != "60" {
		t.Errorf("default training target %q %v", v, ok)
	}
	if days, _ := s.CalendarDays(ctx); len(days) != len(workdays.Builtin()) || days[0].Day != "2024-01-01" {
		t.Errorf("built-in calendar not stored as editable rows: %d rows", len(days))
	}
	sess, err := auth.NewUsers(s).Login(ctx, "ADMIN", "qingshi2024")
	if err != nil || !sess.Can(auth.ManageUsers) {
		t.Errorf("administrator cannot sign in: %v %+v", err, sess)
	}
	if err := Run(ctx, s, goodTown(), goodAdmin()); keys(err)[""] != "setup.done_already" {
		t.Errorf("second set-up: %v", err)
	}
}

func TestInitTownThenAdmin(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if err := InitTown(ctx, s, goodTown()); err != nil {
		t.Fatal(err)
	}
	if st, _ := StageOf(ctx, s); st != NeedsAdmin {
		t.Fatalf("stage %v, want needs-admin", st)
	}
	bad := goodTown()
	bad.Name = "" // the town page is not asked again, so its fields do not matter
	if err := Run(ctx, s, bad, goodAdmin()); err != nil {
		t.Fatal(err)
	}
	if st, _ := StageOf(ctx, s); st != Ready {
		t.Errorf("stage %v", st)
	}
}

func TestCheckEmail(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{{"", true}, {"a@b.cn", true}, {"区局 <a@b.cn>", false}, {"a@b", false}, {"ab.cn", false},
		// The district's addresses as a list, separated as people type them.
		{"yjj@qu.gov.cn, li@qu.gov.cn", true}, {"yjj@qu.gov.cn；li@qu.gov.cn", true}, {"yjj@qu.gov.cn、li@qu.gov.cn", true},
		{"yjj@qu.gov.cn, li@", false}, {" , ", false}} {
		if err := CheckEmail(c.in); (err == nil) != c.ok {
			t.Errorf("CheckEmail(%q) = %v", c.in, err)
		}
	}
}
