package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	townmail "townledger/app/mail"
	"townledger/app/outbox"
	"townledger/app/problem"
	"townledger/data"
	"townledger/ui/locale"
)

// mailAccount reads the office's account and calls next with it and the password, asking
// for the password when neither this session nor the keyring has it.
func (u *UI) mailAccount(next func(cfg outbox.Config, password string)) {
	cfg, err := outbox.Load(context.Background(), u.Office.Store)
	if err != nil {
		showError(u.Win, err)
		return
	}
	if !cfg.Configured() {
		showError(u.Win, problem.New(outbox.KeyNoAccount, nil))
		return
	}
	if pw := u.password(cfg); pw != "" {
		next(cfg, pw)
		return
	}
	entry := widget.NewPasswordEntry()
	entry.SetPlaceHolder(locale.T("mail.password.hint"))
	d := dialog.NewForm(locale.T("mail.password.ask"), locale.T("action.next"), locale.T("action.cancel"),
		[]*widget.FormItem{widget.NewFormItem(cfg.Username, entry)}, func(ok bool) {
			if ok && entry.Text != "" {
				u.setMailPassword(entry.Text)
				next(cfg, entry.Text)
			}
		}, u.Win)
	d.Resize(fyne.NewSize(460, 180))
	d.Show()
}

// send takes the chosen period from due to sent in one step; newVersion is set once the
// person agreed to replace a sent version whose data changed.
func (e *Exports) send(newVersion bool) {
	period := e.period()
	e.u.mailAccount(func(cfg outbox.Config, pw string) {
		var res outbox.Result
		e.u.run(locale.T("exports.send"), func(ctx context.Context) error {
			var err error
			res, err = outbox.SendPeriod(ctx, e.u.Office.Store, e.u.session, cfg, e.u.account(cfg, pw), outbox.Request{
				Period: period, Dir: outbox.ReportsDir(e.u.Office.Store), Now: e.u.Now(),
				Preparer: e.u.session.DisplayName, NewVersion: newVersion})
			return err
		}, func(err error) {
			e.refresh()
			if p := problem.From(err); p != nil && p.Key == outbox.KeyChanged {
				dialog.ShowConfirm(locale.T("exports.send"), locale.Err(err)+"\n\n"+locale.T("exports.send_new"), func(ok bool) {
					if ok {
						e.send(true)
					}
				}, e.u.Win)
				return
			}
			if p := problem.From(err); p != nil && p.Key == outbox.KeyAlreadySent {
				dialog.ShowInformation(locale.T("exports.send"), locale.Err(err), e.u.Win) // nothing wrong
				return
			}
			if err != nil {
				showError(e.u.Win, err)
				return
			}
			e.showResult(res)
		})
	})
}

// showResult tells the person what happened to the message.
func (e *Exports) showResult(res outbox.Result) {
	v := map[string]any{"Period": e.Period.Selected, "Version": res.Export.Version}
	for _, f := range res.Outcome.Failed {
		if f.Export.ID != res.Export.ID {
			continue
		}
		key := "exports.send.failed"
		if f.Retry {
			key = "exports.send.later"
		}
		v["Error"] = locale.Err(f.Err)
		dialog.ShowInformation(locale.T("exports.send"), locale.T(key, v), e.u.Win)
		return
	}
	msg := locale.T("exports.send.done", v)
	if res.Export.State == data.ExportQueued {
		msg = locale.T("exports.send.queued", v) // another process holds it right now
	}
	for _, f := range res.Outcome.CopyFailed {
		msg += "\n\n" + locale.T("exports.send.no_copy", map[string]any{"Error": locale.Err(f.Err)})
	}
	dialog.ShowInformation(locale.T("exports.send"), msg, e.u.Win)
}

// mailTask runs one mail action with the office's account in the background and says its
// outcome (the message work returns) or its failure, then refreshes the page.
func (e *Exports) mailTask(title string, work func(ctx context.Context, a townmail.Account) (string, error)) {
	e.u.mailAccount(func(cfg outbox.Config, pw string) {
		var msg string
		e.u.run(title, func(ctx context.Context) error {
			var err error
			msg, err = work(ctx, e.u.account(cfg, pw))
			return err
		}, func(err error) {
			e.refresh()
			if err != nil {
				showError(e.u.Win, err)
				return
			}
			dialog.ShowInformation(title, msg, e.u.Win)
		})
	})
}

// checkReplies looks for the district's replies to what was sent.
func (e *Exports) checkReplies() {
	e.mailTask(locale.T("exports.replies"), func(ctx context.Context, a townmail.Account) (string, error) {
		acked, err := outbox.CheckReplies(ctx, e.u.Office.Store, e.u.session, a)
		if len(acked) == 0 {
			return locale.T("exports.replies.none"), err
		}
		return locale.T("exports.replies.found", map[string]any{"N": len(acked)}), err
	})
}

// retry sends what waits in the outbox now, failed entries included (after the person
// mended the mail settings).
func (e *Exports) retry() {
	e.mailTask(locale.T("exports.retry"), func(ctx context.Context, a townmail.Account) (string, error) {
		res, err := outbox.Retry(ctx, e.u.Office.Store, e.u.session, a)
		msg := locale.T("exports.retry.done", map[string]any{"Sent": len(res.Sent), "Failed": len(res.Failed)})
		for _, f := range res.Failed {
			msg += "\n" + locale.Err(f.Err)
		}
		return msg, err
	})
}

// background runs work without a progress dialog; the function it returns is then run on
// the window's thread (when work succeeded or not).
func (u *UI) background(work func(ctx context.Context) (func(), error)) {
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		then, err := work(context.Background())
		if err != nil {
			fyne.LogError("background", err)
		}
		if then != nil {
			fyne.Do(then)
		}
	}()
}
