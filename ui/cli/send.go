package cli

import (
	"context"
	"flag"
	"slices"
	"strings"
	"time"

	townmail "townledger/app/mail"
	"townledger/app/office"
	"townledger/app/outbox"
	"townledger/app/problem"
	townreport "townledger/app/report"
	"townledger/ui/locale"
)

// EnvMailPassword gives the mail password to scheduled sends on a computer without a keyring.
const EnvMailPassword = "TOWNLEDGER_MAIL_PASSWORD"

// runSend mails reports to the district:
//
//	townledger send --period 2024-Q3 [--new-version] [--preparer NAME]
//	townledger send --pending        (send what waits in the outbox, then check for replies)
//	townledger send --due            (every finished period not sent yet, then as --pending:
//	                                  the one line a monthly scheduled task needs)
func runSend(ctx context.Context, c *call) error {
	var period, preparer string
	var newVersion, pending, due bool
	err := c.flags("send", func(fs *flag.FlagSet) {
		fs.StringVar(&period, "period", "", "")
		fs.StringVar(&preparer, "preparer", "", "")
		fs.BoolVar(&newVersion, "new-version", false, "")
		fs.BoolVar(&pending, "pending", false, "")
		fs.BoolVar(&due, "due", false, "")
	})
	if err != nil {
		return err
	}
	modes := 0
	for _, on := range []bool{strings.TrimSpace(period) != "", pending, due} {
		if on {
			modes++
		}
	}
	if modes != 1 {
		return usageError{locale.T("cli.send.usage")}
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	cfg, acct, err := c.mailAccount(ctx, o)
	if err != nil {
		return err
	}
	var periods []string
	if due {
		periods, err = duePeriods(ctx, o, c.env.Now())
		if err != nil {
			return err
		}
		if len(periods) == 0 {
			c.say("cli.send.none_due", nil)
		}
		var failed error
		for _, p := range periods {
			if err := c.sendPeriod(ctx, o, cfg, acct, p, strings.TrimSpace(preparer), false); err != nil {
				c.say("cli.send.period_failed", map[string]any{"Period": p, "Error": oneLine(err)})
				failed = err
			}
		}
		if failed != nil {
			return failed
		}
		pending = true // then what waits in the outbox, and the replies
	}
	if pending {
		out, err := o.Outbox.Retry(ctx, c.by, acct)
		if err != nil {
			return err
		}
		idle := len(out.Sent) == 0 && len(out.Failed) == 0
		if idle && (!due || len(periods) == 0) {
			c.say("cli.send.nothing_pending", nil)
		}
		if err := c.outcome(out, ""); err != nil {
			return err
		}
		acked, err := o.Outbox.CheckReplies(ctx, c.by, acct)
		for _, e := range acked {
			key := "cli.send.acked"
			if e.State == office.ExportRejected {
				key = "cli.send.rejected"
			}
			c.say(key, map[string]any{"Period": e.Period, "Version": e.Version, "Reason": e.RejectReason})
		}
		if err != nil {
			return c.mailWords(err)
		}
		if idle && len(acked) == 0 && (!due || len(periods) == 0) {
			return nothingToDo{} // exit 3: nothing went out and no reply came; said above
		}
		return nil
	}
	return c.sendPeriod(ctx, o, cfg, acct, period, strings.TrimSpace(preparer), newVersion)
}

// duePeriods are the finished periods the district wants that have not gone out yet.
func duePeriods(ctx context.Context, o *office.Office, now time.Time) ([]string, error) {
	list, err := o.Report.DueList(ctx, now)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range list {
		if d.State == townreport.DueOpen || d.State == townreport.DueOverdue {
			out = append(out, d.Period)
		}
	}
	return out, nil
}

// sendPeriod writes (or reuses) a period's workbook and mails it, saying what it did.
func (c *call) sendPeriod(ctx context.Context, o *office.Office, cfg outbox.Config, acct townmail.Account, period, preparer string, newVersion bool) error {
	res, err := o.Outbox.SendPeriod(ctx, c.by, cfg, acct, outbox.Request{Period: period,
		Dir: o.Outbox.ReportsDir(), Now: c.env.Now(), Preparer: preparer, NewVersion: newVersion,
		Progress: func(key string, d map[string]any) { c.say(key, d) }})
	if p := problem.From(err); p != nil && p.Key == outbox.KeyChanged {
		return problem.New("cli.send.changed", map[string]any{"Detail": locale.Err(err)})
	}
	if p := problem.From(err); p != nil && p.Key == outbox.KeyAlreadySent {
		return nothingToDo{locale.Err(err)} // exit 3: sent already, and the data are unchanged
	}
	if err != nil {
		return err
	}
	if res.Written {
		c.say("cli.export.version", map[string]any{"Period": res.Export.Period, "Version": res.Export.Version})
	}
	return c.outcome(res.Outcome, res.Export.ID)
}

// outcome prints what a pass over the outbox did; a version that did not go out is a failure
// (exit 1), with why and whether it is retried.
func (c *call) outcome(out outbox.Outcome, want string) error {
	for _, e := range out.Sent {
		c.say("cli.send.sent", map[string]any{"Period": e.Period, "Version": e.Version})
	}
	for _, f := range out.CopyFailed {
		c.say("cli.send.no_copy", map[string]any{"Error": oneLine(f.Err)})
	}
	var failed error
	for _, f := range out.Failed {
		key := "cli.send.failed"
		if f.Retry {
			key = "cli.send.queued"
		}
		err := problem.New(key, map[string]any{"Period": f.Export.Period, "Version": f.Export.Version, "Error": oneLine(c.mailWords(f.Err))})
		if want == "" || f.Export.ID == want {
			failed = err
		} else {
			c.say(key, err.Data)
		}
	}
	if failed != nil {
		return failed
	}
	if want != "" && !slices.ContainsFunc(out.Sent, func(e office.ExportRecord) bool { return e.ID == want }) {
		return problem.New("cli.send.busy", nil) // another process holds the entry right now
	}
	return nil
}

// mailAccount is the office's mail account with its password (TOWNLEDGER_MAIL_PASSWORD,
// else the keyring) — for sending, the district's mailbox and packages alike.
func (c *call) mailAccount(ctx context.Context, o *office.Office) (outbox.Config, townmail.Account, error) {
	cfg, err := o.Outbox.Load(ctx)
	if err != nil {
		return cfg, townmail.Account{}, err
	}
	if !cfg.Configured() {
		return cfg, townmail.Account{}, c.mailWords(problem.New(outbox.KeyNoAccount, nil))
	}
	pw := c.env.Getenv(EnvMailPassword)
	if pw == "" {
		if pw, err = outbox.Password(cfg); err != nil {
			return cfg, townmail.Account{}, err
		}
	}
	if pw == "" {
		return cfg, townmail.Account{}, problem.New("cli.send.no_password", map[string]any{"Env": EnvMailPassword})
	}
	a := cfg.Account(pw)
	a.RootCAs = c.env.MailRoots
	return cfg, a, nil
}
