package exports

import (
	"context"

	"fyne.io/fyne/v2/dialog"

	townmail "townledger/app/mail"
	"townledger/app/office"
	"townledger/app/outbox"
	"townledger/app/problem"
	"townledger/ui/kit"
	"townledger/ui/locale"
)

// send takes the chosen period from due to sent in one step; newVersion is set once the
// person agreed to replace a sent version whose data changed.
func (e *Exports) SendPeriod(newVersion bool) {
	period := e.period()
	e.u.MailAccount(func(cfg outbox.Config, pw string) {
		var res outbox.Result
		e.u.Run(locale.T("exports.send"), func(ctx context.Context) error {
			var err error
			res, err = e.u.Office.Outbox.SendPeriod(ctx, e.u.Session, cfg, e.u.Mail.Account(cfg, pw), outbox.Request{
				Period: period, Dir: e.u.Office.Outbox.ReportsDir(), Now: e.u.Now(),
				Preparer: e.u.Session.DisplayName, NewVersion: newVersion})
			return err
		}, func(err error) {
			e.refresh()
			if p := problem.From(err); p != nil && p.Key == outbox.KeyChanged {
				ask := dialog.NewConfirm(locale.T("exports.send"), locale.Err(err)+"\n\n"+locale.T("exports.send_new"), func(ok bool) {
					if ok {
						e.SendPeriod(true)
					}
				}, e.u.Win)
				ask.SetConfirmText(locale.T("exports.send_new.button"))
				ask.SetDismissText(locale.T("action.cancel"))
				ask.Show()
				return
			}
			if p := problem.From(err); p != nil && (p.Key == outbox.KeyAlreadySent || p.Key == outbox.KeyRejectedUnchanged) {
				dialog.ShowInformation(locale.T("exports.send"), locale.Err(err), e.u.Win) // nothing wrong
				return
			}
			if err != nil {
				kit.ShowError(e.u.Win, err)
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
	if res.Export.State == office.ExportQueued {
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
	e.u.MailAccount(func(cfg outbox.Config, pw string) {
		var msg string
		e.u.Run(title, func(ctx context.Context) error {
			var err error
			msg, err = work(ctx, e.u.Mail.Account(cfg, pw))
			return err
		}, func(err error) {
			e.refresh()
			if err != nil {
				kit.ShowError(e.u.Win, err)
				return
			}
			dialog.ShowInformation(title, msg, e.u.Win)
		})
	})
}

// checkReplies looks for the district's replies to what was sent.
func (e *Exports) checkReplies() {
	e.mailTask(locale.T("exports.replies"), func(ctx context.Context, a townmail.Account) (string, error) {
		acked, err := e.u.Office.Outbox.CheckReplies(ctx, e.u.Session, a)
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
		res, err := e.u.Office.Outbox.Retry(ctx, e.u.Session, a)
		msg := locale.T("exports.retry.done", map[string]any{"Sent": len(res.Sent), "Failed": len(res.Failed)})
		for _, f := range res.Failed {
			msg += "\n" + locale.Err(f.Err)
		}
		return msg, err
	})
}
