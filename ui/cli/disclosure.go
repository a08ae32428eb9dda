package cli

import (
	"context"
	"flag"
	"strconv"
	"time"

	"townledger/ui/locale"
)

// runDisclosure writes the publication sheet (双公示) of a period's penalty decisions:
// townledger disclosure (--year YYYY | --from DATE --to DATE) [--out FILE].
func runDisclosure(ctx context.Context, c *call) error {
	var fromText, toText, yearText, out string
	err := c.flags("disclosure", func(fs *flag.FlagSet) {
		fs.StringVar(&fromText, "from", "", "")
		fs.StringVar(&toText, "to", "", "")
		fs.StringVar(&yearText, "year", "", "")
		fs.StringVar(&out, "out", "", "")
	})
	if err != nil {
		return err
	}
	from, to, name, err := disclosurePeriod(yearText, fromText, toText)
	if err != nil {
		return err
	}
	if out == "" {
		out = "行政处罚信息公示_" + name + ".xlsx"
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	n, err := o.Disclosure.WriteOn(ctx, from, to, out, c.env.Now())
	if err != nil {
		return err
	}
	c.say("cli.disclosure.done", map[string]any{"N": n, "Path": out})
	return nil
}

// disclosurePeriod reads either --year or both --from and --to; name is how the default file
// name states the period.
func disclosurePeriod(yearText, fromText, toText string) (from, to time.Time, name string, err error) {
	switch {
	case yearText != "" && (fromText != "" || toText != ""):
		return from, to, "", usageError{locale.T("cli.disclosure.year_and_range")}
	case yearText != "":
		y, err := strconv.Atoi(yearText)
		if err != nil || y < 2000 || y > 2999 {
			return from, to, "", usageError{locale.T("cli.disclosure.bad_year", map[string]any{"Value": yearText})}
		}
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.Local), time.Date(y, 12, 31, 0, 0, 0, 0, time.Local), yearText, nil
	case fromText == "" || toText == "":
		return from, to, "", usageError{locale.T("cli.disclosure.period")}
	}
	for _, d := range []struct {
		text string
		to   *time.Time
	}{{fromText, &from}, {toText, &to}} {
		t, err := time.ParseInLocation("2006-01-02", d.text, time.Local)
		if err != nil {
			return from, to, "", usageError{locale.T("cli.disclosure.bad_date", map[string]any{"Value": d.text})}
		}
		*d.to = t
	}
	if to.Before(from) {
		return from, to, "", usageError{locale.T("cli.disclosure.reversed", map[string]any{"From": fromText, "To": toText})}
	}
	return from, to, fromText + "至" + toText, nil
}
