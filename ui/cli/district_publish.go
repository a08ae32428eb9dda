package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"townledger/app/district"
	"townledger/app/districtpkg"
	"townledger/app/problem"
	"townledger/ui/locale"
	"townledger/ui/pkgview"
)

// runDistrictPublish mails the district's package — its catalogue of delegated items, its
// holiday calendar and its rule sets — to every registered town:
//
//	townledger district publish [--dry-run] [--out FILE]
//
// --dry-run builds the package and says what it holds and where it would go, mailing and
// recording nothing; --out also keeps the .zip. Exit 0 when every town got it, 1 when any
// could not.
func runDistrictPublish(ctx context.Context, c *call) error {
	var dry bool
	var out string
	if err := c.flags("district publish", func(fs *flag.FlagSet) {
		fs.BoolVar(&dry, "dry-run", false, "")
		fs.StringVar(&out, "out", "", "")
	}); err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	var pub district.Published
	if dry {
		pub, err = o.District.Prepare(ctx, c.by, c.env.Now())
	} else {
		_, a, aerr := c.mailAccount(ctx, o)
		if aerr != nil {
			return aerr
		}
		pub, err = o.District.Publish(ctx, c.by, a, c.env.Now())
	}
	if err != nil {
		return c.mailWords(err)
	}
	if pkg, err := districtpkg.Open(ctx, pub.Package); err == nil {
		c.sayPackage(pkg, "")
	}
	if out != "" {
		if err := writeNew(out, pub.Package); err != nil {
			return err
		}
		c.say("cli.district.publish.saved", map[string]any{"Path": out})
	}
	failed := 0
	for _, d := range pub.Sent {
		data := map[string]any{"Code": d.Town.DivisionCode, "Name": d.Town.Name, "To": strings.Join(d.To, locale.T("cli.list_separator"))}
		switch {
		case d.Err != nil:
			failed++
			data["Error"] = oneLine(c.mailWords(d.Err))
			c.say("cli.district.publish.failed", data)
		case dry:
			c.say("cli.district.publish.would", data)
		default:
			c.say("cli.district.publish.sent", data)
		}
	}
	switch {
	case dry:
		c.say("cli.district.publish.dry_done", map[string]any{"N": len(pub.Sent) - failed, "Version": pub.Manifest.Version})
		return nil
	case failed > 0:
		return problem.New("cli.district.publish.some_failed", map[string]any{"N": failed, "M": len(pub.Sent),
			"Version": pub.Manifest.Version})
	}
	c.say("cli.district.publish.done", map[string]any{"N": len(pub.Sent), "Version": pub.Manifest.Version})
	return nil
}

// writeNew writes b to a new file at path, refusing one that exists.
func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return problem.New("cli.package.exists", map[string]any{"Path": path})
	}
	if err != nil {
		return problem.New("cli.package.write", map[string]any{"Path": path, "Detail": err.Error()})
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return problem.New("cli.package.write", map[string]any{"Path": path, "Detail": err.Error()})
	}
	if err := f.Close(); err != nil {
		return problem.New("cli.package.write", map[string]any{"Path": path, "Detail": err.Error()})
	}
	return nil
}

// sayPackage says what a package holds, from is where it came from ("" for none).
func (c *call) sayPackage(p districtpkg.Package, from string) {
	fmt.Fprintln(c.env.Stdout, pkgview.About(p, from))
}
