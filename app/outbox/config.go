// Package outbox mails period reports to the district: the office's mail account, the queue
// of export versions waiting to go (retried until the mail server accepts each exactly once),
// the copy filed in the Sent folder, and the district's replies that acknowledge them.
package outbox

import (
	"context"
	"errors"
	"net/mail"
	"strconv"
	"strings"

	"townledger/app/auth"
	"townledger/app/ids"
	townmail "townledger/app/mail"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/data"
)

// Setting keys of the mail account. The password is never among them: it lives in the
// operating system's keyring.
const (
	keySMTPHost     = "mail.smtp_host"
	keySMTPPort     = "mail.smtp_port"
	keySMTPSecurity = "mail.smtp_security"
	keyIMAPHost     = "mail.imap_host"
	keyIMAPPort     = "mail.imap_port"
	keyIMAPSecurity = "mail.imap_security"
	keyUsername     = "mail.username"
	keyFrom         = "mail.from"
)

// Form fields of Config, named in refusals.
const (
	FieldSMTPHost = "smtp_host"
	FieldSMTPPort = "smtp_port"
	FieldIMAPHost = "imap_host"
	FieldIMAPPort = "imap_port"
	FieldUsername = "username"
	FieldFrom     = "from"
)

// KeyringService names TownLedger's entries in the keyring.
const KeyringService = "TownLedger"

// Config is the office's mail account.
type Config struct {
	SMTPHost     string
	SMTPPort     int
	SMTPSecurity townmail.Security
	IMAPHost     string
	IMAPPort     int
	IMAPSecurity townmail.Security
	Username     string // the login, usually the address
	From         string // the sender address; empty means Username
}

// Configured says whether an account has been entered.
func (c Config) Configured() bool { return c.SMTPHost != "" && c.Username != "" }

// keyringUser is the keyring entry's user: the login at the SMTP server.
func (c Config) keyringUser() string { return c.Username + "@" + c.SMTPHost }

// Account makes the mail package's account with the given password.
func (c Config) Account(password string) townmail.Account {
	return townmail.Account{SMTP: townmail.Server{Host: c.SMTPHost, Port: c.SMTPPort, Security: c.SMTPSecurity},
		IMAP:     townmail.Server{Host: c.IMAPHost, Port: c.IMAPPort, Security: c.IMAPSecurity},
		Username: c.Username, Password: password, From: c.sender()} // the mail package's step timeout
}

func (c Config) sender() string {
	if c.From != "" {
		return c.From
	}
	return c.Username
}

// preset is a mail provider's servers, filled in from the address's domain.
type preset struct{ SMTPHost, IMAPHost string }

// presets are the providers town offices commonly use; all take implicit TLS on 465 and 993
// and an authorisation code (授权码) in place of the password.
var presets = map[string]preset{
	"163.com": {"smtp.163.com", "imap.163.com"}, "126.com": {"smtp.126.com", "imap.126.com"},
	"yeah.net": {"smtp.yeah.net", "imap.yeah.net"}, "qq.com": {"smtp.qq.com", "imap.qq.com"},
	"foxmail.com": {"smtp.qq.com", "imap.qq.com"}, "aliyun.com": {"smtp.aliyun.com", "imap.aliyun.com"},
	"sina.com": {"smtp.sina.com", "imap.sina.com"}, "139.com": {"smtp.139.com", "imap.139.com"},
}

// Guess fills in a known provider's servers from an address; ok is false for other domains
// (a government Coremail server, say), whose servers the office enters itself.
func Guess(address string) (Config, bool) {
	at := strings.LastIndexByte(address, '@')
	if at < 0 {
		return Config{}, false
	}
	p, ok := presets[strings.ToLower(strings.TrimSpace(address[at+1:]))]
	if !ok {
		return Config{}, false
	}
	a := strings.TrimSpace(address)
	return Config{SMTPHost: p.SMTPHost, SMTPPort: 465, SMTPSecurity: townmail.TLS, IMAPHost: p.IMAPHost,
		IMAPPort: 993, IMAPSecurity: townmail.TLS, Username: a, From: a}, true
}

// Load reads the mail account; an office that has entered none gets a zero Config.
func Load(ctx context.Context, s *data.Store) (Config, error) {
	all, err := s.Settings(ctx)
	if err != nil {
		return Config{}, err
	}
	port := func(k string, def int) int {
		if n, err := strconv.Atoi(all[k]); err == nil {
			return n
		}
		return def
	}
	sec := func(k string) townmail.Security {
		if all[k] == string(townmail.StartTLS) {
			return townmail.StartTLS
		}
		return townmail.TLS
	}
	return Config{SMTPHost: all[keySMTPHost], SMTPPort: port(keySMTPPort, 465), SMTPSecurity: sec(keySMTPSecurity),
		IMAPHost: all[keyIMAPHost], IMAPPort: port(keyIMAPPort, 993), IMAPSecurity: sec(keyIMAPSecurity),
		Username: all[keyUsername], From: all[keyFrom]}, nil
}

// Check refuses an incomplete or malformed account, every field at once.
// ReadPort reads a port typed in a form (full-width digits and spaces accepted). A missing
// or unreadable one is refused on its field, quoting what was typed rather than a zero.
func ReadPort(field, typed string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(ids.Normalize(typed)))
	if err != nil || n < 1 || n > 65535 {
		return 0, problem.OnField(field, KeyPort, map[string]any{"Value": strings.TrimSpace(typed)})
	}
	return n, nil
}

func (c Config) Check() problem.List {
	var l problem.List
	host := func(field, v string) {
		if v == "" || strings.ContainsAny(v, " /:@") {
			l = append(l, problem.OnField(field, KeyHost, map[string]any{"Value": v}))
		}
	}
	port := func(field string, n int) {
		if n < 1 || n > 65535 {
			l = append(l, problem.OnField(field, KeyPort, map[string]any{"Value": n}))
		}
	}
	host(FieldSMTPHost, c.SMTPHost)
	port(FieldSMTPPort, c.SMTPPort)
	host(FieldIMAPHost, c.IMAPHost)
	port(FieldIMAPPort, c.IMAPPort)
	if c.Username == "" {
		l = append(l, problem.OnField(FieldUsername, KeyUsername, nil))
	}
	if a, err := mail.ParseAddress(c.sender()); err != nil || a.Address != c.sender() {
		l = append(l, problem.OnField(FieldFrom, KeyFrom, map[string]any{"Value": c.sender()}))
	}
	return l
}

func (c Config) trimmed() Config {
	c.SMTPHost, c.IMAPHost = strings.TrimSpace(c.SMTPHost), strings.TrimSpace(c.IMAPHost)
	c.Username, c.From = strings.TrimSpace(c.Username), strings.TrimSpace(c.From)
	return c
}

// Save stores the account (administrators only) and, when password is not empty, puts the
// password in the keyring. Without a keyring the account is still saved and the returned
// error is KeyNoKeyring: the password is then asked for once per session.
func Save(ctx context.Context, s *data.Store, by auth.Session, c Config, password string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	c = c.trimmed()
	if err := c.Check().Err(); err != nil {
		return err
	}
	err := s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for k, v := range map[string]string{keySMTPHost: c.SMTPHost, keySMTPPort: strconv.Itoa(c.SMTPPort),
			keySMTPSecurity: string(c.SMTPSecurity), keyIMAPHost: c.IMAPHost, keyIMAPPort: strconv.Itoa(c.IMAPPort),
			keyIMAPSecurity: string(c.IMAPSecurity), keyUsername: c.Username, keyFrom: c.From} {
			if err := tx.SetSetting(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, data.ErrNoAudit) {
		return err
	}
	if password == "" {
		return nil
	}
	return SavePassword(c, password)
}

// SavePassword keeps the password in the keyring.
func SavePassword(c Config, password string) error {
	err := townmail.SavePassword(KeyringService, c.keyringUser(), password)
	if errors.Is(err, townmail.ErrNoKeyring) {
		return problem.New(townmail.KeyNoKeyring, nil)
	}
	return err
}

// Password reads the password from the keyring: "" and no error when none is kept (or there
// is no keyring), so the caller asks for it.
func Password(c Config) (string, error) {
	p, err := townmail.LoadPassword(KeyringService, c.keyringUser())
	if errors.Is(err, townmail.ErrNoKeyring) || errors.Is(err, townmail.ErrNoPassword) {
		return "", nil
	}
	return p, err
}

// SetDistrictEmail changes the district's address the reports go to (administrators only).
func SetDistrictEmail(ctx context.Context, s *data.Store, by auth.Session, address string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	address = strings.TrimSpace(address)
	if err := setup.CheckEmail(address); err != nil {
		return err
	}
	town, ok, err := s.Town(ctx)
	if err != nil || !ok || town.DistrictEmail == address {
		return err
	}
	town.DistrictEmail = address
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.UpdateTown(town) })
}
