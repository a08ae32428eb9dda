package kit

import (
	"context"
	"crypto/x509"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	townmail "townledger/app/mail"
	"townledger/app/outbox"
	"townledger/app/problem"
	"townledger/ui/locale"
)

// Mail is the window's hold on the mail account: the password typed this session (kept in
// memory only: where the system has no keyring it is asked for once per session) and the
// certificates the servers are checked against.
type Mail struct {
	mu    sync.Mutex
	typed string
	// Roots verifies the mail servers' certificates; nil = the system's roots (tests set
	// their throw-away CA).
	Roots *x509.CertPool
}

// SetPassword keeps a typed password for this session ("" forgets it).
func (m *Mail) SetPassword(p string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.typed = p
}

// Password is the mail password: typed this session, else from the keyring, else "".
func (m *Mail) Password(c outbox.Config) string {
	m.mu.Lock()
	typed := m.typed
	m.mu.Unlock()
	if typed != "" {
		return typed
	}
	p, err := outbox.Password(c)
	if err != nil {
		fyne.LogError("keyring", err)
	}
	return p
}

// Account is the mail account to connect with.
func (m *Mail) Account(c outbox.Config, password string) townmail.Account {
	a := c.Account(password)
	a.RootCAs = m.Roots
	return a
}

// MailAccount reads the office's account and calls next with it and the password, asking
// for the password when neither this session nor the keyring has it.
func (e *Env) MailAccount(next func(cfg outbox.Config, password string)) {
	cfg, err := e.Office.Outbox.Load(context.Background())
	if err != nil {
		ShowError(e.Win, err)
		return
	}
	if !cfg.Configured() {
		ShowError(e.Win, problem.New(outbox.KeyNoAccount, nil))
		return
	}
	if pw := e.Mail.Password(cfg); pw != "" {
		next(cfg, pw)
		return
	}
	entry := widget.NewPasswordEntry()
	entry.SetPlaceHolder(locale.T("mail.password.hint"))
	d := dialog.NewForm(locale.T("mail.password.ask"), locale.T("action.next"), locale.T("action.cancel"),
		[]*widget.FormItem{widget.NewFormItem(cfg.Username, entry)}, func(ok bool) {
			if ok && entry.Text != "" {
				e.Mail.SetPassword(entry.Text)
				next(cfg, entry.Text)
			}
		}, e.Win)
	d.Resize(fyne.NewSize(460, 180))
	d.Show()
}
