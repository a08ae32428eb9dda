package cli

import (
	"context"
	"flag"
	"time"

	"townledger/app/auth"
	"townledger/app/catalog"
	"townledger/data"
)

// importCatalog imports the catalogue workbook, giving the counts of the success line.
func importCatalog(ctx context.Context, store *data.Store, by auth.Session, path string, today time.Time) (map[string]any, error) {
	r, err := catalog.Import(ctx, store, by, path, today)
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
		out = "赋权事项目录-" + today.Format(data.DateLayout) + ".xlsx"
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	n, err := catalog.ExportWorkbook(ctx, o.Store, out, today)
	if err != nil {
		return err
	}
	c.say("cli.export_catalog.done", map[string]any{"N": n, "Path": out})
	return nil
}
