// Package ui is TownLedger's window: first-run wizard, sign-in and the main window with its
// sections. It calls app/ for every rule and never touches the database directly.
package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/office"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/assets"
	"townledger/ui/desktop"
	"townledger/ui/kit"
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
	// Mail holds the mail password typed this session and the certificates servers are
	// checked against (tests set their throw-away CA in Mail.Roots).
	Mail *kit.Mail
	// MailSync is how often the outbox and replies are checked while signed in (0: never,
	// as in tests that drive the mail by hand).
	MailSync time.Duration
	// StartChecks: at start, check the file and make the day's backup in the background (UI
	// tests, which open many ledgers in a row, turn it off).
	StartChecks bool
	stopSync    func()
	syncing     sync.WaitGroup
	// SyncReads is given to each session's screens (kit.Env.SyncReads); UI tests set it.
	SyncReads bool
	// pkgAnnounced is the district package version the quiet mail check last told the user
	// of; only the check's goroutine touches it.
	pkgAnnounced int
	tasks        sync.WaitGroup // background work started by the screens
	trim         memTrim
}

// FirstSize is the window's size at its first start, where the screen's usable area allows.
func FirstSize() fyne.Size { return fyne.NewSize(1180, 760) }

// New builds the window for an open office; Start shows the first screen.
func New(a fyne.App, o *office.Office, version string) *UI {
	a.Settings().SetTheme(theme.New())
	u := &UI{App: a, Office: o, Version: version, Now: time.Now, MailSync: MailSyncEvery, Mail: &kit.Mail{}, StartChecks: true}
	if err := locale.Use(o.Settings.LanguageOf(context.Background())); err != nil {
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
	stage, err := u.Office.Setup.StageOf(context.Background())
	if err != nil {
		u.showFailure(err)
		return
	}
	if stage == setup.Ready {
		u.showLogin("")
		u.autoBackup()
		return
	}
	u.showWizard(stage)
}

// startCheckDelay is how long after the sign-in screen is shown the file is checked.
const startCheckDelay = 2 * time.Second

// autoBackup makes the day's backup in the background when the last is older than a day;
// a failure (a full disk, say) is shown, as a ledger without backups is a risk to know of.
func (u *UI) autoBackup() {
	if !u.StartChecks {
		return
	}
	o := u.Office
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		// After the window is up: the check reads the whole file (seconds for a large ledger)
		// and, begun at once, kept the first frame from the processor and the disk (0.3 s
		// became 0.8–1.5 s at 1 GB). Nobody has signed in to write anything by then.
		time.Sleep(startCheckDelay)
		ctx := context.Background()
		// A damaged file (a bad index, say) opens; it is found here, before a backup copies
		// it or work writes more into it, and the newest good backup is offered.
		if err := o.Backup.CheckSound(ctx); err != nil && problem.From(err).Key == backup.KeyDamaged {
			log.Printf("damaged ledger: %v", err)
			good, ok, _ := backup.NewestGood(ctx, o.Path())
			fyne.Do(func() { u.offerRestore(err, good, ok) })
			return
		}
		if _, err := o.Backup.Auto(ctx, u.Now()); err != nil {
			log.Printf("automatic backup: %v", err)
			fyne.Do(func() {
				kit.ShowError(u.Win, &problem.Error{Key: "backup.auto_failed", Data: map[string]any{"Detail": locale.Err(err)}, Err: err})
			})
		}
	}()
}

// offerRestore says the ledger is damaged and, when a good backup exists, offers it.
func (u *UI) offerRestore(damage error, good backup.Copy, ok bool) {
	text := locale.T("damaged.found", map[string]any{"Detail": problem.From(damage).Data["Detail"]})
	if !ok {
		dialog.ShowInformation(locale.T("damaged.title"), text+"\n"+locale.T("damaged.no_backup"), u.Win)
		return
	}
	text += "\n" + locale.T("damaged.offer", map[string]any{"When": good.ModTime.Format("2006-01-02 15:04"),
		"Path": desktop.DisplayPath(good.Path)})
	ask := dialog.NewConfirm(locale.T("damaged.title"), text, func(yes bool) {
		if yes {
			u.restore(good.Path)
		}
	}, u.Win)
	ask.SetConfirmText(locale.T("damaged.restore"))
	ask.SetDismissText(locale.T("damaged.later"))
	ask.Show()
}

func (u *UI) setContent(title string, c fyne.CanvasObject) {
	u.Win.SetTitle(locale.T("app.title") + " — " + title)
	u.Win.SetContent(c)
	u.trim.soon()
}

func (u *UI) showWizard(stage setup.Stage) {
	u.Wizard = newWizard(u, stage)
	u.Login, u.Shell = nil, nil
	u.setContent(locale.T("wizard.title"), u.Wizard.content)
}

func (u *UI) showLogin(username string) {
	u.stopMailSync()
	u.Mail.SetPassword("") // typed passwords last one session
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
	return failureWith(err, quit, nil, nil)
}

// failureWith is failureContent with a note under the message and a button beside 退出 (the
// offer of a backup), either nil.
func failureWith(err error, quit func(), note fyne.CanvasObject, action *widget.Button) fyne.CanvasObject {
	msg := widget.NewLabel(locale.Err(err))
	msg.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(locale.T("error.open_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = fynetheme.SizeNameSubHeadingText
	rows := []fyne.CanvasObject{title, msg}
	if note != nil {
		rows = append(rows, note)
	}
	buttons := container.NewHBox(kit.Spacer())
	if action != nil {
		buttons.Add(action)
	}
	buttons.Add(widget.NewButton(locale.T("action.quit"), quit))
	rows = append(rows, buttons)
	// The strut gives the wrapping message a reading width.
	return container.NewCenter(container.NewStack(kit.Strut(520), container.NewVBox(rows...)))
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

// Icon is the application icon as a Fyne resource.
func Icon() fyne.Resource { return fyne.NewStaticResource("icon.png", assets.Icon) }

// env is the screens' environment outside a session (the wizard's slow work).
func (u *UI) env() *kit.Env {
	return kit.NewEnv(u.App, u.Win, u.Office, u.session, u.Now, u.Mail, &u.tasks)
}

// restore closes the ledger, puts the backup from in its place and opens it again at the
// sign-in screen; the ledger as it was is kept among the backups.
func (u *UI) restore(from string) {
	u.stopMailSync()
	path := u.Office.Path()
	var res backup.Restored
	var reopened *office.Office
	// Run outside u.tasks: the work waits for the other tasks to end before closing the ledger.
	kit.NewEnv(u.App, u.Win, u.Office, u.session, u.Now, u.Mail, &sync.WaitGroup{}).Run(locale.T("restore.running"), func(ctx context.Context) error {
		u.tasks.Wait()
		if err := u.Office.Close(); err != nil {
			return fmt.Errorf("close the ledger: %w", err)
		}
		var err error
		res, err = backup.Restore(ctx, path, from, u.Now())
		// Reopened whatever happened: a refused restore changed nothing.
		o, oerr := office.Open(context.Background(), path)
		if oerr != nil {
			return errors.Join(err, oerr)
		}
		reopened = o
		return err
	}, func(err error) {
		if reopened != nil {
			u.Office = reopened
		}
		if err != nil {
			if reopened == nil {
				u.showFailure(err)
				return
			}
			kit.ShowError(u.Win, err)
			return
		}
		u.showLogin(u.session.Username)
		dialog.ShowInformation(locale.T("restore.title"), locale.T("restore.done", map[string]any{
			"From": desktop.DisplayPath(res.From), "Before": desktop.DisplayPath(res.Before)}), u.Win)
	})
}
