//go:build !windows

package cli

import (
	"io"
	"os"
)

// Stdio is where commands write: the process's own output outside Windows.
func Stdio(console bool) (stdout, stderr io.Writer) { return os.Stdout, os.Stderr }

// StartWindowBeside is for the Windows command-line build only.
func StartWindowBeside([]string) bool { return false }
