package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"townledger/app/office"

	"townledger/app/district"
	"townledger/app/problem"
	townreport "townledger/app/report"
	"townledger/app/workbook"
	"townledger/ui/locale"
)

// runDistrictTownsTemplate writes the empty towns sheet that district towns import reads:
//
//	townledger district towns template [--out FILE]
//
// (The template command's kinds are the town's imports; its tests fix their list.)
func runDistrictTownsTemplate(_ context.Context, c *call) error {
	var out string
	if err := c.flags("district towns template", func(fs *flag.FlagSet) { fs.StringVar(&out, "out", "", "") }); err != nil {
		return err
	}
	if out == "" {
		out = district.TownsSpec.Title + "导入模板.xlsx"
	}
	if err := workbook.WriteTemplate(district.TownsSpec, out); err != nil {
		return err
	}
	c.say("cli.template.done", map[string]any{"Path": out})
	return nil
}

// runDistrictTownsImport registers the towns of a filled towns sheet, all or none; each
// problem in the file is a line on stderr:
//
//	townledger district towns import FILE
func runDistrictTownsImport(ctx context.Context, c *call) error {
	pos, err := c.positional("district towns import", func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return usageError{locale.T("cli.district.towns.import_usage")}
	case len(pos) > 1:
		return usageError{locale.T("cli.extra_args", map[string]any{"Args": strings.Join(pos[1:], " ")})}
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := o.Backup.CheckSound(ctx); err != nil {
		return err
	}
	n, err := o.District.ImportTowns(ctx, c.by, pos[0])
	var probs *workbook.Problems
	if errors.As(err, &probs) {
		for _, line := range probs.Lines(func(key string, d map[string]any) string { return locale.T(key, d) }) {
			fmt.Fprintln(c.env.Stderr, line)
		}
	}
	if err != nil {
		return err
	}
	c.say("cli.district.towns.imported", map[string]any{"N": n})
	return nil
}

// runDistrictTowns lists the district's registered towns:
//
//	townledger district towns
func runDistrictTowns(ctx context.Context, c *call) error {
	if err := c.flags("district towns", func(*flag.FlagSet) {}); err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	towns, err := o.District.Towns(ctx)
	if err != nil {
		return err
	}
	if len(towns) == 0 {
		c.say("cli.district.towns.none", nil)
		return nil
	}
	c.say("cli.district.towns.title", map[string]any{"N": len(towns)})
	for _, t := range towns {
		c.say("cli.district.towns.line", map[string]any{"Code": t.DivisionCode, "Name": t.Name,
			"Kind": locale.T("district.kind." + t.Kind), "Contact": orDash(t.Contact), "Phone": orDash(t.Phone),
			"Emails": orDash(t.Emails)})
	}
	return nil
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// versionText says a version number in words, or that the workbook names none.
func versionText(n int) string {
	if n <= 0 {
		return locale.T("cli.district.version.unknown")
	}
	return locale.T("cli.district.version.number", map[string]any{"N": n})
}

// runDistrictPull takes in every town workbook in a folder and says what came of each:
//
//	townledger district pull --folder DIR
//
// Exit 0 when every new file was taken in, 1 when any was rejected or could not be read,
// 3 when there was nothing new (a file rejected before for the same reason is nothing new).
func runDistrictPull(ctx context.Context, c *call) error {
	var dir string
	if err := c.flags("district pull", func(fs *flag.FlagSet) { fs.StringVar(&dir, "folder", "", "") }); err != nil {
		return err
	}
	if strings.TrimSpace(dir) == "" {
		return runDistrictPullMail(ctx, c) // the district's mailbox (district_mail.go)
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := o.Backup.CheckSound(ctx); err != nil {
		return err
	}
	list, err := o.District.PullFolder(ctx, c.by, dir, func(err error) string { return locale.Err(err) })
	if err != nil {
		return err
	}
	var fresh, refused int
	for _, out := range list {
		key, d := outcomeLine(out, out.File)
		if !out.Again {
			fresh++
		}
		if !out.Again && (out.Result == office.ReceivedRejected || out.Result == "") {
			refused++
		}
		c.say(key, d)
	}
	switch {
	case refused > 0:
		return problem.New("cli.district.pull.some_refused", map[string]any{"N": refused, "M": len(list)})
	case fresh == 0:
		return nothingToDo{locale.T("cli.district.pull.nothing", map[string]any{"Dir": dir})}
	}
	c.say("cli.district.pull.done", map[string]any{"N": fresh})
	return nil
}

// runDistrictStatus lists, for a period, what every town sent: the version in force, and
// whether it is missing, or what else came (superseded, late, rejected):
//
//	townledger district status --period 2024-Q3
func runDistrictStatus(ctx context.Context, c *call) error {
	var p string
	if err := c.flags("district status", func(fs *flag.FlagSet) { fs.StringVar(&p, "period", "", "") }); err != nil {
		return err
	}
	if strings.TrimSpace(p) == "" {
		return usageError{locale.T("cli.district.status.usage")}
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	list, err := o.District.Status(ctx, p)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	registered := 0
	for _, s := range list {
		if s.Registered {
			registered++
			counts[s.State]++
		}
	}
	c.say("cli.district.status.title", map[string]any{"Period": strings.TrimSpace(p), "N": registered,
		"Received": counts[district.StateReceived], "Rejected": counts[district.StateRejected], "Missing": counts[district.StateMissing]})
	for _, s := range list {
		c.say("cli.district.status.line", statusOfTown(s))
	}
	return nil
}

// statusOfTown is the data of one town's status line.
func statusOfTown(s district.TownStatus) map[string]any {
	name := s.Town.Name
	if !s.Registered {
		name = locale.T("cli.district.status.unregistered")
	}
	var notes []string
	switch s.State {
	case district.StateReceived:
		notes = append(notes, locale.T("cli.district.status.received", map[string]any{"Version": versionText(s.InForce.Version),
			"At": townreport.LocalTime(s.InForce.ReceivedAt), "Via": locale.T("cli.district.via." + s.InForce.Source)}))
	case district.StateMissing:
		notes = append(notes, locale.T("cli.district.status.missing"))
	case district.StateRejected:
		notes = append(notes, locale.T("cli.district.status.none_in_force"))
	}
	versions := func(l []office.ReceivedReport) string {
		v := make([]string, len(l))
		for i, r := range l {
			v[i] = versionText(r.Version)
		}
		return strings.Join(v, locale.T("cli.list_separator"))
	}
	if len(s.Superseded) > 0 {
		notes = append(notes, locale.T("cli.district.status.superseded", map[string]any{"Versions": versions(s.Superseded)}))
	}
	if len(s.Late) > 0 {
		notes = append(notes, locale.T("cli.district.status.late", map[string]any{"N": len(s.Late), "Versions": versions(s.Late)}))
	}
	if n := len(s.Rejected); n > 0 {
		last := s.Rejected[n-1]
		notes = append(notes, locale.T("cli.district.status.rejected", map[string]any{"N": n,
			"Reason": strings.TrimRight(strings.Join(strings.Fields(last.Reason), " "), "。.")}))
	}
	return map[string]any{"Code": s.Town.DivisionCode, "Name": name, "State": locale.T("cli.district.state." + s.State),
		"Notes": strings.Join(notes, locale.T("cli.separator"))}
}

// outcomeLine says what came of one received workbook (from a folder or a mail): the key of
// its line and the line's data, file naming the workbook.
func outcomeLine(out district.Outcome, file string) (string, map[string]any) {
	d := map[string]any{"File": file, "Town": out.TownName, "Code": out.Report.FromTown, "Period": out.Report.Period,
		"Version": versionText(out.Report.Version)}
	if d["Town"] == "" {
		d["Town"] = out.Report.FromTown
	}
	switch {
	case out.Again && out.Result == office.ReceivedRejected:
		d["At"] = townreport.LocalTime(out.Report.ReceivedAt)
		return "cli.district.pull.again_rejected", d
	case out.Again:
		d["At"] = townreport.LocalTime(out.Report.ReceivedAt)
		return "cli.district.pull.again", d
	case out.Result == office.ReceivedMerged && out.Replaced.ID != "":
		d["Old"] = versionText(out.Replaced.Version)
		return "cli.district.pull.superseded", d
	case out.Result == office.ReceivedMerged:
		return "cli.district.pull.merged", d
	case out.Result == office.ReceivedDuplicate:
		d["InForce"] = versionText(out.InForce.Version)
		return "cli.district.pull.duplicate", d
	case out.Result == office.ReceivedLate:
		d["InForce"] = versionText(out.InForce.Version)
		return "cli.district.pull.late", d
	case out.Result == office.ReceivedRejected:
		d["Reason"] = out.Report.Reason
		if out.Err != nil {
			d["Reason"] = oneLine(out.Err)
		}
		return "cli.district.pull.rejected", d
	}
	d["Reason"] = oneLine(out.Err)
	return "cli.district.pull.failed", d
}
