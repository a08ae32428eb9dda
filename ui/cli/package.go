package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"townledger/app/districtpkg"
	"townledger/app/office"
	"townledger/ui/locale"
	"townledger/ui/pkgview"
)

// A town's side of the district's package (issue #15 item 7): `package check` shows what
// the district's newest package would change, `package apply` applies it.

// packageArg is the optional FILE of package check and package apply.
func (c *call) packageArg(name string) (string, error) {
	pos, err := c.positional(name, func(*flag.FlagSet) {})
	if err != nil {
		return "", err
	}
	if len(pos) > 1 {
		return "", usageError{locale.T("cli.package.usage")}
	}
	if len(pos) == 1 {
		return pos[0], nil
	}
	return "", nil
}

// candidate is a package to show or apply: from a file, or the newest acceptable one the
// district mailed. A package that cannot be applied is said with its reason.
func (c *call) packageFrom(ctx context.Context, o *office.Office, file string) (districtpkg.Package, bool, error) {
	if file != "" {
		raw, err := districtpkg.ReadFile(file)
		if err != nil {
			return districtpkg.Package{}, false, err
		}
		p, err := districtpkg.Open(ctx, raw)
		if err == nil {
			err = o.District.CheckPackage(ctx, p)
		}
		if err != nil {
			return p, false, err
		}
		return p, true, nil
	}
	_, a, err := c.mailAccount(ctx, o)
	if err != nil {
		return districtpkg.Package{}, false, err
	}
	found, err := o.District.FindPackages(ctx, a)
	if err != nil {
		return districtpkg.Package{}, false, c.mailWords(err)
	}
	var best districtpkg.Package
	ok := false
	for _, f := range found {
		what := locale.T("cli.package.mail", map[string]any{"Subject": f.Mail.Subject, "Date": f.Mail.Date.Local().Format("2006-01-02 15:04")})
		if f.Err != nil {
			c.say("cli.package.refused", map[string]any{"What": what, "Reason": oneLine(f.Err)})
			continue
		}
		best, ok = f.Package, true
	}
	return best, ok, nil
}

// sayChanges says what a package changes, a line each.
func (c *call) sayChanges(ch districtpkg.Changes) {
	for _, l := range pkgview.Changes(ch) {
		fmt.Fprintln(c.env.Stdout, l)
	}
}

// runPackageCheck shows what the district's newest package would change:
//
//	townledger package check [FILE]
//
// Without FILE it reads the mailbox for the district's package mail (from the district's
// address only). Exit 0 with something to apply, 3 when nothing new, 1 when the only package
// found cannot be applied.
func runPackageCheck(ctx context.Context, c *call) error {
	file, err := c.packageArg("package check")
	if err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	p, ok, err := c.packageFrom(ctx, o, file)
	if err != nil {
		return err
	}
	if !ok {
		return nothingToDo{locale.T("cli.package.none")}
	}
	c.sayPackage(p, file)
	ch, err := o.District.PreviewPackage(ctx, p)
	if err != nil {
		return err
	}
	c.sayChanges(ch)
	c.say("cli.package.to_apply", map[string]any{"Args": strings.TrimSpace("package apply " + file)})
	return nil
}

// runPackageApply applies the district's newest package (or FILE), as an administrator:
//
//	townledger package apply [FILE]
//
// It says what it changed. Exit 3 when there is nothing new to apply.
func runPackageApply(ctx context.Context, c *call) error {
	file, err := c.packageArg("package apply")
	if err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := o.Backup.CheckSound(ctx); err != nil {
		return err
	}
	p, ok, err := c.packageFrom(ctx, o, file)
	if err != nil {
		return err
	}
	if !ok {
		return nothingToDo{locale.T("cli.package.none")}
	}
	c.sayPackage(p, file)
	ch, err := o.District.ApplyPackage(ctx, c.by, p)
	if err != nil {
		return err
	}
	c.sayChanges(ch)
	c.say("cli.package.applied", map[string]any{"Version": p.Manifest.Version})
	return nil
}
