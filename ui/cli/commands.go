package cli

import (
	"context"
	"flag"

	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/demo"
	"townledger/app/setup"
	"townledger/data"
)

func runInit(ctx context.Context, c *call) error {
	var t setup.Town
	var admin, adminName, password string
	err := c.flags("init", func(fs *flag.FlagSet) {
		fs.StringVar(&t.Name, "town-name", "", "")
		fs.StringVar(&t.DivisionCode, "town-code", "", "")
		fs.StringVar(&t.ShortName, "short-name", "", "")
		fs.StringVar(&t.DistrictName, "district-name", "", "")
		fs.StringVar(&t.DistrictEmail, "district-email", "", "")
		fs.StringVar(&admin, "admin", "admin", "")
		fs.StringVar(&adminName, "admin-name", "", "")
		fs.StringVar(&password, "admin-password", "", "")
	})
	if err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	if password == "" {
		if err := setup.InitTown(ctx, o.Store, t); err != nil {
			return err
		}
	} else {
		if adminName == "" {
			adminName = admin
		}
		a := setup.Admin{NewAccount: auth.NewAccount{Username: admin, DisplayName: adminName, Password: password}, Confirm: password}
		if err := setup.Run(ctx, o.Store, t, a); err != nil {
			return err
		}
	}
	town, _, err := o.Store.Town(ctx)
	if err != nil {
		return err
	}
	c.say("cli.init.done", map[string]any{"Name": town.Name, "Code": town.Code, "Path": o.Store.Path()})
	if password == "" {
		c.say("cli.init.admin_later", nil)
	}
	return nil
}

func runDemo(ctx context.Context, c *call) error {
	if err := c.flags("demo", func(*flag.FlagSet) {}); err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := demo.Load(ctx, o.Store, data.System, c.env.Now()); err != nil {
		return err
	}
	counts, err := o.Store.Counts(ctx)
	if err != nil {
		return err
	}
	c.say("cli.demo.done", map[string]any{"Items": counts[data.ListCatalog], "Parties": counts[data.ListParties],
		"Staff": counts[data.ListStaff], "Trainings": counts[data.ListTrainings], "Activities": counts[data.ListActivities]})
	return nil
}

func runBackup(ctx context.Context, c *call) error {
	var out string
	if err := c.flags("backup", func(fs *flag.FlagSet) { fs.StringVar(&out, "out", "", "") }); err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	path, err := backup.Make(ctx, o.Store, out, c.env.Now())
	if err != nil {
		return err
	}
	c.say("cli.backup.done", map[string]any{"Path": path})
	return nil
}

func runVerify(ctx context.Context, c *call) error {
	if err := c.flags("verify", func(*flag.FlagSet) {}); err != nil {
		return err
	}
	rep, err := backup.VerifyFile(ctx, c.db)
	if err != nil {
		return err
	}
	c.say("cli.verify.summary", map[string]any{"Schema": rep.SchemaVersion, "Rows": rep.AuditRows})
	for _, p := range rep.Problems {
		c.say("cli.verify.problem", map[string]any{"Detail": p})
	}
	if rep.AuditBreak != nil {
		c.say("cli.verify.audit_break", map[string]any{"Seq": rep.AuditBreak.Seq, "Reason": rep.AuditBreak.Reason})
	}
	if !rep.OK() {
		return problemVerify
	}
	c.say("cli.verify.ok", nil)
	return nil
}

var problemVerify = problemNew("cli.verify.failed")
