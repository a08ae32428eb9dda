package auth

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"townledger/app/problem"
	"townledger/data"
)

// clock is a settable time for the store, so lock-outs are tested without waiting.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// storeAt is a ledger with the administrator admin/admin2024 whose clock is clk's.
func storeAt(t *testing.T, clk *clock) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SetClock(clk.now)
	err = s.Write(ctx, data.System, func(tx *data.Tx) error {
		_, err := Create(tx, NewAccount{Username: "admin", DisplayName: "管理员", Password: "admin2024", Roles: []Role{Admin}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// attempt is one sign-in: the password, the minutes to wait before it and the refusal it
// must get ("" = signed in).
type attempt struct {
	wait time.Duration
	pw   string
	want string
}

func TestLockOutAfterRepeatedWrongPasswords(t *testing.T) {
	wrong := func(w time.Duration) attempt { return attempt{w, "nope", "auth.wrong"} }
	five := []attempt{wrong(0), wrong(0), wrong(0), wrong(0), {0, "nope", "auth.locked_now"}}
	cases := []struct {
		name     string
		attempts []attempt
	}{
		{"the fifth wrong password locks, and then the right one is refused too",
			append(five, attempt{time.Minute, "admin2024", "auth.locked"}, attempt{13 * time.Minute, "admin2024", "auth.locked"})},
		{"fifteen minutes after the lock the right password works",
			append(five, attempt{LockFor + time.Second, "admin2024", ""})},
		{"after the lock the count starts again",
			append(five, attempt{LockFor + time.Second, "nope", "auth.wrong"}, wrong(0), wrong(0), wrong(0), attempt{0, "nope", "auth.locked_now"})},
		{"a successful sign-in resets the count",
			[]attempt{wrong(0), wrong(0), wrong(0), wrong(0), {0, "admin2024", ""}, wrong(0), wrong(0), wrong(0), wrong(0), {0, "admin2024", ""}}},
		{"failures older than fifteen minutes do not count",
			[]attempt{wrong(0), wrong(0), wrong(0), wrong(0), wrong(LockWindow + time.Second), {0, "admin2024", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			clk := &clock{time.Date(2024, 11, 20, 9, 30, 20, 0, time.Local)}
			s := storeAt(t, clk)
			users := NewUsers(s)
			for i, a := range c.attempts {
				clk.t = clk.t.Add(a.wait)
				_, err := users.Login(ctx, "admin", a.pw)
				if got := key(err); got != a.want {
					t.Fatalf("attempt %d (%q): %q (%v), want %q", i+1, a.pw, got, err, a.want)
				}
			}
		})
	}
}

func TestLockOutSaysUntilWhenAndIsAudited(t *testing.T) {
	ctx := context.Background()
	clk := &clock{time.Date(2024, 11, 20, 9, 30, 20, 0, time.Local)}
	s := storeAt(t, clk)
	users := NewUsers(s)
	var err error
	for range MaxFailures {
		_, err = users.Login(ctx, "admin", "nope")
	}
	if p := problem.From(err); p == nil || p.Data["Until"] != "2024-11-20 09:46" {
		t.Errorf("lock-out until: %v", err)
	}
	// Another process on the same database sees the lock.
	other, err := data.Open(ctx, s.Path(), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetClock(clk.now)
	if _, err := NewUsers(other).Login(ctx, "admin", "admin2024"); key(err) != "auth.locked" {
		t.Errorf("the lock did not hold in another process: %v", err)
	}
	// Unknown names are never locked and never written.
	before, _ := s.AuditCount(ctx, "")
	for range MaxFailures + 1 {
		if _, err := users.Login(ctx, "ghost", "nope"); key(err) != "auth.wrong" {
			t.Errorf("unknown name: %v", err)
		}
	}
	if after, _ := s.AuditCount(ctx, ""); after != before {
		t.Errorf("attempts on an unknown name wrote %d audit rows", after-before)
	}
	rows, err := s.AuditPage(ctx, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.Action]++
		if strings.HasPrefix(r.Action, "login_") && (r.UserName != "admin" || !strings.Contains(r.After, `"username":"admin"`)) {
			t.Errorf("audit row %s does not name the account: %s", r.Action, r.After)
		}
		if strings.Contains(r.After, "nope") {
			t.Errorf("audit row keeps the password: %s", r.After)
		}
	}
	if counts[data.ActionLoginFailed] != MaxFailures || counts[data.ActionLoginLocked] != 1 {
		t.Errorf("audit rows: %v", counts)
	}
}
