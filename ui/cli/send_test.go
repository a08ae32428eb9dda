package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"path/filepath"

	townmail "townledger/app/mail"
	"townledger/app/mail/mailtest"
	"townledger/app/office"
	"townledger/app/outbox"
)

// A scheduled task sends the quarter's report, is told not to send unchanged data twice,
// and picks up the district's reply with send --pending.
func TestSendCommand(t *testing.T) {
	srv := mailtest.Start(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	runMail := func(password string, args ...string) result {
		t.Helper()
		var out, errb bytes.Buffer
		env := Env{Stdout: &out, Stderr: &errb, Version: "9.9.9", MailRoots: srv.CA,
			Getenv: func(k string) string {
				return map[string]string{EnvMailPassword: password, EnvUser: testUser, EnvPassword: testPassword}[k]
			},
			Now: func() time.Time { return time.Date(2024, 1, 8, 9, 30, 0, 0, time.Local) }}
		return result{Run(append([]string{"--db", db}, args...), env), out.String(), errb.String()}
	}
	for _, s := range [][]string{{"init", "--town-name", "青石镇", "--town-code", "110105100", "--district-email", mailtest.District}, {"demo"}} {
		if r := runMail("", s...); r.code != 0 {
			t.Fatalf("%v: %+v", s, r)
		}
	}
	if r := runMail("", "send", "--period", "2023-Q4"); r.code != 1 || !strings.Contains(r.stderr, "尚未设置发件邮箱") {
		t.Fatalf("without an account: %+v", r)
	}
	o, err := office.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	cfg := outbox.Config{SMTPHost: mailtest.Host, SMTPPort: srv.SMTPTLS, SMTPSecurity: townmail.TLS,
		IMAPHost: mailtest.Host, IMAPPort: srv.IMAPTLS, IMAPSecurity: townmail.TLS, Username: mailtest.Town}
	admin, err := o.Users.Login(context.Background(), testUser, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Outbox.Save(context.Background(), admin, cfg, ""); err != nil {
		t.Fatal(err)
	}
	o.Close()

	steps := []struct {
		name, password string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"neither period nor pending", mailtest.TownPassword, []string{"send"}, 2, "", "请用 --period 指定报告期"},
		{"no password anywhere", "", []string{"send", "--period", "2023-Q4"}, 1, "", "TOWNLEDGER_MAIL_PASSWORD"},
		{"wrong password stays queued", "wrong", []string{"send", "--period", "2023-Q4"}, 1, "正在发送", "已留在待发送队列中，改正后运行 townledger send --pending 重发：邮件服务器 127.0.0.1"},
		{"pending, mended", mailtest.TownPassword, []string{"send", "--pending"}, 0, "已发送 2023-Q4 第 1 版", ""},
		{"again, unchanged: nothing to do", mailtest.TownPassword, []string{"send", "--period", "2023-Q4"}, 3, "不再重复发送", ""},
		{"another period", mailtest.TownPassword, []string{"--lang", "en", "send", "--period", "2023-12"}, 0, "Sent 2023-12 version 1", ""},
		// A monthly scheduled task: the month before last is still unsent.
		{"due", mailtest.TownPassword, []string{"send", "--due"}, 0, "已发送 2023-11 第 1 版", ""},
		{"due, nothing left", mailtest.TownPassword, []string{"send", "--due"}, 3, "没有到期未报的报告期", ""},
		{"two modes at once", mailtest.TownPassword, []string{"send", "--due", "--pending"}, 2, "", "三者选一"},
	}
	for _, s := range steps {
		r := runMail(s.password, s.args...)
		if r.code != s.code || !strings.Contains(r.stdout, s.stdout) || !strings.Contains(r.stderr, s.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q; want exit %d with %q / %q", s.name, r.code, r.stdout, r.stderr, s.code, s.stdout, s.stderr)
		}
		if r.code != 0 && strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("%s: failure reason is not one line: %q", s.name, r.stderr)
		}
	}
	if n := len(srv.Inbox(t, mailtest.District)); n != 3 {
		t.Errorf("district inbox holds %d reports, want 3", n)
	}
	subject := "【数据报送】青石镇-2023年第四季度-v1"
	srv.Reply(t, mailtest.District, mailtest.Town, "", "回复："+subject)
	if r := runMail(mailtest.TownPassword, "send", "--pending"); r.code != 0 || !strings.Contains(r.stdout, "区局已回复确认 2023-Q4 第 1 版") {
		t.Errorf("reply: %+v", r)
	}
}
