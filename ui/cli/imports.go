package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"townledger/app/activityimport"
	"townledger/app/auth"
	"townledger/app/calendarimport"
	"townledger/app/caseimport"
	"townledger/app/catalog"
	"townledger/app/office"
	"townledger/app/parties"
	"townledger/app/trainingimport"
	"townledger/app/workbook"
	"townledger/ui/locale"
)

// importKind is one kind of record that `template` and `import` handle.
type importKind struct {
	name string
	spec workbook.Spec
	run  func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (int, error)
	done string // translation key of the success line, with N
	// For a workbook of several sheets (the catalogue): write writes the template instead of
	// workbook.WriteTemplate(spec), and report imports instead of run, giving the success
	// line's data.
	write  func(path string) error
	report func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (map[string]any, error)
}

// importKinds are the kinds imports are provided for; plannedKinds (DESIGN.md's other
// kinds) are refused as not provided yet.
var (
	importKinds = []importKind{
		{name: parties.Kind, spec: parties.Spec, run: func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (int, error) {
			return o.Parties.Import(ctx, by, path, today)
		}, done: "cli.import.enterprises.done"},
		{name: catalog.Kind, spec: catalog.ItemsSpec, done: "cli.import.catalog.done", write: catalog.WriteTemplate, report: importCatalog},
		{name: caseimport.Kind, spec: caseimport.Spec, done: "cli.import.cases.done",
			report: func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (map[string]any, error) {
				r, err := o.CaseImport.Import(ctx, by, path, today)
				return map[string]any{"N": r.Cases, "M": r.NewParties}, err
			}},
		{name: trainingimport.StaffKind, spec: trainingimport.StaffSpec, run: func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (int, error) {
			return o.TrainingImport.ImportStaff(ctx, by, path, today)
		}, done: "cli.import.staff.done"},
		{name: trainingimport.TrainingsKind, spec: trainingimport.TrainingsSpec, run: func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (int, error) {
			return o.TrainingImport.ImportTrainings(ctx, by, path, today)
		},
			done: "cli.import.trainings.done"},
		// A sign-in sheet names its session in its 培训主题 and 日期 columns.
		{name: trainingimport.AttendanceKind, spec: trainingimport.AttendanceSpec, done: "cli.import.attendance.done",
			report: func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (map[string]any, error) {
				r, err := o.TrainingImport.ImportAttendance(ctx, by, path, today)
				return map[string]any{"N": r.Attendees, "Title": r.Title, "Date": r.Date}, err
			}},
		{name: activityimport.Kind, spec: activityimport.Spec, done: "cli.import.activities.done",
			report: func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (map[string]any, error) {
				r, err := o.ActivityImport.Import(ctx, by, path, today)
				return map[string]any{"N": r.Recorded, "M": r.Skipped}, err
			}},
		{name: calendarimport.Kind, spec: calendarimport.Spec, done: "cli.import.calendar.done",
			report: func(ctx context.Context, o *office.Office, by auth.Session, path string, today time.Time) (map[string]any, error) {
				r, err := o.CalendarImport.Import(ctx, by, path)
				return map[string]any{"N": r.Days, "Years": yearList(r.Years)}, err
			}},
	}
	plannedKinds = []string{}
)

func kindNames() string {
	names := make([]string, len(importKinds))
	for i, k := range importKinds {
		names[i] = k.name
	}
	return strings.Join(names, ", ")
}

// findKind picks the import kind named name, or says why not (a usage error).
func findKind(name string) (importKind, error) {
	for _, k := range importKinds {
		if k.name == name {
			return k, nil
		}
	}
	for _, p := range plannedKinds {
		if p == name {
			return importKind{}, usageError{locale.T("cli.import.kind_pending", map[string]any{"Kind": name, "Kinds": kindNames()})}
		}
	}
	return importKind{}, usageError{locale.T("cli.import.kind_unknown", map[string]any{"Kind": name, "Kinds": kindNames()})}
}

// positional parses a command's flags wherever they stand among its arguments
// ("template enterprises --out f.xlsx" as well as "template --out f.xlsx enterprises") and
// returns the other arguments; everything after "--" is an argument.
func (c *call) positional(name string, define func(*flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	var pos []string
	args := c.args
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{locale.T("cli.bad_flag", map[string]any{"Detail": err.Error()})}
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// exactly refuses a command line without exactly n arguments besides flags.
func exactly(pos []string, n int, missingKey string) error {
	switch {
	case len(pos) < n:
		return usageError{locale.T(missingKey, map[string]any{"Kinds": kindNames()})}
	case len(pos) > n:
		return usageError{locale.T("cli.extra_args", map[string]any{"Args": strings.Join(pos[n:], " ")})}
	}
	return nil
}

// runTemplate writes an empty import workbook: townledger template <kind> [--out FILE].
func runTemplate(ctx context.Context, c *call) error {
	var out string
	pos, err := c.positional("template", func(fs *flag.FlagSet) { fs.StringVar(&out, "out", "", "") })
	if err != nil {
		return err
	}
	if err := exactly(pos, 1, "cli.template.args"); err != nil {
		return err
	}
	k, err := findKind(pos[0])
	if err != nil {
		return err
	}
	if out == "" {
		out = k.spec.Title + "导入模板.xlsx"
	}
	write := func(path string) error { return workbook.WriteTemplate(k.spec, path) }
	if k.write != nil {
		write = k.write
	}
	if err := write(out); err != nil {
		return err
	}
	c.say("cli.template.done", map[string]any{"Path": out})
	return nil
}

// runImport imports a filled workbook, all rows or none: townledger import <kind> FILE.
// Each problem in the file is one line on stderr, then the summary is the failure line.
func runImport(ctx context.Context, c *call) error {
	pos, err := c.positional("import", func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if err := exactly(pos, 2, "cli.import.args"); err != nil {
		return err
	}
	k, err := findKind(pos[0])
	if err != nil {
		return err
	}
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer o.Close()
	// A damaged file is not written further: the import is refused, said in words.
	if err := o.Backup.CheckSound(ctx); err != nil {
		return err
	}
	var done map[string]any
	if k.report != nil {
		done, err = k.report(ctx, o, c.by, pos[1], c.env.Now())
	} else {
		var n int
		n, err = k.run(ctx, o, c.by, pos[1], c.env.Now())
		done = map[string]any{"N": n}
	}
	var probs *workbook.Problems
	if errors.As(err, &probs) {
		for _, line := range probs.Lines(func(key string, d map[string]any) string { return locale.T(key, d) }) {
			fmt.Fprintln(c.env.Stderr, line)
		}
	}
	if err != nil {
		return err
	}
	c.say(k.done, done)
	return nil
}

// yearList writes years as 2026、2027.
func yearList(years []int) string {
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = fmt.Sprint(y)
	}
	return strings.Join(parts, "、")
}
