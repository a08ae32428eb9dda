package cli

import (
	"context"
	"flag"
	"strconv"
	"strings"

	"townledger/app/period"
	townreport "townledger/app/report"
	"townledger/ui/locale"
)

// runStatus lists the year's reporting periods, one line each: when it is due, which versions
// were written, whether the newest that left is queued, sent, acknowledged or sent back, and
// whether the data changed since it was sent:
//
//	townledger status [--year 2026]
func runStatus(ctx context.Context, c *call) error {
	var yearText string
	err := c.flags("status", func(fs *flag.FlagSet) { fs.StringVar(&yearText, "year", "", "") })
	if err != nil {
		return err
	}
	now := c.env.Now()
	year := now.Year()
	if yearText != "" {
		if year, err = strconv.Atoi(strings.TrimSpace(yearText)); err != nil || year < 2000 || year > 2999 {
			return usageError{locale.T("cli.disclosure.bad_year", map[string]any{"Value": yearText})}
		}
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	list, err := o.Report.Status(ctx, year, now)
	if err != nil {
		return err
	}
	c.say("cli.status.title", map[string]any{"Year": year})
	for _, s := range list {
		c.say("cli.status.line", statusLine(s))
	}
	return nil
}

// statusLine is the data of one period's line: its name, the state in words and what follows.
func statusLine(s townreport.PeriodStatus) map[string]any {
	label := period.Label(s.From, s.To, func(key string, d map[string]any) string { return locale.T(key, d) })
	if label == s.Period {
		label = "" // English months: 2024-07 says it already
	}
	d := map[string]any{"Period": s.Period, "Label": label, "DueOn": s.DueOn.Format("2006-01-02"), "Versions": s.Versions}
	if s.Out != nil {
		d["Version"] = s.Out.Version
		d["SentAt"] = townreport.LocalTime(s.Out.SentAt)
		d["AckedAt"] = townreport.LocalTime(s.Out.AckedAt)
		d["Reason"] = strings.Join(strings.Fields(s.Out.RejectReason), " ") // one line per period
	}
	var notes []string
	if !s.Wanted {
		notes = append(notes, locale.T("cli.status.not_wanted"))
	}
	if s.Versions > 1 {
		notes = append(notes, locale.T("cli.status.versions", d))
	}
	if s.Draft != nil && (s.Out == nil || s.Draft.CreatedAt > s.Out.CreatedAt) {
		notes = append(notes, locale.T("cli.status.exported", d))
	}
	switch {
	case s.State == townreport.StatusRejected && s.Changed:
		notes = append(notes, locale.T("cli.status.rejected_changed", d))
	case s.State == townreport.StatusRejected:
		notes = append(notes, locale.T("cli.status.rejected_unchanged", d))
	case s.Changed && s.Received != nil:
		notes = append(notes, locale.T("cli.status.changed", d))
	case s.Changed:
		notes = append(notes, locale.T("cli.status.queued_changed", d))
	}
	d["State"] = locale.T("cli.status.state."+s.State, d)
	d["Notes"] = ""
	if len(notes) > 0 {
		d["Notes"] = locale.T("cli.separator") + strings.Join(notes, locale.T("cli.separator"))
	}
	return d
}

// statusStates are the states a line may be in, for the translation test.
var statusStates = []string{townreport.StatusNotEnded, townreport.StatusBeforeLedger, townreport.DueOpen,
	townreport.DueOverdue, townreport.DueQueued, townreport.DueSent, townreport.DueAcknowledged, townreport.StatusRejected}
