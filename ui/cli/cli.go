// Package cli is TownLedger's command line: the same office and rules as the window, for
// scripts and scheduled tasks. Output a person reads is Chinese unless --lang en is given.
package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/office"
	"townledger/app/problem"
	"townledger/ui/locale"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFail    = 1 // the command ran and was refused or failed
	ExitUsage   = 2 // the command line itself is wrong
	ExitNothing = 3 // there was nothing to do (sent already and unchanged, an empty outbox); said on stdout
)

// Env is what a run may touch, so tests can give their own.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	Version        string
	// MailRoots verifies mail servers' certificates; nil = the system's roots (tests give
	// their throw-away CA).
	MailRoots *x509.CertPool
	// GUI opens the window on the database at path in language lang; nil in tests of the
	// headless commands.
	GUI func(path string) int
	// ReadPassword reads a password typed at the terminal without showing it (the prompt is
	// already written to Stderr); nil when standard input is no terminal (scripts, tests),
	// so only TOWNLEDGER_PASSWORD can give one. See TerminalPassword.
	ReadPassword func() (string, error)
}

type command struct {
	name string
	run  func(ctx context.Context, c *call) error
	who  access
}

// call is one command invocation with its parsed global options.
type call struct {
	env  Env
	db   string
	user string // --user
	args []string
	name string // the command's
	who  access
	// by is the signed-in user of a command that needs one (see access): c.open signs in.
	// The command's changes are recorded in the audit log under this user.
	by auth.Session
}

// commands, with who may run them. A command that changes the ledger or writes its data to
// a file runs as a signed-in user whose roles allow it, as in the window; import leaves the
// check to each kind's service, which refuses before it changes anything.
var commands = []command{
	{"init", runInit, nobody},
	{"demo", runDemo, needs(auth.LoadDemo)},
	{"backup", runBackup, needs(auth.ManageBackups)},
	{"verify", runVerify, nobody},
	{"restore", runRestore, needs(auth.ManageBackups)}, // signs in itself: the ledger may be gone or damaged
	{"template", runTemplate, nobody},
	{"import", runImport, signedIn},
	{"export-catalog", runExportCatalog, needs(auth.EditCatalog)},
	{"disclosure", runDisclosure, signedIn},
	{"doc", runDoc, needs(auth.EditCases)}, // keeps the document produced with the case
	{"dossier", runDossier, signedIn},
	{"export", runExport, needs(auth.ExportReports)},
	{"send", runSend, needs(auth.ExportReports)},
	{"mail set", runMailSet, needs(auth.ManageSettings)}, // as the window's mail settings
	{"mail test", runMailTest, needs(auth.ExportReports)},
	{"status", runStatus, signedIn},
	// District mode. "district towns template" and "… import" stand before "district towns",
	// which would take them as its arguments.
	{"district towns template", runDistrictTownsTemplate, nobody},
	{"district towns import", runDistrictTownsImport, needs(auth.ManageSettings)}, // an administrator keeps the register
	{"district towns", runDistrictTowns, signedIn},
	{"district mode", runDistrictMode, signedIn},                  // setting it is the administrator's (the service checks)
	{"district pull", runDistrictPull, needs(auth.ExportReports)}, // whoever may export reports takes them in
	{"district status", runDistrictStatus, signedIn},
	{"district consolidate", runDistrictConsolidate, needs(auth.ExportReports)}, // whoever may export reports
	{"district remind", runDistrictRemind, needs(auth.ExportReports)},           // mails the towns that have not reported
	{"district report", runDistrictReport, needs(auth.ExportReports)},           // the year figures of the annual report
	{"district publish", runDistrictPublish, needs(auth.ManageSettings)},        // an administrator signs the package off
	{"package check", runPackageCheck, signedIn},                                // the district's package: what it would change
	{"package apply", runPackageApply, needs(auth.ManageSettings)},              // the administrator applies it
}

// usageError marks a wrong command line (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// nothingToDo ends a command that found nothing to do (exit 3); msg, if not empty, is said
// on stdout: it is no failure.
type nothingToDo struct{ msg string }

func (e nothingToDo) Error() string { return e.msg }

// Run executes args (without the program name) and returns the exit status.
func Run(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	fs := flag.NewFlagSet("townledger", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	user := fs.String("user", "", "")
	lang := fs.String("lang", locale.Default, "")
	version := fs.Bool("version", false, "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	err := fs.Parse(args)
	if useErr := locale.Use(*lang); useErr != nil {
		_ = locale.Use(locale.Default)
		fmt.Fprintln(env.Stderr, "townledger: "+locale.T("cli.bad_lang", map[string]any{"Lang": *lang}))
		return ExitUsage
	}
	switch {
	case err != nil:
		fmt.Fprintln(env.Stderr, "townledger: "+locale.T("cli.bad_flag", map[string]any{"Detail": err.Error()}))
		return ExitUsage
	case *help:
		fmt.Fprint(env.Stdout, usage())
		return ExitOK
	case *version:
		fmt.Fprintln(env.Stdout, "TownLedger "+env.Version)
		return ExitOK
	}
	path := office.DBPath(*db, env.Getenv)
	rest := fs.Args()
	if len(rest) == 0 {
		if env.GUI == nil {
			fmt.Fprint(env.Stderr, usage())
			return ExitUsage
		}
		return env.GUI(path)
	}
	for _, c := range commands {
		words := strings.Fields(c.name) // "mail set" is two
		if len(rest) < len(words) || !slices.Equal(rest[:len(words)], words) {
			continue
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		cl := &call{env: env, db: path, user: *user, args: rest[len(words):], name: c.name, who: c.who}
		err := c.run(ctx, cl)
		if err == nil && c.who.user && cl.by.UserID == "" {
			// A command that needs a user finished without opening the ledger; its table entry
			// is wrong. Tests of each command catch this.
			err = fmt.Errorf("command %s ran without signing its user in", c.name)
		}
		return report(env, err)
	}
	if subs := subcommands(rest[0]); len(subs) > 0 {
		fmt.Fprintln(env.Stderr, "townledger: "+locale.T("cli.subcommand", map[string]any{"Name": rest[0],
			"Subs": strings.Join(subs, locale.T("cli.or"))}))
		return ExitUsage
	}
	fmt.Fprintln(env.Stderr, "townledger: "+locale.T("cli.unknown_command", map[string]any{"Name": rest[0]}))
	return ExitUsage
}

// subcommands are the commands that begin with word ("mail set", "mail test" for mail).
func subcommands(word string) []string {
	var out []string
	for _, c := range commands {
		if w := strings.Fields(c.name); len(w) > 1 && w[0] == word {
			out = append(out, "townledger "+c.name)
		}
	}
	return out
}

// usage is the --help text, naming the kinds of import templates as the program has them.
func usage() string {
	return locale.T("cli.usage", map[string]any{"Kinds": strings.ReplaceAll(kindNames(), ", ", " ")})
}

// report prints a failure as one line on stderr and picks the exit status.
func report(env Env, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(env.Stderr, "townledger: "+ue.msg)
		return ExitUsage
	}
	var nothing nothingToDo
	if errors.As(err, &nothing) {
		if nothing.msg != "" {
			fmt.Fprintln(env.Stdout, nothing.msg)
		}
		return ExitNothing
	}
	fmt.Fprintln(env.Stderr, "townledger: "+oneLine(err))
	return ExitFail
}

func oneLine(err error) string {
	lines := locale.Lines(err)
	for i := range len(lines) - 1 {
		lines[i] = strings.TrimRight(lines[i], "。.") // the separator ends each sentence but the last
	}
	return strings.ReplaceAll(strings.Join(lines, locale.T("cli.separator")), "\n", " ")
}

// flags parses a command's own flags; it refuses stray arguments.
func (c *call) flags(name string, define func(*flag.FlagSet)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	if err := fs.Parse(c.args); err != nil {
		return usageError{locale.T("cli.bad_flag", map[string]any{"Detail": err.Error()})}
	}
	if fs.NArg() > 0 {
		return usageError{locale.T("cli.extra_args", map[string]any{"Args": strings.Join(fs.Args(), " ")})}
	}
	return nil
}

func (c *call) say(key string, data map[string]any) {
	fmt.Fprintln(c.env.Stdout, locale.T(key, data))
}

func problemNew(key string) error { return problem.New(key, nil) }
