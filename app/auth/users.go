package auth

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"townledger/app/problem"
	"townledger/data"
)

// Users signs people in and manages accounts.
type Users struct {
	store *data.Store
}

// NewUsers serves accounts from store.
func NewUsers(store *data.Store) *Users { return &Users{store: store} }

// Actor is how the store records the session's user.
func (s Session) Actor() data.Actor { return data.Actor{UserID: s.UserID, UserName: s.Username} }

// Login checks the password and records the sign-in. An unknown name and a wrong password
// get the same answer, so names cannot be probed.
func (u *Users) Login(ctx context.Context, username, password string) (Session, error) {
	username = strings.TrimSpace(username)
	if username == "" {
		return Session{}, problem.OnField("username", "auth.username.empty", nil)
	}
	acct, ok, err := u.store.UserByName(ctx, username)
	if err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	if !ok || !passwordMatches(acct.PasswordHash, password) {
		return Session{}, problem.OnField("password", "auth.wrong", nil)
	}
	if !acct.Active {
		return Session{}, problem.New("auth.inactive", nil)
	}
	s := sessionOf(acct)
	if err := u.store.Write(ctx, s.Actor(), func(tx *data.Tx) error { return tx.RecordLogin(acct.ID) }); err != nil {
		return Session{}, fmt.Errorf("record sign-in: %w", err)
	}
	return s, nil
}

func sessionOf(acct data.User) Session {
	s := Session{UserID: acct.ID, Username: acct.Username, DisplayName: acct.DisplayName}
	for _, r := range acct.Roles {
		if role, ok := ParseRole(r); ok {
			s.Roles = append(s.Roles, role)
		}
	}
	return s
}

// NewAccount is what an administrator enters to create an account.
type NewAccount struct {
	Username    string
	DisplayName string
	Password    string
	Roles       []Role
}

var usernameRE = regexp.MustCompile(`^[A-Za-z0-9._-]{2,32}$`)

// CheckUsername refuses names that are empty or not plain letters, digits, . _ -.
func CheckUsername(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return problem.OnField("username", "auth.username.empty", nil)
	}
	if !usernameRE.MatchString(name) {
		return problem.OnField("username", "auth.username.chars", nil)
	}
	return nil
}

// Validate lists every problem with the account's fields.
func (a NewAccount) Validate() problem.List {
	var l problem.List
	if err := CheckUsername(a.Username); err != nil {
		l = append(l, err.(*problem.Error))
	}
	if strings.TrimSpace(a.DisplayName) == "" {
		l = append(l, problem.OnField("display_name", "auth.display_name.empty", nil))
	}
	if err := CheckPasswordRules(a.Password); err != nil {
		l = append(l, err.(*problem.Error))
	}
	if len(a.Roles) == 0 {
		l = append(l, problem.OnField("roles", "auth.roles.empty", nil))
	}
	return l
}

// Create adds an account inside an existing transaction (first-run setup uses this).
func Create(tx *data.Tx, a NewAccount) (string, error) {
	if err := a.Validate().Err(); err != nil {
		return "", err
	}
	hash, err := HashPassword(a.Password)
	if err != nil {
		return "", err
	}
	roles := make([]string, len(a.Roles))
	for i, r := range a.Roles {
		roles[i] = string(r)
	}
	id, err := tx.CreateUser(data.User{Username: strings.TrimSpace(a.Username), DisplayName: strings.TrimSpace(a.DisplayName),
		PasswordHash: hash, Roles: roles, Active: true})
	if data.KindOf(err) == data.ErrConflict {
		return "", problem.OnField("username", "auth.username.taken", map[string]any{"Name": a.Username})
	}
	return id, err
}

// Create adds an account; only an administrator may.
func (u *Users) Create(ctx context.Context, by Session, a NewAccount) (string, error) {
	if err := by.Require(ManageUsers); err != nil {
		return "", err
	}
	var id string
	err := u.store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		var err error
		id, err = Create(tx, a)
		return err
	})
	return id, err
}

// List returns every account; only an administrator may see them.
func (u *Users) List(ctx context.Context, by Session) ([]data.User, error) {
	if err := by.Require(ManageUsers); err != nil {
		return nil, err
	}
	return u.store.Users(ctx)
}

// SetActive enables or disables an account. Administrators cannot disable themselves, so
// an office is never left without one.
func (u *Users) SetActive(ctx context.Context, by Session, acct data.User, active bool) error {
	if err := by.Require(ManageUsers); err != nil {
		return err
	}
	if acct.ID == by.UserID && !active {
		return problem.New("auth.self_disable", nil)
	}
	acct.Active = active
	return u.store.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.UpdateUser(acct) })
}

// ChangePassword lets users change their own password after giving the current one.
func (u *Users) ChangePassword(ctx context.Context, by Session, current, next string) error {
	acct, ok, err := u.store.UserByName(ctx, by.Username)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if !ok || !passwordMatches(acct.PasswordHash, current) {
		return problem.OnField("current", "auth.wrong", nil)
	}
	if err := CheckPasswordRules(next); err != nil {
		return err
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return u.store.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.SetPassword(acct.ID, hash) })
}
