package mail

import (
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"

	"townledger/app/problem"
)

// Passwords and authorisation codes live only in the operating system's keyring
// (Windows Credential Manager, macOS Keychain, the Secret Service on Linux): never in the
// database or a settings file, which are backed up and copied around.

var (
	// ErrNoKeyring means the computer offers no keyring (e.g. Linux without a Secret
	// Service): ask for the password each session instead of saving it.
	ErrNoKeyring = errors.New("no keyring available")
	// ErrNoPassword means no password is saved for that account.
	ErrNoPassword = errors.New("no password saved")
)

// SavePassword stores the password for user under service (e.g. "TownLedger mail").
func SavePassword(service, user, password string) error {
	return keyringError("save", keyring.Set(service, user, password))
}

// LoadPassword returns the saved password; the error matches ErrNoPassword when none
// is saved and ErrNoKeyring when there is no keyring.
func LoadPassword(service, user string) (string, error) {
	pw, err := keyring.Get(service, user)
	return pw, keyringError("load", err)
}

// DeletePassword forgets the saved password; forgetting one that is not saved is fine.
func DeletePassword(service, user string) error {
	err := keyring.Delete(service, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return keyringError("delete", err)
}

// keyringError explains a keyring failure. The person-facing error unwraps to the
// sentinel, so callers can tell "ask each time" from a real failure with errors.Is.
func keyringError(op string, err error) error {
	if err == nil {
		return nil
	}
	var p *problem.Error
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		p = problem.OnField("password", KeyNoPassword, nil)
		p.Err = fmt.Errorf("%s password: %w (%v)", op, ErrNoPassword, err)
	case errors.Is(err, keyring.ErrSetDataTooBig):
		p = problem.New(KeyKeyring, map[string]any{"Detail": err.Error()})
		p.Err = fmt.Errorf("%s password: %w", op, err)
	default:
		// Unsupported platform, no Secret Service on the session bus, a locked or
		// refused keyring: in every case there is nowhere to keep the password.
		p = problem.New(KeyNoKeyring, nil)
		p.Err = fmt.Errorf("%s password: %w (%v)", op, ErrNoKeyring, err)
	}
	return p
}
