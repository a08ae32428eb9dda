package cli

import (
	"context"
	"flag"
	"strings"

	"townledger/app/period"
	"townledger/ui/locale"
)

// runDistrictConsolidate writes the district's consolidated workbook of a period, the
// versions in force of its towns' workbooks added up:
//
//	townledger district consolidate --period 2024-Q3 [--out FILE] [--preparer NAME]
//
// It says the file, the towns added up and those that sent nothing, and the headline totals.
func runDistrictConsolidate(ctx context.Context, c *call) error {
	var which, out, preparer string
	err := c.flags("district consolidate", func(fs *flag.FlagSet) {
		fs.StringVar(&which, "period", "", "")
		fs.StringVar(&out, "out", "", "")
		fs.StringVar(&preparer, "preparer", "", "")
	})
	if err != nil {
		return err
	}
	if strings.TrimSpace(which) == "" {
		return usageError{locale.T("cli.district.consolidate.usage")}
	}
	from, to, err := period.Parse(which)
	if err != nil {
		return usageError{oneLine(err)}
	}
	if out == "" {
		out = "执法工作汇总表_" + period.Canonical(from, to) + ".xlsx"
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	res, err := o.District.Consolidate(ctx, c.by, which, out, c.env.Now(), strings.TrimSpace(preparer))
	if err != nil {
		return err
	}
	rows := 0
	for _, n := range res.Rows {
		rows += n
	}
	c.say("cli.district.consolidate.done", map[string]any{"Path": out, "Period": period.Label(from, to, tr),
		"Towns": len(res.Towns), "Rows": rows, "Records": res.Records, "Hash": res.ContentHash})
	if len(res.Missing) > 0 {
		names := make([]string, len(res.Missing))
		for i, t := range res.Missing {
			names[i] = t.Name
		}
		c.say("cli.district.consolidate.missing", map[string]any{"N": len(names),
			"Towns": strings.Join(names, locale.T("cli.list_separator"))})
	}
	fig := map[string]string{}
	for _, f := range res.Figures {
		fig[f.Name] = f.Value
	}
	c.say("cli.district.consolidate.figures", map[string]any{"Cases": fig["cases"], "Decided": fig["decided"],
		"Fines": fig["fines_wan"], "Sessions": fig["training_sessions"], "Attendances": fig["attendances"],
		"Activities": fig["activities"], "People": fig["people"]})
	return nil
}
