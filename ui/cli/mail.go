package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	townmail "townledger/app/mail"
	"townledger/app/outbox"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/ui/locale"
)

// runMailSet enters the office's mail account, as the window's 设置 → 邮件与报送 does, for a
// computer without a window or a script that sets up a new PC:
//
//	townledger mail set --from xxzhen@163.com            (163, 126, QQ …: the servers are filled in)
//	townledger mail set --from a@b.gov.cn --smtp-host smtp.b.gov.cn --imap-host imap.b.gov.cn
//	                    [--smtp-port 465] [--imap-port 993] [--security tls|starttls]
//	                    [--login NAME] [--district yjj@example.gov.cn]
//
// Flags left out keep what is saved. The password (a provider's 授权码) comes from
// TOWNLEDGER_MAIL_PASSWORD or is typed at the terminal without showing (Enter keeps the saved
// one); it goes to the system's credential store, never to the ledger. The mail login is
// --login, not --user, which names the TownLedger user the command runs as.
func runMailSet(ctx context.Context, c *call) error {
	var from, login, smtpHost, imapHost, smtpPort, imapPort, security, smtpSec, imapSec, district string
	var given *flag.FlagSet
	err := c.flags("mail set", func(fs *flag.FlagSet) {
		given = fs
		fs.StringVar(&from, "from", "", "")
		fs.StringVar(&login, "login", "", "")
		fs.StringVar(&smtpHost, "smtp-host", "", "")
		fs.StringVar(&smtpPort, "smtp-port", "", "")
		fs.StringVar(&imapHost, "imap-host", "", "")
		fs.StringVar(&imapPort, "imap-port", "", "")
		fs.StringVar(&security, "security", "", "")
		fs.StringVar(&smtpSec, "smtp-security", "", "")
		fs.StringVar(&imapSec, "imap-security", "", "")
		fs.StringVar(&district, "district", "", "")
	})
	if err != nil {
		return err
	}
	set := map[string]bool{} // the flags given: the others keep what is saved
	given.Visit(func(f *flag.Flag) { set[f.Name] = true })
	secs := map[string]townmail.Security{}
	for name, v := range map[string]string{"security": security, "smtp-security": smtpSec, "imap-security": imapSec} {
		if !set[name] {
			continue
		}
		switch s := townmail.Security(strings.ToLower(strings.TrimSpace(v))); s {
		case townmail.TLS, townmail.StartTLS:
			secs[name] = s
		default:
			return usageError{locale.T("cli.mail.bad_security", map[string]any{"Flag": "--" + name, "Value": v})}
		}
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	cfg, err := o.Outbox.Load(ctx)
	if err != nil {
		return err
	}
	before := cfg
	account := len(set) > 0 && !(len(set) == 1 && set["district"])
	if !account && !set["district"] && !cfg.Configured() {
		return usageError{locale.T("cli.mail.set_usage")}
	}
	var guessed string
	if account || !set["district"] {
		from, login = strings.TrimSpace(from), strings.TrimSpace(login)
		if set["from"] {
			if !set["login"] && (cfg.Username == "" || cfg.Username == cfg.From) {
				cfg.Username = from // the usual case: the login is the address
			}
			cfg.From = from
		}
		if set["login"] {
			cfg.Username = login
		}
		// A known provider's servers, as the window fills them in when the address is typed:
		// for a new account or a new provider, so servers entered by hand stay.
		domain := func(a string) string { return strings.ToLower(a[strings.LastIndexByte(a, '@')+1:]) }
		if g, ok := outbox.Guess(from); ok && set["from"] && !set["smtp-host"] && !set["imap-host"] &&
			(cfg.SMTPHost == "" || domain(from) != domain(before.From)) {
			cfg.SMTPHost, cfg.SMTPPort, cfg.SMTPSecurity = g.SMTPHost, g.SMTPPort, g.SMTPSecurity
			cfg.IMAPHost, cfg.IMAPPort, cfg.IMAPSecurity = g.IMAPHost, g.IMAPPort, g.IMAPSecurity
			guessed = domain(from)
		}
		if set["smtp-host"] {
			cfg.SMTPHost = strings.TrimSpace(smtpHost)
		}
		if set["imap-host"] {
			cfg.IMAPHost = strings.TrimSpace(imapHost)
		}
		// A security chosen without a port takes its usual port (465/587, 993/143).
		for _, sv := range []struct {
			name     string
			sec      *townmail.Security
			port     *int
			tls, stl int
			portFlag string
		}{{"smtp-security", &cfg.SMTPSecurity, &cfg.SMTPPort, 465, 587, "smtp-port"},
			{"imap-security", &cfg.IMAPSecurity, &cfg.IMAPPort, 993, 143, "imap-port"}} {
			s, ok := secs[sv.name]
			if !ok {
				s, ok = secs["security"]
			}
			if !ok {
				continue
			}
			*sv.sec = s
			if !set[sv.portFlag] {
				*sv.port = sv.tls
				if s == townmail.StartTLS {
					*sv.port = sv.stl
				}
			}
		}
	}
	var l problem.List
	for _, p := range []struct {
		flag, field, text string
		port              *int
	}{{"smtp-port", outbox.FieldSMTPPort, smtpPort, &cfg.SMTPPort}, {"imap-port", outbox.FieldIMAPPort, imapPort, &cfg.IMAPPort}} {
		if !set[p.flag] {
			continue
		}
		n, err := outbox.ReadPort(p.field, p.text)
		if err != nil {
			l = append(l, problem.From(err))
			continue
		}
		*p.port = n
	}
	if account || !set["district"] {
		l = append(l, cfg.Check()...)
	}
	if set["district"] {
		if err := setup.CheckEmail(district); err != nil {
			l = append(l, problem.From(err))
		} else if strings.TrimSpace(district) == "" {
			l = append(l, problem.OnField(setup.FieldDistrictEmail, "cli.mail.no_district_address", nil))
		}
	}
	if len(l) > 0 {
		return onFlags(l)
	}
	if set["district"] {
		if err := o.Outbox.SetDistrictEmail(ctx, c.by, district); err != nil {
			return onFlags(err)
		}
		c.say("cli.mail.district_saved", map[string]any{"Address": strings.TrimSpace(district)})
		if !account {
			return nil
		}
	}
	pw, fromEnv := c.env.Getenv(EnvMailPassword), true
	if pw == "" {
		fromEnv = false
		if pw, err = c.typedPassword("cli.mail.password_prompt", map[string]any{"Login": cfg.Username}); err != nil {
			return err
		}
	}
	err = o.Outbox.Save(ctx, c.by, cfg, pw)
	noKeyring := false
	if p := problem.From(err); p != nil && p.Key == townmail.KeyNoKeyring {
		noKeyring, err = true, nil // the account is saved; the password has nowhere to go
	}
	if err != nil {
		return onFlags(err)
	}
	if guessed != "" {
		c.say("cli.mail.guessed", map[string]any{"Domain": guessed})
	}
	c.say("cli.mail.saved", accountData(cfg))
	switch saved, _ := outbox.Password(cfg); {
	case noKeyring:
		c.say("cli.mail.no_keyring", map[string]any{"Env": EnvMailPassword})
	case pw != "" && fromEnv:
		c.say("cli.mail.password_saved_env", map[string]any{"Env": EnvMailPassword})
	case pw != "":
		c.say("cli.mail.password_saved", nil)
	case saved != "":
		c.say("cli.mail.password_kept", nil)
	default:
		c.say("cli.mail.password_none", map[string]any{"Env": EnvMailPassword})
	}
	c.say("cli.mail.next", nil)
	return nil
}

// typedPassword asks for a password at the terminal without showing it; "" when there is no
// terminal or Enter alone was pressed.
func (c *call) typedPassword(promptKey string, data map[string]any) (string, error) {
	if c.env.ReadPassword == nil {
		return "", nil
	}
	fmt.Fprint(c.env.Stderr, locale.T(promptKey, data))
	pw, err := c.env.ReadPassword()
	fmt.Fprintln(c.env.Stderr)
	if err != nil {
		return "", fmt.Errorf("read the mail password from the terminal: %w", err)
	}
	return pw, nil
}

// accountData is what the account lines say about an account.
func accountData(cfg outbox.Config) map[string]any {
	from := cfg.From
	if from == "" {
		from = cfg.Username
	}
	sec := func(s townmail.Security) string {
		if s == townmail.StartTLS {
			return "starttls"
		}
		return "tls"
	}
	return map[string]any{"From": from, "Login": cfg.Username,
		"SMTP": fmt.Sprintf("%s:%d", cfg.SMTPHost, cfg.SMTPPort), "SMTPSec": sec(cfg.SMTPSecurity),
		"IMAP": fmt.Sprintf("%s:%d", cfg.IMAPHost, cfg.IMAPPort), "IMAPSec": sec(cfg.IMAPSecurity)}
}

// flagOf names the command-line flag of a form field of the mail account.
var flagOf = map[string]string{outbox.FieldSMTPHost: "--smtp-host", outbox.FieldSMTPPort: "--smtp-port",
	outbox.FieldIMAPHost: "--imap-host", outbox.FieldIMAPPort: "--imap-port", outbox.FieldUsername: "--login",
	outbox.FieldFrom: "--from", setup.FieldDistrictEmail: "--district"}

// onFlags names, in front of each refusal about a form field, the flag that sets it.
func onFlags(err error) error {
	var in problem.List
	if !asList(err, &in) {
		p := problem.From(err)
		if p == nil || flagOf[p.Field] == "" {
			return err
		}
		in = problem.List{p}
	}
	out := make(problem.List, len(in))
	for i, p := range in {
		out[i] = p
		if f := flagOf[p.Field]; f != "" {
			out[i] = &problem.Error{Key: "cli.mail.flag", Data: map[string]any{"Flag": f, "Detail": locale.T(p.Key, p.Data)}, Field: p.Field, Err: p}
		}
	}
	return out
}

func asList(err error, l *problem.List) bool { return errors.As(err, l) }

// runMailTest tries the saved account step by step without sending anything: reach the SMTP
// server, log in, reach the IMAP server, log in, find the Sent folder. Each step is said as it
// ends; the first that fails ends the test (exit 1) saying what to do about it here.
func runMailTest(ctx context.Context, c *call) error {
	if err := c.flags("mail test", func(*flag.FlagSet) {}); err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	cfg, err := o.Outbox.Load(ctx)
	if err != nil {
		return err
	}
	if !cfg.Configured() {
		return c.mailWords(problem.New(outbox.KeyNoAccount, nil))
	}
	pw := c.env.Getenv(EnvMailPassword)
	if pw == "" {
		if pw, err = outbox.Password(cfg); err != nil {
			return err
		}
	}
	if pw == "" {
		if pw, err = c.typedPassword("cli.mail.password_ask", map[string]any{"Login": cfg.Username}); err != nil {
			return err
		}
	}
	if pw == "" {
		return problem.New("cli.send.no_password", map[string]any{"Env": EnvMailPassword})
	}
	acct := cfg.Account(pw)
	acct.RootCAs = c.env.MailRoots
	c.say("cli.mail.test.start", accountData(cfg))
	var failed outbox.ProbeStep
	err = outbox.Probe(ctx, cfg, acct, func(s outbox.ProbeStep) {
		d := map[string]any{"N": s.N, "Step": locale.T(s.Key, map[string]any{"Server": s.Server})}
		switch {
		case s.Err != nil:
			failed = s
			c.say("cli.mail.test.step_failed", d)
		case s.Key == outbox.ProbeSentFolder && s.SentFound:
			d["Folder"] = s.Sent
			c.say("cli.mail.test.sent_found", d)
		case s.Key == outbox.ProbeSentFolder:
			d["Folder"] = townmail.NewSentFolder
			c.say("cli.mail.test.sent_missing", d)
		default:
			c.say("cli.mail.test.step_ok", d)
		}
	})
	if err != nil {
		if failed.N == 0 {
			return c.mailWords(onFlags(err)) // refused before connecting
		}
		return problem.New("cli.mail.test.failed", map[string]any{"N": failed.N,
			"Step":   locale.T(failed.Key, map[string]any{"Server": failed.Server}),
			"Error":  oneLine(c.mailWords(err)),
			"Advice": advice(err, failed.Key)})
	}
	c.say("cli.mail.test.ok", nil)
	return nil
}

// advice is what to do on the command line after a failed step, "" when the refusal says it.
func advice(err error, step string) string {
	p := problem.From(err)
	if p == nil {
		return ""
	}
	server := map[string]any{"Host": "--smtp-host", "Port": "--smtp-port"}
	if step == outbox.ProbeIMAPConnect || step == outbox.ProbeIMAPLogin || step == outbox.ProbeSentFolder {
		server = map[string]any{"Host": "--imap-host", "Port": "--imap-port"}
	}
	switch p.Key {
	case townmail.KeyUnreachable, townmail.KeyAuthMechanism:
		return locale.T("cli.mail.advice.server", server)
	case townmail.KeyTLS, townmail.KeyTimeout:
		return locale.T("cli.mail.advice.security", server)
	case townmail.KeyDisconnected, townmail.KeyDeferred, townmail.KeyCancelled:
		return locale.T("cli.mail.advice.later", nil)
	}
	return ""
}

// mailWords says a mail refusal in the command line's terms: a refused password names where
// the command line read it (TOWNLEDGER_MAIL_PASSWORD or the saved one) and `mail set`, and
// what the window's settings would fix is fixed with `mail set` here.
func (c *call) mailWords(err error) error {
	p := problem.From(err)
	if p == nil {
		return err
	}
	d := map[string]any{"Env": EnvMailPassword}
	for k, v := range p.Data {
		d[k] = v
	}
	key := ""
	switch p.Key {
	case townmail.KeyAuth:
		key = "cli.mail.auth_saved"
		if c.env.Getenv(EnvMailPassword) != "" {
			key = "cli.mail.auth_env"
		}
	case outbox.KeyNoAccount:
		key = "cli.mail.no_account"
	case outbox.KeyNoDistrictEmail, townmail.KeyNoRecipient:
		key = "cli.mail.no_district"
	case townmail.KeyRecipient:
		key = "cli.mail.recipient"
	default:
		return err
	}
	return &problem.Error{Key: key, Data: d, Err: err}
}
