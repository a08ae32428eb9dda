//go:build !windows

package cli

import "syscall"

// PrivateFiles makes every file the program creates from now on readable by the user only
// (mode 0600, folders 0700), whatever umask it was started with: the ledger, its backups,
// the exported workbooks and the logs hold ID numbers and the office's records. The
// database file is also created 0600 explicitly (data.Open), so tests and other callers get
// that without this.
func PrivateFiles() { syscall.Umask(0o077) }
