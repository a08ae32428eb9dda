// Command townledger is the town emergency-management enforcement ledger: a desktop window
// by default, and headless commands for scripts (see `townledger --help`).
package main

import (
	_ "embed"
	"os"
	"regexp"

	fyneapp "fyne.io/fyne/v2/app"

	"townledger/ui"
	"townledger/ui/cli"
)

// fyneApp is the app metadata; its Version is the one version number of every build.
//
//go:embed FyneApp.toml
var fyneApp string

// subsystem is "console" in the Windows command-line build (townledger.exe), set by
// build/windows.sh; the window build and other systems keep "gui".
var subsystem = "gui"

func main() {
	console := subsystem == "console"
	cli.PrivateFiles()
	stdout, stderr := cli.Stdio(console)
	os.Exit(cli.Run(os.Args[1:], cli.Env{Stdout: stdout, Stderr: stderr, Version: version(),
		ReadPassword: cli.TerminalPassword(), GUI: func(path string) int {
			if console && cli.StartWindowBeside(os.Args[1:]) {
				return 0 // the window program took over; the console is free again
			}
			return ui.RunWindow(fyneapp.NewWithID("cn.gov.townledger"), path, version(), os.Getenv)
		}}))
}

func version() string {
	if m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(fyneApp); m != nil {
		return m[1]
	}
	return "dev"
}
