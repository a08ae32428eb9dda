package cli

import (
	"context"
	"flag"
	"time"

	"townledger/app/auth"
	"townledger/app/gen"
)

// runGen makes a new ledger filled with a generated town: townledger gen --scale S [--cases N]
// [--year Y] --db FILE. It never adds to a ledger that holds data. With TOWNLEDGER_PASSWORD
// the administrator (TOWNLEDGER_USER, or admin) is created with it, so the window and the
// other commands can sign in; without it, as after init, in the window at its first start.
func runGen(ctx context.Context, c *call) error {
	var o gen.Options
	if err := c.flags("gen", func(fs *flag.FlagSet) {
		fs.IntVar(&o.Scale, "scale", 1, "")
		fs.IntVar(&o.Cases, "cases", 0, "")
		fs.IntVar(&o.Year, "year", 0, "")
	}); err != nil {
		return err
	}
	var admin auth.NewAccount
	if pw := c.env.Getenv(EnvPassword); pw != "" {
		admin.Username = c.user
		if admin.Username == "" {
			admin.Username = c.env.Getenv(EnvUser)
		}
		if admin.Username == "" {
			admin.Username = "admin"
		}
		admin.DisplayName, admin.Password = admin.Username, pw
	}
	start := time.Now()
	n, err := gen.Build(ctx, c.db, o, admin)
	if err != nil {
		return err
	}
	c.say("cli.gen.done", map[string]any{"Path": c.db, "Parties": n.Parties, "Cases": n.Cases, "Events": n.Events,
		"Staff": n.Staff, "Sessions": n.Sessions, "Attendances": n.Attendances, "Activities": n.Activities,
		"Seconds": time.Since(start).Round(100 * time.Millisecond).Seconds()})
	return nil
}

// gen is registered here rather than in the table of cli.go: a tool for benchmarks and
// trials, it sits at the table's end.
func init() { commands = append(commands, command{"gen", runGen, nobody}) }
