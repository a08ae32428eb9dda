package auth

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

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

// Sign-in lock-out: after MaxFailures wrong passwords for an account within LockWindow, the
// account is refused for LockFor, whatever password is given; a successful sign-in starts
// the count again. The attempts are kept in the audit log, so the window and the command
// line, in any process, see the same count.
const (
	MaxFailures = 5
	LockWindow  = 15 * time.Minute
	LockFor     = 15 * time.Minute
)

// Login checks the password and records the sign-in. An unknown name and a wrong password
// get the same answer, so names cannot be probed; wrong passwords for an account are
// counted, and too many lock it out for a while (see MaxFailures).
func (u *Users) Login(ctx context.Context, username, password string) (Session, error) {
	username = strings.TrimSpace(username)
	if username == "" {
		return Session{}, problem.OnField("username", "auth.username.empty", nil)
	}
	acct, ok, err := u.store.UserByName(ctx, username)
	if err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	if !ok {
		passwordMatches(unknownUserHash(), password) // as long as for a name that exists
		return Session{}, problem.OnField("password", "auth.wrong", nil)
	}
	now := u.store.Now()
	st, err := u.store.SignIns(ctx, acct.ID, now.Add(-LockWindow))
	if err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	if until := st.LockedAt.Add(LockFor); !st.LockedAt.IsZero() && now.Before(until) {
		return Session{}, locked("auth.locked", until)
	}
	if !passwordMatches(acct.PasswordHash, password) {
		return Session{}, u.failed(ctx, acct)
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

// failed records a wrong password and locks the account out at the MaxFailures-th within
// LockWindow; it returns the refusal to show.
func (u *Users) failed(ctx context.Context, acct data.User) error {
	var lockedAt time.Time
	// The rows name the account tried: the log then says whose password was mistyped.
	err := u.store.Write(ctx, sessionOf(acct).Actor(), func(tx *data.Tx) error {
		now, err := time.Parse(data.TimeLayout, tx.Now())
		if err != nil {
			return fmt.Errorf("read the transaction's time: %w", err)
		}
		st, err := tx.SignIns(acct.ID, now.Add(-LockWindow))
		if err != nil {
			return err
		}
		lock := st.Failed+1 >= MaxFailures
		if lock {
			lockedAt = now
		}
		return tx.RecordFailedLogin(acct.ID, acct.Username, lock)
	})
	if err != nil {
		return fmt.Errorf("record a failed sign-in: %w", err)
	}
	if !lockedAt.IsZero() {
		return locked("auth.locked_now", lockedAt.Add(LockFor))
	}
	return problem.OnField("password", "auth.wrong", nil)
}

// locked is the refusal of a locked-out account, saying until when (local time, rounded up
// to the minute, so the time given is never too early).
func locked(key string, until time.Time) error {
	if r := until.Truncate(time.Minute); r.Before(until) {
		until = r.Add(time.Minute)
	}
	return problem.OnField("password", key, map[string]any{"N": MaxFailures,
		"Minutes": int(LockFor / time.Minute), "Until": until.Local().Format("2006-01-02 15:04")})
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

// Activity is the audit log's newest entries, newest first — who changed what and when,
// sign-ins and failed ones included; only an administrator may read it.
func (u *Users) Activity(ctx context.Context, by Session, limit int) ([]data.AuditEntry, error) {
	if err := by.Require(ManageUsers); err != nil {
		return nil, err
	}
	return u.store.AuditPage(ctx, 0, limit)
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
