// Command townledger is the town emergency-management enforcement ledger: a desktop window
// by default, and headless commands for scripts (see `townledger --help`).
package main

import (
	"context"
	_ "embed"
	"os"
	"regexp"

	fyneapp "fyne.io/fyne/v2/app"

	"townledger/app/office"
	"townledger/app/settings"
	"townledger/ui"
	"townledger/ui/cli"
)

// fyneApp is the app metadata; its Version is the one version number of every build.
//
//go:embed FyneApp.toml
var fyneApp string

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: version(), GUI: openWindow}))
}

func version() string {
	if m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(fyneApp); m != nil {
		return m[1]
	}
	return "dev"
}

func openWindow(path string) int {
	a := fyneapp.NewWithID("cn.gov.townledger")
	a.SetIcon(ui.Icon())
	o, err := office.Open(context.Background(), path)
	if err != nil {
		ui.ShowOpenFailure(a, err, settings.Languages[0]).ShowAndRun()
		return 1
	}
	defer o.Close()
	u := ui.New(a, o, version())
	u.Start()
	u.Win.ShowAndRun()
	return 0
}
