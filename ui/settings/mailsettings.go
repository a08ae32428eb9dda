package settings

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	townmail "townledger/app/mail"
	"townledger/app/outbox"
	"townledger/app/problem"
	appsettings "townledger/app/settings"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// MailSettings is the settings tab for reporting: the periods the district wants, its
// address, and the office's mail account (the password goes to the system keyring).
type MailSettings struct {
	u                  *kit.Env
	Periods            *widget.CheckGroup
	District           *widget.Entry
	Reviewer           *widget.Entry
	Address            *widget.Entry
	SMTPHost, IMAPHost *widget.Entry
	SMTPPort, IMAPPort *widget.Entry
	SMTPSec, IMAPSec   *kit.Select
	Username           *widget.Entry
	Password           *widget.Entry
	Save, Test         *widget.Button
	Message            *widget.Label
	Status             *widget.Label
	kinds              map[string]string // label -> kind
	secs               map[string]townmail.Security
	draft              *kit.Draft
	content            fyne.CanvasObject
}

func newMailSettings(u *kit.Env) *MailSettings {
	m := &MailSettings{u: u, kinds: map[string]string{}, Message: kit.ErrorLabel(), Status: widget.NewLabel(""),
		secs: map[string]townmail.Security{locale.T("mail.sec.tls"): townmail.TLS, locale.T("mail.sec.starttls"): townmail.StartTLS}}
	m.Status.Wrapping = fyne.TextWrapWord
	ctx := context.Background()
	var labels, chosen []string
	kinds, err := u.Office.Settings.ReportKinds(ctx)
	for _, k := range appsettings.PeriodKinds {
		l := locale.T("period.kind." + k)
		m.kinds[l] = k
		labels = append(labels, l)
		for _, c := range kinds {
			if c == k {
				chosen = append(chosen, l)
			}
		}
	}
	m.Periods = widget.NewCheckGroup(labels, nil)
	m.Periods.Horizontal = true
	m.Periods.SetSelected(chosen)

	town, _, terr := u.Office.Town(ctx)
	m.District = widget.NewEntry()
	m.District.SetText(town.DistrictEmail)
	m.District.SetPlaceHolder("yjj@example.gov.cn")
	m.Reviewer = widget.NewEntry()
	if r, err := u.Office.Settings.Get(ctx, appsettings.ReportReviewer); err == nil {
		m.Reviewer.SetText(r)
	}

	cfg, cerr := u.Office.Outbox.Load(ctx)
	secLabels := []string{locale.T("mail.sec.tls"), locale.T("mail.sec.starttls")}
	m.Address, m.Username = widget.NewEntry(), widget.NewEntry()
	m.SMTPHost, m.IMAPHost = widget.NewEntry(), widget.NewEntry()
	m.SMTPPort, m.IMAPPort = widget.NewEntry(), widget.NewEntry()
	m.SMTPSec, m.IMAPSec = kit.Choice(secLabels, nil), kit.Choice(secLabels, nil)
	m.Password = widget.NewPasswordEntry()
	m.Password.SetPlaceHolder(locale.T("mail.password.hint"))
	m.fill(cfg)
	m.Address.SetPlaceHolder("xxzhen@163.com")
	m.Address.OnChanged = func(a string) {
		// A known provider's servers are filled in as the address is typed.
		if g, ok := outbox.Guess(a); ok {
			g.From = a
			m.fill(g)
		}
	}
	m.Save = widget.NewButton(locale.T("action.save"), m.save)
	m.Save.Importance = widget.HighImportance
	m.Test = widget.NewButton(locale.T("mail.test"), m.test)
	if err := kit.FirstError(err, terr, cerr); err != nil {
		kit.SetMessage(m.Message, locale.Err(err))
	}
	intro := widget.NewLabel(locale.T("mail.intro"))
	intro.Wrapping = fyne.TextWrapWord
	server := func(host, port *widget.Entry, sec *kit.Select) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(80, port.MinSize().Height), port), sec), host)
	}
	account := widget.NewForm(
		widget.NewFormItem(locale.T("mail.address"), m.Address),
		widget.NewFormItem(locale.T("mail.smtp"), server(m.SMTPHost, m.SMTPPort, m.SMTPSec)),
		widget.NewFormItem(locale.T("mail.imap"), server(m.IMAPHost, m.IMAPPort, m.IMAPSec)),
		widget.NewFormItem(locale.T("mail.username"), m.Username),
		widget.NewFormItem(locale.T("mail.password"), m.Password),
	)
	m.Save.Importance = widget.HighImportance
	m.content = kit.FormPage(nil, container.NewVBox(
		widget.NewCard(locale.T("mail.periods"), locale.T("mail.periods.hint"), m.Periods),
		widget.NewCard(locale.T("wizard.district_email"), "", m.District),
		widget.NewCard(locale.T("mail.reviewer"), "", m.Reviewer),
		widget.NewCard(locale.T("mail.account"), "", container.NewVBox(intro, account))),
		m.Message, m.Status, m.Test, m.Save)
	// The password is never kept in a draft.
	m.draft = u.NewDraft("settings.mail", "")
	for name, e := range map[string]*widget.Entry{"district": m.District, "reviewer": m.Reviewer, "address": m.Address,
		"username": m.Username, "smtp_host": m.SMTPHost, "imap_host": m.IMAPHost, "smtp_port": m.SMTPPort, "imap_port": m.IMAPPort} {
		m.draft.Entry(name, e)
	}
	m.draft.Select("smtp_sec", m.SMTPSec)
	m.draft.Select("imap_sec", m.IMAPSec)
	return m
}

// fill shows a mail account in the form.
func (m *MailSettings) fill(c outbox.Config) {
	if c.From != "" || c.Username != "" {
		addr := c.From
		if addr == "" {
			addr = c.Username
		}
		if m.Address.Text != addr {
			m.Address.SetText(addr)
		}
	}
	m.SMTPHost.SetText(c.SMTPHost)
	m.IMAPHost.SetText(c.IMAPHost)
	m.SMTPPort.SetText(strconv.Itoa(c.SMTPPort))
	m.IMAPPort.SetText(strconv.Itoa(c.IMAPPort))
	m.Username.SetText(c.Username)
	for l, s := range m.secs {
		if s == c.SMTPSecurity {
			m.SMTPSec.SetSelected(l)
		}
		if s == c.IMAPSecurity {
			m.IMAPSec.SetSelected(l)
		}
	}
}

// config reads the form; a port that is not a number is refused as typed.
func (m *MailSettings) config() (outbox.Config, error) {
	smtp, serr := outbox.ReadPort(outbox.FieldSMTPPort, m.SMTPPort.Text)
	imap, ierr := outbox.ReadPort(outbox.FieldIMAPPort, m.IMAPPort.Text)
	cfg := outbox.Config{SMTPHost: m.SMTPHost.Text, SMTPPort: smtp, SMTPSecurity: m.secs[m.SMTPSec.Selected],
		IMAPHost: m.IMAPHost.Text, IMAPPort: imap, IMAPSecurity: m.secs[m.IMAPSec.Selected],
		Username: m.Username.Text, From: m.Address.Text}
	var l problem.List
	for _, err := range []error{serr, ierr} {
		if p := problem.From(err); p != nil {
			l = append(l, p)
		}
	}
	return cfg, l.Err()
}

func (m *MailSettings) save() {
	ctx := context.Background()
	var kinds []string
	for _, l := range m.Periods.Selected {
		kinds = append(kinds, m.kinds[l])
	}
	var l problem.List
	add := func(err error) {
		if err == nil {
			return
		}
		if pl, ok := err.(problem.List); ok {
			l = append(l, pl...)
		} else {
			l = append(l, problem.From(err)) // any other failure in words too
		}
	}
	add(m.u.Office.Settings.SetReportKinds(ctx, m.u.Session, kinds))
	add(m.u.Office.Outbox.SetDistrictEmail(ctx, m.u.Session, m.District.Text))
	add(m.u.Office.Settings.SetReviewer(ctx, m.u.Session, m.Reviewer.Text))
	cfg, err := m.config()
	if err != nil {
		add(err)
		kit.SetMessage(m.Message, kit.ListMessage(l.Err()))
		m.Status.SetText("")
		return
	}
	err = m.u.Office.Outbox.Save(ctx, m.u.Session, cfg, m.Password.Text)
	if p := problem.From(err); p != nil && p.Key == townmail.KeyNoKeyring {
		// Saved, but the password lives only in this session.
		m.u.Mail.SetPassword(m.Password.Text)
		kit.SetMessage(m.Message, "")
		m.Status.SetText(locale.T("mail.saved.session"))
		return
	}
	add(err)
	if err := l.Err(); err != nil {
		kit.SetMessage(m.Message, kit.ListMessage(err))
		m.Status.SetText("")
		return
	}
	if m.Password.Text != "" {
		m.u.Mail.SetPassword(m.Password.Text)
		m.Password.SetText("")
	}
	m.draft.Saved()
	kit.SetMessage(m.Message, "")
	m.Status.SetText(locale.T("mail.saved"))
}

// test logs in to both servers with the form's account, sending nothing.
func (m *MailSettings) test() {
	cfg, err := m.config()
	if err == nil {
		err = cfg.Check().Err()
	}
	if err != nil {
		kit.SetMessage(m.Message, kit.ListMessage(err))
		return
	}
	pw := m.Password.Text
	if pw == "" {
		pw = m.u.Mail.Password(cfg)
	}
	m.u.Run(locale.T("mail.test"), func(ctx context.Context) error {
		return townmail.Check(ctx, m.u.Mail.Account(cfg, pw))
	}, func(err error) {
		if err != nil {
			kit.SetMessage(m.Message, locale.Err(err))
			m.Status.SetText("")
			return
		}
		kit.SetMessage(m.Message, "")
		m.Status.SetText(locale.T("mail.test.ok"))
	})
}
