package mail_test

import (
	"errors"
	"testing"

	"github.com/zalando/go-keyring"

	"townledger/app/mail"
)

func TestPasswordsLiveInTheKeyring(t *testing.T) {
	keyring.MockInit()
	const service, user = "TownLedger mail", "town@example.test"
	if _, err := mail.LoadPassword(service, user); !errors.Is(err, mail.ErrNoPassword) {
		t.Fatalf("load before save: %v, want ErrNoPassword", err)
	}
	if err := mail.SavePassword(service, user, "授权码-abc"); err != nil {
		t.Fatal(err)
	}
	if pw, err := mail.LoadPassword(service, user); err != nil || pw != "授权码-abc" {
		t.Fatalf("load = %q, %v", pw, err)
	}
	if err := mail.DeletePassword(service, user); err != nil {
		t.Fatal(err)
	}
	if err := mail.DeletePassword(service, user); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	if _, err := mail.LoadPassword(service, user); !errors.Is(err, mail.ErrNoPassword) {
		t.Errorf("load after delete: %v", err)
	}
}

func TestNoKeyringIsReportedSoCallersAskEachSession(t *testing.T) {
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	t.Cleanup(keyring.MockInit)
	for name, err := range map[string]error{
		"save":   mail.SavePassword("s", "u", "p"),
		"load":   func() error { _, err := mail.LoadPassword("s", "u"); return err }(),
		"delete": mail.DeletePassword("s", "u"),
	} {
		if !errors.Is(err, mail.ErrNoKeyring) {
			t.Errorf("%s: %v, want ErrNoKeyring", name, err)
		}
		wantProblem(t, err, mail.KeyNoKeyring)
	}
}
