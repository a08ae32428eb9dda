package cli

import (
	"context"
	"flag"
	"strings"

	"townledger/app/office"
	"townledger/app/outbox"
	"townledger/app/period"
	"townledger/app/publicity"
	townreport "townledger/app/report"
	"townledger/ui/locale"
)

// runExport writes the periodic report to the district:
// townledger export --period 2024-Q3|2024-07|2024-H1|2024 [--out FILE] [--preparer NAME].
func runExport(ctx context.Context, c *call) error {
	var which, out, preparer string
	err := c.flags("export", func(fs *flag.FlagSet) {
		fs.StringVar(&which, "period", "", "")
		fs.StringVar(&out, "out", "", "")
		fs.StringVar(&preparer, "preparer", "", "")
	})
	if err != nil {
		return err
	}
	if strings.TrimSpace(which) == "" {
		return usageError{locale.T("cli.export.period")}
	}
	from, to, err := period.Parse(which)
	if err != nil {
		return usageError{oneLine(err)}
	}
	if out == "" {
		out = "执法工作报表_" + strings.TrimSpace(which) + ".xlsx"
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	c.say(outbox.StepExport, map[string]any{"Period": period.Canonical(from, to)})
	sum, err := o.Report.Write(ctx, which, out, c.env.Now(), strings.TrimSpace(preparer))
	if err != nil {
		return err
	}
	rec, err := o.Report.Record(ctx, c.by, sum)
	if err != nil {
		return err
	}
	switch {
	case townreport.Reused(sum, rec): // the district has (or will get) these data already
		c.say("cli.export.reused", map[string]any{"Period": rec.Period, "Version": rec.Version})
	case rec.State == office.ExportExported: // a draft: its number is fixed when it is sent
		c.say("cli.export.draft", map[string]any{"Period": rec.Period, "Version": rec.Version})
	default:
		c.say("cli.export.version", map[string]any{"Period": rec.Period, "Version": rec.Version})
	}
	c.say("cli.export.done", map[string]any{"Path": out, "Period": period.Label(from, to, tr),
		"Records": sum.Records, "Hash": sum.ContentHash})
	c.say("cli.export.figures", map[string]any{"Cases": sum.Figures.Cases, "Decided": sum.Figures.Decided,
		"Sessions": sum.Figures.TrainingSessions, "Attendances": sum.Figures.Attendances})
	c.say("cli.export.sentence", map[string]any{"Sentence": publicity.Sentence(sum.Figures.Publicity, from, to, tr)})
	return nil
}

// tr renders a key in the current language, as publicity's Translate.
func tr(key string, data map[string]any) string { return locale.T(key, data) }
