package cli

import (
	"os"

	"golang.org/x/term"
)

// TerminalPassword reads passwords typed at the terminal without echo, for Env.ReadPassword;
// nil when standard input is not a terminal (a script, a scheduled task, a pipe), where only
// TOWNLEDGER_PASSWORD can give the password.
func TerminalPassword() func() (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil
	}
	return func() (string, error) {
		b, err := term.ReadPassword(fd)
		return string(b), err
	}
}
