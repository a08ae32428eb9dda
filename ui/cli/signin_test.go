package cli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"townledger/app/auth"
	"townledger/app/office"
)

// ledgerWithUsers is a set-up ledger with the administrator (testUser), the officer li and
// the exporter zhao, and an enterprises workbook to import.
func ledgerWithUsers(t *testing.T) (db, book string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "cli.db")
	if r := run(t, "--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"); r.code != 0 {
		t.Fatalf("init: %+v", r)
	}
	ctx := context.Background()
	o, err := office.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	admin, err := o.Users.Login(ctx, testUser, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []auth.NewAccount{
		{Username: "li", DisplayName: "李执法", Password: "lizhifa2024", Roles: []auth.Role{auth.Officer}},
		{Username: "zhao", DisplayName: "赵报送", Password: "zhaobs2024", Roles: []auth.Role{auth.Exporter}},
	} {
		if _, err := o.Users.Create(ctx, admin, a); err != nil {
			t.Fatal(err)
		}
	}
	return db, enterprisesBook(t, dir, "e.xlsx", 3, nil)
}

// entry is an audit row: who did what to which table.
type entry struct{ UserName, Action, Entity string }

// activity is the ledger's audit log, newest first, as the administrator reads it.
func activity(t *testing.T, db string) []entry {
	t.Helper()
	ctx := context.Background()
	o, err := office.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	admin, err := o.Users.Login(ctx, testUser, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := o.Users.Activity(ctx, admin, 10000)
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, r := range rows[1:] { // less this sign-in
		out = append(out, entry{r.UserName, r.Action, r.Entity})
	}
	return out
}

// Every command but init, template and verify refuses a database file that does not exist,
// naming it, and makes no folder or file.
func TestCommandsRefuseAMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo", "townledger.db")
	book := enterprisesBook(t, dir, "e.xlsx", 1, nil)
	for _, args := range [][]string{
		{"demo"}, {"backup", "--out", filepath.Join(dir, "b.db")}, {"import", "enterprises", book},
		{"export-catalog", "--out", filepath.Join(dir, "c.xlsx")}, {"disclosure", "--year", "2024", "--out", filepath.Join(dir, "d.xlsx")},
		{"export", "--period", "2024", "--out", filepath.Join(dir, "r.xlsx")}, {"send", "--period", "2024-Q3"},
	} {
		r := run(t, append([]string{"--db", db}, args...)...)
		want := "townledger: 找不到数据库文件 " + db + "；请检查 --db 路径，或先运行 townledger init 新建台账。\n"
		if r.code != 1 || r.stderr != want || r.stdout != "" {
			t.Errorf("%s: exit %d stdout %q stderr %q; want exit 1 and %q", args[0], r.code, r.stdout, r.stderr, want)
		}
	}
	// restore puts a backup where no ledger is (a new PC), but only a backup.
	r := run(t, "--db", db, "restore", book)
	if r.code != 1 || !strings.Contains(r.stderr, "不是可用的台账备份") {
		t.Errorf("restore of a workbook onto a missing ledger: %+v", r)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 {
		t.Errorf("the refused commands left files behind: %v", left)
	}
}

// The commands that change the ledger or write its data run as a signed-in user, checked as
// the window checks; a refusal says why in one line and changes nothing.
func TestCommandsSignTheirUserIn(t *testing.T) {
	db, book := ledgerWithUsers(t)
	dir := filepath.Dir(db)
	admin := map[string]string{EnvUser: testUser, EnvPassword: testPassword}
	as := func(user, pw string) map[string]string { return map[string]string{EnvUser: user, EnvPassword: pw} }
	cases := []struct {
		name   string
		vars   map[string]string
		typed  []string // typed at the terminal; nil = no terminal
		args   []string
		code   int
		stderr string
		wrote  string // a file the command writes, which a refusal must not
	}{
		{"no user", map[string]string{EnvPassword: testPassword}, nil, []string{"demo"}, 1, "命令 demo 须以用户身份运行：请用 --user 用户名（或环境变量 TOWNLEDGER_USER）指明用户", ""},
		{"no user for an export", nil, nil, []string{"export", "--period", "2024", "--out", filepath.Join(dir, "r0.xlsx")}, 1, "命令 export 须以用户身份运行", "r0.xlsx"},
		{"no password and no terminal", map[string]string{EnvUser: testUser}, nil, []string{"demo"}, 1, "没有用户 admin 的密码：请设置环境变量 TOWNLEDGER_PASSWORD", ""},
		{"an empty password typed", map[string]string{EnvUser: testUser}, []string{""}, []string{"demo"}, 1, "没有用户 admin 的密码", ""},
		{"wrong password", as(testUser, "admin2025"), nil, []string{"demo"}, 1, "用户名或密码不正确。", ""},
		{"wrong password typed", map[string]string{EnvUser: testUser}, []string{"admin2025"}, []string{"export-catalog", "--out", filepath.Join(dir, "c0.xlsx")}, 1, "用户名或密码不正确。", "c0.xlsx"},
		{"unknown user", as("ghost", testPassword), nil, []string{"demo"}, 1, "用户名或密码不正确。", ""},
		{"--user over the environment", map[string]string{EnvUser: "li", EnvPassword: testPassword}, nil, []string{"--user", "ghost", "demo"}, 1, "用户名或密码不正确。", ""},
		{"officer may not load the demo", as("li", "lizhifa2024"), nil, []string{"demo"}, 1, "用户 li 的角色无权执行 demo，需要以下角色之一：管理员。", ""},
		{"officer may not back up", as("li", "lizhifa2024"), nil, []string{"backup", "--out", filepath.Join(dir, "b0.db")}, 1, "用户 li 的角色无权执行 backup", "b0.db"},
		{"officer may not restore", as("li", "lizhifa2024"), nil, []string{"restore", filepath.Join(dir, "b0.db")}, 1, "用户 li 的角色无权执行 restore", ""},
		{"officer may not export", as("li", "lizhifa2024"), nil, []string{"export", "--period", "2024", "--out", filepath.Join(dir, "r1.xlsx")}, 1, "需要以下角色之一：管理员、报送员。", "r1.xlsx"},
		{"officer may not send", as("li", "lizhifa2024"), nil, []string{"send", "--period", "2024-Q3"}, 1, "用户 li 的角色无权执行 send", ""},
		{"exporter may not export the catalogue", as("zhao", "zhaobs2024"), nil, []string{"export-catalog", "--out", filepath.Join(dir, "c1.xlsx")}, 1, "用户 zhao 的角色无权执行 export-catalog", "c1.xlsx"},
		{"exporter may not import enterprises", as("zhao", "zhaobs2024"), nil, []string{"import", "enterprises", book}, 1, "您的角色无权进行此操作", ""},
		// Allowed: a usage error still comes before anything else.
		{"a wrong command line is said first", nil, nil, []string{"export", "--period", "2024-Q5"}, 2, "统计期间“2024-Q5”无效", ""},
		{"officer imports enterprises", as("li", "lizhifa2024"), nil, []string{"import", "enterprises", book}, 0, "", ""},
		{"exporter exports, password typed", map[string]string{EnvUser: "zhao"}, []string{"zhaobs2024"}, []string{"export", "--period", "2024", "--out", filepath.Join(dir, "r2.xlsx")}, 0, "用户 zhao 的密码：", ""},
		{"anyone writes the 双公示 sheet", as("li", "lizhifa2024"), nil, []string{"disclosure", "--year", "2024", "--out", filepath.Join(dir, "d.xlsx")}, 0, "", ""},
		{"administrator loads the demo", admin, nil, []string{"demo"}, 0, "", ""},
	}
	for _, c := range cases {
		before := len(activity(t, db))
		r := runWith(t, c.vars, c.typed, append([]string{"--db", db}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("%s: exit %d stderr %q; want exit %d with %q", c.name, r.code, r.stderr, c.code, c.stderr)
		}
		refusal := r.stderr
		if c.typed != nil { // the prompt's line first
			_, refusal, _ = strings.Cut(refusal, "\n")
		}
		if r.code == 1 && strings.Count(strings.TrimSpace(refusal), "\n") > 0 {
			t.Errorf("%s: the refusal is not one line: %q", c.name, r.stderr)
		}
		if c.wrote != "" {
			if _, err := os.Stat(filepath.Join(dir, c.wrote)); err == nil {
				t.Errorf("%s: the refused command wrote %s", c.name, c.wrote)
			}
		}
		if c.code == 0 {
			continue
		}
		// A refusal leaves at most the sign-in in the log: a failed one, or the success
		// before the role check.
		after := activity(t, db)
		for _, e := range after[:len(after)-before] {
			if !strings.HasPrefix(e.Action, "login") {
				t.Errorf("%s: the refused command wrote %s %s", c.name, e.Action, e.Entity)
			}
		}
	}
	// The changes are in the log under the user who made them, never "system".
	byUser := map[string][]string{}
	for _, e := range activity(t, db) {
		if e.Entity == "party" && e.Action == "insert" {
			byUser[e.UserName] = append(byUser[e.UserName], e.Action)
		}
		if e.Entity == "export_record" && e.UserName != "zhao" {
			t.Errorf("the export is recorded as %s's", e.UserName)
		}
	}
	if len(byUser["li"]) != 3 || len(byUser["system"]) != 0 || len(byUser[testUser]) == 0 {
		t.Errorf("enterprises recorded by %v; want li's three imported and the administrator's demo ones", mapLens(byUser))
	}
}

func mapLens(m map[string][]string) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[k] = len(v)
	}
	return out
}

// Five wrong passwords lock the account out, for the command line and the window alike.
func TestRepeatedWrongPasswordsLockTheAccount(t *testing.T) {
	db, _ := ledgerWithUsers(t)
	wrong := map[string]string{EnvUser: "li", EnvPassword: "wrong2024"}
	for i := 1; i <= auth.MaxFailures; i++ {
		r := runWith(t, wrong, nil, "--db", db, "demo")
		want := "用户名或密码不正确。"
		if i == auth.MaxFailures {
			want = "已连续输错 5 次，该账户锁定至 "
		}
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Fatalf("attempt %d: %+v, want %q", i, r, want)
		}
	}
	r := runWith(t, map[string]string{EnvUser: "li", EnvPassword: "lizhifa2024"}, nil, "--db", db, "import", "enterprises", "x.xlsx")
	if r.code != 1 || !strings.Contains(r.stderr, "密码已连续输错 5 次，该账户暂时锁定，请于 ") {
		t.Errorf("the right password during the lock-out: %+v", r)
	}
	o, err := office.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if _, err := o.Users.Login(context.Background(), "li", "lizhifa2024"); err == nil || !strings.Contains(err.Error(), "auth.locked") {
		t.Errorf("the window's sign-in during the lock-out: %v", err)
	}
	// Another account is not locked.
	if r := run(t, "--db", db, "export-catalog", "--out", filepath.Join(t.TempDir(), "c.xlsx")); r.code != 0 {
		t.Errorf("the administrator during li's lock-out: %+v", r)
	}
	var actions []string
	for _, e := range activity(t, db) {
		if e.UserName == "li" {
			actions = append(actions, e.Action)
		}
	}
	if n := strings.Count(strings.Join(actions, " "), "login_failed"); n != auth.MaxFailures || !slices.Contains(actions, "login_locked") {
		t.Errorf("li's attempts in the log: %v", actions)
	}
}

// init takes the administrator's password from TOWNLEDGER_PASSWORD or the terminal, typed
// twice; the old --admin-password is refused without echoing the password, and nothing is
// created.
func TestInitPasswordNeverOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	town := []string{"init", "--town-name", "青石镇", "--town-code", "110105100"}
	cases := []struct {
		name   string
		vars   map[string]string
		typed  []string
		extra  []string
		code   int
		stdout string
		stderr string
	}{
		{"the old flag", nil, nil, []string{"--admin", "wang", "--admin-password", "secret2024"}, 2, "", "--admin-password 已停用"},
		{"the old flag with =", nil, nil, []string{"--admin-password=secret2024"}, 2, "", "请设置环境变量 TOWNLEDGER_PASSWORD"},
		{"a weak password from the environment", map[string]string{EnvPassword: "short"}, nil, nil, 1, "", "密码至少需要 8 个字符"},
		{"a weak password typed is refused before the second prompt", nil, []string{"short"}, nil, 1, "", "密码至少需要 8 个字符"},
		{"typed twice, differently", nil, []string{"wang2024x", "wang2024y"}, nil, 1, "", "两次输入的密码不一致"},
		{"typed twice", nil, []string{"wang2024x", "wang2024x"}, []string{"--admin", "wang"}, 0, "已创建管理员 wang", "管理员 wang 的密码"},
		{"from the environment, named by TOWNLEDGER_USER", map[string]string{EnvUser: "zhou", EnvPassword: "zhou2024x"}, nil, nil, 0, "已创建管理员 zhou", ""},
		{"nothing typed: the administrator later", nil, []string{""}, nil, 0, "尚未创建管理员", ""},
		{"no terminal, no password: the administrator later", nil, nil, nil, 0, "尚未创建管理员", ""},
	}
	for i, c := range cases {
		db := filepath.Join(dir, strings.Repeat("x", i+1)+".db")
		args := append(append([]string{"--db", db}, town...), c.extra...)
		r := runWith(t, c.vars, c.typed, args...)
		if r.code != c.code || !strings.Contains(r.stdout, c.stdout) || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q; want exit %d with %q / %q", c.name, r.code, r.stdout, r.stderr, c.code, c.stdout, c.stderr)
		}
		for _, secret := range []string{"secret2024", "wang2024x", "zhou2024x"} {
			if strings.Contains(r.stdout+r.stderr, secret) {
				t.Errorf("%s: the password shows in the output: %q %q", c.name, r.stdout, r.stderr)
			}
		}
		if _, err := os.Stat(db); c.code == 2 && err == nil {
			t.Errorf("%s: a refused command line created the database", c.name)
		}
	}
	// The administrator made from the terminal signs in.
	wang := map[string]string{EnvUser: "wang", EnvPassword: "wang2024x"}
	if r := runWith(t, wang, nil, "--db", filepath.Join(dir, strings.Repeat("x", 6)+".db"), "demo"); r.code != 0 {
		t.Errorf("demo as the administrator made at the terminal: %+v", r)
	}
	// A ledger whose administrator is still to be made has nobody to sign in as.
	later := filepath.Join(dir, strings.Repeat("x", 9)+".db")
	if r := run(t, "--db", later, "demo"); r.code != 1 || !strings.Contains(r.stderr, "台账中还没有用户账户") {
		t.Errorf("demo on a ledger without accounts: %+v", r)
	}
	// No option of the command line carries a password any more.
	for _, flag := range []string{"--password", "--admin-password"} {
		if r := run(t, "--db", later, flag, "x", "demo"); r.code != 2 {
			t.Errorf("global %s accepted: %+v", flag, r)
		}
	}
}
