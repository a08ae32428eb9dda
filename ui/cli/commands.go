package cli

import (
	"context"
	"errors"
	"flag"
	"strings"

	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/instance"
	"townledger/app/office"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/ui/locale"
)

// runInit sets up a new ledger: the town, and its administrator when a password is given
// (TOWNLEDGER_PASSWORD, or typed twice at the terminal; never an argument). Without one the
// administrator is created in the window at its first start. It is the one command that
// creates the database file.
func runInit(ctx context.Context, c *call) error {
	var t setup.Town
	var admin, adminName string
	for _, a := range c.args {
		if name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); strings.HasPrefix(a, "-") && name == "admin-password" {
			return usageError{locale.T("cli.init.password_flag", map[string]any{"Env": EnvPassword})}
		}
	}
	err := c.flags("init", func(fs *flag.FlagSet) {
		fs.StringVar(&t.Name, "town-name", "", "")
		fs.StringVar(&t.DivisionCode, "town-code", "", "")
		fs.StringVar(&t.ShortName, "short-name", "", "")
		fs.StringVar(&t.DistrictName, "district-name", "", "")
		fs.StringVar(&t.DistrictEmail, "district-email", "", "")
		fs.StringVar(&t.Since, "since", "", "")
		fs.BoolVar(&t.Bureau, "bureau", false, "")
		fs.StringVar(&admin, "admin", "", "")
		fs.StringVar(&adminName, "admin-name", "", "")
	})
	if err != nil {
		return err
	}
	if admin = strings.TrimSpace(admin); admin == "" {
		if admin = c.userName(); admin == "" {
			admin = "admin"
		}
	}
	password, confirm, err := c.adminPassword(admin)
	if err != nil {
		return err
	}
	o, err := office.Open(ctx, c.db)
	if err != nil {
		return err
	}
	defer o.Close()
	if password == "" {
		if err := o.Setup.InitTown(ctx, t); err != nil {
			return err
		}
	} else {
		if adminName == "" {
			adminName = admin
		}
		a := setup.Admin{NewAccount: auth.NewAccount{Username: admin, DisplayName: adminName, Password: password}, Confirm: confirm}
		if err := o.Setup.Run(ctx, t, a); err != nil {
			return err
		}
	}
	town, _, err := o.Town(ctx)
	if err != nil {
		return err
	}
	c.say("cli.init.done", map[string]any{"Name": town.Name, "Code": town.Code, "Path": o.Path()})
	if password == "" {
		c.say("cli.init.admin_later", nil)
	} else {
		c.say("cli.init.admin", map[string]any{"User": admin, "Env": EnvUser})
	}
	return nil
}

// adminPassword is the new administrator's password and its confirmation: from
// TOWNLEDGER_PASSWORD (both the same), or typed twice at the terminal, where an empty
// answer leaves the administrator for the window; "" without either.
func (c *call) adminPassword(admin string) (pw, confirm string, err error) {
	if pw := c.env.Getenv(EnvPassword); pw != "" {
		return pw, pw, nil
	}
	if pw, err = c.password("cli.init.password_prompt", map[string]any{"User": admin, "Min": auth.MinPasswordLen}); err != nil || pw == "" {
		return "", "", err
	}
	if err := auth.CheckPasswordRules(pw); err != nil {
		return "", "", err // said now, not after typing it twice
	}
	confirm, err = c.password("cli.init.password_again", nil)
	return pw, confirm, err
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
	if err := o.Demo.LoadAs(ctx, c.by, c.env.Now()); err != nil {
		return err
	}
	counts, err := o.Counts(ctx)
	if err != nil {
		return err
	}
	c.say("cli.demo.done", map[string]any{"Items": counts[office.ListCatalog], "Parties": counts[office.ListParties],
		"Staff": counts[office.ListStaff], "Trainings": counts[office.ListTrainings], "Activities": counts[office.ListActivities]})
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
	path, err := o.Backup.Make(ctx, out, c.env.Now())
	if err != nil {
		return err
	}
	c.say("cli.backup.done", map[string]any{"Path": path})
	return nil
}

// runVerify checks the ledger as it is (read-only, never upgraded); each --against REPORT
// (repeatable) is a period workbook sent to the district, whose recorded audit head the
// ledger must still hold.
func runVerify(ctx context.Context, c *call) error {
	var against listFlag
	if err := c.flags("verify", func(fs *flag.FlagSet) { fs.Var(&against, "against", "") }); err != nil {
		return err
	}
	rep, err := backup.VerifyFile(ctx, c.db, against...)
	if err != nil {
		return err
	}
	for _, l := range rep.Lines() {
		c.say(l.Key, l.Data)
	}
	if !rep.OK() {
		return problemVerify
	}
	return nil
}

var problemVerify = problemNew("cli.verify.failed")

// runRestore puts a backup in place of the ledger: townledger restore FILE. It refuses while
// a window has the ledger open, and holds the ledger meanwhile so none opens.
func runRestore(ctx context.Context, c *call) error {
	pos, err := c.positional("restore", func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if err := exactly(pos, 1, "cli.restore.args"); err != nil {
		return err
	}
	// The user signs in on the ledger; when it is missing (a new PC) or too damaged to open,
	// on the backup instead: its administrators are the ledger's as it will be. A file that
	// is no backup is refused then before anything is made beside the ledger.
	if err := c.signIn(ctx); err != nil {
		if p := problem.From(err); p.Key != "cli.db.missing" && !backup.IsDamaged(err) {
			return err
		}
		if _, err := backup.VerifyFile(ctx, pos[0]); err != nil {
			if problem.From(err).Key == "db.missing" {
				return problem.New("backup.restore.missing", map[string]any{"Path": pos[0]})
			}
			return &problem.Error{Key: "backup.restore.unusable", Data: map[string]any{"Path": pos[0]}, Err: err}
		}
		if err := c.signInOnCopy(ctx, pos[0]); err != nil {
			return err
		}
	}
	claim, err := instance.Claim(c.db, func() {})
	if errors.Is(err, instance.ErrRunning) {
		return problem.New("cli.restore.window_open", nil)
	}
	if err != nil {
		return err
	}
	defer claim.Close()
	r, err := backup.Restore(ctx, c.db, pos[0], c.env.Now())
	if err != nil {
		return err
	}
	c.say("cli.restore.done", map[string]any{"From": r.From, "Before": r.Before})
	return nil
}

// listFlag collects a flag given several times.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
