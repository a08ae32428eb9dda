package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// User is a local account. Roles are stored comma-separated.
type User struct {
	ID           string
	Username     string
	DisplayName  string
	PasswordHash string
	Roles        []string
	Active       bool
	LastLoginAt  string
}

const userCols = `id, username, display_name, password_hash, roles, active, COALESCE(last_login_at, '')`

func scanUser(sc interface{ Scan(...any) error }) (User, error) {
	var u User
	var roles string
	err := sc.Scan(&u.ID, &u.Username, &u.DisplayName, &u.PasswordHash, &roles, &u.Active, &u.LastLoginAt)
	if roles != "" {
		u.Roles = strings.Split(roles, ",")
	}
	return u, err
}

// UserByName finds a live account by user name (case-insensitive).
func (s *Store) UserByName(ctx context.Context, name string) (User, bool, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+userCols+` FROM app_user WHERE username = ? AND deleted_at IS NULL`, name)
	u, err := scanUser(row)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, false, nil
	}
	if err != nil {
		return User{}, false, fmt.Errorf("read user %s: %w", name, s.wrap(err))
	}
	return u, true, nil
}

// Users lists live accounts by user name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.query(ctx, `SELECT `+userCols+` FROM app_user WHERE deleted_at IS NULL ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", s.wrap(err))
		}
		out = append(out, u)
	}
	return out, s.wrap(rows.Err())
}

// CountUsers counts live accounts (zero means the administrator is still to be created).
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.queryRow(ctx, []any{&n}, `SELECT COUNT(*) FROM app_user WHERE deleted_at IS NULL`); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// CreateUser adds an account; the password hash is never written to the audit log.
func (t *Tx) CreateUser(u User) (string, error) {
	id := NewID()
	row := Row{"id": id, "username": u.Username, "display_name": u.DisplayName,
		"roles": strings.Join(u.Roles, ","), "active": u.Active}
	full := Row{"password_hash": u.PasswordHash}
	for k, v := range row {
		full[k] = v
	}
	if _, err := t.insertAuditing("app_user", full, row); err != nil {
		return "", err
	}
	return id, nil
}

// UpdateUser changes an account's name, roles and active flag.
func (t *Tx) UpdateUser(u User) error {
	return t.update("app_user", u.ID, Row{"display_name": u.DisplayName, "roles": strings.Join(u.Roles, ","), "active": u.Active})
}

// SetPassword replaces an account's password hash; the audit row says only that it changed.
func (t *Tx) SetPassword(userID, hash string) error {
	if _, err := t.tx.ExecContext(t.ctx, `UPDATE app_user SET password_hash = ?, updated_at = ?, updated_by = ? WHERE id = ? AND deleted_at IS NULL`,
		hash, t.at, t.actor.UserID, userID); err != nil {
		return fmt.Errorf("set password: %w", t.s.wrap(err))
	}
	return t.audit("password", "app_user", userID, nil, nil)
}

// RecordLogin notes a successful sign-in.
func (t *Tx) RecordLogin(userID string) error {
	if _, err := t.tx.ExecContext(t.ctx, `UPDATE app_user SET last_login_at = ? WHERE id = ?`, t.at, userID); err != nil {
		return fmt.Errorf("record login: %w", t.s.wrap(err))
	}
	return t.audit("login", "app_user", userID, nil, nil)
}

// Now is the store's clock, the one its records are stamped with.
func (s *Store) Now() time.Time { return s.now() }

// The audit actions of sign-in attempts, besides "login" for a successful one.
const (
	ActionLoginFailed = "login_failed" // a wrong password for an existing account
	ActionLoginLocked = "login_locked" // too many wrong passwords: the account is locked out
)

// SignIns is what the audit log says about an account's recent sign-in attempts. The log
// holds them, so a lock-out set by one process holds in every other.
type SignIns struct {
	// Failed counts wrong passwords after the later of since, the last successful sign-in
	// and the last lock-out.
	Failed int
	// LockedAt is when the last lock-out began, if none was followed by a successful
	// sign-in; zero otherwise.
	LockedAt time.Time
}

// SignIns reads an account's recent sign-in attempts.
func (s *Store) SignIns(ctx context.Context, userID string, since time.Time) (SignIns, error) {
	st, err := signIns(ctx, s.r, userID, since)
	if err != nil {
		return st, fmt.Errorf("read sign-ins of %s: %w", userID, s.wrap(err))
	}
	return st, nil
}

// SignIns reads an account's recent sign-in attempts inside the transaction, so a count and
// the failure that follows it cannot interleave with another process's.
func (t *Tx) SignIns(userID string, since time.Time) (SignIns, error) {
	st, err := signIns(t.ctx, t.tx, userID, since)
	if err != nil {
		return st, fmt.Errorf("read sign-ins of %s: %w", userID, t.s.wrap(err))
	}
	return st, nil
}

type rowQueryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func signIns(ctx context.Context, q rowQueryer, userID string, since time.Time) (SignIns, error) {
	var lastLogin, lastLock string
	err := q.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT MAX(at) FROM audit_log WHERE entity = 'app_user' AND entity_id = ?1 AND action = 'login'), ''),
		COALESCE((SELECT MAX(at) FROM audit_log WHERE entity = 'app_user' AND entity_id = ?1 AND action = ?2), '')`,
		userID, ActionLoginLocked).Scan(&lastLogin, &lastLock)
	if err != nil {
		return SignIns{}, err
	}
	var st SignIns
	after := since.UTC().Format(TimeLayout)
	for _, at := range []string{lastLogin, lastLock} {
		if at > after { // the stamps sort as text
			after = at
		}
	}
	if lastLock > lastLogin {
		if st.LockedAt, err = time.Parse(TimeLayout, lastLock); err != nil {
			return SignIns{}, fmt.Errorf("lock-out time %q: %w", lastLock, err)
		}
	}
	err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'app_user' AND entity_id = ? AND action = ? AND at > ?`,
		userID, ActionLoginFailed, after).Scan(&st.Failed)
	return st, err
}

// RecordFailedLogin notes a wrong password for an account and, when lock is set, that the
// account is locked out from now on. The rows name the account; the password is never kept.
func (t *Tx) RecordFailedLogin(userID, username string, lock bool) error {
	detail := map[string]any{"username": username}
	if err := t.audit(ActionLoginFailed, "app_user", userID, nil, detail); err != nil {
		return err
	}
	if lock {
		return t.audit(ActionLoginLocked, "app_user", userID, nil, detail)
	}
	return nil
}
