package auth

import (
	"context"
	"path/filepath"
	"testing"

	"townledger/app/problem"
	"townledger/data"
)

func storeWithAdmin(t *testing.T) (*data.Store, Session) {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Write(ctx, data.System, func(tx *data.Tx) error {
		if _, err := tx.CreateTown(data.Town{Code: "110105100", Name: "青石镇"}); err != nil {
			return err
		}
		_, err := Create(tx, NewAccount{Username: "admin", DisplayName: "管理员", Password: "admin2024", Roles: []Role{Admin}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := NewUsers(s).Login(ctx, "admin", "admin2024")
	if err != nil {
		t.Fatal(err)
	}
	return s, sess
}

func key(err error) string {
	if p := problem.From(err); p != nil {
		return p.Key
	}
	return ""
}

func TestRolesAllowOnlyTheirWork(t *testing.T) {
	cases := []struct {
		role  Role
		allow []Perm
		deny  []Perm
	}{
		{Admin, []Perm{ManageUsers, EditCases, ExportReports, ManageBackups}, nil},
		{Officer, []Perm{EditCases, EditParties}, []Perm{ManageUsers, EditTrainings, ExportReports, EditCatalog}},
		{Trainer, []Perm{EditTrainings, EditStaff}, []Perm{EditCases, ManageUsers, EditActivities}},
		{Publicist, []Perm{EditActivities}, []Perm{EditCases, EditTrainings, ExportReports}},
		{Exporter, []Perm{ExportReports}, []Perm{EditCases, ManageSettings, ManageUsers}},
	}
	for _, c := range cases {
		s := Session{Roles: []Role{c.role}}
		for _, p := range c.allow {
			if s.Require(p) != nil {
				t.Errorf("%s should be allowed %s", c.role, p)
			}
		}
		for _, p := range c.deny {
			if key(s.Require(p)) != "perm.denied" {
				t.Errorf("%s should be refused %s", c.role, p)
			}
		}
	}
}

func TestOnlyAdministratorsCreateAccounts(t *testing.T) {
	ctx := context.Background()
	s, admin := storeWithAdmin(t)
	users := NewUsers(s)
	officer := NewAccount{Username: "li", DisplayName: "李执法", Password: "lizhifa2024", Roles: []Role{Officer}}
	if _, err := users.Create(ctx, admin, officer); err != nil {
		t.Fatal(err)
	}
	li, err := users.Login(ctx, "li", "lizhifa2024")
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.AuditCount(ctx, "app_user")
	_, err = users.Create(ctx, li, NewAccount{Username: "x", DisplayName: "x", Password: "xxxx2024", Roles: []Role{Admin}})
	if key(err) != "perm.denied" {
		t.Errorf("officer created an account: %v", err)
	}
	if _, err := users.List(ctx, li); key(err) != "perm.denied" {
		t.Errorf("officer listed accounts: %v", err)
	}
	if after, _ := s.AuditCount(ctx, "app_user"); after != before {
		t.Error("refused creation changed the database")
	}
	if _, err := users.Create(ctx, admin, officer); key(err) != "auth.username.taken" {
		t.Errorf("duplicate name: %v", err)
	}
}

func TestLoginRefusals(t *testing.T) {
	ctx := context.Background()
	s, admin := storeWithAdmin(t)
	users := NewUsers(s)
	acct, _, _ := s.UserByName(ctx, "admin")
	cases := []struct{ name, user, pw, want string }{
		{"wrong password", "admin", "nope", "auth.wrong"},
		{"unknown user gets the same answer", "ghost", "admin2024", "auth.wrong"},
		{"empty name", " ", "x", "auth.username.empty"},
	}
	for _, c := range cases {
		if _, err := users.Login(ctx, c.user, c.pw); key(err) != c.want {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if err := users.SetActive(ctx, admin, acct, false); key(err) != "auth.self_disable" {
		t.Errorf("admin disabled self: %v", err)
	}
	if err := users.ChangePassword(ctx, admin, "bad", "newpass2024"); key(err) != "auth.wrong" {
		t.Errorf("changed password without the current one: %v", err)
	}
	if err := users.ChangePassword(ctx, admin, "admin2024", "newpass2024"); err != nil {
		t.Fatal(err)
	}
	if _, err := users.Login(ctx, "admin", "newpass2024"); err != nil {
		t.Errorf("new password refused: %v", err)
	}
}

func TestPasswordRules(t *testing.T) {
	for _, c := range []struct{ pw, want string }{
		{"short1", "auth.password.short"}, {"onlyletters", "auth.password.mix"}, {"12345678", "auth.password.mix"}, {"安全生产2024年", ""},
	} {
		if got := key(CheckPasswordRules(c.pw)); got != c.want {
			t.Errorf("%q: %q, want %q", c.pw, got, c.want)
		}
	}
}
