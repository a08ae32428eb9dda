// Package office opens an office's ledger and hands the window and the command line the
// services they work with. They hold an Office, never the database: every read and write
// goes through the app's services (and their rules), so the rules cannot be bypassed.
package office

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"

	"townledger/app/activityimport"
	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/calendarimport"
	"townledger/app/caseimport"
	"townledger/app/cases"
	"townledger/app/catalog"
	"townledger/app/demo"
	"townledger/app/disclosure"
	"townledger/app/district"
	"townledger/app/drafts"
	"townledger/app/outbox"
	"townledger/app/parties"
	"townledger/app/publicity"
	"townledger/app/report"
	"townledger/app/rulesets"
	"townledger/app/settings"
	"townledger/app/setup"
	"townledger/app/training"
	"townledger/app/trainingimport"
	"townledger/data"
)

// EnvDB is the environment variable that overrides the database path.
const EnvDB = "TOWNLEDGER_DB"

// Office is an open ledger and the services that work on it.
type Office struct {
	store *data.Store

	Users          *auth.Users
	Cases          *cases.Service
	Catalog        catalog.Service
	Parties        parties.Service
	Training       training.Service
	Publicity      publicity.Service
	Settings       settings.Service
	Law            rulesets.Service
	Setup          setup.Service
	Demo           demo.Service
	Report         report.Service
	Outbox         outbox.Service
	Disclosure     disclosure.Service
	Backup         backup.Service
	CaseImport     caseimport.Service
	TrainingImport trainingimport.Service
	ActivityImport activityimport.Service
	CalendarImport calendarimport.Service
	Drafts         drafts.Service
	District       district.Service
}

// Open opens the ledger at path, creating and migrating it if needed.
func Open(ctx context.Context, path string) (*Office, error) {
	return open(ctx, path, data.Options{})
}

// OpenExisting opens the ledger at path and migrates it if needed, but never creates one:
// a path that names no file is refused with an error IsMissing recognises, and no folder or
// file is made. The command line opens ledgers so, as a mistyped --db must not start an
// empty ledger.
func OpenExisting(ctx context.Context, path string) (*Office, error) {
	return open(ctx, path, data.Options{MustExist: true})
}

// IsMissing reports whether err is OpenExisting's refusal of a path that names no file.
func IsMissing(err error) bool { return data.KindOf(err) == data.ErrMissing }

func open(ctx context.Context, path string, opt data.Options) (*Office, error) {
	// Before the file is opened: a restore cut between its renames left no ledger, which
	// this finishes; a killed backup's copy goes.
	if r, err := backup.Recover(path); err != nil {
		log.Printf("tidy up backups and restores cut short: %v", err)
	} else if r != (backup.Recovered{}) {
		log.Printf("backups and restores cut short: %+v", r)
	}
	s, err := data.Open(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	// A ledger set up with an older program gets the holiday schedules shipped since.
	if _, ok, err := s.Town(ctx); err == nil && ok {
		if _, err := settings.AddBuiltinYears(ctx, s); err != nil {
			s.Close()
			return nil, fmt.Errorf("add the built-in holiday schedules: %w", err)
		}
		if err := rulesets.AdoptOldDefaults(ctx, s); err != nil {
			s.Close()
			return nil, fmt.Errorf("adopt the rule sets: %w", err)
		}
	}
	finishInterrupted(ctx, s)
	return &Office{store: s, Users: auth.NewUsers(s), Cases: cases.New(s),
		Catalog: catalog.NewService(s), Parties: parties.NewService(s), Training: training.NewService(s),
		Publicity: publicity.NewService(s), Settings: settings.NewService(s), Law: rulesets.NewService(s), Setup: setup.NewService(s),
		Demo: demo.NewService(s), Report: report.NewService(s), Outbox: outbox.NewService(s),
		Disclosure: disclosure.NewService(s), Backup: backup.NewService(s), CaseImport: caseimport.NewService(s),
		TrainingImport: trainingimport.NewService(s), ActivityImport: activityimport.NewService(s),
		CalendarImport: calendarimport.NewService(s),
		Drafts:         drafts.NewService(s), District: district.NewService(s)}, nil
}

// Close closes the database.
func (o *Office) Close() error { return o.store.Close() }

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
