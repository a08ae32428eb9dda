// Package ui is TownLedger's window: first-run wizard, sign-in and the main window with its
// sections. It calls app/ for every rule and never touches the database directly.
package ui

import (
	"context"
	"crypto/x509"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/settings"
	"townledger/app/setup"
	"townledger/assets"
	"townledger/ui/locale"
	"townledger/ui/theme"
)

// UI drives one window through set-up, sign-in and work. Its screens are exported so tests
// can type and tap as a user would.
type UI struct {
	App     fyne.App
	Win     fyne.Window
	Office  *office.Office
	Version string
	Now     func() time.Time

	Wizard *Wizard
	Login  *Login
	Shell  *Shell

	session auth.Session
	// mailPassword is the mail password typed this session, kept in memory only: where the
	// system has no keyring it is asked for once per session instead of being stored.
	mailPassword string
	mailMu       sync.Mutex // guards mailPassword, read by the background mail check
	// MailSync is how often the outbox and replies are checked while signed in (0: never,
	// as in tests that drive the mail by hand).
	MailSync time.Duration
	stopSync func()
	syncing  sync.WaitGroup
	// MailRoots verifies the mail servers' certificates; nil = the system's roots (tests
	// set their throw-away CA).
	MailRoots *x509.CertPool
	tasks     sync.WaitGroup // background work started by run
}

// FirstSize is the window's size at its first start, where the screen's usable area allows.
func FirstSize() fyne.Size { return fyne.NewSize(1180, 760) }

// New builds the window for an open office; Start shows the first screen.
func New(a fyne.App, o *office.Office, version string) *UI {
	a.Settings().SetTheme(theme.New())
	u := &UI{App: a, Office: o, Version: version, Now: time.Now, MailSync: MailSyncEvery}
	if err := locale.Use(settings.LanguageOf(context.Background(), o.Store)); err != nil {
		fyne.LogError("language", err)
	}
	u.Win = a.NewWindow(locale.T("app.title"))
	u.Win.Resize(FirstSize())
	// A send under way records its result before the program ends.
	u.Win.SetOnClosed(u.stopMailSync)
	return u
}

// Start shows the wizard, or the sign-in screen once the office is set up.
func (u *UI) Start() {
	stage, err := setup.StageOf(context.Background(), u.Office.Store)
	if err != nil {
		u.showFailure(err)
		return
	}
	if stage == setup.Ready {
		u.showLogin("")
		return
	}
	u.showWizard(stage)
}

func (u *UI) setContent(title string, c fyne.CanvasObject) {
	u.Win.SetTitle(locale.T("app.title") + " — " + title)
	u.Win.SetContent(c)
}

func (u *UI) showWizard(stage setup.Stage) {
	u.Wizard = newWizard(u, stage)
	u.Login, u.Shell = nil, nil
	u.setContent(locale.T("wizard.title"), u.Wizard.content)
}

func (u *UI) showLogin(username string) {
	u.stopMailSync()
	u.setMailPassword("") // typed passwords last one session
	l := newLogin(u, username)
	u.Login, u.Wizard, u.Shell = l, nil, nil
	u.session = auth.Session{}
	u.setContent(locale.T("login.title"), l.content)
	u.Win.Canvas().Focus(l.focusTarget())
}

func (u *UI) showShell(s auth.Session) {
	u.session = s
	u.Shell = newShell(u)
	u.Wizard, u.Login = nil, nil
	u.setContent(locale.T("nav.home"), u.Shell.content)
	u.startMailSync()
}

// showFailure replaces the window's content with a message that the office cannot be used.
func (u *UI) showFailure(err error) {
	u.setContent(locale.T("error.title"), failureContent(err, u.App.Quit))
}

func failureContent(err error, quit func()) fyne.CanvasObject {
	msg := widget.NewLabel(locale.Err(err))
	msg.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(locale.T("error.open_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = fynetheme.SizeNameSubHeadingText
	// The strut gives the wrapping message a reading width.
	return container.NewCenter(container.NewStack(strut(520), container.NewVBox(
		title, msg, container.NewHBox(layoutSpacer(), widget.NewButton(locale.T("action.quit"), quit)))))
}

// ShowOpenFailure is the whole window when the database cannot be opened at all (locked,
// damaged, written by a newer version): the user reads why instead of seeing a crash.
func ShowOpenFailure(a fyne.App, err error, language string) fyne.Window {
	a.Settings().SetTheme(theme.New())
	if locale.Use(language) != nil {
		_ = locale.Use(locale.Default)
	}
	w := a.NewWindow(locale.T("app.title"))
	w.SetContent(container.NewPadded(failureContent(err, a.Quit)))
	w.Resize(fyne.NewSize(640, 320))
	return w
}

// run performs slow work off the UI thread with a progress dialog, then calls done on it.
func (u *UI) run(title string, work func(ctx context.Context) error, done func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBarInfinite()
	d := newProgressDialog(u.Win, title, bar, cancel)
	d.Show()
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		err := work(ctx)
		fyne.DoAndWait(func() {
			d.Hide()
			if errors.Is(err, context.Canceled) {
				err = nil
			}
			done(err)
		})
	}()
}

// Icon is the application icon as a Fyne resource.
func Icon() fyne.Resource { return fyne.NewStaticResource("icon.png", assets.Icon) }

func (u *UI) setMailPassword(p string) {
	u.mailMu.Lock()
	defer u.mailMu.Unlock()
	u.mailPassword = p
}
