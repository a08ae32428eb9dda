package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"townledger/app/auth"
	appdistrict "townledger/app/district"
	townmail "townledger/app/mail"
	"townledger/app/office"
	"townledger/ui/home"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// MailSyncEvery is how often, while someone who may send reports is signed in, the window
// sends what waits in the outbox and looks for the district's replies.
const MailSyncEvery = 5 * time.Minute

// startMailSync starts the quiet outbox and reply check for the signed-in session: at once,
// then every u.MailSync. It needs the mail password from the keyring or typed this session;
// without one it waits for the next round. Failures stay in the outbox for the 数据报送 page.
func (u *UI) startMailSync() {
	u.stopMailSync()
	if u.MailSync <= 0 || !u.session.Can(auth.ExportReports) {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	u.stopSync = cancel
	session, every := u.session, u.MailSync
	u.syncing.Add(1)
	go func() {
		defer u.syncing.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			u.syncMail(ctx, session)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// stopMailSync stops the check and waits for a round under way to record its results.
func (u *UI) stopMailSync() {
	if u.stopSync != nil {
		u.stopSync()
		u.stopSync = nil
		u.syncing.Wait()
	}
}

// syncMail is one round: send what is due, then look for replies; when anything changed, the
// reports page and the home page on screen are refreshed.
func (u *UI) syncMail(ctx context.Context, session auth.Session) {
	cfg, err := u.Office.Outbox.Load(ctx)
	if err != nil || !cfg.Configured() {
		return
	}
	pw := u.Mail.Password(cfg)
	if pw == "" {
		return
	}
	a := u.Mail.Account(cfg, pw)
	out, err := u.Office.Outbox.Process(ctx, session, a)
	if err != nil {
		fyne.LogError("outbox", err)
	}
	// A district bureau's mailbox holds its towns' workbooks, taken in from 收件: it looks for
	// no replies of its own there.
	var acked []office.ExportRecord
	if mode, _ := u.Office.District.Mode(ctx); mode != appdistrict.ModeDistrict {
		acked, err = u.Office.Outbox.CheckReplies(ctx, session, a)
		if err != nil && ctx.Err() == nil {
			fyne.LogError("mail replies", err)
		}
		u.announcePackage(ctx, a)
	}
	if len(out.Sent)+len(out.Failed)+len(acked) == 0 {
		return
	}
	// Shown even when the check is being stopped: what was recorded is true.
	fyne.Do(func() {
		if u.Shell == nil {
			return
		}
		switch cur := u.Shell.Current.(type) {
		case *home.Home:
			u.Shell.Select("nav.home")
		case kit.Refresher:
			cur.Refresh()
		}
	})
}

// announcePackage tells the user once of a district package waiting in the mailbox (read
// from the headers alone; 设置 → 区局下发 downloads, shows and applies it).
func (u *UI) announcePackage(ctx context.Context, a townmail.Account) {
	v, err := u.Office.District.PackageWaiting(ctx, a)
	if err != nil {
		if ctx.Err() == nil {
			fyne.LogError("district packages", err)
		}
		return
	}
	if v <= u.pkgAnnounced {
		return
	}
	u.pkgAnnounced = v
	n := fyne.NewNotification(locale.T("pkg.waiting.title"), locale.T("pkg.waiting", map[string]any{"Version": v}))
	fyne.Do(func() { u.App.SendNotification(n) })
}
