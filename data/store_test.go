package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var alice = Actor{UserID: "u-alice", UserName: "alice"}

func setupTown(t *testing.T, s *Store) {
	t.Helper()
	err := s.Write(context.Background(), System, func(tx *Tx) error {
		if _, err := tx.CreateTown(Town{Code: "110105100", Name: "测试镇", DivisionCode: "110105100"}); err != nil {
			return err
		}
		_, err := tx.CreateUser(User{Username: "alice", DisplayName: "Alice", PasswordHash: "secret-hash", Roles: []string{"admin"}, Active: true})
		return err
	})
	if err != nil {
		t.Fatalf("setup town: %v", err)
	}
}

// rawDB opens the file without the store, as another program would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigrateFromEveryEarlierVersion(t *testing.T) {
	ctx := context.Background()
	latest := SchemaVersion()
	if latest < 2 {
		t.Fatalf("expected several migrations, got %d", latest)
	}
	for v := 0; v <= latest; v++ {
		path := filepath.Join(t.TempDir(), "old.db")
		old := &Store{path: path, now: time.Now}
		var err error
		if old.w, err = sql.Open("sqlite", dsn(path, time.Second, false)); err != nil {
			t.Fatal(err)
		}
		old.r = old.w
		if err := old.migrateTo(ctx, v); err != nil {
			t.Fatalf("migrate to %d: %v", v, err)
		}
		if got, _ := old.Version(ctx); got != v {
			t.Fatalf("at step %d: version %d", v, got)
		}
		if v >= 1 {
			setupTown(t, old) // data written by the older schema must survive the upgrade
		}
		old.w.Close()

		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("open version %d: %v", v, err)
		}
		if got, _ := s.Version(ctx); got != latest {
			t.Errorf("from %d: version %d after open, want %d", v, got, latest)
		}
		town, ok, err := s.Town(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v >= 1 && (!ok || town.Name != "测试镇") {
			t.Errorf("from %d: town lost in upgrade: %+v %v", v, town, ok)
		}
		if _, _, err := s.List(ctx, ListExports, "", 0, 10); err != nil {
			t.Errorf("from %d: newest table unusable: %v", v, err)
		}
		// The log agrees with every record after the upgrade (a record a migration changed
		// has its snapshot row); from the version before the newest (an index), no row was added.
		if c, err := s.CheckLog(ctx); err != nil || !c.OK() {
			t.Errorf("from %d: the log after the upgrade: %+v %v", v, c, err)
		} else if v == latest-1 && c.Rows != 2 {
			t.Errorf("from %d: %d audit rows after the upgrade, want the 2 the town's set-up wrote", v, c.Rows)
		}
		s.Close()
		checkBackupBeforeUpgrade(t, path, v, latest)
	}
}

// An upgrade of a ledger with records first copies it, as it was, into backups/.
func checkBackupBeforeUpgrade(t *testing.T, path string, from, latest int) {
	t.Helper()
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "*.db"))
	if from == 0 || from == latest {
		if len(copies) != 0 {
			t.Errorf("from %d: a copy was made though nothing was upgraded: %v", from, copies)
		}
		return
	}
	want := fmt.Sprintf("-before-upgrade-v%d-to-v%d.db", from, latest)
	if len(copies) != 1 || !strings.HasSuffix(copies[0], want) {
		t.Fatalf("from %d: copies before the upgrade %v, want one ending %s", from, copies, want)
	}
	b, err := Open(context.Background(), copies[0], Options{MustExist: true})
	if err != nil {
		t.Fatalf("from %d: the copy does not open: %v", from, err)
	}
	defer b.Close()
	// Opening upgraded the copy too; what matters is that the town written under the old
	// schema is in it.
	if town, ok, err := b.Town(context.Background()); err != nil || !ok || town.Name != "测试镇" {
		t.Errorf("from %d: the copy lacks the town: %+v %v %v", from, town, ok, err)
	}
}

func TestNewerSchemaIsRefusedAndLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db := rawDB(t, path)
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(context.Background(), path, Options{})
	var se *Error
	if !errors.As(err, &se) || se.Kind != ErrNewerSchema || se.Have != 99 || se.Known != SchemaVersion() {
		t.Fatalf("want newer-schema error, got %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("refused database was modified")
	}
}

func TestBadFilesGetClearKinds(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	content := []byte(strings.Repeat("这不是数据库 not a database\n", 200))
	os.WriteFile(garbage, content, 0o600)
	cases := []struct {
		name string
		path string
		opt  Options
		want ErrorKind
	}{
		{"not a database", garbage, Options{}, ErrNotDatabase},
		{"directory", dir, Options{}, ErrNotDatabase},
		{"missing but must exist", filepath.Join(dir, "none.db"), Options{MustExist: true}, ErrMissing},
		{"question mark in path", filepath.Join(dir, "a?b.db"), Options{}, ErrBadPath},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(context.Background(), c.path, c.opt)
			if got := KindOf(err); got != c.want {
				t.Fatalf("kind %v, want %v (err %v)", got, c.want, err)
			}
		})
	}
	if got, _ := os.ReadFile(garbage); !bytes.Equal(got, content) {
		t.Error("a file that is not a database was changed")
	}
}

func TestLockedDatabaseIsReportedAndNothingChanges(t *testing.T) {
	s := openTemp(t)
	setupTown(t, s)
	other := rawDB(t, s.Path()+"?_pragma=busy_timeout(0)")
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	err = s.Write(context.Background(), alice, func(tx *Tx) error { return tx.SetSetting("k", "v") })
	if KindOf(err) != ErrLocked {
		t.Fatalf("want locked, got %v", err)
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	if _, ok, _ := s.Setting(context.Background(), "k"); ok {
		t.Error("a refused write left a setting behind")
	}
}

func TestEveryWriteAppendsAnAuditRow(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	n0, _ := s.AuditCount(ctx, "")
	if n0 != 2 {
		t.Fatalf("setup wrote %d audit rows, want 2 (town, user)", n0)
	}
	err := s.Write(ctx, alice, func(tx *Tx) error {
		if err := tx.SetSetting("report.due_day", "5"); err != nil {
			return err
		}
		return tx.SetSetting("report.due_day", "6")
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.AuditCount(ctx, "setting"); n != 2 {
		t.Errorf("setting audit rows = %d, want 2 (insert, update)", n)
	}
	// The whole log, newest first: the setting's update and insert by alice, then setup's
	// user and town by the system.
	page, err := s.AuditPage(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ action, entity, user string }{
		{"update", "setting", "alice"},
		{"insert", "setting", "alice"},
		{"insert", "app_user", "system"},
		{"insert", "town", "system"},
	}
	if len(page) != len(want) {
		t.Fatalf("audit log has %d rows, want %d: %+v", len(page), len(want), page)
	}
	for i, w := range want {
		e := page[i]
		if e.Action != w.action || e.Entity != w.entity || e.UserName != w.user || e.EntityID == "" {
			t.Errorf("audit row %d = %s %s %q by %s, want %s %s by %s", i, e.Action, e.Entity, e.EntityID, e.UserName, w.action, w.entity, w.user)
		}
	}
	if page[0].EntityID != page[1].EntityID {
		t.Errorf("the update names setting %q, the insert %q", page[0].EntityID, page[1].EntityID)
	}
	if !strings.Contains(page[0].Before, `"5"`) || !strings.Contains(page[0].After, `"6"`) {
		t.Errorf("update before %s after %s, want 5 then 6", page[0].Before, page[0].After)
	}
	if !strings.Contains(page[1].After, `"report.due_day"`) || !strings.Contains(page[1].After, `"5"`) {
		t.Errorf("insert after %s, want report.due_day = 5", page[1].After)
	}
	if err := s.Write(ctx, alice, func(tx *Tx) error { return nil }); !errors.Is(err, ErrNoAudit) {
		t.Errorf("empty write: %v, want ErrNoAudit", err)
	}
	boom := errors.New("boom")
	err = s.Write(ctx, alice, func(tx *Tx) error {
		if err := tx.SetSetting("half", "done"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, ok, _ := s.Setting(ctx, "half"); ok {
		t.Error("failed transaction left its first write")
	}
	if n, _ := s.AuditCount(ctx, ""); n != n0+2 {
		t.Errorf("audit rows %d, want %d", n, n0+2)
	}
}

func TestPasswordHashNeverReachesTheAuditLog(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	u, _, _ := s.UserByName(ctx, "ALICE")
	if err := s.Write(ctx, alice, func(tx *Tx) error { return tx.SetPassword(u.ID, "other-secret-hash") }); err != nil {
		t.Fatal(err)
	}
	page, _ := s.AuditPage(ctx, 0, 100)
	for _, e := range page {
		if strings.Contains(e.Before+e.After, "secret-hash") {
			t.Errorf("audit row %d holds a password hash: %+v", e.Seq, e)
		}
	}
}

func TestAuditChainDetectsTampering(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	if br, n, err := s.VerifyAudit(ctx); err != nil || br != nil || n != 2 {
		t.Fatalf("fresh chain: %v %v %d", br, err, n)
	}
	db := rawDB(t, s.Path())
	if _, err := db.Exec("UPDATE audit_log SET user_name = 'mallory' WHERE seq = 1"); err == nil {
		t.Fatal("audit log accepted an update")
	}
	// Someone who drops the guard and edits a row is still caught by the hashes.
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET user_name = 'mallory' WHERE seq = 1"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	br, _, err := s.VerifyAudit(ctx)
	if err != nil || br == nil || br.Seq != 1 {
		t.Fatalf("tampering not found: %+v %v", br, err)
	}
}

func TestBackupIsACompleteCopy(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	out := filepath.Join(t.TempDir(), "b", "copy.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, out); KindOf(err) != ErrConflict {
		t.Errorf("backup over an existing file: %v", err)
	}
	b, err := Open(ctx, out, Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if town, ok, _ := b.Town(ctx); !ok || town.Code != "110105100" {
		t.Errorf("backup lacks the town: %+v", town)
	}
	if probs, err := b.IntegrityProblems(ctx); err != nil || len(probs) != 0 {
		t.Errorf("backup integrity: %v %v", probs, err)
	}
}

func TestListSearchesAndPages(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	setupTown(t, s)
	names := []struct{ name, initials string }{{"青山机械厂", "qsjxc"}, {"绿水餐饮店", "lscyd"}, {"青山砖厂", "qszc"}}
	err := s.Write(ctx, alice, func(tx *Tx) error {
		for _, n := range names {
			if _, err := tx.InsertParty(Party{Kind: "org", Name: n.name, NameInitials: n.initials}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		search string
		total  int
		first  string
	}{{"", 3, "绿水餐饮店"}, {"青山", 2, "青山机械厂"}, {"qs", 2, "青山机械厂"}, {"100%", 0, ""}}
	for _, c := range cases {
		items, total, err := s.List(ctx, ListParties, c.search, 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		if total != c.total || (c.total > 0 && (len(items) != 1 || items[0].Title != c.first)) {
			t.Errorf("search %q: total %d items %+v", c.search, total, items)
		}
	}
	counts, err := s.Counts(ctx)
	if err != nil || counts[ListParties] != 3 || counts[ListCases] != 0 {
		t.Errorf("counts %v %v", counts, err)
	}
}
