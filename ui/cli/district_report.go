package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"townledger/app/district"
	"townledger/ui/locale"
)

// runDistrictReport draws up the year figures of the district's annual rule-of-law report
// (法治政府建设工作报告) from its towns' workbooks in force:
//
//	townledger district report --year 2026 [--out FILE.xlsx] [--text FILE.txt]
//
// It writes the sheet (the figures by town and the district's total, the sentences, charts
// comparing the towns) and, beside it unless --text names another file, the text (UTF-8 with
// a byte-order mark, for Notepad); neither is ever written over. It prints the sentences,
// ready to copy, how each town's year was made up, and the towns whose year is incomplete.
func runDistrictReport(ctx context.Context, c *call) error {
	var year, out, text string
	err := c.flags("district report", func(fs *flag.FlagSet) {
		fs.StringVar(&year, "year", "", "")
		fs.StringVar(&out, "out", "", "")
		fs.StringVar(&text, "text", "", "")
	})
	if err != nil {
		return err
	}
	if strings.TrimSpace(year) == "" {
		return usageError{locale.T("cli.district.report.usage")}
	}
	y, err := district.ParseYear(year)
	if err != nil {
		return usageError{oneLine(err)}
	}
	if out == "" {
		out = "法治政府建设年度数据_" + strconv.Itoa(y) + ".xlsx"
	}
	if text == "" {
		text = district.TextPath(out)
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	a, err := o.District.Annual(ctx, y)
	if err != nil {
		return err
	}
	if err := o.District.SaveAnnual(ctx, a, out, text, tr); err != nil {
		return err
	}
	towns := 0
	for _, t := range a.Towns {
		if t.Basis != district.BasisNone {
			towns++
		}
	}
	c.say("cli.district.report.done", map[string]any{"Year": y, "Towns": towns, "Path": out, "Text": text})
	c.say("cli.district.report.sentences", nil)
	for _, s := range a.Sentences(tr) {
		fmt.Fprintln(c.env.Stdout, s)
	}
	c.say(district.KeyAnnualSources, nil)
	for _, t := range a.Towns {
		fmt.Fprintln(c.env.Stdout, t.Source(tr))
	}
	if inc := a.Incomplete(); len(inc) > 0 {
		names := make([]string, len(inc))
		for i, t := range inc {
			names[i] = t.Name
		}
		c.say("cli.district.report.incomplete", map[string]any{"N": len(names),
			"Towns": strings.Join(names, locale.T("cli.list_separator"))})
	}
	return nil
}
