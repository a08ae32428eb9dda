package cli

import (
	"context"
	"flag"
	"time"

	"townledger/app/auth"
	"townledger/app/office"
)

// importCatalog imports the catalogue workbook, giving the counts of the success line.
func importCatalog(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (map[string]any, error) {
	r, err := o.Catalog.Import(ctx, by, path, today)
	return map[string]any{"Added": r.Added, "Revised": r.Revised, "Unchanged": r.Unchanged}, err
}

// runExportCatalog writes the current catalogue in the import format:
// townledger export-catalog [--out FILE]. An existing file is refused.
func runExportCatalog(ctx context.Context, c *call) error {
	var out string
	if err := c.flags("export-catalog", func(fs *flag.FlagSet) { fs.StringVar(&out, "out", "", "") }); err != nil {
		return err
	}
	today := c.env.Now()
	if out == "" {
		out = "赋权事项目录-" + today.Format(office.DateLayout) + ".xlsx"
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	n, err := o.Catalog.ExportWorkbook(ctx, out, today)
	if err != nil {
		return err
	}
	c.say("cli.export_catalog.done", map[string]any{"N": n, "Path": out})
	return nil
}
