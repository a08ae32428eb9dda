package cli

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/mail"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"github.com/zalando/go-keyring"

	"townledger/app/mail/mailtest"
	"townledger/ui/locale"
)

// mailRunner runs command lines on one ledger against the test mail servers, as the
// administrator, on 8 January 2024 (2023-12 and 2023-Q4 are overdue since the 5th).
// mailSetArgs is `mail set` for the address from on the test's servers, over TLS.
func mailSetArgs(srv *mailtest.Servers, from string) []string {
	return []string{"mail", "set", "--from", from, "--smtp-host", mailtest.Host, "--smtp-port", fmt.Sprint(srv.SMTPTLS),
		"--imap-host", mailtest.Host, "--imap-port", fmt.Sprint(srv.IMAPTLS), "--security", "tls"}
}

type mailRunner struct {
	t   *testing.T
	srv *mailtest.Servers
	db  string
}

// run runs args with the mail password mailPW in TOWNLEDGER_MAIL_PASSWORD ("" for none)
// and, unless typed is nil, a terminal that answers password prompts with typed in turn.
func (m mailRunner) run(mailPW string, typed []string, args ...string) result {
	m.t.Helper()
	var out, errb bytes.Buffer
	vars := map[string]string{EnvUser: testUser, EnvPassword: testPassword, EnvMailPassword: mailPW}
	env := Env{Stdout: &out, Stderr: &errb, Version: "9.9.9", MailRoots: m.srv.CA,
		Getenv: func(k string) string { return vars[k] },
		Now:    func() time.Time { return time.Date(2024, 1, 8, 9, 30, 0, 0, time.Local) }}
	if typed != nil {
		env.ReadPassword = func() (string, error) {
			if len(typed) == 0 {
				m.t.Fatal("asked for a password once too often")
			}
			pw := typed[0]
			typed = typed[1:]
			return pw, nil
		}
	}
	code := Run(append([]string{"--db", m.db}, args...), env)
	return result{code, out.String(), errb.String()}
}

// mailStep is one command line and what it must answer: the exit status and substrings of
// stdout and of stderr (each must appear).
type mailStep struct {
	name   string
	mailPW string
	typed  []string
	args   []string
	code   int
	stdout []string
	stderr []string
}

func (m mailRunner) steps(steps []mailStep) {
	m.t.Helper()
	for _, s := range steps {
		r := m.run(s.mailPW, s.typed, s.args...)
		ok := r.code == s.code
		for _, w := range s.stdout {
			ok = ok && strings.Contains(r.stdout, w)
		}
		for _, w := range s.stderr {
			ok = ok && strings.Contains(r.stderr, w)
		}
		if !ok {
			m.t.Errorf("%s: exit %d\nstdout %s\nstderr %s\nwant exit %d with %q / %q", s.name, r.code, r.stdout, r.stderr, s.code, s.stdout, s.stderr)
		}
		refusal := r.stderr
		if s.typed != nil { // the prompt's line first
			_, refusal, _ = strings.Cut(refusal, "\n")
		}
		if r.code != 0 && strings.Count(strings.TrimSpace(refusal), "\n") > 0 {
			m.t.Errorf("%s: the refusal is not one line: %q", s.name, r.stderr)
		}
		if r.code == ExitNothing && r.stderr != "" {
			m.t.Errorf("%s: nothing to do is no failure, but stderr says %q", s.name, r.stderr)
		}
	}
}

// The whole exchange from the command line with no window: the account is entered
// with mail set and tried with mail test, the report goes out with send, the district's
// reply is picked up by send --pending, and status shows each step — with exit 3 where there
// is nothing to do, and refusals that say what to do on the command line.
func TestMailSetTestSendReplyStatus(t *testing.T) {
	keyring.MockInit() // the servers' password goes to a keyring of the test's own
	t.Cleanup(keyring.MockInit)
	srv := mailtest.Start(t)
	m := mailRunner{t: t, srv: srv, db: filepath.Join(t.TempDir(), "cli.db")}
	smtp, imap := fmt.Sprint(srv.SMTPTLS), fmt.Sprint(srv.IMAPTLS)
	down := fmt.Sprint(mailtest.FreePort(t))
	account := []string{"mail", "set", "--from", mailtest.Town, "--smtp-host", mailtest.Host, "--smtp-port", smtp,
		"--imap-host", mailtest.Host, "--imap-port", imap, "--security", "tls"}
	m.steps([]mailStep{
		{"init", "", nil, []string{"init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, nil, nil},
		{"demo", "", nil, []string{"demo"}, 0, nil, nil},
		{"mail alone", "", nil, []string{"mail"}, 2, nil, []string{"“mail”后面须写明要做什么：townledger mail set 或 townledger mail test"}},
		{"test before any account", mailtest.TownPassword, nil, []string{"mail", "test"}, 1, nil,
			[]string{"尚未设置发件邮箱：请管理员运行 townledger mail set --from 邮箱地址"}},
		{"send before any account", mailtest.TownPassword, nil, []string{"send", "--period", "2023-Q4"}, 1, nil,
			[]string{"townledger mail set --from"}},
		{"set without anything", mailtest.TownPassword, nil, []string{"mail", "set"}, 2, nil, []string{"请至少给出 --from 邮箱地址"}},
		{"unknown security", mailtest.TownPassword, nil, []string{"mail", "set", "--from", mailtest.Town, "--security", "ssl"}, 2, nil,
			[]string{"--security 只能是 tls 或 starttls，不能是“ssl”"}},
		{"every wrong field at once, by its flag", mailtest.TownPassword, nil, []string{"mail", "set", "--from", "town", "--smtp-host", "smtp bad",
			"--imap-host", mailtest.Host, "--smtp-port", "９９９９９", "--imap-port", imap, "--district", "yjj@"}, 1, nil,
			[]string{"--smtp-host：服务器地址“smtp bad”不正确", "--smtp-port：端口“９９９９９”不正确", "--from：发件地址“town”不是有效的邮箱地址；", "--district：“yjj@”不是有效的电子邮箱地址。"}},
		{"a refused set saved nothing", mailtest.TownPassword, nil, []string{"mail", "test"}, 1, nil, []string{"尚未设置发件邮箱"}},
		{"set, password from the environment", mailtest.TownPassword, nil, append(account, "--district", mailtest.District), 0,
			[]string{"已保存区局收件邮箱：" + mailtest.District, "已保存发件邮箱 " + mailtest.Town + "（登录账号 " + mailtest.Town + "）：发信服务器 127.0.0.1:" + smtp + "（tls）",
				"已把环境变量 TOWNLEDGER_MAIL_PASSWORD 中的密码保存到本机系统凭据管理器", "运行 townledger mail test"}, nil},
		{"test with the saved password", "", nil, []string{"mail", "test"}, 0,
			[]string{"第 1 步 连接发信服务器 127.0.0.1:" + smtp + "：成功", "第 2 步 登录发信服务器：成功", "第 3 步 连接收信服务器 127.0.0.1:" + imap + "：成功",
				"第 4 步 登录收信服务器：成功", "第 5 步 查找“已发送”文件夹：邮箱里还没有“已发送”文件夹，第一次报送时会新建“Sent”", "测试通过"}, nil},
		{"a wrong password in the environment", "wrong", nil, []string{"mail", "test"}, 1,
			[]string{"第 1 步 连接发信服务器 127.0.0.1:" + smtp + "：成功", "第 2 步 登录发信服务器：失败"},
			[]string{"第 2 步（登录发信服务器）失败：邮件服务器 127.0.0.1:" + smtp + " 拒绝登录：环境变量 TOWNLEDGER_MAIL_PASSWORD 中的密码（或登录账号）不正确。请改正该环境变量，或运行 townledger mail set 保存正确的密码。"}},
		{"a server that is down", "", nil, []string{"mail", "set", "--smtp-port", down}, 0, []string{"密码未更改，仍使用本机已保存的密码"}, nil},
		{"test names the step and the flags", "", nil, []string{"mail", "test"}, 1, []string{"第 1 步 连接发信服务器 127.0.0.1:" + down + "：失败"},
			[]string{"第 1 步（连接发信服务器 127.0.0.1:" + down + "）失败：无法连接邮件服务器", "在命令行中：核对服务器地址和端口，用 townledger mail set --smtp-host 主机 --smtp-port 端口 改正"}},
		// STARTTLS on both servers: the ports follow unless given.
		{"starttls", "", []string{""}, []string{"mail", "set", "--security", "starttls", "--smtp-port", fmt.Sprint(srv.SMTPStartTLS),
			"--imap-port", fmt.Sprint(srv.IMAPStartTLS)}, 0, []string{"（starttls）", "密码未更改"}, []string{"直接回车则不更改已保存的密码"}},
		{"test over starttls", "", nil, []string{"mail", "test"}, 0, []string{"第 4 步 登录收信服务器：成功", "测试通过"}, nil},
		{"back to tls, password typed", "", []string{mailtest.TownPassword}, account, 0, []string{"密码已保存到本机系统凭据管理器"}, nil},
		// The report goes out with the saved password; twice is nothing to do.
		{"send", "", nil, []string{"send", "--period", "2023-Q4"}, 0, []string{"已发送 2023-Q4 第 1 版"}, nil},
		{"send again, unchanged", "", nil, []string{"send", "--period", "2023-Q4"}, 3, []string{"2023-Q4 第 1 版已于", "数据没有变化，不再重复发送"}, nil},
		{"pending, nothing waits", "", nil, []string{"send", "--pending"}, 3, []string{"待发送队列中没有报表，没有要发送的。"}, nil},
		{"status before the reply", "", nil, []string{"status", "--year", "2023"}, 0, []string{"2023 年各报告期报送情况：",
			"2023-12（2023年12月，截止 2024-01-05）：已逾期，尚未报送",
			"2023-Q4（2023年第四季度，截止 2024-01-05）：第 1 版已于 ",
			" 发送，待区局确认；区局未要求此类报告期"}, nil},
	})
	// The district answers the report as a person would, with 回复： and In-Reply-To.
	if n := len(srv.Inbox(t, mailtest.District)); n != 1 {
		t.Fatalf("the district received %d messages, want 1", n)
	}
	id, subject := received(t, srv, "2023年第四季度")
	srv.Reply(t, mailtest.District, mailtest.Town, id, "回复："+subject)
	m.steps([]mailStep{
		{"pending picks the reply up", "", nil, []string{"send", "--pending"}, 0, []string{"区局已回复确认 2023-Q4 第 1 版"}, nil},
		{"pending once more", "", nil, []string{"send", "--pending"}, 3, []string{"待发送队列中没有报表"}, nil},
		{"status after the reply", "", nil, []string{"status", "--year", "2023"}, 0,
			[]string{"2023-Q4（2023年第四季度，截止 2024-01-05）：第 1 版已于 ", " 发送，区局已确认收到（"}, nil},
		{"status in English", "", nil, []string{"--lang", "en", "status", "--year", "2023"}, 0,
			[]string{"Reporting periods of 2023:", "\n2023-12 (due 2024-01-05): overdue, not sent\n", "2023-Q4 (Q4 2023, due 2024-01-05): version 1 sent ", "acknowledged by the district"}, nil},
		{"status of this year by default", "", nil, []string{"status"}, 0, []string{"2024 年各报告期报送情况：", "2024-01（2024年1月，截止 2024-02-05）：尚未结束"}, nil},
		{"status of a wrong year", "", nil, []string{"status", "--year", "24"}, 2, nil, []string{"“24”不是有效年份"}},
		// A sent copy is in the town's mailbox now: the test finds the folder.
		{"test finds the Sent folder", "", nil, []string{"mail", "test"}, 0, []string{"第 5 步 查找“已发送”文件夹：找到“"}, nil},
		{"send December", "", nil, []string{"send", "--period", "2023-12"}, 0, []string{"已发送 2023-12 第 1 版"}, nil},
	})
	if n := len(srv.Inbox(t, mailtest.District)); n != 2 {
		t.Errorf("the district received %d messages, want 2: mail test or a repeated send sent something", n)
	}
	// The district sends December back, saying why, as TownLedger's receipt headers say it.
	id, subject = received(t, srv, "2023年12月")
	srv.Deliver(t, mailtest.Town, "INBOX", []byte("From: <"+mailtest.District+">\r\nTo: <"+mailtest.Town+">\r\n"+
		"Subject: "+mime.BEncoding.Encode("utf-8", "回复："+subject)+"\r\nMessage-ID: <"+mailtest.RandomID()+">\r\n"+
		"Date: "+time.Now().Format(time.RFC1123Z)+"\r\nIn-Reply-To: "+id+"\r\nReferences: "+id+"\r\n"+
		"X-TownLedger-Receipt: rejected\r\nX-TownLedger-Reason: "+mime.BEncoding.Encode("utf-8", "表3数字有误")+"\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n请改正后重报。\r\n"))
	m.steps([]mailStep{
		{"pending picks the rejection up", "", nil, []string{"send", "--pending"}, 0, []string{"区局退回了 2023-12 第 1 版：表3数字有误"}, nil},
		{"status shows it sent back", "", nil, []string{"status", "--year", "2023"}, 0,
			[]string{"2023-12（2023年12月，截止 2024-01-05）：第 1 版已被区局退回（", "）：表3数字有误；请按退回原因改正数据，再运行 townledger send --period 2023-12 报送新版本"}, nil},
	})
}

// received finds the message the district received whose subject holds label, and returns
// its Message-ID and its subject, decoded.
func received(t *testing.T, srv *mailtest.Servers, label string) (id, subject string) {
	t.Helper()
	for _, raw := range srv.Inbox(t, mailtest.District) {
		msg, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(subject, label) {
			return msg.Header.Get("Message-Id"), subject
		}
	}
	t.Fatalf("the district received no report of %s", label)
	return "", ""
}

// Without a credential store the account is still saved and the command line says where the
// password must come from instead.
func TestMailSetWithoutAKeyring(t *testing.T) {
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	t.Cleanup(keyring.MockInit)
	srv := mailtest.Start(t)
	m := mailRunner{t: t, srv: srv, db: filepath.Join(t.TempDir(), "cli.db")}
	m.steps([]mailStep{
		{"init", "", nil, []string{"init", "--town-name", "青石镇", "--town-code", "110105100", "--district-email", mailtest.District}, 0, nil, nil},
		{"set", mailtest.TownPassword, nil, []string{"mail", "set", "--from", mailtest.Town, "--smtp-host", mailtest.Host, "--smtp-port", fmt.Sprint(srv.SMTPTLS),
			"--imap-host", mailtest.Host, "--imap-port", fmt.Sprint(srv.IMAPTLS)}, 0,
			[]string{"已保存发件邮箱", "这台电脑没有可用的系统凭据管理器，邮箱密码未能保存：发送和测试时请设置环境变量 TOWNLEDGER_MAIL_PASSWORD。"}, nil},
		{"test without the variable", "", nil, []string{"mail", "test"}, 1, nil, []string{"没有邮箱密码", "townledger mail set"}},
		{"test with it", mailtest.TownPassword, nil, []string{"mail", "test"}, 0, []string{"测试通过"}, nil},
		{"send with a wrong one stays queued", "wrong", nil, []string{"send", "--period", "2023-Q4"}, 1, nil,
			[]string{"已留在待发送队列中，改正后运行 townledger send --pending 重发", "环境变量 TOWNLEDGER_MAIL_PASSWORD 中的密码（或登录账号）不正确"}},
	})
}

// A known provider's servers are filled in from the address alone, as the window does.
func TestMailSetFillsInAKnownProvider(t *testing.T) {
	keyring.MockInit()
	t.Cleanup(keyring.MockInit)
	m := mailRunner{t: t, srv: &mailtest.Servers{}, db: filepath.Join(t.TempDir(), "cli.db")}
	m.steps([]mailStep{
		{"init", "", nil, []string{"init", "--town-name", "青石镇", "--town-code", "110105100"}, 0, nil, nil},
		{"163", "authcode", nil, []string{"mail", "set", "--from", "xxzhen@163.com"}, 0,
			[]string{"已按 163.com 邮箱公布的设置填入服务器。", "发信服务器 smtp.163.com:465（tls），收信服务器 imap.163.com:993（tls）"}, nil},
		{"another login kept apart", "", nil, []string{"mail", "set", "--login", "xxzhen"}, 0, []string{"已保存发件邮箱 xxzhen@163.com（登录账号 xxzhen）", "smtp.163.com:465"}, nil},
		// Servers entered by hand stay when the address is given again.
		{"a port by hand", "", nil, []string{"mail", "set", "--smtp-port", "994"}, 0, []string{"smtp.163.com:994"}, nil},
		{"the same address again", "", nil, []string{"mail", "set", "--from", "xxzhen@163.com"}, 0, []string{"smtp.163.com:994"}, nil},
		{"a new provider", "", nil, []string{"mail", "set", "--from", "xxzhen@qq.com"}, 0, []string{"已按 qq.com 邮箱公布的设置填入服务器。", "smtp.qq.com:465"}, nil},
		{"only the district", "", nil, []string{"mail", "set", "--district", "yjj@example.gov.cn"}, 0, []string{"已保存区局收件邮箱：yjj@example.gov.cn"}, nil},
	})
}

// mail set is the administrator's, as the window's mail settings are; mail test the
// exporter's, who sends; status anyone's.
func TestMailAndStatusCommandsCheckRoles(t *testing.T) {
	db, _ := ledgerWithUsers(t)
	as := func(user, pw string) map[string]string { return map[string]string{EnvUser: user, EnvPassword: pw} }
	for _, c := range []struct {
		name   string
		vars   map[string]string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"exporter may not set the account", as("zhao", "zhaobs2024"), []string{"mail", "set", "--from", "a@163.com"}, 1, "", "用户 zhao 的角色无权执行 mail set，需要以下角色之一：管理员。"},
		{"officer may not test it", as("li", "lizhifa2024"), []string{"mail", "test"}, 1, "", "用户 li 的角色无权执行 mail test，需要以下角色之一：管理员、报送员。"},
		{"exporter tests it", as("zhao", "zhaobs2024"), []string{"mail", "test"}, 1, "", "尚未设置发件邮箱"},
		{"officer reads the status", as("li", "lizhifa2024"), []string{"status", "--year", "2024"}, 0, "2024 年各报告期报送情况：", ""},
	} {
		r := runWith(t, c.vars, nil, append([]string{"--db", db}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stdout, c.stdout) || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("%s: exit %d stdout %q stderr %q; want exit %d with %q / %q", c.name, r.code, r.stdout, r.stderr, c.code, c.stdout, c.stderr)
		}
	}
}

// --help names every kind of template the program writes, the new commands and exit 3.
func TestHelpNamesEveryTemplateKindAndExitCode(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		r := run(t, "--lang", lang, "--help")
		var kinds []string
		for _, k := range importKinds {
			kinds = append(kinds, k.name)
		}
		if want := strings.Join(kinds, " ") + "）"; lang == "zh-Hans" && !strings.Contains(r.stdout, "（类型："+want) ||
			lang == "en" && !strings.Contains(r.stdout, "(kinds: "+strings.TrimSuffix(want, "）")+")") {
			t.Errorf("%s --help does not name the template kinds %v:\n%s", lang, kinds, r.stdout)
		}
		if !slices.Contains(kinds, "activities") {
			t.Errorf("no activities among the kinds %v", kinds)
		}
		for _, w := range []string{"mail set", "mail test", "status", "3 "} {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s --help does not say %q", lang, w)
			}
		}
	}
}

// Every message key the mail and status commands use is translated in both languages.
func TestMailAndStatusKeysAreTranslated(t *testing.T) {
	var keys []string
	for _, st := range statusStates {
		keys = append(keys, "cli.status.state."+st)
	}
	keys = append(keys, "cli.mail.auth_env", "cli.mail.auth_saved", "cli.mail.no_account", "cli.mail.no_district",
		"cli.mail.recipient", "cli.mail.flag", "cli.mail.test.failed", "cli.mail.no_district_address", "cli.subcommand", "cli.or")
	for _, lang := range []string{"zh-Hans", "en"} {
		have, err := locale.Keys(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if !slices.Contains(have, k) {
				t.Errorf("%s: %s is not translated", lang, k)
			}
		}
	}
}

// The instructions sheet of every template introduces each example once: "示例：春节", never
// "示例：示例：春节" for an example that already says it is one.
func TestTemplateHelpSaysExampleOnce(t *testing.T) {
	dir := t.TempDir()
	examples := 0
	for _, k := range importKinds {
		path := filepath.Join(dir, k.name+".xlsx")
		if r := run(t, "--db", filepath.Join(dir, "none.db"), "template", k.name, "--out", path); r.code != 0 {
			t.Fatalf("template %s: %+v", k.name, r)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				for _, cell := range row {
					examples += strings.Count(cell, "示例：")
					if strings.Contains(cell, "示例：示例：") {
						t.Errorf("template %s, sheet %s: %q", k.name, sheet, cell)
					}
				}
			}
		}
		f.Close()
	}
	if examples < len(importKinds) {
		t.Errorf("the templates show only %d examples: the sheets were not read", examples)
	}
}
