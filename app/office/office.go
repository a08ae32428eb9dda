// Package office opens an office's ledger and hands the window and the command line the
// services they work with.
package office

import (
	"context"
	"os"
	"path/filepath"
	"runtime"

	"townledger/app/auth"
	"townledger/data"
)

// EnvDB is the environment variable that overrides the database path.
const EnvDB = "TOWNLEDGER_DB"

// Office is an open ledger.
type Office struct {
	Store *data.Store
	Users *auth.Users
}

// Open opens the ledger at path, creating and migrating it if needed.
func Open(ctx context.Context, path string) (*Office, error) {
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		return nil, err
	}
	return &Office{Store: s, Users: auth.NewUsers(s)}, nil
}

// Close closes the database.
func (o *Office) Close() error { return o.Store.Close() }

// DBPath chooses the database: the --db flag, then TOWNLEDGER_DB, then the per-user data
// directory (%LOCALAPPDATA%\TownLedger on Windows, ~/.local/share/TownLedger elsewhere).
func DBPath(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	if p := getenv(EnvDB); p != "" {
		return p
	}
	return filepath.Join(dataDir(getenv), "TownLedger", "townledger.db")
}

func dataDir(getenv func(string) string) string {
	if runtime.GOOS == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return d
		}
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return d
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share")
	}
	return "."
}
