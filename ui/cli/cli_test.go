package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"townledger/app/instance"
)

type result struct {
	code           int
	stdout, stderr string
}

// The administrator the tests' init creates and their commands run as.
const (
	testUser     = "admin"
	testPassword = "admin2024"
)

// run runs a command line as a script would, with the administrator's name and password in
// TOWNLEDGER_USER and TOWNLEDGER_PASSWORD.
func run(t *testing.T, args ...string) result {
	t.Helper()
	return runWith(t, map[string]string{EnvUser: testUser, EnvPassword: testPassword}, nil, args...)
}

// runWith runs a command line with the given environment and, unless nil, a terminal that
// answers password prompts with typed in turn.
func runWith(t *testing.T, vars map[string]string, typed []string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Version: "9.9.9",
		Getenv: func(k string) string { return vars[k] },
		Now:    func() time.Time { return time.Date(2024, 11, 20, 9, 30, 0, 0, time.Local) }}
	if typed != nil {
		env.ReadPassword = func() (string, error) {
			if len(typed) == 0 {
				t.Fatal("asked for a password once too often")
			}
			pw := typed[0]
			typed = typed[1:]
			return pw, nil
		}
	}
	code := Run(args, env)
	return result{code, out.String(), errb.String()}
}

func TestCommandsExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	garbage := filepath.Join(dir, "junk.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("junk"), 1000), 0o600)
	steps := []step{
		{"version", []string{"--version"}, 0, "TownLedger 9.9.9", ""},
		{"help in Chinese", []string{"--help"}, 0, "用法：townledger", ""},
		{"help in English", []string{"--lang", "en", "--help"}, 0, "Usage: townledger", ""},
		{"no window in tests", []string{"--db", db}, 2, "", "用法"},
		{"unknown command", []string{"--db", db, "frob"}, 2, "", "未知命令“frob”"},
		{"unknown language", []string{"--lang", "fr", "--version"}, 2, "", "不支持的语言“fr”"},
		{"bad flag", []string{"--db", db, "init", "--nope"}, 2, "", "命令行参数有误"},
		{"demo before init", []string{"--db", db, "demo"}, 1, "", "找不到数据库文件 " + db + "；请检查 --db 路径，或先运行 townledger init"},
		{"init with a short code", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "1101051"}, 1, "", "实际为7位"},
		{"init without a name, in English", []string{"--lang", "en", "--db", db, "init", "--town-code", "110105100"}, 1, "", "Enter the town's name."},
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100000", "--district-email", "yjj@example.gov.cn"}, 0, "青石镇（乡镇代码 110105100）", ""},
		{"init twice", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 1, "", "已完成设置"},
		{"demo", []string{"--db", db, "demo"}, 0, "赋权事项 8 项", ""},
		{"demo twice", []string{"--db", db, "demo"}, 1, "", "不会重复加载"},
		{"verify", []string{"--db", db, "verify"}, 0, "校验通过", ""},
		{"backup", []string{"--db", db, "backup", "--out", filepath.Join(dir, "b.db")}, 0, "备份已保存并校验", ""},
		{"backup onto an existing file", []string{"--db", db, "backup", "--out", filepath.Join(dir, "b.db")}, 1, "", "备份文件已存在，不会覆盖"},
		{"verify the backup", []string{"--db", filepath.Join(dir, "b.db"), "verify"}, 0, "校验通过", ""},
		{"verify a missing file", []string{"--db", filepath.Join(dir, "none.db"), "verify"}, 1, "", "数据库文件不存在"},
		{"a file that is no database", []string{"--db", garbage, "demo"}, 1, "", "不是本程序的数据库"},
		{"stray argument", []string{"--db", db, "verify", "extra"}, 2, "", "多余的参数：extra"},
	}
	runSteps(t, steps)
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("verify created the missing database")
	}
}

// step is one command line and what it must answer: the exit status and a substring of
// stdout and of stderr.
type step struct {
	name   string
	args   []string
	code   int
	stdout string
	stderr string
}

// runSteps runs each step in turn; a refusal (exit 1) must say why in one line.
func runSteps(t *testing.T, steps []step) {
	t.Helper()
	for _, s := range steps {
		r := run(t, s.args...)
		if r.code != s.code || !strings.Contains(r.stdout, s.stdout) || !strings.Contains(r.stderr, s.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q; want exit %d with %q / %q", s.name, r.code, r.stdout, r.stderr, s.code, s.stdout, s.stderr)
		}
		if r.code == 1 && strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("%s: failure reason is not one line: %q", s.name, r.stderr)
		}
	}
}

// restore puts a backup back, refuses junk and a ledger a window holds, and keeps the ledger
// as it was.
func TestRestoreCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	b := filepath.Join(dir, "b.db")
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("junk"), 1000), 0o600)
	runSteps(t, []step{
		{"init", []string{"--db", db, "init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, "青石镇", ""},
		{"backup", []string{"--db", db, "backup", "--out", b}, 0, "备份已保存并校验", ""},
		{"demo after the backup", []string{"--db", db, "demo"}, 0, "示范数据已加载", ""},
		{"no file", []string{"--db", db, "restore"}, 2, "", "用法：townledger restore"},
		{"junk", []string{"--db", db, "restore", junk}, 1, "", "不是可用的台账备份"},
		{"restore", []string{"--db", db, "restore", b}, 0, "已从备份恢复", ""},
		// The demo was loaded after the backup: restored, it can be loaded again.
		{"demo again", []string{"--db", db, "demo"}, 0, "示范数据已加载", ""},
	})
	claim, err := instance.Claim(db, func() {})
	if err != nil {
		t.Fatal(err)
	}
	defer claim.Close()
	runSteps(t, []step{{"a window holds the ledger", []string{"--db", db, "restore", b}, 1, "", "请先关闭窗口"}})
	kept, _ := filepath.Glob(filepath.Join(dir, "backups", "*-before-restore.db"))
	if len(kept) != 1 {
		t.Errorf("the ledger as it was before the restore: %v", kept)
	}
	claim.Close()
	// A new PC (no ledger yet) and a ledger too damaged to open: the administrator signs in
	// on the backup, which must then be the ledger.
	fresh := filepath.Join(t.TempDir(), "new.db")
	broken := filepath.Join(t.TempDir(), "broken.db")
	os.WriteFile(broken, bytes.Repeat([]byte("junk"), 1000), 0o600)
	runSteps(t, []step{
		{"restore onto a new PC", []string{"--db", fresh, "restore", b}, 0, "已从备份恢复", ""},
		{"the restored ledger", []string{"--db", fresh, "verify"}, 0, "校验通过", ""},
		{"restore over a damaged file", []string{"--db", broken, "restore", b}, 0, "已从备份恢复", ""},
	})
	if r := runWith(t, map[string]string{EnvUser: testUser, EnvPassword: "wrong-password1"}, nil,
		"--db", filepath.Join(t.TempDir(), "none.db"), "restore", b); r.code != 1 {
		t.Errorf("a wrong password on the backup restored it: %+v", r)
	}
}
