// Package district is TownLedger's district mode: the district's register of towns, the
// intake of the period workbooks they send, merged by record UUID into the versions in
// force, and who sent what for a period.
package district

import (
	"context"
	"fmt"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/data"
)

// ModeKey is the setting that says whether the office is a town's or a district's.
const ModeKey = settings.OfficeMode

// Office modes.
const (
	ModeTown     = "town"                // a town's ledger (the default)
	ModeDistrict = settings.ModeDistrict // a district bureau collecting its towns' reports
)

// Refusal keys.
const (
	KeyBadMode         = "district.mode.invalid"
	KeyNameEmpty       = "district.town.name.empty"
	KeyNameLong        = "district.town.name.long"
	KeyKindInvalid     = "district.town.kind.invalid"
	KeyCodeTaken       = "district.town.code.taken"
	KeyTextLong        = "district.town.text.long"
	KeyTownUnknown     = "district.intake.town_unknown"
	KeySenderUnknown   = "district.intake.sender_unknown"
	KeyNotWorkbook     = "district.intake.not_xlsx"
	KeyUnreadable      = "district.intake.unreadable"
	KeyNoPeriod        = "district.intake.no_period"
	KeyDuplicateRecord = "district.intake.duplicate_record"
	KeyFolderMissing   = "district.pull.no_folder"
	KeyFolderUnusable  = "district.pull.folder_unreadable"
)

// Keys lists the package's translation keys, for the completeness tests.
func Keys() []string {
	return []string{KeyBadMode, KeyNameEmpty, KeyNameLong, KeyKindInvalid, KeyCodeTaken, KeyTextLong, KeyTownUnknown,
		KeySenderUnknown, KeyNotWorkbook, KeyUnreadable, KeyNoPeriod, KeyDuplicateRecord, KeyFolderMissing, KeyFolderUnusable,
		"district.kind.town", "district.kind.centre"}
}

// Service is this package's work on one open ledger, for the window and the command line,
// which hold a Service and never the database itself.
type Service struct{ store *data.Store }

// NewService binds the package to a ledger.
func NewService(s *data.Store) Service { return Service{store: s} }

// Mode says whether the office is a town's (ModeTown, also before it is chosen) or a
// district's (ModeDistrict).
func Mode(ctx context.Context, store *data.Store) (string, error) {
	v, ok, err := store.Setting(ctx, ModeKey)
	if err != nil {
		return "", fmt.Errorf("read the office's mode: %w", err)
	}
	if !ok || v != ModeDistrict {
		return ModeTown, nil
	}
	return ModeDistrict, nil
}

// SetMode makes the office a town's or a district's; only an administrator may.
func SetMode(ctx context.Context, store *data.Store, by auth.Session, mode string) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	if mode != ModeTown && mode != ModeDistrict {
		return problem.New(KeyBadMode, map[string]any{"Mode": mode})
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error { return tx.SetSetting(ModeKey, mode) })
}

// Mode is the package's Mode on this ledger.
func (v Service) Mode(ctx context.Context) (string, error) { return Mode(ctx, v.store) }

// SetMode is the package's SetMode on this ledger.
func (v Service) SetMode(ctx context.Context, by auth.Session, mode string) error {
	return SetMode(ctx, v.store, by, mode)
}

// Towns is the package's Towns on this ledger.
func (v Service) Towns(ctx context.Context) ([]data.DistrictTown, error) { return Towns(ctx, v.store) }

// AddTown is the package's AddTown on this ledger.
func (v Service) AddTown(ctx context.Context, by auth.Session, t Town) (string, error) {
	return AddTown(ctx, v.store, by, t)
}

// UpdateTown is the package's UpdateTown on this ledger.
func (v Service) UpdateTown(ctx context.Context, by auth.Session, t Town) error {
	return UpdateTown(ctx, v.store, by, t)
}

// RemoveTown is the package's RemoveTown on this ledger.
func (v Service) RemoveTown(ctx context.Context, by auth.Session, id string) error {
	return RemoveTown(ctx, v.store, by, id)
}

// ImportTowns is the package's ImportTowns on this ledger.
func (v Service) ImportTowns(ctx context.Context, by auth.Session, path string) (int, error) {
	return ImportTowns(ctx, v.store, by, path)
}

// Intake is the package's Intake on this ledger.
func (v Service) Intake(ctx context.Context, by auth.Session, src Source) (Outcome, error) {
	return Intake(ctx, v.store, by, src)
}

// PullFolder is the package's PullFolder on this ledger.
func (v Service) PullFolder(ctx context.Context, by auth.Session, dir string, say func(error) string) ([]Outcome, error) {
	return PullFolder(ctx, v.store, by, dir, say)
}

// Status is the package's Status on this ledger.
func (v Service) Status(ctx context.Context, period string) ([]TownStatus, error) {
	return Status(ctx, v.store, period)
}
