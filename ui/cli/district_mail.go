package cli

import (
	"context"
	"flag"
	"strings"

	"townledger/app/district"
	"townledger/app/office"
	"townledger/app/problem"
	"townledger/ui/locale"
)

// runDistrictPullMail takes in the towns' workbooks from the district's inbox and answers
// each town with a receipt (`district pull` without --folder):
//
//	townledger district pull
//
// Exit 0 when every new mail was taken in and answered, 1 when any was rejected, could not
// be read or its receipt could not be sent (the next pull sends it), 3 when nothing was new.
func runDistrictPullMail(ctx context.Context, c *call) error {
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := o.Backup.CheckSound(ctx); err != nil {
		return err
	}
	_, a, err := c.mailAccount(ctx, o)
	if err != nil {
		return err
	}
	list, err := o.District.PullMail(ctx, c.by, a, func(err error) string { return locale.Err(err) })
	var refused, unanswered int
	for _, out := range list {
		c.sayMailOutcome(out)
		if !out.Retried && (out.Result == office.ReceivedRejected || out.Result == "") {
			refused++
		}
		if out.ReceiptErr != nil {
			unanswered++
		}
	}
	if err != nil {
		return c.mailWords(err)
	}
	switch {
	case refused > 0 || unanswered > 0:
		return problem.New("cli.district.mail.some_refused", map[string]any{"N": refused, "M": len(list), "Unanswered": unanswered})
	case len(list) == 0:
		return nothingToDo{locale.T("cli.district.mail.nothing")}
	}
	c.say("cli.district.mail.done", map[string]any{"N": len(list)})
	return nil
}

// sayMailOutcome says what came of one mail, then its receipt.
func (c *call) sayMailOutcome(out district.MailOutcome) {
	file := out.File
	if file == "" {
		file = locale.T("cli.district.mail.subject", map[string]any{"Subject": out.Subject})
	}
	key, d := outcomeLine(out.Outcome, file)
	d["Sender"] = out.Sender
	if out.Retried {
		key = "cli.district.mail.retried"
	}
	c.say(key, d)
	switch {
	case out.ReceiptErr != nil:
		c.say("cli.district.mail.receipt_failed", map[string]any{"To": out.Sender, "Error": oneLine(c.mailWords(out.ReceiptErr))})
	case out.Receipt == district.ReceiptRejected:
		c.say("cli.district.mail.receipt_rejected", map[string]any{"To": out.Sender})
	case out.Receipt != "":
		c.say("cli.district.mail.receipt_accepted", map[string]any{"To": out.Sender})
	case out.Result != "" && !out.Retried:
		c.say("cli.district.mail.receipt_none", map[string]any{"Sender": out.Sender})
	}
}

// runDistrictRemind mails a polite reminder to every registered town with nothing in force
// for the period:
//
//	townledger district remind --period 2024-Q3
//
// Exit 0 when every reminder went, 1 when any could not, 3 when every town has reported.
func runDistrictRemind(ctx context.Context, c *call) error {
	var p string
	if err := c.flags("district remind", func(fs *flag.FlagSet) { fs.StringVar(&p, "period", "", "") }); err != nil {
		return err
	}
	if strings.TrimSpace(p) == "" {
		return usageError{locale.T("cli.district.remind.usage")}
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	_, a, err := c.mailAccount(ctx, o)
	if err != nil {
		return err
	}
	list, err := o.District.Remind(ctx, c.by, a, p)
	if err != nil {
		return c.mailWords(err)
	}
	failed := 0
	for _, r := range list {
		d := map[string]any{"Code": r.Town.DivisionCode, "Name": r.Town.Name, "To": strings.Join(r.To, locale.T("cli.list_separator")),
			"State": locale.T("cli.district.state." + r.State)}
		if r.Err != nil {
			failed++
			d["Error"] = oneLine(c.mailWords(r.Err))
			c.say("cli.district.remind.failed", d)
			continue
		}
		c.say("cli.district.remind.sent", d)
	}
	switch {
	case failed > 0:
		return problem.New("cli.district.remind.some_failed", map[string]any{"N": failed, "M": len(list)})
	case len(list) == 0:
		return nothingToDo{locale.T("cli.district.remind.nothing", map[string]any{"Period": strings.TrimSpace(p)})}
	}
	c.say("cli.district.remind.done", map[string]any{"N": len(list)})
	return nil
}
