// Package kit holds what every screen of the window shares: the environment a screen works
// in (window, ledger, session, clock, slow work, moving between sections), and the common
// widgets, forms, dialogs and lists the sections are built from.
package kit

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"townledger/app/auth"
	"townledger/app/office"
)

// Screen is what a section shows.
type Screen interface{ Content() fyne.CanvasObject }

// Env is what a screen works with. One is made for each signed-in session.
type Env struct {
	App     fyne.App
	Win     fyne.Window
	Office  *office.Office
	Session auth.Session
	Now     func() time.Time
	Mail    *Mail
	Version string // the program's, for the about line
	// Go opens the section with the given key ("nav.cases") and returns its screen.
	Go func(key string) Screen
	// Refresh shows the open section again from the database (after an import, say).
	Refresh func()
	// Rebuild makes the whole main window again (after a language change) and opens key.
	Rebuild func(key string)
	// Restore puts a backup in place of the ledger and starts again at the sign-in.
	Restore func(from string)
	// SyncReads makes screens read what they would read in the background before they
	// show it. UI tests set it: Fyne's test driver runs what background work shows on the
	// background goroutine itself, alongside the test's own taps.
	SyncReads bool
	// ReadGate, when set, is called as a screen's background reading named what (the home
	// page's "agenda" and "counts", a section list's "list.parties" and so on) starts; a test
	// holds the reading there. The home page's readings with a gate run in the background
	// even with SyncReads; a list reads in the background only without SyncReads. nil in the
	// program.
	ReadGate func(ctx context.Context, what string) error
	tasks    *sync.WaitGroup
	active   []*Draft // the forms open now, asked about before leaving them
}

// NewEnv makes the environment of a session; tasks counts the background work under way,
// so the window can wait for it.
func NewEnv(a fyne.App, w fyne.Window, o *office.Office, s auth.Session, now func() time.Time, m *Mail, tasks *sync.WaitGroup) *Env {
	return &Env{App: a, Win: w, Office: o, Session: s, Now: now, Mail: m, tasks: tasks,
		Go: func(string) Screen { return nil }, Refresh: func() {}, Rebuild: func(string) {}, Restore: func(string) {}}
}

// Run performs slow work off the UI goroutine with a progress dialog that can cancel it,
// then calls done on the UI goroutine.
func (e *Env) Run(title string, work func(ctx context.Context) error, done func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBarInfinite()
	d := NewProgressDialog(e.Win, title, bar, cancel)
	d.Show()
	e.tasks.Add(1)
	go func() {
		defer e.tasks.Done()
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

// Background runs work without a progress dialog; the function it returns is then run on
// the UI goroutine (whether work succeeded or not).
func (e *Env) Background(work func(ctx context.Context) (func(), error)) {
	e.tasks.Add(1)
	go func() {
		defer e.tasks.Done()
		then, err := work(context.Background())
		if err != nil {
			fyne.LogError("background", err)
		}
		if then != nil {
			fyne.Do(then)
		}
	}()
}
